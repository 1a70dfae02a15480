"""Thin Celery wrappers around the Stap 3 services (idempotent; safe to run again)."""

from celery import shared_task

from acties.models import Regiovisie, Status

from . import herinneringen, services


@shared_task(name="monitoring.herinneringen_bijwerken")
def herinneringen_bijwerken() -> dict[str, int]:
    """The daily beat job: overdue actions and goals without a recent measurement."""
    uitkomst = herinneringen.herinneringen_bijwerken()
    return {"nieuw": uitkomst.nieuw, "gewijzigd": uitkomst.gewijzigd, "opgelost": uitkomst.opgelost}


@shared_task(name="monitoring.automatische_metingen_na_import")
def automatische_metingen_na_import(job_id: int) -> int:
    """After an import: the automatic measurements of every vastgestelde regiovisie, then the
    reminders (a new figure may answer one). `job_id` is for the log; an indicator file may hold
    any gemeente, so every plan with a catalogue indicator is refreshed (a few queries a goal)."""
    geschreven = 0
    for regiovisie in Regiovisie.objects.filter(
        status=Status.VASTGESTELD, doelen__indicator__isnull=False
    ).distinct():
        telling = services.automatische_metingen_voor(regiovisie)
        geschreven += telling.nieuw + telling.gewijzigd
    herinneringen.herinneringen_bijwerken()
    return geschreven
