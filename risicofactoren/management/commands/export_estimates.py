from django.core.management.base import BaseCommand, CommandError

from portal.csv_export import rows_to_csv
from risicofactoren import services
from wijken.models import Gebied, Soort


class Command(BaseCommand):
    help = "Schrijft de schattingen van een gemeente en haar wijken en buurten als CSV."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="CBS-code, bijvoorbeeld GM0034.")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--model", help="Modelversie (standaard: de standaardversie).")

    def handle(self, *args, gemeente, year, model, **options):
        code = gemeente.strip().upper()
        gebied = Gebied.objects.filter(code=code, soort=Soort.GEMEENTE).first()
        if gebied is None:
            raise CommandError(f"Onbekende gemeente '{gemeente}' (verwacht: een code als GM0034).")
        versie = services.model_by_name(model)
        if versie is None:
            raise CommandError(f"Onbekende modelversie '{model}'.")
        eigen, wijken = services.estimates_for_gemeente(gebied, year, versie)
        if eigen is None:
            jaren = ", ".join(map(str, services.years_estimated(gebied, versie))) or "geen"
            raise CommandError(
                f"Geen schattingen voor {gebied.naam} ({code}) in {year}. "
                f"Jaren met schattingen: {jaren}."
            )
        _, buurten = services.estimates_for_gemeente(gebied, year, versie, Soort.BUURT)
        header, rijen = services.estimates_table([eigen, *wijken, *buurten], versie)
        self.stdout.write(rows_to_csv(header, rijen).lstrip("\ufeff"), ending="")
