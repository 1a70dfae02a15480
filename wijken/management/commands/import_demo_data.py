from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from wijken.models import ImportJob, ImportStatus

from ._import import import_file

DATA = Path(settings.BASE_DIR) / "fixtures" / "data"

# Known defect of the Almere copy: decimal separators were stripped (2.3 became 23), so its
# percentage columns are left out; its counts are right (see fixtures/README.md).
ALMERE_DEFECT = (
    "PercentageJongerenMetJeugdzorg",
    "HuishoudensMetEenLaagInkomen",
    "HuishOnderOfRondSociaalMinimum",
)


class Command(BaseCommand):
    help = "Laadt de echte CBS-, PDOK- en Leefbarometer-bestanden uit fixtures/data (herhaalbaar)."

    def handle(self, *args, **options):
        import hashlib

        almere = DATA / "kwb2018-2025_almere_odata.csv"
        header = almere.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
        bestanden = [
            ("kwb2024_nl_bevolking_leeftijd_statline.csv", {}),
            (
                "kwb2018-2025_almere_odata.csv",
                {"overslaan": [k for k in header if k.startswith(ALMERE_DEFECT)]},
            ),
            ("kwb2019_denhaag_odata.csv", {}),
            ("ses_woa2019_amsterdam_statline.csv", {}),
            ("lbm2014-2022_amstelveen_wijken.csv", {}),
            ("gemeenten2024_wgs84.geojson", {"soort": "grenzen", "jaar": 2024}),
            ("wijken2024_wgs84.geojson", {"soort": "grenzen", "jaar": 2024}),
        ]
        for naam, kwargs in bestanden:
            path = DATA / naam
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if ImportJob.objects.filter(sha256=sha, status=ImportStatus.VOLTOOID).exists():
                self.stdout.write(f"{naam}: al geïmporteerd")
                continue
            self.stdout.write(f"{naam}: importeren …")
            import_file(self, str(path), **kwargs)
