"""The aanbod inventory: list, add, change and remove help on offer in the regio, through the
client, with Dutch form errors and nothing of another regio."""

import pytest
from django.urls import reverse

from acties.models import Aanbod, Interventie
from portal.models import AuditEvent, AuditEventType, Rol
from portal.roles import SESSION_KEY
from tests.factories import AanbodFactory, GebiedFactory, LidmaatschapFactory, WijkFactory

pytestmark = pytest.mark.django_db
LIJST = reverse("acties:aanbod")
NIEUW = reverse("acties:aanbod_nieuw")


@pytest.fixture
def ingelogd(client, beleid):
    client.force_login(beleid)
    return beleid


@pytest.fixture
def wijk_ander(andere_regio):
    return WijkFactory(
        code="WK034401", naam="Binnenstad Utrecht", gemeente=GebiedFactory(code="GM0344")
    )


def gegevens(**anders):
    return {
        "interventie": "",
        "voorziening": "Opvoedspreekuur CJG",
        "aanbieder": "CJG Almere",
        "capaciteit_per_jaar": "40",
        "wijken": [],
        "vanaf_jaar": "2024",
        "tot_jaar": "2026",
        "toelichting": "Wachttijd ongeveer drie weken.",
        **anders,
    }


def test_list_shows_the_active_regios_aanbod_and_links_to_the_analysis(
    client, ingelogd, regio, andere_regio, almere
):
    eigen = AanbodFactory(regio=regio, voorziening="Gezinscoach", aanbieder="Wijkteam Haven")
    eigen.wijken.add(almere[0])
    AanbodFactory(regio=regio, voorziening="Opvoedcursus", vanaf_jaar=2025)
    AanbodFactory(regio=andere_regio, voorziening="Geheim aanbod elders")

    html = client.get(LIJST).content.decode()

    assert "Gezinscoach" in html and "Wijkteam Haven" in html and "Wijk 1" in html
    assert "Hele regio" in html and "vanaf 2025" in html
    assert "Geheim aanbod elders" not in html
    assert "Stap 2 · Regio Eigen" in html
    assert reverse("acties:vraag_aanbod") in html
    assert NIEUW in html and reverse("acties:aanbod_wijzigen", args=[eigen.pk]) in html


def test_a_reader_sees_the_list_without_edit_links_and_may_not_add(client, lid, regio):
    aanbod = AanbodFactory(regio=regio, voorziening="Gezinscoach")
    client.force_login(lid(Rol.LEZER))
    html = client.get(LIJST).content.decode()
    assert "Gezinscoach" in html
    assert NIEUW not in html and reverse("acties:aanbod_wijzigen", args=[aanbod.pk]) not in html
    assert client.get(NIEUW).status_code == 403
    assert client.post(NIEUW, gegevens()).status_code == 403
    assert not Aanbod.objects.exclude(pk=aanbod.pk).exists()


def test_beleidsmedewerker_adds_aanbod_for_two_wijken(client, ingelogd, regio, almere):
    form = client.get(NIEUW).content.decode()
    assert "Wijk 1 (WK003401)" in form and "Almere" in form
    assert "Home-Start (effectief volgens goede aanwijzingen)" in form

    response = client.post(NIEUW, gegevens(wijken=[almere[0].pk, almere[1].pk]))

    assert response.status_code == 302 and response["Location"] == LIJST
    aanbod = Aanbod.objects.get()
    assert (aanbod.regio, aanbod.naam, aanbod.aanbieder) == (
        regio,
        "Opvoedspreekuur CJG",
        "CJG Almere",
    )
    assert (aanbod.capaciteit_per_jaar, aanbod.vanaf_jaar, aanbod.tot_jaar) == (40, 2024, 2026)
    assert set(aanbod.wijken.all()) == {almere[0], almere[1]}
    event = AuditEvent.objects.get(type=AuditEventType.AANBOD_VASTGELEGD)
    assert event.actor == ingelogd and event.regio == regio
    assert event.details["aanbod_id"] == aanbod.pk
    assert "Het aanbod is toegevoegd." in client.get(LIJST).content.decode()


def test_an_intervention_of_the_catalogue_needs_no_name(client, ingelogd, regio):
    home_start = Interventie.objects.get(code="home-start")
    response = client.post(
        NIEUW, gegevens(interventie=home_start.pk, voorziening="", vanaf_jaar="", tot_jaar="")
    )
    assert response.status_code == 302
    aanbod = Aanbod.objects.get()
    assert aanbod.interventie == home_start and aanbod.naam == "Home-Start"
    assert aanbod.wijken.count() == 0 and aanbod.vanaf_jaar is None  # the whole regio, always


@pytest.mark.parametrize(
    ("anders", "veld", "melding"),
    [
        (
            {"voorziening": "  "},
            "voorziening",
            "Kies een interventie of vul de naam van de voorziening in.",
        ),
        ({"vanaf_jaar": "2026", "tot_jaar": "2024"}, "tot_jaar", "Het laatste jaar ligt voor het eerste jaar."),
        ({"aanbieder": ""}, "aanbieder", "Vul de aanbieder in."),
        ({"capaciteit_per_jaar": ""}, "capaciteit_per_jaar", "Vul de capaciteit per jaar in: het aantal gezinnen."),
        ({"capaciteit_per_jaar": "veel"}, "capaciteit_per_jaar", "Vul een heel getal in, bijvoorbeeld 40."),
        ({"vanaf_jaar": "24"}, "vanaf_jaar", "Vul een jaartal tussen 2000 en 2100 in."),
        ({"aanbieder": "Jan de Vries"}, "aanbieder", "Deze tekst lijkt persoonsgegevens te bevatten"),
    ],
)  # fmt: skip
def test_dutch_form_errors_save_nothing(client, ingelogd, regio, anders, veld, melding):
    response = client.post(NIEUW, gegevens(**anders))
    html = response.content.decode()
    assert response.status_code == 200
    assert melding in " ".join(response.context["form"].errors[veld])
    assert "Het aanbod is niet opgeslagen." in html and f'href="#id_{veld}"' in html
    assert html.count("Kies een interventie of") <= 2  # the field and the summary, not thrice
    assert not Aanbod.objects.exists()


