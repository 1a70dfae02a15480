"""A beleidsmedewerker records a dialogue session: organisations, weighed factors, outcome."""

import pytest
from django.urls import reverse

from portal.models import AuditEvent, AuditEventType, Rol
from risicofactoren.models import Dialoogsessie

from ..factories import GebiedFactory, RisicofactorFactory, WijkFactory

pytestmark = pytest.mark.django_db
URL = reverse("risicofactoren:dialoogsessie_nieuw")


@pytest.fixture
def wijk(regio):
    return WijkFactory(code="WK003418", naam="Filmwijk", gemeente=GebiedFactory(code="GM0034"))


@pytest.fixture
def factoren():
    return {
        "geldzorgen": RisicofactorFactory(naam="Financiële problemen", niveau="gezin"),
        "isolement": RisicofactorFactory(naam="Sociaal isolement", niveau="gezin"),
        "buurthuis": RisicofactorFactory(
            naam="Goede voorzieningen in de buurt", soort="beschermend", niveau="omgeving"
        ),
    }


@pytest.fixture
def beleidsmedewerker(client, lid):
    user = lid(Rol.BELEIDSMEDEWERKER)
    client.force_login(user)
    return user


def gegevens(wijk, gewichten: dict, /, **anders):
    return {
        "gebied": wijk.pk,
        "datum": "2025-03-14",
        "deelnemers": "Wijkteam Almere Stad\nGGD Flevoland\nBasisschool in de wijk",
        "conclusies": "Geldzorgen wegen zwaar; het buurthuis is een sterke plek.",
        "vervolg": "Het wijkteam organiseert een spreekuur schuldhulp in het buurthuis.",
        **{f"factor_{f.pk}": str(g) for f, g in gewichten.items()},
        **anders,
    }


def test_beleidsmedewerker_records_a_session_with_its_balance(
    client, beleidsmedewerker, regio, wijk, factoren
):
    form = client.get(URL).content.decode()
    assert "Risicofactoren die de deelnemers zagen" in form
    assert "Beschermende factoren die de deelnemers zagen" in form
    beschermend = factoren["buurthuis"].pk
    assert f'for="id_factor_{beschermend}"' in form  # one labelled select per factor
    assert f'<select name="factor_{beschermend}"' in form

    gewichten = {factoren["geldzorgen"]: 3, factoren["isolement"]: 1, factoren["buurthuis"]: 2}
    response = client.post(URL, gegevens(wijk, gewichten))

    sessie = Dialoogsessie.objects.get()
    assert response["Location"] == reverse("risicofactoren:dialoogsessie", args=[sessie.pk])
    assert (sessie.regio, sessie.gebied, sessie.vastgelegd_door) == (regio, wijk, beleidsmedewerker)
    assert dict(sessie.factoren.values_list("risicofactor__naam", "gewicht")) == {
        "Financiële problemen": 3,
        "Sociaal isolement": 1,
        "Goede voorzieningen in de buurt": 2,
    }
    assert AuditEvent.objects.filter(
        type=AuditEventType.DIALOOGSESSIE_VASTGELEGD, actor=beleidsmedewerker, regio=regio
    ).exists()
    detail = client.get(response["Location"]).content.decode()
    assert (
        "De risicofactoren wegen zwaarder dan de beschermende factoren: 4 tegen 2, "
        "een verschil van 2." in detail
    )
    assert "GGD Flevoland" in detail and "zwaar (3)" in detail


def test_factors_left_on_niet_besproken_are_not_stored(client, beleidsmedewerker, wijk, factoren):
    client.post(URL, gegevens(wijk, {factoren["buurthuis"]: 1, factoren["isolement"]: ""}))
    assert list(Dialoogsessie.objects.get().factoren.values_list("gewicht", flat=True)) == [1]


def test_at_least_one_factor_is_weighed(client, beleidsmedewerker, wijk, factoren):
    response = client.post(URL, gegevens(wijk, {}))
    assert response.status_code == 200 and not Dialoogsessie.objects.exists()
    assert "Weeg ten minste één risicofactor of beschermende factor" in response.content.decode()


def test_an_unknown_weight_is_a_form_error(client, beleidsmedewerker, wijk, factoren):
    response = client.post(URL, gegevens(wijk, {factoren["geldzorgen"]: 7}))
    assert response.status_code == 200 and not Dialoogsessie.objects.exists()
    assert "Kies licht, matig of zwaar, of ‘niet besproken’." in response.content.decode()


@pytest.mark.parametrize("veld", ["deelnemers", "conclusies", "vervolg"])
def test_personal_data_in_any_text_field_is_refused(
    client, beleidsmedewerker, wijk, factoren, veld
):
    response = client.post(
        URL,
        gegevens(
            wijk, {factoren["geldzorgen"]: 2}, **{veld: "Gesprek met mw. de Boer, 06-12345678"}
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Dialoogsessie.objects.exists()
    assert "De dialoogsessie is niet opgeslagen." in html
    assert "Er staat een naam van een persoon in: „mw. de Boer”." in html
    assert "Er staat een telefoonnummer in: „06-12345678”." in html


def test_a_wijk_of_another_regio_is_refused(client, beleidsmedewerker, andere_regio, factoren):
    utrecht = WijkFactory(code="WK034401", gemeente=GebiedFactory(code="GM0344"))
    response = client.post(URL, gegevens(utrecht, {factoren["geldzorgen"]: 2}))
    assert response.status_code == 200 and not Dialoogsessie.objects.exists()
    assert "Kies een wijk uit de lijst" in response.content.decode()


# Beheerders hold edit_regiovisie since portal 0005 and may record sessions too.
@pytest.mark.parametrize("rol", [Rol.BESTUURDER, Rol.WIJKPROFESSIONAL, Rol.LEZER], ids=str)
def test_other_roles_may_not_record(client, lid, wijk, factoren, rol):
    client.force_login(lid(rol))
    assert client.get(URL).status_code == 403
    assert client.post(URL, gegevens(wijk, {factoren["geldzorgen"]: 2})).status_code == 403
    assert not Dialoogsessie.objects.exists()
