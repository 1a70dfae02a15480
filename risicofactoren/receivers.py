"""Recompute the estimates after every import that changed values, once it is committed."""

from django.dispatch import receiver

from wijken.signals import import_voltooid

from . import dashboard_cache, tasks


@receiver(import_voltooid, dispatch_uid="risicofactoren.recompute_after_import")
def recompute_after_import(sender, job_id: int, gewijzigd: bool, **kwargs) -> None:
    if gewijzigd:
        dashboard_cache.invalidate()
        tasks.recompute_after_import.delay_on_commit(job_id)
