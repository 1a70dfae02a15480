"""Signs of Safety aggregates against values computed by hand.

Five trajectories of one intervention in one wijk, all started in 2025, scored by the
hulpverlener (H) and a parent (O) at start and afsluiting:

    traject  H start  H afsl  O start  O afsl
    T1       2        6       3        7
    T2       3        7       5        6
    T3       4        6       4        8
    T4       2        8       2        5
    T5       5        5       6        6

T1 also has two tussentijdse H scores, 4 and 5 (its value there: their mean, 4.5).
"""

import datetime
import math

import pytest

from monitoring.models import SosScore
from monitoring.services import sos_aggregaten, t975

from .factories import InterventieFactory, SosScoreFactory

TABEL = {
    "T1": (2, 6, 3, 7),
    "T2": (3, 7, 5, 6),
    "T3": (4, 6, 4, 8),
    "T4": (2, 8, 2, 5),
    "T5": (5, 5, 6, 6),
}
START, EIND = datetime.date(2025, 2, 1), datetime.date(2025, 11, 1)


@pytest.fixture
def scores(regio, wijken, stevig):
    for naam, (h0, h1, o0, o1) in TABEL.items():
        code = f"ALM-2025-00{naam[1]}"
        for moment, perspectief, score, datum in [
            ("start", "hulpverlener", h0, START),
            ("afsluiting", "hulpverlener", h1, EIND),
            ("start", "ouder", o0, START),
            ("afsluiting", "ouder", o1, EIND),
        ]:
            SosScoreFactory(
                regio=regio,
                traject=code,
                interventie=stevig,
                wijk=wijken[0],
                moment=moment,
                perspectief=perspectief,
                score=score,
                datum=datum,
            )
    for score, datum in [(4, datetime.date(2025, 5, 1)), (5, datetime.date(2025, 7, 1))]:
        SosScoreFactory(
            regio=regio,
            traject="ALM-2025-001",
            interventie=stevig,
            wijk=wijken[0],
            moment="tussentijds",
            score=score,
            datum=datum,
        )
    # A sixth trajectory of another intervention in another wijk: a cell of its own (n = 1).
    anders = InterventieFactory(code="test-anders", naam="Test Ander Programma")
    for moment, score in [("start", 9), ("afsluiting", 10)]:
        SosScoreFactory(
            regio=regio,
            traject="ALM-2025-006",
            interventie=anders,
            wijk=wijken[1],
            moment=moment,
            score=score,
            datum=START,
        )
    return SosScore.objects.filter(regio=regio)


def test_the_t_quantiles():
    assert t975(4) == 2.7764
    assert t975(30) == 2.0423
    assert t975(40) == pytest.approx(2.0211, abs=5e-4)
    assert t975(120) == pytest.approx(1.9799, abs=5e-4)


