"""Refresh the automatic measurements after every import that changed values, once committed."""

from django.dispatch import receiver

from wijken.signals import import_voltooid

from . import tasks


@receiver(import_voltooid, dispatch_uid="monitoring.metingen_after_import")
def metingen_after_import(sender, job_id: int, gewijzigd: bool, **kwargs) -> None:
    if gewijzigd:
        tasks.automatische_metingen_na_import.delay_on_commit(job_id)
