"""A vastgestelde regiovisie with a story, for the tests of the bestuurlijk overzicht and the
jaarrapport: one goal behind, one achieved, an overdue action, a steering requirement not met
at the last check, and Signs of Safety scores of one intervention with 6 trajectories (shown),
one with 3 (never shown: its change of +7 must appear nowhere) and one with 5 that is hidden to
protect the one with 3 (complementary suppression)."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from acties.models import Actie, Doel, Regiovisie
from monitoring.models import Evaluatie
from tests.factories import ActieFactory, DoelFactory, SchattingFactory

from .factories import (
    ActieVoortgangFactory,
    InterventieFactory,
    MetingFactory,
    SosScoreFactory,
    SturingsCheckFactory,
    VastgesteldeRegiovisieFactory,
)

# Six trajectories of "Stevig": start → afsluiting changes 3, 3, 3, 3, 3, 4 (mean 3,17 → "+3,2").
STEVIG_START = [2, 3, 4, 3, 2, 4]
STEVIG_EIND = [5, 6, 7, 6, 5, 8]
# Three trajectories of "Kleine Aanpak": 1 → 8 each, a change of +7,0 that may never be shown.
KLEIN_START, KLEIN_EIND = 1, 8
# Five of "Tweede Aanpak", 4 → 6 (+2,0): enough on its own, but hidden as the complement of the
# small one (with the regio total it would give the small one away).
TWEEDE_START, TWEEDE_EIND = 4, 6


@dataclass
class Scenario:
    plan: Regiovisie
    achter: Doel
    behaald: Doel
    verlopen: Actie
    lopend: Actie


def _traject(regio, wijk, interventie, code, start, eind):
    for moment, score, datum in (
        ("start", start, datetime.date(2025, 3, 1)),
        ("afsluiting", eind, datetime.date(2025, 9, 1)),
    ):
        SosScoreFactory(
            regio=regio,
            wijk=wijk,
            interventie=interventie,
            traject=code,
            moment=moment,
            perspectief="hulpverlener",
            score=score,
            datum=datum,
        )


def maak_scenario(regio, almere, wijken) -> Scenario:
    vandaag = timezone.localdate()
    plan = VastgesteldeRegiovisieFactory(regio=regio, jaar=2025, titel="Regiovisie Eigen 2025")
    achter = DoelFactory(
        regiovisie=plan,
        omschrijving="Meer gezinnen krijgen steun van Home-Start in de wijk",
        nulmeting=40,
        nulmeting_jaar=2024,
        streefwaarde=80,
        streefjaar=2026,
    )
    MetingFactory(doel=achter, waarde=41, datum=datetime.date(2025, 12, 31))
    behaald = DoelFactory(
        regiovisie=plan,
        omschrijving="Alle consultatiebureaus voeren de Kindcheck uit",
        nulmeting=50,
        nulmeting_jaar=2024,
        streefwaarde=90,
        streefjaar=2027,
    )
    MetingFactory(doel=behaald, waarde=95, datum=datetime.date(2025, 12, 31))
    verlopen = ActieFactory(
        regiovisie=plan,
        naam="Oudercursus Stevig Ouderschap",
        start=datetime.date(2025, 1, 1),
        eind=vandaag - datetime.timedelta(days=60),
        bereik_gepland=100,
        budget=40000,
    )
    ActieVoortgangFactory(actie=verlopen, periode="2025-K2", status="loopt", bereik=90)
    lopend = ActieFactory(
        regiovisie=plan,
        naam="Voorlichting op het consultatiebureau",
        start=vandaag - datetime.timedelta(days=365),
        eind=vandaag + datetime.timedelta(days=365),
        bereik_gepland=400,
    )
    ActieVoortgangFactory(actie=lopend, periode="2025-K4", status="loopt", bereik=200)
    SturingsCheckFactory(
        eis__instrument__actie=verlopen,
        eis__eis="Meldcode-training gevolgd door alle medewerkers",
        voldaan=False,
        datum=datetime.date(2026, 6, 1),
    )
    Evaluatie.objects.create(
        regiovisie=plan,
        wat_ging_goed="De wijkteams werkten goed samen met de JGZ.",
        wat_kan_beter="Het bereik van de oudercursus bleef achter.",
        hoe_ontwikkelen="Cursus in de avond en dichter bij huis aanbieden.",
    )
    stevig = InterventieFactory(code="test-stevig", naam="Stevig Ouderschap")
    klein = InterventieFactory(code="test-klein", naam="Kleine Aanpak")
    for i, (start, eind) in enumerate(zip(STEVIG_START, STEVIG_EIND, strict=True)):
        _traject(regio, wijken[0], stevig, f"STV-{i:03d}", start, eind)
    for i in range(3):
        _traject(regio, wijken[1], klein, f"KLN-{i:03d}", KLEIN_START, KLEIN_EIND)
    tweede = InterventieFactory(code="test-tweede", naam="Tweede Aanpak")
    for i in range(5):
        _traject(regio, wijken[2], tweede, f"TWD-{i:03d}", TWEEDE_START, TWEEDE_EIND)
    for jaar, schatting in ((2023, 980.0), (2024, 1010.0)):
        SchattingFactory(
            gebied=almere,
            jaar=jaar,
            schatting=schatting,
            ondergrens=schatting - 200,
            bovengrens=schatting + 250,
            kinderen=60000.0,
        )
    return Scenario(plan, achter, behaald, verlopen, lopend)


@pytest.fixture
def scenario(regio, almere, wijken) -> Scenario:
    return maak_scenario(regio, almere, wijken)
