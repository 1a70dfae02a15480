"""The eight-step wizard through the browser's eyes (Django test client): each step saves what
the officer typed, moves back and forward by the button pressed, shows Dutch errors and saves
nothing on bad input, and refuses a save built from an old version of the page."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from acties import services
from acties.models import Actie, Doel, Doelgroep, Partner, PreventieveActie, Regiovisie
from portal.models import AuditEvent
from tests.factories import ActieFactory, DoelFactory, WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visie(regio, beleid):
    return services.nieuwe_regiovisie(regio, beleid, jaar=2026)


def stap_url(visie, stap):
    return reverse("acties:wizard", args=[visie.pk, stap])


def formset(prefix, rijen, initial=0):
    """POST data of a formset: management form plus the rows (dicts of field → value)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rijen)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, rij in enumerate(rijen):
        data.update({f"{prefix}-{i}-{k}": v for k, v in rij.items()})
    return data


def test_a_beleidsmedewerker_starts_a_regiovisie_at_step_one(client, regio, beleid):
    client.force_login(beleid)
    response = client.post(reverse("acties:nieuw"))
    visie = Regiovisie.objects.get(regio=regio)
    assert response.status_code == 302
    assert response["Location"] == stap_url(visie, 1)
    page = client.get(stap_url(visie, 1)).content.decode()
    assert "Stap 1 van 8: Regio en partners" in page
    assert "Almere" in page and "centrumgemeente" in page
    assert 'aria-current="step"' in page


def test_step_one_saves_partners_and_moves_forward(client, visie, beleid):
    client.force_login(beleid)
    data = {
        "lock_version": visie.lock_version,
        "titel": "Samen veilig opgroeien in Flevoland",
        "jaar": "2026",
        "naar": "volgende",
        **formset(
            "partners",
            [
                {
                    "soort": "veilig_thuis",
                    "naam": "Veilig Thuis Flevoland",
                    "contactrol": "Teamleider",
                }
            ],
        ),
    }
    response = client.post(stap_url(visie, 1), data)
    assert response.status_code == 302 and response["Location"] == stap_url(visie, 2)
    visie.refresh_from_db()
    assert visie.titel == "Samen veilig opgroeien in Flevoland"
    assert visie.stap == 1 and visie.lock_version == 1
    assert list(visie.partners.values_list("naam", flat=True)) == ["Veilig Thuis Flevoland"]
    event = AuditEvent.objects.filter(type="plan_changed").latest("pk")
    assert event.actor == beleid and "partners" in event.omschrijving


def test_back_button_saves_and_goes_to_the_previous_step(client, visie, beleid):
    client.force_login(beleid)
    data = {"lock_version": visie.lock_version, "visie": "Geen kind onveilig.", "naar": "vorige"}
    response = client.post(stap_url(visie, 3), data)
    assert response["Location"] == stap_url(visie, 2)
    visie.refresh_from_db()
    assert visie.visie == "Geen kind onveilig."


