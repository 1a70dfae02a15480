"""The Stap 3 demo (`load_demo_monitoring`): a vastgestelde, clearly marked demo regiovisie whose
goals, actions, register and Signs of Safety scores tell the intended story, made once."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from acties import services as acties_services
from acties.models import Actie, Doel, Regiovisie
from monitoring import demo, services
from monitoring.models import (
    ActieVoortgang,
    Evaluatie,
    Herkomst,
    Meting,
    SosScore,
    SturingsCheck,
    SturingsEis,
)
from portal import services as portal_services
from portal.models import AuditEvent, Melding, Regio, RegioGemeente
from tests.factories import GebiedFactory, RegiovisieFactory, WijkFactory
from wijken.models import Indicator, IndicatorWaarde

pytestmark = pytest.mark.django_db

KINDEREN_2024 = {
    "GM0034": 41129,
    "GM0363": 122836,
    "GM0362": 16321,
    "GM0518": 89107,
    "GM0995": 14450,
}


@pytest.fixture
def demoregio():
    """The demo regio and users of portal's fixture, with the little of Stap 1 the demo reads:
    the gemeenten, a 2024 figure of the catalogue's 0–15 indicator for each, wijken in Almere."""
    portal_services.load_demo("demo-wachtwoord-123")
    indicator = Indicator.objects.get(code=demo.AUTOMATISCHE_INDICATOR)
    regio = Regio.objects.get(slug="demoregio")
    for code in RegioGemeente.objects.filter(regio=regio).values_list("code", flat=True):
        gemeente = GebiedFactory(code=code)
        IndicatorWaarde.objects.create(
            gebied=gemeente, indicator=indicator, periode=2024, waarde=KINDEREN_2024[code]
        )
    almere = GebiedFactory(code="GM0034")
    for i in range(1, 5):
        WijkFactory(code=f"WK00340{i}", naam=f"Demowijk {i}", gemeente=almere)
    return regio


def run() -> str:
    out = StringIO()
    call_command("load_demo_monitoring", stdout=out)
    return out.getvalue()


def tellingen() -> dict[str, int]:
    modellen = [
        Regiovisie,
        Doel,
        Actie,
        ActieVoortgang,
        Meting,
        SturingsEis,
        SturingsCheck,
        Evaluatie,
        SosScore,
        AuditEvent,
        Melding,
    ]
    return {m.__name__: m.objects.count() for m in modellen}


def test_the_demo_is_a_vastgestelde_regiovisie_marked_as_invented(demoregio):
    output = run()
    regiovisie = demo.demo_regiovisie(demoregio)
    assert regiovisie.is_vastgesteld
    assert regiovisie.titel.startswith("Demo — ")
    assert "verzonnen demogegevens" in regiovisie.situatieschets
    assert "aangemaakt" in output
    # Valid as a plan: the completeness check of the wizard has nothing to say.
    assert acties_services.controle(regiovisie) == []
    handmatig = Meting.objects.filter(doel__regiovisie=regiovisie, herkomst=Herkomst.HANDMATIG)
    assert handmatig.exists() and all(m.bron == demo.DEMO_BRON for m in handmatig)


def test_running_twice_adds_nothing(demoregio):
    run()
    voor = tellingen()
    output = run()
    assert tellingen() == voor
    assert "bestond al" in output
    assert voor["SosScore"] >= 100 and voor["ActieVoortgang"] >= 30


def test_the_goals_tell_the_intended_story(demoregio):
    run()
    regiovisie = demo.demo_regiovisie(demoregio)
    koers = {d.categorie: services.doelstatus(d).koers for d in regiovisie.doelen.all()}
    assert sorted(koers.values()) == sorted(
        ["behaald", "op_koers", "achter", "op_koers", "geen_meting"]
    )
    automatisch = regiovisie.doelen.get(indicator__code=demo.AUTOMATISCHE_INDICATOR)
    meting = automatisch.metingen.get()
    assert meting.herkomst == Herkomst.AUTOMATISCH
    assert meting.waarde == sum(KINDEREN_2024.values())
    # Its newest figure is from 2024 and one goal was never measured: both are reminders.
    zonder = services.doelen_zonder_recente_meting(regiovisie, timezone.localdate())
    assert {d.pk for d in zonder} == {
        automatisch.pk,
        regiovisie.doelen.get(categorie="na_incidenten").pk,
    }
    assert not Meting.objects.filter(doel__categorie="na_incidenten").exists()


