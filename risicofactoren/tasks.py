from celery import shared_task

from . import services


@shared_task(name="risicofactoren.recompute_after_import")
def recompute_after_import(job_id: int) -> int:
    return len(services.recompute_after_import(job_id))


@shared_task(name="risicofactoren.estimate_prevalence")
def estimate_prevalence() -> int:
    return len(services.estimate_prevalence())
