from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal import services


class Command(BaseCommand):
    help = "Laadt de demoregio's met echte gemeenten en één demogebruiker per rol (herhaalbaar)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--zonder-data",
            action="store_true",
            help="Alleen regio's en gebruikers, geen CBS-bestanden importeren.",
        )
        parser.add_argument(
            "--password",
            help="Wachtwoord voor alle demogebruikers; zonder deze optie wordt er een gekozen.",
        )

    def handle(self, *args, password=None, zonder_data=False, **options):
        password = password or services.generate_password()
        sign_ins = services.load_demo(password)
        if not zonder_data:
            # Registered by the wijken app; called by name so portal does not import it.
            call_command("import_demo_data", stdout=self.stdout)
            # Stap 3: a vastgestelde demo regiovisie with progress (monitoring app, by name too).
            call_command("load_demo_monitoring", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen. Aanmelden kan met:"))
        for s in sign_ins:
            self.stdout.write(f"  {s['gebruikersnaam']:<12} {s['rol']:<18} {s['regio']}")
        self.stdout.write(f"  wachtwoord voor alle demogebruikers: {password}")
