from django.core.management.base import BaseCommand

from ._import import import_file


class Command(BaseCommand):
    help = "Importeert een CSV met indicatorwaarden (CBS, Leefbarometer, lang formaat)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Alleen lezen en controleren.")
        parser.add_argument("--periode", type=int, help="Jaar, als het bestand er geen noemt.")
        parser.add_argument(
            "--overslaan",
            action="append",
            default=[],
            metavar="KOLOM",
            help="Kolom niet importeren (mag vaker).",
        )

    def handle(self, *args, path, dry_run, periode, overslaan, **options):
        import_file(self, path, dry_run=dry_run, jaar=periode, overslaan=overslaan)
