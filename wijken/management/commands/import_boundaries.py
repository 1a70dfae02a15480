from django.core.management.base import BaseCommand

from wijken.models import ImportSoort

from ._import import import_file


class Command(BaseCommand):
    help = "Importeert gebiedsgrenzen (PDOK/CBS GeoJSON, WGS84) voor een jaar."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, path, year, dry_run, **options):
        import_file(self, path, dry_run=dry_run, soort=ImportSoort.GRENZEN, jaar=year)
