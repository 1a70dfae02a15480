"""Two officers saving the same regiovisie at the same moment, on PostgreSQL as in production:
the database, not the process, decides who wins, so this holds with any number of web
processes. Both saves run in their own thread and connection; the first holds its transaction
open while the second tries."""

import threading
import time

import pytest
from django.db import connection

from acties import services
from acties.models import Regiovisie
from portal.models import Rol
from tests.conftest import require_service

# Committed data, visible to the other connection; serialized rollback restores the roles and
# catalogues of the data migrations that the flush after the test removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def in_thread(doe, uitkomst: dict, naam: str) -> threading.Thread:
    def run():
        try:
            uitkomst[naam] = doe()
        except Exception as fout:  # noqa: BLE001 - recorded for the assertions
            uitkomst[naam] = fout
        finally:
            connection.close()

    return threading.Thread(target=run)


def test_the_second_of_two_simultaneous_saves_is_refused(regio, lid):
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    eerste, tweede = lid(Rol.BELEIDSMEDEWERKER), lid(Rol.BELEIDSMEDEWERKER)
    regiovisie = services.nieuwe_regiovisie(regio, eerste)
    binnen = threading.Event()
    uitkomst: dict = {}

    def opslaan_eerste():
        with services.bewerking(regiovisie.pk, 0, eerste, onderdelen=["visie"]) as rv:
            rv.visie = "Tekst van de eerste"
            rv.save(update_fields=["visie"])
            binnen.set()
            time.sleep(0.5)  # the second save runs into the row lock meanwhile
        return "opgeslagen"

    def opslaan_tweede():
        binnen.wait(5)
        start = time.monotonic()
        try:
            return services.opslaan(regiovisie.pk, 0, {"visie": "Tekst van de tweede"}, tweede)
        finally:
            uitkomst["wachtte"] = time.monotonic() - start

    threads = [
        in_thread(opslaan_eerste, uitkomst, "eerste"),
        in_thread(opslaan_tweede, uitkomst, "tweede"),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)

    assert uitkomst["eerste"] == "opgeslagen"
    assert isinstance(uitkomst["tweede"], services.GelijktijdigGewijzigd)
    assert uitkomst["wachtte"] >= 0.3  # it waited for the first transaction, then lost
    opgeslagen = Regiovisie.objects.get(pk=regiovisie.pk)
    assert opgeslagen.visie == "Tekst van de eerste" and opgeslagen.lock_version == 1
