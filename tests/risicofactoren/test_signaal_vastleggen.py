"""A wijkprofessional records a signal about a wijk of the regio; nothing else gets saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent, AuditEventType, Rol
from risicofactoren.models import Signaal

from ..factories import GebiedFactory, RisicofactorFactory, WijkFactory

pytestmark = pytest.mark.django_db
URL = reverse("risicofactoren:signaal_nieuw")


@pytest.fixture
def wijk(regio):
    return WijkFactory(code="WK003418", naam="Filmwijk", gemeente=GebiedFactory(code="GM0034"))


@pytest.fixture
def thema():
    return RisicofactorFactory(naam="Financiële problemen", niveau="gezin")


@pytest.fixture
def wijkprofessional(client, lid):
    user = lid(Rol.WIJKPROFESSIONAL)
    client.force_login(user)
    return user


def gegevens(wijk, thema, /, **anders):
    return {
        "gebied": wijk.pk,
        "thema": thema.pk,
        "datum": "2025-03-14",
        "bron_organisatie": "Wijkteam Almere Stad",
        "tekst": "Veel jonge moeders in de Filmwijk melden geldzorgen.",
        **anders,
    }


def test_wijkprofessional_records_a_signal(client, wijkprofessional, regio, wijk, thema):
    form = client.get(URL).content.decode()
    assert "Filmwijk (WK003418)" in form and '<optgroup label="Gezin">' in form

    response = client.post(URL, gegevens(wijk, thema))

    signaal = Signaal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("risicofactoren:signaal", args=[signaal.pk])
    assert (signaal.regio, signaal.gebied, signaal.thema) == (regio, wijk, thema)
    assert signaal.datum == datetime.date(2025, 3, 14)
    assert signaal.vastgelegd_door == wijkprofessional
    event = AuditEvent.objects.get(type=AuditEventType.SIGNAAL_VASTGELEGD)
    assert event.actor == wijkprofessional and event.regio == regio
    assert "geldzorgen" not in event.omschrijving  # the log holds no text of the signal
    detail = client.get(response["Location"]).content.decode()
    assert "Het signaal is vastgelegd." in detail and "Financiële problemen in Filmwijk" in detail


def test_the_wijk_can_be_chosen_beforehand(client, wijkprofessional, wijk):
    html = client.get(f"{URL}?wijk={wijk.pk}").content.decode()
    assert f'<option value="{wijk.pk}" selected>' in html


@pytest.mark.parametrize(
    "rol", [Rol.BEHEERDER, Rol.BELEIDSMEDEWERKER, Rol.BESTUURDER, Rol.LEZER], ids=str
)
def test_other_roles_may_not_record(client, lid, wijk, thema, rol):
    client.force_login(lid(rol))
    assert client.get(URL).status_code == 403
    assert client.post(URL, gegevens(wijk, thema)).status_code == 403
    assert not Signaal.objects.exists()


def test_personal_data_is_refused_with_dutch_warnings(client, wijkprofessional, wijk, thema):
    tekst = "Mevrouw Jansen van de Kerkstraat 12 (BSN 111222333) belt vaak over geldzorgen."
    response = client.post(URL, gegevens(wijk, thema, tekst=tekst))

    html = response.content.decode()
    assert response.status_code == 200 and not Signaal.objects.exists()
    assert "Het signaal is niet opgeslagen." in html
    assert "Schrijf hem opnieuw zonder gegevens die naar een gezin of persoon" in html
    assert "Er staat een naam van een persoon in: „Mevrouw Jansen”." in html
    assert "Er staat een adres (straat en huisnummer) in: „Kerkstraat 12”." in html
    assert "burgerservicenummer (BSN)" in html
    # The error is tied to the field for screen readers, and the text stays for rewriting.
    assert 'aria-describedby="id_tekst_helptext id_tekst_error"' in html
    assert 'aria-invalid="true"' in html and "Kerkstraat 12" in html

    herschreven = "Een moeder in de Filmwijk belt vaak over geldzorgen."
    assert client.post(URL, gegevens(wijk, thema, tekst=herschreven)).status_code == 302
    assert Signaal.objects.get().tekst == herschreven


def test_a_name_as_organisation_is_refused(client, wijkprofessional, wijk, thema):
    response = client.post(URL, gegevens(wijk, thema, bron_organisatie="Jan Jansen"))
    assert response.status_code == 200 and not Signaal.objects.exists()
    assert "„Jan Jansen”" in response.content.decode()


@pytest.mark.parametrize(
    "veld,waarde,melding",
    [
        ("gebied", "999999", "Kies een wijk uit de lijst"),
        ("gebied", "abc", "Kies een wijk uit de lijst"),
        ("thema", "999999", "Kies een thema uit de lijst"),
        ("datum", "31-02-2025", "Vul een geldige datum in"),
        ("gebied", "", "Kies de wijk waar het over gaat."),
        ("tekst", "", "Beschrijf wat u ziet."),
    ],
)
def test_bad_input_is_a_dutch_form_error(
    client, wijkprofessional, wijk, thema, veld, waarde, melding
):
    response = client.post(URL, gegevens(wijk, thema, **{veld: waarde}))
    assert response.status_code == 200 and not Signaal.objects.exists()
    assert melding in response.content.decode()


def test_a_date_in_the_future_is_refused(client, wijkprofessional, wijk, thema):
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(URL, gegevens(wijk, thema, datum=morgen.isoformat()))
    assert response.status_code == 200 and not Signaal.objects.exists()
    assert "De datum ligt in de toekomst." in response.content.decode()


def test_a_wijk_of_another_regio_or_a_buurt_is_refused(
    client, wijkprofessional, andere_regio, wijk, thema
):
    utrecht = WijkFactory(code="WK034401", gemeente=GebiedFactory(code="GM0344"))
    buurt = WijkFactory(code="BU00341801", soort="buurt", gemeente=wijk.gemeente)
    for gebied in (utrecht, buurt, wijk.gemeente):
        response = client.post(URL, gegevens(wijk, thema, gebied=gebied.pk))
        assert response.status_code == 200
        assert "Kies een wijk uit de lijst: een wijk van een gemeente in uw regio." in (
            response.content.decode()
        )
    assert not Signaal.objects.exists()
    assert utrecht.code not in client.get(URL).content.decode()


def test_only_the_wijken_of_the_latest_year_can_be_chosen(client, wijkprofessional, wijk):
    oud = WijkFactory(
        code="WK003499",
        naam="Oude indeling",
        gemeente=wijk.gemeente,
        geldig_vanaf=2018,
        geldig_tot=2019,
    )
    html = client.get(URL).content.decode()
    assert "Filmwijk" in html and oud.naam not in html
