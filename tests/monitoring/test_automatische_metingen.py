"""Measurements taken from the imported indicator values of the regio's member gemeenten."""

import datetime
from decimal import Decimal

import pytest

from monitoring.models import Meting
from monitoring.services import Telling, automatische_metingen, automatische_metingen_voor
from tests.factories import DoelFactory, GebiedFactory, RegioGemeenteFactory

from .factories import IndicatorFactory, IndicatorWaardeFactory, MetingFactory


@pytest.fixture
def gemeenten(regio, almere):
    """Almere (GM0034, in the regio fixture) and Zeewolde (GM0050), added to the regio."""
    RegioGemeenteFactory(regio=regio, code="GM0050", naam="Zeewolde")
    return almere, GebiedFactory(code="GM0050", naam="Zeewolde")


def waarden(indicator, rijen):
    for gebied, periode, waarde, *status in rijen:
        IndicatorWaardeFactory(
            indicator=indicator,
            gebied=gebied,
            periode=periode,
            waarde=waarde,
            status=status[0] if status else "ok",
        )


def test_counts_are_summed_over_the_gemeenten_for_complete_years(plan, gemeenten):
    almere, zeewolde = gemeenten
    indicator = IndicatorFactory(eenheid="aantal", naam="Gezinnen in beeld", bron="GGD")
    waarden(
        indicator,
        [
            (almere, 2023, 90),  # before the nulmeting (2024): left out
            (zeewolde, 2023, 40),
            (almere, 2024, 100),
            (zeewolde, 2024, 50),
            (almere, 2025, 120),  # Zeewolde missing: incomplete year
            (almere, 2026, 130),
            (zeewolde, 2026, None, "geheim"),  # secret: incomplete year
        ],
    )
    doel = DoelFactory(regiovisie=plan, indicator=indicator, nulmeting_jaar=2024)

    assert automatische_metingen(doel) == Telling(nieuw=1)

    (meting,) = Meting.objects.filter(doel=doel)
    assert meting.waarde == Decimal("150.00")  # 100 + 50
    assert meting.datum == datetime.date(2024, 12, 31) and meting.periode == 2024
    assert meting.herkomst == "automatisch" and meting.vastgelegd_door is None
    assert meting.bron == "GGD: Gezinnen in beeld"
    assert meting.opmerking == "som over 2 gemeenten van de regio"


def test_rates_are_the_unweighted_mean_of_the_gemeenten(plan, gemeenten):
    almere, zeewolde = gemeenten
    indicator = IndicatorFactory(eenheid="procent")
    waarden(indicator, [(almere, 2025, 10.0), (zeewolde, 2025, 20.5)])
    doel = DoelFactory(regiovisie=plan, indicator=indicator, nulmeting_jaar=2024)

    automatische_metingen(doel)

    (meting,) = Meting.objects.filter(doel=doel)
    assert meting.waarde == Decimal("15.25")  # (10.0 + 20.5) / 2
    assert "ongewogen gemiddelde over 2 gemeenten" in meting.opmerking


def test_running_again_creates_nothing_and_a_corrected_value_is_updated(plan, gemeenten):
    almere, zeewolde = gemeenten
    indicator = IndicatorFactory(eenheid="aantal")
    waarden(indicator, [(almere, 2024, 10), (zeewolde, 2024, 5), (almere, 2025, 12)])
    waarden(indicator, [(zeewolde, 2025, 6)])
    doel = DoelFactory(regiovisie=plan, indicator=indicator, nulmeting_jaar=2024)
    hand = MetingFactory(doel=doel, waarde=99, datum=datetime.date(2025, 12, 31))

    assert automatische_metingen(doel) == Telling(nieuw=2)
    assert automatische_metingen(doel) == Telling(ongewijzigd=2)
    assert Meting.objects.filter(doel=doel).count() == 3

    indicator.waarden.filter(gebied=zeewolde, periode=2025).update(waarde=8)
    assert automatische_metingen(doel) == Telling(gewijzigd=1, ongewijzigd=1)
    assert Meting.objects.get(doel=doel, periode=2025).waarde == Decimal("20.00")  # 12 + 8
    hand.refresh_from_db()
    assert hand.waarde == 99  # a hand-entered measurement on the same date stays


def test_a_goal_without_a_catalogue_indicator_gets_none(plan, gemeenten):
    doel = DoelFactory(regiovisie=plan, indicator=None)
    assert automatische_metingen(doel) == Telling()


def test_a_gemeente_missing_from_the_register_means_no_complete_year(plan, almere, regio):
    RegioGemeenteFactory(regio=regio, code="GM0303", naam="Dronten")  # no Gebied row
    indicator = IndicatorFactory()
    waarden(indicator, [(almere, 2024, 10)])
    doel = DoelFactory(regiovisie=plan, indicator=indicator, nulmeting_jaar=2024)
    assert automatische_metingen(doel) == Telling()


def test_for_every_goal_of_a_plan(plan, gemeenten):
    almere, zeewolde = gemeenten
    indicator = IndicatorFactory()
    waarden(indicator, [(almere, 2024, 1), (zeewolde, 2024, 2)])
    DoelFactory(regiovisie=plan, indicator=indicator, nulmeting_jaar=2024)
    DoelFactory(regiovisie=plan, indicator=indicator, nulmeting_jaar=2024)
    DoelFactory(regiovisie=plan, indicator=None)
    assert automatische_metingen_voor(plan) == Telling(nieuw=2)
