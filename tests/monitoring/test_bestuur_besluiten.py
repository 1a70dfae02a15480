"""What needs a decision, derived from the data: goals behind, overdue and stopped actions, unmet
steering requirements, goals without a recent measurement and big reach shortfalls."""

import datetime

import pytest

from monitoring.bestuur import bestuurlijk_overzicht, verwacht_bereik
from tests.factories import ActieFactory, DoelFactory

from .bestuur_scenario import scenario  # noqa: F401  (fixture)
from .factories import ActieVoortgangFactory, VastgesteldeRegiovisieFactory

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 11, 30)


def soorten(overzicht) -> list[str]:
    return [b.soort for b in overzicht.besluiten]


def test_scenario_geeft_drie_besluitpunten(scenario):  # noqa: F811
    overzicht = bestuurlijk_overzicht(scenario.plan, VANDAAG)
    assert soorten(overzicht) == ["doel_achter", "actie_verlopen", "sturing"]
    assert [a.naam for a in overzicht.verlopen] == ["Oudercursus Stevig Ouderschap"]


def test_gestopt_bereik_achter_en_geen_meting(regio):
    plan = VastgesteldeRegiovisieFactory(regio=regio)
    plan.vastgesteld_op = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    plan.save()
    DoelFactory(regiovisie=plan, omschrijving="Nooit gemeten doel")
    gestopt = ActieFactory(regiovisie=plan, naam="Gestopte actie")
    ActieVoortgangFactory(actie=gestopt, periode="2026-K1", status="gestopt")
    achter = ActieFactory(
        regiovisie=plan,
        naam="Actie met weinig bereik",
        start=datetime.date(2025, 11, 30),
        eind=datetime.date(2027, 11, 30),
        bereik_gepland=200,
    )
    # halfway through its runtime: 100 expected, 49 reached is less than half of that
    ActieVoortgangFactory(actie=achter, periode="2026-K3", status="loopt", bereik=49)
    overzicht = bestuurlijk_overzicht(plan, VANDAAG)
    stand = next(a for a in overzicht.acties if a.actie == achter)
    assert verwacht_bereik(stand.stand, VANDAAG) == pytest.approx(100, abs=0.2)
    assert stand.achterstand
    assert soorten(overzicht) == ["actie_gestopt", "bereik", "meting"]
    teksten = " ".join(b.tekst for b in overzicht.besluiten)
    assert "‘Gestopte actie’ is gestopt" in teksten
    assert (
        "‘Actie met weinig bereik’ bereikte 49 gezinnen, waar naar rato van de looptijd 100"
        in teksten
    )
    assert "is nog nooit gemeten" in teksten


def test_half_van_het_verwachte_bereik_is_geen_besluitpunt(regio):
    plan = VastgesteldeRegiovisieFactory(regio=regio)
    actie = ActieFactory(
        regiovisie=plan,
        start=datetime.date(2025, 11, 30),
        eind=datetime.date(2027, 11, 30),
        bereik_gepland=200,
    )
    ActieVoortgangFactory(actie=actie, periode="2026-K3", status="loopt", bereik=51)
    assert "bereik" not in soorten(bestuurlijk_overzicht(plan, VANDAAG))
