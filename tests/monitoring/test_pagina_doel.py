"""One goal's page: measurements in a table and a figure, automatic ones marked by their
indicator, and a form with which a beleidsmedewerker adds a measurement (Dutch errors, nothing
stored on bad input); readers see no form and their POST is refused."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import Meting
from portal.models import AuditEvent, Rol
from tests.factories import DoelFactory

from .factories import IndicatorFactory, MetingFactory


@pytest.fixture
def doel(plan):
    """40 in 2024 → 80 in 2027; 42 at the end of 2025 is behind the line (53,33 ± 2)."""
    doel = DoelFactory(regiovisie=plan, omschrijving="Meer gezinnen in preventieve begeleiding")
    MetingFactory(doel=doel, waarde=42, datum=datetime.date(2025, 12, 31), bron="Wijkteams")
    return doel


def url(doel):
    return reverse("monitoring:doel", args=[doel.regiovisie_id, doel.pk])


def test_a_measurement_from_the_form_is_stored_and_changes_the_status(client, beleid, doel):
    client.force_login(beleid)
    assert ">Achter<" in client.get(url(doel)).content.decode()

    response = client.post(
        url(doel),
        {"waarde": "60", "datum": "2026-06-30", "bron": "Jeugdmonitor", "opmerking": "Telling K2"},
        follow=True,
    )

    meting = Meting.objects.get(doel=doel, datum=datetime.date(2026, 6, 30))
    assert meting.waarde == Decimal("60") and meting.herkomst == "handmatig"
    assert meting.bron == "Jeugdmonitor" and meting.vastgelegd_door == beleid
    page = response.content.decode()
    assert "De meting is opgeslagen. Het doel is nu: op koers." in page
    assert ">Op koers<" in page and "Telling K2" in page
    assert AuditEvent.objects.filter(type="monitoring_vastgelegd", actor=beleid).exists()


def test_a_decimal_comma_is_read_the_dutch_way(client, beleid, doel):
    client.force_login(beleid)
    client.post(url(doel), {"waarde": "1.250,5", "datum": "2026-01-15", "bron": "GGD"})
    client.post(url(doel), {"waarde": "45.5", "datum": "2026-02-15", "bron": "GGD"})
    waarden = dict(Meting.objects.filter(doel=doel).values_list("datum", "waarde"))
    assert waarden[datetime.date(2026, 1, 15)] == Decimal("1250.5")
    assert waarden[datetime.date(2026, 2, 15)] == Decimal("45.5")


@pytest.mark.parametrize(
    ("gegevens", "melding"),
    [
        (
            {"waarde": "veel", "datum": "2026-01-15", "bron": "GGD"},
            "Waarde – Vul een getal in, bijvoorbeeld 45 of 45,5.",
        ),
        ({"waarde": "", "datum": "2026-01-15", "bron": "GGD"}, "Vul de gemeten waarde in."),
        ({"waarde": "50", "datum": "", "bron": "GGD"}, "Vul de datum van de meting in."),
        ({"waarde": "50", "datum": "2026-01-15", "bron": ""}, "Noem de bron van de meting."),
        (
            {"waarde": "50", "datum": "15 januari", "bron": "GGD"},
            "Vul een geldige datum in, bijvoorbeeld 14-03-2025.",
        ),
        (
            {"waarde": "50", "datum": "2026-01-15", "bron": "GGD", "opmerking": "Jan de Vries"},
            "Deze tekst lijkt persoonsgegevens te bevatten",
        ),
    ],
)
def test_bad_input_shows_dutch_errors_and_stores_nothing(client, beleid, doel, gegevens, melding):
    client.force_login(beleid)
    response = client.post(url(doel), gegevens)
    page = response.content.decode()
    assert response.status_code == 200
    assert "De meting is niet opgeslagen." in page and melding in page
    assert "<title>Fout:" in page
    assert Meting.objects.filter(doel=doel).count() == 1


def test_a_date_in_the_future_is_refused(client, beleid, doel):
    client.force_login(beleid)
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    page = client.post(
        url(doel), {"waarde": "50", "datum": morgen.isoformat(), "bron": "GGD"}
    ).content.decode()
    assert "De datum ligt in de toekomst. Kies vandaag of eerder." in page
    assert Meting.objects.filter(doel=doel).count() == 1


@pytest.mark.parametrize("rol", [Rol.BESTUURDER, Rol.LEZER, Rol.WIJKPROFESSIONAL])
def test_readers_see_no_form_and_their_post_is_refused(client, lid, doel, rol):
    client.force_login(lid(rol))
    page = client.get(url(doel)).content.decode()
    assert "Meting toevoegen" not in page and 'name="waarde"' not in page
    assert "42" in page  # the measurement itself is there to read
    response = client.post(url(doel), {"waarde": "60", "datum": "2026-06-30", "bron": "GGD"})
    assert response.status_code == 403
    assert Meting.objects.filter(doel=doel).count() == 1


def test_automatic_measurements_name_their_indicator_and_the_figure_has_a_table(client, lid, plan):
    indicator = IndicatorFactory(naam="Jongeren met jeugdhulp", eenheid="aantal")
    doel = DoelFactory(regiovisie=plan, indicator=indicator, indicator_tekst="")
    MetingFactory(doel=doel, waarde=1234, datum=datetime.date(2025, 12, 31), herkomst="automatisch")
    client.force_login(lid(Rol.BESTUURDER))
    page = client.get(url(doel)).content.decode()
    assert "automatisch uit Jongeren met jeugdhulp" in page
    assert "1.234" in page
    assert 'id="tabel-metingen"' in page and 'href="#tabel-metingen"' in page
    figuur = json.loads(
        re.search(
            r'<script type="application/json" data-grafiek="grafiek-doel">(.*?)</script>',
            page,
            re.S,
        ).group(1)
    )
    namen = [spoor["name"] for spoor in figuur["data"]]
    assert namen == [
        "Lijn van nulmeting naar streefwaarde",
        "Nulmeting",
        "Streefwaarde",
        "Metingen",
    ]
    assert figuur["data"][-1]["y"] == [1234.0]


def test_a_goal_without_measurement_says_so(client, lid, plan):
    doel = DoelFactory(regiovisie=plan)
    client.force_login(lid(Rol.LEZER))
    page = client.get(url(doel)).content.decode()
    assert "Er is nog geen meting van dit doel." in page
    assert ">Geen meting<" in page