def test_a_wijk_of_another_regio_is_a_form_error_that_does_not_reveal_it(
    client, ingelogd, regio, almere, wijk_ander
):
    response = client.post(NIEUW, gegevens(wijken=[almere[0].pk, wijk_ander.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies wijken uit de lijst: wijken van de gemeenten in uw regio." in html
    assert "Binnenstad Utrecht" not in html and "WK034401" not in html
    assert f'name="wijken" value="{wijk_ander.pk}"' not in html
    assert f'name="wijken" value="{almere[0].pk}" id="id_wijken_0_0" checked' in html
    assert 'href="#id_wijken"' in html and 'id="id_wijken"' in html
    assert not Aanbod.objects.exists()


def test_beleidsmedewerker_changes_aanbod(client, ingelogd, regio, almere):
    aanbod = AanbodFactory(regio=regio, voorziening="Gezinscoach", capaciteit_per_jaar=10)
    aanbod.wijken.add(almere[2])
    url = reverse("acties:aanbod_wijzigen", args=[aanbod.pk])
    form = client.get(url).content.decode()
    assert (
        'value="Gezinscoach"' in form
        and f'value="{almere[2].pk}" id="id_wijken_0_2" checked' in form
    )
    assert "Aanbod wijzigen: Gezinscoach" in form

    response = client.post(
        url, gegevens(voorziening="Gezinscoach", capaciteit_per_jaar="25", wijken=[almere[3].pk])
    )

    assert response.status_code == 302
    aanbod.refresh_from_db()
    assert aanbod.capaciteit_per_jaar == 25 and list(aanbod.wijken.all()) == [almere[3]]
    event = AuditEvent.objects.get(type=AuditEventType.AANBOD_GEWIJZIGD)
    assert {"capaciteit_per_jaar", "wijken"} <= set(event.details["velden"])
    assert "Gezinscoach" in event.omschrijving and event.regio == regio


def test_a_wijk_of_an_earlier_year_stays_chosen(client, ingelogd, regio, almere):
    oud = WijkFactory(
        code="WK003499", naam="Oude wijk", gemeente=almere[0].gemeente, geldig_tot=2019
    )
    aanbod = AanbodFactory(regio=regio, voorziening="Gezinscoach")
    aanbod.wijken.add(oud)
    url = reverse("acties:aanbod_wijzigen", args=[aanbod.pk])
    assert "Oude wijk (WK003499)" in client.get(url).content.decode()
    assert "Oude wijk" not in client.get(NIEUW).content.decode()  # not offered for new aanbod
    assert client.post(url, gegevens(wijken=[oud.pk])).status_code == 302


def test_beleidsmedewerker_removes_aanbod_after_confirming(client, ingelogd, regio):
    aanbod = AanbodFactory(regio=regio, voorziening="Gezinscoach", aanbieder="Wijkteam Haven")
    url = reverse("acties:aanbod_verwijderen", args=[aanbod.pk])
    bevestig = client.get(url).content.decode()
    assert "Weet u zeker dat u Gezinscoach van Wijkteam Haven" in bevestig
    assert Aanbod.objects.filter(pk=aanbod.pk).exists()

    response = client.post(url)

    assert response.status_code == 302 and response["Location"] == LIJST
    assert not Aanbod.objects.filter(pk=aanbod.pk).exists()
    event = AuditEvent.objects.get(type=AuditEventType.AANBOD_VERWIJDERD)
    assert event.details["aanbod_id"] == aanbod.pk and event.actor == ingelogd
    assert "Het aanbod is verwijderd." in client.get(LIJST).content.decode()


@pytest.mark.parametrize("naam", ["acties:aanbod_wijzigen", "acties:aanbod_verwijderen"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_regios_aanbod_is_not_found(client, ingelogd, andere_regio, naam, method):
    aanbod = AanbodFactory(regio=andere_regio, voorziening="Elders", capaciteit_per_jaar=7)
    response = getattr(client, method)(reverse(naam, args=[aanbod.pk]), gegevens())
    assert response.status_code == 404
    aanbod.refresh_from_db()
    assert aanbod.voorziening == "Elders" and aanbod.capaciteit_per_jaar == 7
    assert not AuditEvent.objects.filter(type__startswith="aanbod").exists()


def test_the_list_follows_the_active_regio(client, ingelogd, regio, andere_regio):
    LidmaatschapFactory(user=ingelogd, regio=andere_regio, rol=Rol.BELEIDSMEDEWERKER)
    AanbodFactory(regio=regio, voorziening="Aanbod eigen")
    AanbodFactory(regio=andere_regio, voorziening="Aanbod ander")
    session = client.session
    session[SESSION_KEY] = andere_regio.pk
    session.save()
    html = client.get(LIJST).content.decode()
    assert "Aanbod ander" in html and "Aanbod eigen" not in html

    client.post(NIEUW, gegevens(voorziening="Nieuw in ander"))
    assert Aanbod.objects.get(voorziening="Nieuw in ander").regio == andere_regio
