"""Bad files get a clear Dutch message and change nothing."""

import pytest

from wijken import services
from wijken.models import Gebied, ImportStatus, IndicatorWaarde

pytestmark = pytest.mark.django_db

HEADER = "gebiedcode;indicator;periode;waarde\n"

CORPUS = {
    "leeg.csv": (b"", "Het bestand is leeg"),
    "zip-als-csv.csv": (b"PK\x03\x04\x14\x00\x00\x00binary", "geen tekstbestand"),
    "rafelig.csv": (
        (HEADER + "GM0034;inwoners;2024;1\nGM0034;inwoners\nGM0363;inwoners;2024;5\n").encode(),
        "heeft 2 kolommen",
    ),
    "aanhalingstekens.csv": (
        (HEADER + 'GM0034;inwoners;2024;"12\n').encode(),
        "aanhalingstekens kloppen niet",
    ),
    "dubbele-kop.csv": (
        b"gebiedcode;indicator;periode;waarde;waarde\nGM0034;inwoners;2024;1;2\n",
        "komt meer dan één keer voor in de kop",
    ),
    "dubbele-sleutel.csv": (
        (HEADER + "GM0034;inwoners;2024;1\nGM0034;inwoners;2024;2\n").encode(),
        "komt meer dan één keer voor",
    ),
    "tekst.csv": ((HEADER + "GM0034;inwoners;2024;veel\n").encode(), "'veel' is geen getal"),
    "negatief.csv": ((HEADER + "GM0034;inwoners;2024;-5\n").encode(), "is negatief"),
    "formule.csv": (
        (HEADER + "GM0034;inwoners;2024;=cmd|' /C calc'!A0\n").encode(),
        "lijkt op een formule",
    ),
    "buitenland.csv": (
        (HEADER + "DE11000;inwoners;2024;5\n").encode(),
        "geen CBS-code van een Nederlands gebied",
    ),
    "periode.csv": ((HEADER + "GM0034;inwoners;vorig jaar;5\n").encode(), "niet te lezen"),
    "onbekende-indicator.csv": (
        (HEADER + "GM0034;geluk;2024;5\n").encode(),
        "staat niet in de catalogus",
    ),
    "een-kolom.csv": (b"alleen tekst\nzonder kolommen\n", "geen tabel gevonden"),
    "onbekend-formaat.csv": (b"a;b;c\n1;2;3\n", "niet herkend"),
}


@pytest.mark.parametrize("naam", sorted(CORPUS))
def test_bad_file_is_rejected_in_dutch_and_changes_nothing(naam):
    data, melding = CORPUS[naam]
    job = services.create_job(data, naam)
    assert any(melding in f["melding"] for f in job.fouten), job.fouten
    job = services.run_import(job.pk)
    assert job.status == ImportStatus.MISLUKT
    assert "er is niets geïmporteerd" in job.reden
    assert IndicatorWaarde.objects.count() == 0 and Gebied.objects.count() == 0


def test_provisional_period_keeps_its_mark():
    job = services.create_job((HEADER + "GM0034;inwoners;2024*;5\n").encode(), "lang.csv")
    assert services.run_import(job.pk).status == ImportStatus.VOLTOOID
    waarde = IndicatorWaarde.objects.get()
    assert (waarde.periode, waarde.voorlopig, waarde.waarde) == (2024, True, 5)


def test_cp1252_with_decimal_comma_and_footer_is_read():
    data = (
        "Tabel: eigen telling\n" + HEADER + "GM0034;jeugdzorg_pct;2024;12,5\n"
        "GM0363;jeugdzorg_pct;2024;.\nBron: CBS – bewerking gemeente\n"
    ).encode("cp1252")
    job = services.create_job(data, "cp1252.csv")
    assert job.fouten == []
    services.run_import(job.pk)
    assert IndicatorWaarde.objects.get(gebied__code="GM0034").waarde == 12.5
    assert IndicatorWaarde.objects.get(gebied__code="GM0363").status == "geheim"


def test_problem_csv_escapes_formulas():
    job = services.create_job((HEADER + "GM0034;inwoners;2024;=1+1\n").encode(), "f.csv")
    csv_text = services.problems_csv(job)
    assert "'=1+1" not in csv_text.splitlines()[0]
    assert ";" in csv_text and "formule" in csv_text
