from celery import shared_task

from . import services


@shared_task(name="wijken.run_import")
def run_import(job_id: int) -> str:
    return services.run_import(job_id).status


@shared_task(name="wijken.fail_stale_imports")
def fail_stale_imports() -> int:
    return services.fail_stale_jobs()
