from django.core.management.base import BaseCommand

from portal import services


class Command(BaseCommand):
    help = "Laadt de demoregio's met echte gemeenten en één demogebruiker per rol (herhaalbaar)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Wachtwoord voor alle demogebruikers; zonder deze optie wordt er een gekozen.",
        )

    def handle(self, *args, password=None, **options):
        password = password or services.generate_password()
        sign_ins = services.load_demo(password)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen. Aanmelden kan met:"))
        for s in sign_ins:
            self.stdout.write(f"  {s['gebruikersnaam']:<12} {s['rol']:<18} {s['regio']}")
        self.stdout.write(f"  wachtwoord voor alle demogebruikers: {password}")
