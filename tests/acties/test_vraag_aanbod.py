"""The vraag-aanbod-analyse: per wijk the estimated need next to the capacity that reaches it."""

import pytest

from acties import services
from acties.models import Interventie
from tests.factories import AanbodFactory, GebiedFactory, SchattingFactory, WijkFactory

pytestmark = pytest.mark.django_db


def per_wijk(regels):
    return {r.wijk.code: r for r in regels}


def test_without_aanbod_the_whole_need_is_a_gap(regio, almere):
    regels = services.vraag_aanbod(regio)
    assert [r.wijk.code for r in regels] == [w.code for w in almere]  # largest gap first
    eerste = regels[0]
    assert (eerste.jaar, eerste.behoefte, eerste.capaciteit, eerste.tekort) == (2024, 60, 0, 60)
    assert (eerste.ondergrens, eerste.bovengrens) == (6.0, 15.0)
    assert eerste.dekking == 0
    assert len(services.tekorten(regels)) == 6


def test_aanbod_for_named_wijken_is_shared_in_proportion_to_need(regio, almere):
    # 55 families a year for wijk 1 (need 60) and wijk 2 (need 50): 30 and 25.
    aanbod = AanbodFactory(regio=regio, capaciteit_per_jaar=55, voorziening="Gezinscoach")
    aanbod.wijken.add(almere[0], almere[1])
    regels = per_wijk(services.vraag_aanbod(regio))
    assert regels["WK003401"].capaciteit == pytest.approx(30)
    assert regels["WK003402"].capaciteit == pytest.approx(25)
    assert regels["WK003401"].tekort == pytest.approx(30)
    assert regels["WK003401"].aanbod == ["Gezinscoach"]
    assert regels["WK003403"].capaciteit == 0 and regels["WK003403"].aanbod == []
    # Capacity is counted once, not once per wijk.
    assert sum(r.capaciteit for r in regels.values()) == pytest.approx(55)


def test_enough_capacity_closes_the_gap(regio, almere):
    AanbodFactory(regio=regio, capaciteit_per_jaar=100).wijken.add(almere[5])  # need 10
    regel = per_wijk(services.vraag_aanbod(regio))["WK003406"]
    assert regel.tekort == 0 and regel.dekking == pytest.approx(10)
    assert "WK003406" not in {r.wijk.code for r in services.tekorten(services.vraag_aanbod(regio))}
    assert services.vraag_aanbod(regio)[-1].wijk.code == "WK003406"  # no gap: last


def test_regio_wide_aanbod_goes_to_every_wijk_with_an_estimate(regio, almere):
    AanbodFactory(
        regio=regio, interventie=Interventie.objects.get(code="home-start"), voorziening="",
        capaciteit_per_jaar=210,
    )  # fmt: skip
    regels = per_wijk(services.vraag_aanbod(regio))
    # Needs 60..10 add up to 210: every wijk is exactly covered.
    assert all(r.tekort == pytest.approx(0) for r in regels.values())
    assert regels["WK003401"].aanbod == ["Home-Start"]


def test_aanbod_outside_its_years_or_of_another_regio_does_not_count(regio, andere_regio, almere):
    AanbodFactory(regio=regio, capaciteit_per_jaar=60, tot_jaar=2023).wijken.add(almere[0])
    AanbodFactory(regio=regio, capaciteit_per_jaar=60, vanaf_jaar=2025).wijken.add(almere[0])
    AanbodFactory(regio=andere_regio, capaciteit_per_jaar=60).wijken.add(almere[0])
    assert per_wijk(services.vraag_aanbod(regio))["WK003401"].capaciteit == 0
    AanbodFactory(regio=regio, capaciteit_per_jaar=60, vanaf_jaar=2024, tot_jaar=2024).wijken.add(
        almere[0]
    )
    assert per_wijk(services.vraag_aanbod(regio))["WK003401"].tekort == 0


def test_a_wijk_without_an_estimate_still_shows_its_capacity(regio, almere):
    nieuw = WijkFactory(code="WK003499", naam="Nieuwbouw", gemeente=almere[0].gemeente)
    AanbodFactory(regio=regio, capaciteit_per_jaar=12).wijken.add(nieuw)
    regel = per_wijk(services.vraag_aanbod(regio))["WK003499"]
    assert regel.behoefte is None and regel.tekort is None and regel.capaciteit == 12
    assert services.vraag_aanbod(regio)[-1] is not None
    assert services.vraag_aanbod(regio)[-1].wijk.code == "WK003499"  # unknown gap: last


def test_a_chosen_year_and_wijken_of_other_regios(regio, almere):
    SchattingFactory(gebied=almere[0], jaar=2022, schatting=5.0)
    SchattingFactory(gebied=WijkFactory(gemeente=GebiedFactory(code="GM0344")), jaar=2024)
    assert [(r.wijk.code, r.behoefte) for r in services.vraag_aanbod(regio, 2022)] == [
        ("WK003401", 5.0)
    ]
    assert len(services.vraag_aanbod(regio)) == 6


def test_no_estimates_no_rows(regio):
    assert services.vraag_aanbod(regio) == []
