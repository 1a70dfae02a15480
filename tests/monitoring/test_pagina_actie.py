"""One action's page: its quarters, reach and spending against plan, overdue flagged, and the
form with which a beleidsmedewerker records a quarter."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import ActieVoortgang
from monitoring.services import kwartaal
from portal.models import Rol
from tests.factories import ActieFactory

from .factories import ActieVoortgangFactory


@pytest.fixture
def actie(plan):
    actie = ActieFactory(
        regiovisie=plan,
        naam="Opvoedspreekuur",
        bereik_gepland=200,
        budget=Decimal("10000"),
        start=datetime.date(2025, 1, 1),
        eind=datetime.date(2030, 12, 31),
    )
    ActieVoortgangFactory(
        actie=actie,
        periode="2025-K1",
        bereik=40,
        budget_besteed=Decimal("2000"),
        opmerking="Goed gestart",
    )
    return actie


def url(actie):
    return reverse("monitoring:actie", args=[actie.regiovisie_id, actie.pk])


def test_the_page_shows_the_quarters_and_where_the_action_stands(client, lid, actie):
    client.force_login(lid(Rol.BESTUURDER))
    page = client.get(url(actie)).content.decode()
    assert "2025-K1" in page and "Goed gestart" in page
    assert "40 van 200 gepland (20%)" in page
    assert "€\u00a02.000 van €\u00a010.000 (20%)" in page
    assert "Kwartaal vastleggen" not in page and 'name="periode"' not in page


def test_a_quarter_from_the_form_is_stored(client, beleid, actie):
    client.force_login(beleid)
    response = client.post(
        url(actie),
        {
            "periode": "2025-K2",
            "status": "loopt",
            "bereik": "35",
            "budget_besteed": "1.500,25",
            "opmerking": "Tweede locatie open",
        },
        follow=True,
    )
    v = ActieVoortgang.objects.get(actie=actie, periode="2025-K2")
    assert (v.bereik, v.budget_besteed, v.status) == (35, Decimal("1500.25"), "loopt")
    page = response.content.decode()
    assert "De voortgang over 2025-K2 is opgeslagen." in page
    assert "75 van 200 gepland (38%)" in page


def test_only_quarters_up_to_now_can_be_chosen(client, beleid, actie):
    client.force_login(beleid)
    page = client.get(url(actie)).content.decode()
    assert f'value="{kwartaal(timezone.localdate())}"' in page and 'value="2025-K1"' in page
    volgend_jaar = f"{timezone.localdate().year + 1}-K1"
    assert f'value="{volgend_jaar}"' not in page
    response = client.post(url(actie), {"periode": volgend_jaar, "status": "loopt"})
    assert "Kwartaal – Kies een kwartaal uit de lijst." in response.content.decode()
    assert not ActieVoortgang.objects.filter(periode=volgend_jaar).exists()


@pytest.mark.parametrize(
    ("gegevens", "melding"),
    [
        ({"periode": "2025-K2", "status": "loopt", "bereik": "veel"}, "Vul een geheel aantal"),
        ({"periode": "2025-K2", "status": "loopt", "bereik": "-3"}, "minstens 0"),
        ({"periode": "2025-K2", "status": "loopt", "budget_besteed": "-5"}, "minstens 0"),
        ({"periode": "2025-K2"}, "Kies de status van de actie in dit kwartaal."),
        ({"periode": "2025-K2", "status": "klaar"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_shows_dutch_errors_and_stores_nothing(client, beleid, actie, gegevens, melding):
    client.force_login(beleid)
    page = client.post(url(actie), gegevens).content.decode()
    assert "De voortgang is niet opgeslagen." in page and melding in page
    assert ActieVoortgang.objects.filter(actie=actie).count() == 1


def test_an_overdue_action_is_flagged(client, lid, plan):
    actie = ActieFactory(regiovisie=plan, naam="Training meldcode", eind=datetime.date(2025, 6, 30))
    client.force_login(lid(Rol.LEZER))
    page = client.get(url(actie)).content.decode()
    assert "de einddatum 30 juni 2025 is voorbij" in page


def test_a_bestuurders_post_is_refused(client, lid, actie):
    client.force_login(lid(Rol.BESTUURDER))
    response = client.post(url(actie), {"periode": "2025-K2", "status": "afgerond"})
    assert response.status_code == 403
    assert ActieVoortgang.objects.filter(actie=actie).count() == 1