def test_actions_one_overdue_one_gestopt_and_a_requirement_not_met(demoregio):
    run()
    regiovisie = demo.demo_regiovisie(demoregio)
    vandaag = timezone.localdate()
    assert 6 <= regiovisie.acties.count() <= 8
    assert {a.spectrum for a in regiovisie.acties.all()} == {
        "alle_gezinnen",
        "verhoogd_risico",
        "herhaling",
    }
    verlopen = list(services.verlopen_acties(regiovisie, vandaag))
    assert [a.naam for a in verlopen] == ["Meldcode-training voor kinderopvang en onderwijs"]
    standen = services.actiestanden(regiovisie, vandaag)
    assert [s.status for s in standen].count("gestopt") == 1
    assert [s.status for s in standen].count("afgerond") == 1
    assert all(a.projectleider and a.bestuurlijk_trekker for a in regiovisie.acties.all())
    register = services.sturingsregister(regiovisie)
    niet_voldaan = [r.eis.eis for r in register if r.voldaan is False]
    assert niet_voldaan == ["meldcode-training gevolgd door alle pedagogisch medewerkers"]
    assert any(r.eis.eis.startswith("Kindcheck uitgevoerd") and r.voldaan for r in register)
    # Progress per quarter up to the last whole quarter, nothing in the future.
    huidig = services.kwartaal(vandaag)
    assert not ActieVoortgang.objects.filter(periode__gte=huidig).exists()
    assert Evaluatie.objects.filter(regiovisie=regiovisie).count() >= 3


def test_signs_of_safety_two_interventions_shown_one_suppressed(demoregio):
    run()
    scores = SosScore.objects.filter(regio=demoregio)
    assert all(s.traject.startswith("DEMO-") for s in scores)
    assert all(s.datum <= timezone.localdate() for s in scores)
    cellen = services.sos_aggregaten(scores, per=["interventie"])
    # VoorZorg under 5; the wijkteams' Signs of Safety aanpak hidden as its complement.
    assert [(c.interventie, c.n.label) for c in cellen] == [
        ("Home-Start", "10"),
        ("Kinderen uit de Knel", "8"),
        ("Signs of Safety", "afgeschermd"),
        ("VoorZorg", "< 5"),
    ]
    home_start = cellen[0]
    assert home_start.n.waarde >= 8
    assert home_start.verandering["hulpverlener"].gemiddelde.waarde > 0


def test_the_same_scores_every_time():
    start, vandaag = datetime.date(2025, 1, 1), datetime.date(2026, 11, 30)
    wijken = [type("W", (), {"code": f"WK00340{i}"})() for i in range(1, 4)]
    assert demo.sos_csv(start, vandaag, wijken) == demo.sos_csv(start, vandaag, wijken)


def test_quarters_are_the_seven_before_today():
    assert demo.vorige_kwartalen(datetime.date(2026, 11, 30)) == [
        (2025, 1),
        (2025, 2),
        (2025, 3),
        (2025, 4),
        (2026, 1),
        (2026, 2),
        (2026, 3),
    ]
    assert demo.vorige_kwartalen(datetime.date(2027, 2, 1))[0] == (2025, 2)


def test_a_regio_with_its_own_regiovisie_gets_no_demo(demoregio):
    eigen = RegiovisieFactory(regio=demoregio)
    output = run()
    assert "overgeslagen" in output
    assert list(Regiovisie.objects.filter(regio=demoregio)) == [eigen]


def test_the_demo_shows_reminders_without_celery_beat(demoregio):
    run()
    regiovisie = demo.demo_regiovisie(demoregio)
    sleutels = set(
        Melding.objects.filter(regio=demoregio, opgelost_op__isnull=True).values_list(
            "sleutel", flat=True
        )
    )
    meldcode = regiovisie.acties.get(naam__startswith="Meldcode")
    zonder = services.doelen_zonder_recente_meting(regiovisie, timezone.localdate())
    assert sleutels == {f"monitoring:actie-verlopen:{meldcode.pk}"} | {
        f"monitoring:doel-zonder-meting:{d.pk}" for d in zonder
    }
