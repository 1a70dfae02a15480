"""Fewer than 5 trajectories: no number of the cell leaves the service, whatever the grouping."""

import dataclasses
import datetime
import itertools

import pytest

from monitoring.models import SosScore
from monitoring.services import SOS_INDELINGEN, sos_aggregaten
from portal.disclosure import MIN_TRAJECTEN, Cell, aantal_eenheden, per_eenheden

from .factories import SosScoreFactory

INDELINGEN = [c for r in range(4) for c in itertools.combinations(SOS_INDELINGEN, r)]


def trajecten(regio, wijk, interventie, aantal, eerste=0):
    for i in range(eerste, eerste + aantal):
        for moment, perspectief, score in [
            ("start", "hulpverlener", 2 + i % 3),
            ("afsluiting", "hulpverlener", 6 + i % 4),
            ("start", "ouder", 3),
            ("afsluiting", "ouder", 7),
            ("start", "kind", 1 + i % 5),
            ("afsluiting", "kind", 8),
            ("tussentijds", "hulpverlener", 5),
        ]:
            SosScoreFactory(
                regio=regio,
                traject=f"ALM-2025-{i:04d}",
                interventie=interventie,
                wijk=wijk,
                moment=moment,
                perspectief=perspectief,
                score=score,
                datum=datetime.date(2025, 3, 1) if moment == "start" else datetime.date(2025, 9, 1),
            )


def getallen(waarde, pad="cel"):
    """Every number anywhere in the output, with where it sits."""
    if isinstance(waarde, bool) or waarde is None or isinstance(waarde, str):
        return []
    if isinstance(waarde, int | float):
        return [(pad, waarde)]
    if dataclasses.is_dataclass(waarde):
        waarde = {f.name: getattr(waarde, f.name) for f in dataclasses.fields(waarde)}
    if isinstance(waarde, dict):
        return [g for k, v in waarde.items() for g in getallen(v, f"{pad}.{k}")]
    if isinstance(waarde, list | tuple):
        return [g for i, v in enumerate(waarde) for g in getallen(v, f"{pad}[{i}]")]
    raise AssertionError(f"{pad}: unexpected {type(waarde)}")


def test_the_rule_lives_in_the_disclosure_module():
    assert MIN_TRAJECTEN == 5
    assert per_eenheden(7.25, 4) == Cell(None, "< 5", onderdrukt=True)
    assert per_eenheden(7.25, 5) == Cell(7.2, "7,2")  # rounded half to even: 7.25 → 7.2
    assert per_eenheden(-1.0, 5).label == "-1,0"  # a negative change is no small count
    assert aantal_eenheden(4).label == "< 5" and aantal_eenheden(0).waarde is None
    # Nobody behind a statistic is no secret, and "< 5" would read as "a few".
    assert per_eenheden(None, 0) == Cell(None, "—")
    assert aantal_eenheden(5) == Cell(5, "5")


@pytest.mark.parametrize("per", INDELINGEN)
def test_four_trajectories_show_nothing(regio, wijken, stevig, per):
    trajecten(regio, wijken[0], stevig, 4)
    (cel,) = sos_aggregaten(SosScore.objects.filter(regio=regio), per=per)
    assert cel.onderdrukt
    assert all(c.waarde is None and c.label == "< 5" and c.onderdrukt for c in cel.cellen())
    # Nothing but the period of the grouping is a number anywhere in the output.
    assert [p for p, _ in getallen(cel)] == (["cel.periode"] if "periode" in per else [])


@pytest.mark.parametrize("per", INDELINGEN)
def test_five_trajectories_show_their_numbers(regio, wijken, stevig, per):
    trajecten(regio, wijken[0], stevig, 5)
    (cel,) = sos_aggregaten(SosScore.objects.filter(regio=regio), per=per)
    assert not cel.onderdrukt and cel.n.label == "5"
    assert cel.verandering["kind"].gemiddelde.toonbaar
    # Every statistic that five trajectories feed is shown; the tussentijdse ouder and kind
    # scores nobody gave stay "< 5".
    verborgen = {
        ("tussentijds", "ouder"),
        ("tussentijds", "kind"),
    }
    for sleutel, stat in cel.gemiddelden.items():
        assert stat.waarde.toonbaar == (sleutel not in verborgen), sleutel
    for sleutel, stat in cel.overeenstemming.items():
        assert stat.waarde.toonbaar == (sleutel[0] != "tussentijds"), sleutel


def test_a_small_cell_next_to_a_large_one(regio, wijken, stevig):
    trajecten(regio, wijken[0], stevig, 7)
    trajecten(regio, wijken[1], stevig, 3, eerste=100)
    groot, klein = sos_aggregaten(SosScore.objects.filter(regio=regio), per=("wijk",))
    assert (klein.wijk, klein.n.label) == ("Stad", "< 5")
    assert [p for p, _ in getallen(klein)] == []
    # Together they are a cell of 10 that may be shown ...
    (samen,) = sos_aggregaten(SosScore.objects.filter(regio=regio), per=("interventie",))
    assert samen.n.label == "10"
    # ... so the large one is hidden too: the total minus it would give the small one.
    assert (groot.wijk, groot.n.label) == ("Haven", "afgeschermd")
    assert [p for p, _ in getallen(groot)] == []


def test_a_statistic_fed_by_four_trajectories_of_a_shown_cell_is_hidden(regio, wijken, stevig):
    trajecten(regio, wijken[0], stevig, 6)
    # Only four trajectories have a kind score at afsluiting.
    SosScore.objects.filter(
        regio=regio,
        perspectief="kind",
        moment="afsluiting",
        traject__in=["ALM-2025-0000", "ALM-2025-0001"],
    ).delete()
    (cel,) = sos_aggregaten(SosScore.objects.filter(regio=regio), per=())
    assert cel.n.label == "6"
    assert cel.gemiddelden[("afsluiting", "kind")].waarde.label == "< 5"
    kind = cel.verandering["kind"]
    assert [kind.n.label, kind.gemiddelde.label, kind.ondergrens.label, kind.bovengrens.label] == [
        "< 5"
    ] * 4
    assert cel.overeenstemming[("afsluiting", "kind")].waarde.waarde is None
    assert cel.gemiddelden[("start", "kind")].waarde.toonbaar  # six trajectories there
