from django.core.management.base import BaseCommand

from monitoring import herinneringen


class Command(BaseCommand):
    help = (
        "Werkt de herinneringen van stap 3 bij (verlopen acties, doelen zonder recente meting); "
        "wat Celery beat dagelijks doet, voor een installatie zonder beat."
    )

    def handle(self, *args, **options):
        uitkomst = herinneringen.herinneringen_bijwerken()
        self.stdout.write(
            f"Herinneringen: {uitkomst.nieuw} nieuw, {uitkomst.gewijzigd} gewijzigd, "
            f"{uitkomst.opgelost} opgelost."
        )
