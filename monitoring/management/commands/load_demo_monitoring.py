from django.core.management.base import BaseCommand, CommandError

from monitoring import demo
from portal.models import Lidmaatschap, Regio, Rol


def _lid(regio: Regio, rol: str):
    lid = Lidmaatschap.objects.filter(regio=regio, rol=rol).select_related("user").first()
    if lid is None:
        raise CommandError(f"De regio {regio.naam} heeft geen gebruiker met de rol {rol}.")
    return lid.user


class Command(BaseCommand):
    help = (
        "Maakt voor de demoregio een vastgestelde demo-regiovisie met voortgang, metingen en "
        "Signs of Safety-scores (herhaalbaar; verzonnen gegevens)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--regio", default="demoregio", help="Slug van de regio.")

    def handle(self, *args, regio="demoregio", **options):
        try:
            r = Regio.objects.get(slug=regio)
        except Regio.DoesNotExist:
            raise CommandError(f"Regio '{regio}' bestaat niet; draai eerst load_demo.") from None
        resultaat = demo.laad_demo_monitoring(
            r,
            beleidsmedewerker=_lid(r, Rol.BELEIDSMEDEWERKER),
            bestuurder=_lid(r, Rol.BESTUURDER),
            wijkprofessional=_lid(r, Rol.WIJKPROFESSIONAL),
        )
        if resultaat.regiovisie is None:
            self.stdout.write(f"Demo-monitoring overgeslagen: {resultaat.overgeslagen}")
            return
        wat = "aangemaakt" if resultaat.aangemaakt else "bestond al"
        self.stdout.write(
            f"Demo-monitoring ({wat}): {resultaat.regiovisie.titel}; "
            f"{resultaat.sos_scores} Signs of Safety-scores; automatische metingen: "
            f"{resultaat.metingen.nieuw} nieuw, {resultaat.metingen.gewijzigd} gewijzigd."
        )
