"""The evaluation page and the next cycle: notes per goal, per action and for the plan, then
"Volgende cyclus starten" creates the concept that carries them (through `vorige` and
`overgenomen_van`); a second start is refused politely."""

import pytest
from django.urls import reverse

from acties.models import Regiovisie
from monitoring.models import Evaluatie, SturingsEis
from portal.models import Rol
from tests.factories import ActieFactory, DoelFactory

from .factories import SturingsEisFactory, SturingsinstrumentFactory


@pytest.fixture
def onderdelen(plan):
    doel = DoelFactory(regiovisie=plan, omschrijving="Meer gezinnen in preventieve begeleiding")
    actie = ActieFactory(regiovisie=plan, naam="Opvoedspreekuur")
    SturingsEisFactory(instrument=SturingsinstrumentFactory(actie=actie), partner=None)
    return doel, actie


def url(plan):
    return reverse("monitoring:evaluatie", args=[plan.pk])


def evalueer(client, plan, sleutel, **antwoorden):
    gegevens = {"onderwerp": sleutel}
    gegevens |= {f"{sleutel}-{veld}": tekst for veld, tekst in antwoorden.items()}
    return client.post(url(plan), gegevens, follow=True)


def test_evaluations_then_the_next_cycle_carries_them(client, beleid, plan, onderdelen):
    doel, actie = onderdelen
    client.force_login(beleid)
    evalueer(client, plan, "plan", wat_ging_goed="De samenwerking in de keten")
    evalueer(client, plan, f"doel-{doel.pk}", wat_kan_beter="Vaker meten")
    response = evalueer(
        client, plan, f"actie-{actie.pk}", hoe_ontwikkelen="Tweede locatie in Haven"
    )
    page = response.content.decode()
    assert "De evaluatie van &#x27;Opvoedspreekuur&#x27; is opgeslagen." in page
    assert "3 van 3 onderdelen geëvalueerd." in page
    assert "Vaker meten" in page  # the saved answer is in its form again

    response = client.post(reverse("monitoring:volgende_cyclus", args=[plan.pk]), follow=True)

    nieuw = Regiovisie.objects.get(vorige=plan)
    assert nieuw.status == "concept" and nieuw.versie == plan.versie + 1
    assert response.redirect_chain[-1][0] == reverse("acties:detail", args=[nieuw.pk])
    assert "met haar evaluatie erbij" in response.content.decode()
    assert nieuw.vorige.evaluaties.count() == 3
    nieuw_doel, nieuwe_actie = nieuw.doelen.get(), nieuw.acties.get()
    assert nieuw_doel.overgenomen_van.evaluaties.get().wat_kan_beter == "Vaker meten"
    assert nieuwe_actie.overgenomen_van.evaluaties.get().hoe_ontwikkelen.startswith("Tweede")
    assert SturingsEis.objects.filter(instrument__actie=nieuwe_actie).count() == 1
    # The concept's page leads back to the evaluation it builds on.
    detail = client.get(reverse("acties:detail", args=[nieuw.pk])).content.decode()
    assert url(plan) in detail


def test_a_second_start_is_refused_politely(client, beleid, plan, onderdelen):
    client.force_login(beleid)
    client.post(reverse("monitoring:volgende_cyclus", args=[plan.pk]))
    response = client.post(reverse("monitoring:volgende_cyclus", args=[plan.pk]), follow=True)
    assert response.redirect_chain[-1][0] == url(plan)
    page = response.content.decode()
    assert f"De volgende cyclus is al begonnen: versie {plan.versie + 1} (concept)" in page
    assert "Volgende cyclus starten" not in page
    assert Regiovisie.objects.count() == 2


def test_an_empty_evaluation_is_refused_in_dutch(client, beleid, plan, onderdelen):
    client.force_login(beleid)
    page = evalueer(client, plan, "plan", wat_ging_goed="  ").content.decode()
    assert "De evaluatie is niet opgeslagen." in page
    assert "Vul ten minste één van de drie vragen in." in page
    assert not Evaluatie.objects.exists()


@pytest.mark.parametrize("rol", [Rol.BESTUURDER, Rol.LEZER, Rol.WIJKPROFESSIONAL])
def test_readers_read_the_evaluation_without_forms(client, lid, beleid, plan, onderdelen, rol):
    client.force_login(beleid)
    evalueer(client, plan, "plan", wat_ging_goed="De samenwerking in de keten")
    client.force_login(lid(rol))
    page = client.get(url(plan)).content.decode()
    assert "De samenwerking in de keten" in page
    assert "Evaluatie opslaan" not in page and "Volgende cyclus starten" not in page
    assert (
        client.post(url(plan), {"onderwerp": "plan", "plan-wat_kan_beter": "x"}).status_code == 403
    )
    response = client.post(reverse("monitoring:volgende_cyclus", args=[plan.pk]))
    assert response.status_code == 403
    assert Regiovisie.objects.count() == 1


def test_an_unknown_subject_is_not_found(client, beleid, plan, onderdelen):
    client.force_login(beleid)
    response = client.post(
        url(plan), {"onderwerp": "doel-999999", "doel-999999-wat_ging_goed": "x"}
    )
    assert response.status_code == 404


def test_the_acties_page_of_a_vastgestelde_version_points_to_the_evaluation(client, beleid, plan):
    client.force_login(beleid)
    page = client.get(reverse("acties:detail", args=[plan.pk])).content.decode()
    assert url(plan) in page
    assert "Nieuwe cyclus starten" not in page
    overzicht = client.get(reverse("acties:stap")).content.decode()
    assert url(plan) in overzicht and "Nieuwe cyclus starten" not in overzicht
