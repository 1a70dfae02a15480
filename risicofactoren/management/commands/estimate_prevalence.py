from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format

from risicofactoren import services
from risicofactoren.models import PrevalentieModel


class Command(BaseCommand):
    help = "Berekent de geschatte prevalentie van kindermishandeling per gebied en jaar."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Alleen dit jaar (standaard: alle jaren).")
        parser.add_argument("--model", help="Alleen deze modelversie (standaard: alle versies).")

    def handle(self, *args, year, model, **options):
        if model:
            gekozen = PrevalentieModel.objects.filter(naam=model).first()
            if gekozen is None:
                namen = ", ".join(PrevalentieModel.objects.values_list("naam", flat=True))
                raise CommandError(f"Onbekende modelversie '{model}'. Bekend: {namen}.")
            modellen = [gekozen]
        else:
            modellen = list(PrevalentieModel.objects.all())
        jaren = [year] if year else None
        for r in services.estimate_prevalence(jaren=jaren, modellen=modellen):
            regel = (
                f"{r['jaar']} · {r['model']}: {number_format(r['geschat'], force_grouping=True)}"
                " gebieden geschat"
            )
            if r.get("zonder"):
                regel += f", {number_format(r['zonder'], force_grouping=True)} zonder schatting"
            if r["nl_totaal"] is not None:
                regel += (
                    f"; Nederland: {number_format(round(r['nl_totaal']), force_grouping=True)}"
                    f" mishandelde kinderen per jaar (95 %-interval "
                    f"{number_format(round(r['nl_ondergrens']), force_grouping=True)}–"
                    f"{number_format(round(r['nl_bovengrens']), force_grouping=True)}) op "
                    f"{number_format(round(r['nl_kinderen']), force_grouping=True)} kinderen"
                )
            else:
                regel += "; geen landelijke cijfers voor dit jaar (niet gekalibreerd)"
            self.stdout.write(regel)
