"""The score upload: a file lands whole or not at all, with Dutch problems per row and column."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring import forms_sos
from monitoring.models import SosScore

URL = reverse("monitoring:sos_import")
KOP = "traject;interventie;wijk;moment;perspectief;score;datum\n"
GOED = (
    KOP
    + "ALM-2025-0001;test-stevig;WK003401;start;hulpverlener;3;2025-01-10\n"
    + "ALM-2025-0001;test-stevig;WK003401;afsluiting;hulpverlener;7;2025-09-10\n"
    + "ALM-2025-0002;Test Stevig Ouderschap;Stad;begin;ouders;5;10-02-2025\n"
)


def upload(client, inhoud: bytes | str, naam: str = "scores.csv"):
    if isinstance(inhoud, str):
        inhoud = inhoud.encode()
    return client.post(URL, {"bestand": SimpleUploadedFile(naam, inhoud, "text/csv")})


@pytest.fixture
def ingelogd(client, wijkprof, wijken, stevig):
    client.force_login(wijkprof)
    return client


def test_a_good_file_is_stored_whole(ingelogd):
    response = upload(ingelogd, GOED)
    html = response.content.decode()
    assert "3 scores opgeslagen." in html
    assert SosScore.objects.count() == 3
    assert SosScore.objects.get(traject="ALM-2025-0002").perspectief == "ouder"
    # Again: nothing changes, and the page says so.
    html = upload(ingelogd, GOED).content.decode()
    assert "0 scores opgeslagen." in html and "3 al zo vastgelegd" in html
    assert SosScore.objects.count() == 3


def test_a_file_with_bad_rows_is_refused_whole(ingelogd, utrechtse_wijk):
    slecht = (
        GOED
        + "Jan de Vries;test-stevig;WK003401;start;kind;4;2025-01-10\n"
        + "ALM-2025-0003;test-stevig;WK034401;start;kind;4;2025-01-10\n"
        + "ALM-2025-0004;test-stevig;WK003401;eind;kind;12;2025-01-10\n"
    )
    response = upload(ingelogd, slecht)
    html = response.content.decode()
    assert "Het bestand is niet geïmporteerd: er zijn" in html
    assert "Er is niets opgeslagen." in html
    assert "Rij 5, kolom traject: " in html
    assert "Rij 6, kolom wijk: De wijk WK034401 ligt niet in Regio Eigen." in html
    assert "Rij 7, kolom score: &#x27;12&#x27; is geen score" in html
    assert SosScore.objects.count() == 0


@pytest.mark.parametrize(
    ("inhoud", "naam", "melding"),
    [
        (b"", "leeg.csv", "Het bestand is leeg."),
        (b"   \n", "spaties.csv", "Het bestand is leeg."),
        (b"PK\x03\x04\x14\x00binair", "scores.csv", "geen tekstbestand maar een binair bestand"),
        (b"PK\x03\x04", "scores.xlsx", "Alleen CSV-bestanden (.csv of .txt)"),
        (KOP.encode(), "kop.csv", "Het bestand heeft een kop maar geen gegevens."),
        (b"naam;score\nA;1\n", "kolommen.csv", "De kolom &#x27;traject&#x27; ontbreekt."),
    ],
)
def test_an_unusable_file_gets_a_dutch_message(ingelogd, inhoud, naam, melding):
    response = upload(ingelogd, inhoud, naam)
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert not SosScore.objects.exists()


def test_an_oversized_file_is_refused_before_reading(ingelogd, monkeypatch):
    monkeypatch.setattr(forms_sos, "MAX_SOS_BESTAND_MB", 1)
    groot = GOED + "x" * (1024 * 1024)
    html = upload(ingelogd, groot).content.decode()
    assert "Het bestand is groter dan 1 MB; er is niets opgeslagen." in html
    assert not SosScore.objects.exists()


def test_the_page_explains_the_columns(ingelogd):
    html = ingelogd.get(URL).content.decode()
    for kolom in ("traject", "interventie", "wijk", "moment", "perspectief", "score", "datum"):
        assert f"<code>{kolom}</code>" in html
    assert "<code>trajectcode</code>" in html and "<code>schaalscore</code>" in html
    assert "voorbeelden/sos_voorbeeld.csv" in html


def test_the_example_file_is_a_valid_import(client, regio, wijkprof, settings):
    """The downloadable example imports cleanly into a regio with its wijken (the
    interventions are the catalogue's)."""
    from pathlib import Path

    from acties.models import Interventie
    from tests.factories import GebiedFactory, WijkFactory

    almere = GebiedFactory(code="GM0034", naam="Almere")
    WijkFactory(code="WK003401", naam="Centrum Almere Haven", gemeente=almere)
    WijkFactory(code="WK003402", naam="De Werven", gemeente=almere)
    assert Interventie.objects.filter(code__in=["stevig-ouderschap", "home-start"]).count() == 2
    client.force_login(wijkprof)
    voorbeeld = Path(settings.BASE_DIR) / "static" / "voorbeelden" / "sos_voorbeeld.csv"
    html = upload(client, voorbeeld.read_bytes()).content.decode()
    assert "9 scores opgeslagen." in html