def test_the_cell_of_five_trajectories(scores, stevig, wijken):
    cellen = sos_aggregaten(scores)
    assert [(c.interventie, c.wijk, c.periode) for c in cellen] == [
        ("Test Ander Programma", "Stad", 2025),
        ("Test Stevig Ouderschap", "Haven", 2025),
    ]
    # Next to the cell of one, the five are hidden as well (the regio total minus them would
    # give the one); on their own, filtered to the intervention, they are shown.
    assert cellen[1].n.label == "afgeschermd"
    (cel,) = sos_aggregaten(scores.filter(interventie=stevig))
    assert cel.n.waarde == 5 and cel.wijk_code == "WK003401"

    gem = cel.gemiddelden
    assert gem[("start", "hulpverlener")].waarde.waarde == 3.2  # (2+3+4+2+5)/5 = 16/5
    assert gem[("afsluiting", "hulpverlener")].waarde.waarde == 6.4  # (6+7+6+8+5)/5 = 32/5
    assert gem[("start", "ouder")].waarde.waarde == 4.0  # (3+5+4+2+6)/5 = 20/5
    assert gem[("start", "ouder")].waarde.label == "4,0"
    assert gem[("afsluiting", "ouder")].waarde.waarde == 6.4  # (7+6+8+5+6)/5 = 32/5
    assert gem[("start", "hulpverlener")].n.waarde == 5

    # Hulpverlener: differences 4, 4, 2, 6, 0; mean 16/5 = 3.2; squared deviations
    # 0.64 + 0.64 + 1.44 + 7.84 + 10.24 = 20.8; sd = √(20.8/4) = √5.2 = 2.2804;
    # half width 2.7764 · 2.2804 / √5 = 2.8314: 0.3686 to 6.0314.
    h = cel.verandering["hulpverlener"]
    assert h.n.waarde == 5
    assert h.gemiddelde.waarde == 3.2
    half = 2.7764 * math.sqrt(5.2) / math.sqrt(5)
    assert half == pytest.approx(2.8314, abs=1e-4)
    assert (h.ondergrens.waarde, h.bovengrens.waarde) == (0.4, 6.0)
    assert h.ondergrens.label == "0,4"

    # Ouder: differences 4, 1, 4, 3, 0; mean 12/5 = 2.4; squared deviations
    # 2.56 + 1.96 + 2.56 + 0.36 + 5.76 = 13.2; sd = √3.3 = 1.8166;
    # half width 2.7764 · 1.8166 / √5 = 2.2556: 0.1444 to 4.6556.
    o = cel.verandering["ouder"]
    assert o.gemiddelde.waarde == 2.4
    assert (o.ondergrens.waarde, o.bovengrens.waarde) == (0.1, 4.7)

    # Agreement, |H − O| per trajectory: start 1, 2, 0, 0, 1 → 4/5 = 0.8;
    # afsluiting 1, 1, 2, 3, 1 → 8/5 = 1.6.
    assert cel.overeenstemming[("start", "ouder")].waarde.waarde == 0.8
    assert cel.overeenstemming[("afsluiting", "ouder")].waarde.waarde == 1.6
    assert cel.overeenstemming[("start", "ouder")].n.waarde == 5


def test_statistics_over_fewer_trajectories_inside_a_shown_cell_are_suppressed(scores, stevig):
    (cel,) = sos_aggregaten(scores.filter(interventie=stevig))
    tussentijds = cel.gemiddelden[("tussentijds", "hulpverlener")]  # only T1: 4.5
    assert tussentijds.waarde.waarde is None and tussentijds.waarde.label == "< 5"
    assert tussentijds.n.label == "< 5"
    kind = cel.verandering["kind"]  # nobody asked the children
    assert kind.gemiddelde.waarde is None and kind.ondergrens.label == "—"  # none, not "< 5"
    assert cel.overeenstemming[("start", "kind")].waarde.waarde is None


def test_other_groupings(scores):
    (alles,) = sos_aggregaten(scores, per=())
    assert alles.n.waarde == 6 and alles.interventie is None and alles.periode is None
    # With T6 (H start 9): (16 + 9) / 6 = 4.1667.
    assert alles.gemiddelden[("start", "hulpverlener")].waarde.waarde == 4.2
    per_wijk = sos_aggregaten(scores, per=("wijk",))
    assert [(c.wijk, c.n.label) for c in per_wijk] == [("Haven", "afgeschermd"), ("Stad", "< 5")]
    with pytest.raises(ValueError):
        sos_aggregaten(scores, per=("leeftijd",))


def test_a_trajectory_stays_in_the_year_it_started(regio, wijken, stevig):
    for i in range(5):
        for moment, score, datum in [
            ("start", 3, datetime.date(2025, 12, 1)),
            ("afsluiting", 7, datetime.date(2026, 4, 1)),
        ]:
            SosScoreFactory(
                regio=regio,
                traject=f"ALM-2025-10{i}",
                interventie=stevig,
                wijk=wijken[0],
                moment=moment,
                score=score,
                datum=datum,
            )
    (cel,) = sos_aggregaten(SosScore.objects.all())
    assert cel.periode == 2025
    v = cel.verandering["hulpverlener"]
    # Five differences of 4: mean 4, sd 0, so the interval is 4 to 4.
    assert (v.gemiddelde.waarde, v.ondergrens.waarde, v.bovengrens.waarde) == (4.0, 4.0, 4.0)


def test_a_programme_outside_the_catalogue_is_its_own_group(regio, wijken):
    for i in range(5):
        SosScoreFactory(
            regio=regio,
            traject=f"ALM-2025-20{i}",
            interventie=None,
            programma="Buurtgezinnen" if i < 3 else "buurtgezinnen",
            wijk=wijken[0],
        )
    (cel,) = sos_aggregaten(SosScore.objects.all(), per=("interventie",))
    assert cel.interventie == "Buurtgezinnen" and cel.n.waarde == 5
