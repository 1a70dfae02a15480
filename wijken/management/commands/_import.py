from pathlib import Path

from django.core.management.base import CommandError

from wijken import services
from wijken.models import ImportStatus


def import_file(command, path: str, *, dry_run: bool = False, **job_kwargs) -> None:
    """Run the upload pipeline from the command line; non-zero exit when the file is rejected."""
    p = Path(path)
    if not p.is_file():
        raise CommandError(f"Bestand niet gevonden: {path}")
    job = services.create_job(p.read_bytes(), p.name, **job_kwargs)
    if not dry_run and not job.fouten:
        job = services.run_import(job.pk)
    elif job.fouten:
        services._fail(job, "Het bestand bevat fouten; er is niets geïmporteerd.", job.fouten)
        job.refresh_from_db()
    for regel in services.report_lines(job):
        command.stdout.write(regel)
    if dry_run and not job.fouten:
        command.stdout.write("Proefdraai: er is niets opgeslagen.")
    if job.status == ImportStatus.MISLUKT:
        raise CommandError("Het bestand is afgewezen; er is niets geïmporteerd.")