def test_a_persons_name_as_contact_is_refused_and_nothing_is_saved(client, visie, beleid):
    client.force_login(beleid)
    data = {
        "lock_version": visie.lock_version,
        "titel": "Nieuwe titel",
        "jaar": "2026",
        **formset(
            "partners",
            [{"soort": "politie", "naam": "Politie", "contactrol": "jan.jansen@politie.nl"}],
        ),
    }
    response = client.post(stap_url(visie, 1), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Deze stap is niet opgeslagen" in page
    assert "Noem een rol of functie, geen persoon." in page
    visie.refresh_from_db()
    assert visie.titel != "Nieuwe titel" and visie.lock_version == 0
    assert not Partner.objects.exists()


def test_a_save_from_an_old_page_is_refused_with_who_changed_it(client, visie, beleid, lid):
    collega = lid("beleidsmedewerker")
    collega.first_name, collega.last_name = "Petra", "de Collega"
    collega.save()
    services.opslaan(visie.pk, 0, {"visie": "Versie van Petra"}, collega)
    client.force_login(beleid)
    response = client.post(
        stap_url(visie, 3), {"lock_version": 0, "visie": "Mijn versie", "naar": "volgende"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Uw wijzigingen zijn niet opgeslagen: Petra de Collega heeft deze regiovisie" in page
    assert "Mijn versie" in page  # the input stays on the page, to copy
    visie.refresh_from_db()
    assert visie.visie == "Versie van Petra"


def test_goals_from_the_handreiking_examples_and_smart_validation(client, visie, beleid):
    client.force_login(beleid)
    response = client.get(stap_url(visie, 4))
    assert "Jaarlijks krijgen tenminste N gezinnen" in response.content.decode()
    client.post(stap_url(visie, 4), {"lock_version": 0, "voorbeeld": "1"})
    doel = Doel.objects.get(regiovisie=visie)
    assert doel.omschrijving.startswith("Jaarlijks krijgen tenminste N gezinnen")
    assert doel.categorie == "preventie"

    rij = {
        "id": str(doel.pk),
        "regiovisie": str(visie.pk),
        "categorie": "preventie",
        "omschrijving": "Jaarlijks krijgen tenminste 120 gezinnen preventieve begeleiding.",
        "indicator_tekst": "Aantal gezinnen met preventieve begeleiding",
        "nulmeting": "80",
        "nulmeting_jaar": "2025",
        "streefwaarde": "120",
        "streefjaar": "2024",
    }
    data = {
        "lock_version": 1,
        **formset("doelen", [rij], initial=1),
        **formset("doelgroepen", []),
    }
    response = client.post(stap_url(visie, 4), data)
    assert "Het streefjaar ligt voor het jaar van de nulmeting." in response.content.decode()
    doel.refresh_from_db()
    assert doel.streefwaarde is None

    rij["streefjaar"] = "2028"
    response = client.post(stap_url(visie, 4), {**data, **formset("doelen", [rij], initial=1)})
    assert response.status_code == 302
    doel.refresh_from_db()
    assert (doel.streefwaarde, doel.streefjaar) == (120, 2028)


def test_a_target_group_cannot_name_a_wijk_of_another_regio(client, visie, beleid, andere_regio):
    from tests.factories import GebiedFactory

    eigen = WijkFactory(code="WK003401", naam="Stad", gemeente=GebiedFactory(code="GM0034"))
    vreemd = WijkFactory(code="WK034401", naam="Binnenstad", gemeente=GebiedFactory(code="GM0344"))
    client.force_login(beleid)
    data = {
        "lock_version": 0,
        **formset("doelen", []),
        **formset("doelgroepen", [{"naam": "Jonge ouders", "wijken": [str(vreemd.pk)]}]),
    }
    response = client.post(stap_url(visie, 4), data)
    page = response.content.decode()
    assert "Selecteer een geldige keuze" in page and "Binnenstad" not in page
    assert not Doelgroep.objects.exists()
    data.update(formset("doelgroepen", [{"naam": "Jonge ouders", "wijken": [str(eigen.pk)]}]))
    assert client.post(stap_url(visie, 4), data).status_code == 302
    assert list(Doelgroep.objects.get().wijken.all()) == [eigen]


def test_an_action_starts_from_a_preventive_action_and_is_saved_with_the_lock(
    client, visie, beleid
):
    client.force_login(beleid)
    preventief = PreventieveActie.objects.get(nummer=3)
    page = client.get(
        reverse("acties:actie_nieuw", args=[visie.pk]), {"preventieve_actie": preventief.pk}
    ).content.decode()
    assert escape(preventief.naam) in page  # the name is filled in from the guidance
    data = {
        "lock_version": 0,
        "preventieve_actie": str(preventief.pk),
        "naam": preventief.naam,
        "spectrum": "alle_gezinnen",
        "projectleider": "Coördinator JGZ 0-4",
        "bestuurlijk_trekker": "Wethouder Jeugd Almere",
        "budget": "25000",
        "bereik_gepland": "300",
        "start": "2026-01-01",
        "eind": "2025-12-31",
    }
    response = client.post(reverse("acties:actie_nieuw", args=[visie.pk]), data)
    assert "Het einde ligt voor de start." in response.content.decode()
    assert not Actie.objects.exists()
    data["eind"] = "2027-12-31"
    response = client.post(reverse("acties:actie_nieuw", args=[visie.pk]), data)
    assert response["Location"] == stap_url(visie, 5)
    actie = Actie.objects.get()
    assert actie.bereik_gepland == 300 and actie.preventieve_actie == preventief
    page = client.get(stap_url(visie, 5)).content.decode()
    assert escape(preventief.naam) in page


def test_an_action_of_another_regiovisie_is_not_found(client, visie, beleid):
    vreemd = ActieFactory()
    client.force_login(beleid)
    assert client.get(reverse("acties:actie", args=[visie.pk, vreemd.pk])).status_code == 404


def test_an_action_is_deleted_after_confirmation(client, visie, beleid):
    actie = ActieFactory(regiovisie=visie)
    client.force_login(beleid)
    url = reverse("acties:actie_verwijderen", args=[visie.pk, actie.pk])
    assert actie.naam in client.get(url).content.decode()
    client.post(url, {"lock_version": 0})
    assert not Actie.objects.exists()


def test_aandachtspunten_and_steering_are_saved(client, visie, beleid):
    actie = ActieFactory(regiovisie=visie)
    doel = DoelFactory(regiovisie=visie)
    vreemde_actie = ActieFactory()
    client.force_login(beleid)
    uitwerkingen = list(visie.aandachtspunten.order_by("aandachtspunt__nummer"))
    page = client.get(stap_url(visie, 6)).content.decode()
    assert uitwerkingen[0].aandachtspunt.titel in page
    rijen = [{"id": str(u.pk), "tekst": ""} for u in uitwerkingen]
    rijen[0]["tekst"] = "Wijkteams en Veilig Thuis werken met één plan per gezin."
    data = {"lock_version": 0, **formset("aandachtspunten", rijen, initial=len(rijen))}
    assert client.post(stap_url(visie, 6), data).status_code == 302
    uitwerkingen[0].refresh_from_db()
    assert uitwerkingen[0].tekst.startswith("Wijkteams en Veilig Thuis")

    data = {
        "lock_version": 1,
        **formset(
            "meetwijze", [{"id": str(doel.pk), "meetwijze": "Jaarlijks uit de GGD-monitor"}], 1
        ),
        **formset("sturing", [{"actie": str(vreemde_actie.pk), "soort": "kwaliteitseis"}]),
    }
    response = client.post(stap_url(visie, 7), data)
    assert "Selecteer een geldige keuze" in response.content.decode()
    data.update(
        formset(
            "sturing",
            [
                {
                    "actie": str(actie.pk),
                    "soort": "kwaliteitseis",
                    "omschrijving": "Kindcheck uitgevoerd",
                }
            ],
        )
    )
    assert client.post(stap_url(visie, 7), data).status_code == 302
    assert actie.sturingsinstrumenten.get().omschrijving == "Kindcheck uitgevoerd"
    doel.refresh_from_db()
    assert doel.meetwijze == "Jaarlijks uit de GGD-monitor"


def test_step_eight_lists_the_warnings_with_a_link_to_the_step(client, visie, beleid):
    ActieFactory(regiovisie=visie, projectleider="")
    client.force_login(beleid)
    page = client.get(stap_url(visie, 8)).content.decode()
    assert "heeft geen projectleider die haar trekt" in page
    assert "Er is geen actie om herhaling te voorkomen" in page
    assert stap_url(visie, 5) in page


def test_unknown_step_is_not_found(client, visie, beleid):
    client.force_login(beleid)
    assert client.get(reverse("acties:wizard", args=[visie.pk, 9])).status_code == 404


def test_bestuurder_reads_offers_nothing_to_edit_and_sets_vastgesteld(
    client, visie, beleid, bestuurder
):
    client.force_login(bestuurder)
    assert client.get(stap_url(visie, 1)).status_code == 403
    services.ter_vaststelling_aanbieden(visie, beleid)
    visie.refresh_from_db()
    page = client.get(reverse("acties:detail", args=[visie.pk])).content.decode()
    assert "Vaststellen" in page and "Verder bewerken" not in page
    response = client.post(
        reverse("acties:status", args=[visie.pk]),
        {"actie": "vaststellen", "lock_version": visie.lock_version},
    )
    assert response.status_code == 302
    visie.refresh_from_db()
    assert visie.status == "vastgesteld" and visie.vastgesteld_door == bestuurder


def test_a_vastgestelde_version_cannot_be_edited(client, visie, beleid, bestuurder):
    services.ter_vaststelling_aanbieden(visie, beleid)
    visie.refresh_from_db()
    services.vaststellen(visie, bestuurder)
    client.force_login(beleid)
    response = client.get(stap_url(visie, 3), follow=True)
    assert "is vastgesteld en kan niet meer worden gewijzigd" in response.content.decode()
    visie.refresh_from_db()
    response = client.post(
        stap_url(visie, 3), {"lock_version": visie.lock_version, "visie": "Stiekem"}
    )
    assert "is vastgesteld en kan niet meer worden gewijzigd" in response.content.decode()
    visie.refresh_from_db()
    assert visie.visie != "Stiekem"


def test_a_beleidsmedewerker_cannot_set_vastgesteld(client, visie, beleid):
    services.ter_vaststelling_aanbieden(visie, beleid)
    visie.refresh_from_db()
    client.force_login(beleid)
    client.post(
        reverse("acties:status", args=[visie.pk]),
        {"actie": "vaststellen", "lock_version": visie.lock_version},
    )
    visie.refresh_from_db()
    assert visie.status == "ter_vaststelling"


def test_overview_offers_the_next_step(client, regio, beleid, lid):
    client.force_login(lid("lezer"))
    page = client.get(reverse("acties:stap")).content.decode()
    assert "Nieuwe regiovisie beginnen" not in page
    client.force_login(beleid)
    page = client.get(reverse("acties:stap")).content.decode()
    assert "Nieuwe regiovisie beginnen" in page
    visie = services.nieuwe_regiovisie(regio, beleid)
    page = client.get(reverse("acties:stap")).content.decode()
    assert "Verder met de regiovisie" in page and stap_url(visie, 1) in page
