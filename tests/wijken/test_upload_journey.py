"""A beheerder uploads a file, reads the preview, confirms, and reads the report."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.models import AuditEvent, AuditEventType, Rol
from wijken.models import ImportJob, ImportStatus, IndicatorWaarde

DATA = Path(__file__).resolve().parents[2] / "fixtures" / "data"
pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client, lid):
    user = lid(Rol.BEHEERDER)
    client.force_login(user)
    return user


def upload(client, path: Path, **extra):
    bestand = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    return client.post(
        reverse("beheer-imports:imports"), {"bestand": bestand, "soort": "indicatoren", **extra}
    )


def test_upload_preview_confirm_report(
    client, beheerder, regio, django_capture_on_commit_callbacks
):
    response = upload(client, DATA / "kwb2019_denhaag_odata.csv")
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("beheer-imports:import", args=[job.pk])
    assert job.regio == regio and job.aangemaakt_door == beheerder
    preview = client.get(response["Location"]).content.decode()
    assert "CBS OData (kolomsleutels)" in preview
    assert "2019" in preview and "afgeleid uit de bestandsnaam" in preview
    assert "Importeren" in preview
    assert IndicatorWaarde.objects.count() == 0  # nothing written before confirming

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("beheer-imports:import_starten", args=[job.pk]))
    # The import task starts after commit; once it has committed, it starts the recomputation
    # of the estimates (risicofactoren) and of the plans' automatic measurements (monitoring).
    taken = [c.func.__self__.name for c in callbacks if hasattr(c, "func")]
    assert response.status_code == 302
    assert taken == [
        "wijken.run_import",
        "risicofactoren.recompute_after_import",
        "monitoring.automatische_metingen_na_import",
    ]
    job.refresh_from_db()
    assert job.status == ImportStatus.VOLTOOID and job.nieuw == 2067 and job.geheim == 18
    report = client.get(reverse("beheer-imports:import", args=[job.pk])).content.decode()
    assert "Verslag" in report and "2.067" in report  # Dutch number format
    status = client.get(reverse("beheer-imports:import_status", args=[job.pk])).json()
    assert status["status"] == "voltooid" and status["voortgang"] == 100
    types = set(AuditEvent.objects.filter(regio=regio).values_list("type", flat=True))
    assert {AuditEventType.IMPORT_STARTED, AuditEventType.IMPORT_FINISHED} <= types


def test_file_with_problems_cannot_be_started_and_problems_download(client, beheerder):
    upload(client, DATA / "kwb2018-2025_almere_odata.csv")
    job = ImportJob.objects.get()
    page = client.get(reverse("beheer-imports:import", args=[job.pk])).content.decode()
    assert "meer dan 100%" in page and "Download de problemen als CSV" in page
    client.post(reverse("beheer-imports:import_starten", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.WACHTEND and IndicatorWaarde.objects.count() == 0
    csv_response = client.get(reverse("beheer-imports:import_problemen", args=[job.pk]))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "meer dan 100%" in csv_response.content.decode("utf-8-sig")


def test_leaving_out_columns_recomputes_the_preview(
    client, beheerder, django_capture_on_commit_callbacks
):
    upload(client, DATA / "kwb2018-2025_almere_odata.csv")
    job = ImportJob.objects.get()
    slecht = sorted({f["kolom"] for f in job.fouten})
    client.post(reverse("beheer-imports:import", args=[job.pk]), {"overslaan": slecht})
    job.refresh_from_db()
    assert job.fouten == [] and set(slecht) <= set(job.overslaan)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("beheer-imports:import_starten", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.VOLTOOID and job.nieuw > 20000


def test_wrong_extension_is_refused_in_dutch(client, beheerder):
    bestand = SimpleUploadedFile("cijfers.xlsx", b"PK\x03\x04", content_type="application/zip")
    response = client.post(
        reverse("beheer-imports:imports"), {"bestand": bestand, "soort": "indicatoren"}
    )
    assert response.status_code == 200
    assert "Alleen CSV- of GeoJSON-bestanden" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_too_large_upload_is_refused_before_parsing(client, beheerder, settings):
    settings.PORTAL_MAX_UPLOAD_MB = 1
    bestand = SimpleUploadedFile("groot.csv", b"a;b\n" * 300_000, content_type="text/csv")
    response = client.post(
        reverse("beheer-imports:imports"), {"bestand": bestand, "soort": "indicatoren"}
    )
    assert response.status_code == 413 and "Bestand te groot" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_unknown_column_can_be_added_to_the_catalogue(client, beheerder):
    data = b"gebiedcode;indicator;periode;waarde\nGM0034;speeltuinen;2024;12\n"
    client.post(
        reverse("beheer-imports:imports"),
        {"bestand": SimpleUploadedFile("lang.csv", data), "soort": "indicatoren"},
    )
    job = ImportJob.objects.get()
    assert "speeltuinen" in job.voorbeeld["kolommen_onbekend"]
    response = client.post(
        reverse("beheer-imports:indicator_toevoegen") + f"?import={job.pk}",
        {
            "kolom": "speeltuinen",
            "code": "speeltuinen",
            "naam": "Speeltuinen",
            "eenheid": "aantal",
            "decimalen": 0,
            "richting": "beschermend",
            "bron": "Gemeente",
        },
    )
    assert response.status_code == 302
    client.post(
        reverse("beheer-imports:imports"),
        {"bestand": SimpleUploadedFile("lang.csv", data), "soort": "indicatoren"},
    )
    assert ImportJob.objects.latest("pk").fouten == []


def test_boundaries_upload(client, beheerder, django_capture_on_commit_callbacks):
    path = DATA / "gemeenten2024_wgs84.geojson"
    client.post(
        reverse("beheer-imports:imports"),
        {"bestand": SimpleUploadedFile(path.name, path.read_bytes()), "soort": "grenzen"},
    )
    job = ImportJob.objects.get()
    assert job.voorbeeld["perioden"] == [2024] and job.fouten == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("beheer-imports:import_starten", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.VOLTOOID and job.nieuw == 343


def test_gebied_page_shows_values_over_the_years(client, lid):
    from django.core.management import call_command

    call_command(
        "import_indicators",
        str(DATA / "lbm2014-2022_amstelveen_wijken.csv"),
        stdout=StringIO(),
    )
    client.force_login(lid(Rol.LEZER))
    html = client.get(reverse("wijken:gebied", args=["WK036201"])).content.decode()
    assert "Randwijck" in html and "2014" in html and "2022" in html and "4,27" in html
    lijst = client.get(reverse("wijken:gebieden"), {"q": "randw"}).content.decode()
    assert "WK036201" in lijst
