"""The daily reminders job (Celery beat): overdue actions and goals without a recent measurement
become meldingen of the regio, once, and are closed when the situation is fixed; an import that
changes indicator values refreshes the automatic measurements."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from monitoring import herinneringen, services, tasks
from monitoring.models import Herkomst, Meting
from portal.models import Melding
from tests.factories import ActieFactory, DoelFactory, GebiedFactory
from wijken.models import ImportJob
from wijken.signals import import_voltooid

from .factories import IndicatorFactory, IndicatorWaardeFactory, VastgesteldeRegiovisieFactory

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 11, 30)
TWEE_JAAR_GELEDEN = timezone.make_aware(datetime.datetime(2024, 11, 30, 12))


@pytest.fixture
def plan(regio):
    return VastgesteldeRegiovisieFactory(regio=regio, vastgesteld_op=TWEE_JAAR_GELEDEN)


@pytest.fixture
def verlopen(plan):
    return ActieFactory(
        regiovisie=plan,
        naam="Meldcode-training",
        projectleider="beleidsadviseur kwaliteit",
        start=datetime.date(2025, 1, 1),
        eind=datetime.date(2026, 6, 30),
    )


@pytest.fixture
def ongemeten(plan):
    return DoelFactory(regiovisie=plan, omschrijving="Snelle start na een melding")


def open_sleutels() -> set[str]:
    return set(Melding.objects.filter(opgelost_op__isnull=True).values_list("sleutel", flat=True))


def test_flags_an_overdue_action_and_a_goal_without_measurement(verlopen, ongemeten, plan):
    herinneringen.herinneringen_bijwerken(VANDAAG)

    assert open_sleutels() == {
        f"monitoring:actie-verlopen:{verlopen.pk}",
        f"monitoring:doel-zonder-meting:{ongemeten.pk}",
    }
    actie = Melding.objects.get(sleutel__startswith="monitoring:actie")
    assert actie.regio == plan.regio
    assert set(actie.rollen) == {"beleidsmedewerker", "beheerder"}
    assert actie.weergave == (
        "Actie 'Meldcode-training' is sinds 30-06-2026 over haar einddatum en is niet als "
        "afgerond of gestopt gemeld. Projectleider: beleidsadviseur kwaliteit."
    )
    assert actie.link == f"/monitoring/{plan.pk}/acties/{verlopen.pk}/"
    doel = Melding.objects.get(sleutel__startswith="monitoring:doel")
    assert "Snelle start na een melding" in doel.weergave
    assert "nog geen enkele meting" in doel.weergave
    assert doel.link == f"/monitoring/{plan.pk}/doelen/{ongemeten.pk}/"


def test_running_twice_creates_no_duplicates(verlopen, ongemeten):
    eerste = herinneringen.herinneringen_bijwerken(VANDAAG)
    tweede = herinneringen.herinneringen_bijwerken(VANDAAG)

    assert (eerste.nieuw, tweede.nieuw, tweede.gewijzigd, tweede.opgelost) == (2, 0, 0, 0)
    assert Melding.objects.count() == 2


def test_a_fixed_situation_resolves_the_melding(verlopen, ongemeten, beleid):
    herinneringen.herinneringen_bijwerken(VANDAAG)
    services.record_voortgang(verlopen, periode="2026-K3", status="afgerond", user=beleid)
    services.record_meting(ongemeten, waarde=55, datum=datetime.date(2026, 9, 30), user=beleid)

    uitkomst = herinneringen.herinneringen_bijwerken(VANDAAG)

    assert uitkomst.opgelost == 2
    assert open_sleutels() == set()
    assert Melding.objects.filter(opgelost_op__isnull=False).count() == 2


def test_a_melding_that_holds_again_is_opened_again(verlopen, beleid):
    herinneringen.herinneringen_bijwerken(VANDAAG)
    services.record_voortgang(verlopen, periode="2026-K3", status="afgerond", user=beleid)
    herinneringen.herinneringen_bijwerken(VANDAAG)
    services.record_voortgang(verlopen, periode="2026-K4", status="loopt", user=beleid)

    herinneringen.herinneringen_bijwerken(VANDAAG)

    assert open_sleutels() == {f"monitoring:actie-verlopen:{verlopen.pk}"}
    assert Melding.objects.count() == 1


def test_an_old_measurement_is_named_with_its_date(plan):
    doel = DoelFactory(regiovisie=plan, omschrijving="Meldcode in de kinderopvang")
    Meting.objects.create(doel=doel, waarde=60, datum=datetime.date(2025, 6, 30))

    herinneringen.herinneringen_bijwerken(VANDAAG)

    melding = Melding.objects.get()
    assert "sinds 30-06-2025 geen nieuwe meting" in melding.weergave


def test_only_the_latest_vastgestelde_regiovisie_of_a_regio_is_watched(regio, plan, verlopen):
    volgende = VastgesteldeRegiovisieFactory(regio=regio, vastgesteld_op=TWEE_JAAR_GELEDEN)
    ActieFactory(regiovisie=volgende, naam="Loopt nog", eind=datetime.date(2027, 12, 31))

    herinneringen.herinneringen_bijwerken(VANDAAG)

    assert volgende.versie > plan.versie
    assert open_sleutels() == set()  # the overdue action belongs to the previous cycle


def test_a_concept_gets_no_reminders(regio):
    from tests.factories import RegiovisieFactory

    concept = RegiovisieFactory(regio=regio)
    ActieFactory(regiovisie=concept, eind=datetime.date(2025, 1, 1))

    herinneringen.herinneringen_bijwerken(VANDAAG)

    assert not Melding.objects.exists()


def test_the_task_runs_the_job_and_beat_schedules_it_daily(verlopen):
    uitkomst = tasks.herinneringen_bijwerken.delay().get()

    assert uitkomst["nieuw"] == 1
    schema = [
        s
        for s in settings.CELERY_BEAT_SCHEDULE.values()
        if s["task"] == tasks.herinneringen_bijwerken.name
    ]
    assert len(schema) == 1
    assert schema[0]["schedule"].remaining_estimate(timezone.now()) <= datetime.timedelta(days=1)


def test_an_import_refreshes_the_automatic_measurements(plan, django_capture_on_commit_callbacks):
    indicator = IndicatorFactory(code="test-kinderen", eenheid="aantal")
    doel = DoelFactory(
        regiovisie=plan, indicator=indicator, indicator_tekst="", nulmeting_jaar=2024
    )
    almere = GebiedFactory(code="GM0034")
    IndicatorWaardeFactory(gebied=almere, indicator=indicator, periode=2025, waarde=41399)
    job = ImportJob.objects.create(bestandsnaam="kwb2025.csv", sha256="0" * 64)

    with django_capture_on_commit_callbacks(execute=True):
        import_voltooid.send(sender=ImportJob, job_id=job.pk, gewijzigd=True)

    meting = Meting.objects.get(doel=doel)
    assert (meting.herkomst, meting.waarde, meting.datum) == (
        Herkomst.AUTOMATISCH,
        41399,
        datetime.date(2025, 12, 31),
    )


def test_an_import_that_changed_nothing_starts_no_task(plan, django_capture_on_commit_callbacks):
    indicator = IndicatorFactory(code="test-kinderen", eenheid="aantal")
    DoelFactory(regiovisie=plan, indicator=indicator, indicator_tekst="")
    IndicatorWaardeFactory(gebied=GebiedFactory(code="GM0034"), indicator=indicator, periode=2025)
    job = ImportJob.objects.create(bestandsnaam="kwb2025.csv", sha256="0" * 64)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_voltooid.send(sender=ImportJob, job_id=job.pk, gewijzigd=False)

    assert callbacks == []
    assert not Meting.objects.exists()
