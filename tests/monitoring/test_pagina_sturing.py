"""The steering register: requirements per action, instrument and partner with their last
check; a beleidsmedewerker records a check and adds a requirement; readers only read."""

import datetime

import pytest
from django.urls import reverse

from monitoring.models import SturingsCheck, SturingsEis
from portal.models import AuditEvent, Rol
from tests.factories import ActieFactory, PartnerFactory

from .factories import SturingsCheckFactory, SturingsEisFactory, SturingsinstrumentFactory


@pytest.fixture
def eis(plan):
    actie = ActieFactory(regiovisie=plan, naam="Opvoedspreekuur")
    instrument = SturingsinstrumentFactory(actie=actie, soort="kwaliteitseis")
    eis = SturingsEisFactory(instrument=instrument, eis="Kindcheck uitgevoerd")
    SturingsCheckFactory(eis=eis, datum=datetime.date(2025, 6, 1), voldaan=False)
    return eis


def url(plan):
    return reverse("monitoring:sturing", args=[plan.pk])


def test_the_register_shows_each_requirement_with_its_last_check(client, lid, plan, eis):
    client.force_login(lid(Rol.BESTUURDER))
    page = client.get(url(plan)).content.decode()
    assert "Opvoedspreekuur" in page and "Kwaliteitseis" in page
    assert "Veilig Thuis Flevoland" in page and "Kindcheck uitgevoerd" in page
    assert "Niet voldaan" in page and "1 juni 2025" in page
    assert "Controle opslaan" not in page and "Eis toevoegen" not in page


def test_a_check_from_the_form_becomes_the_registers_answer(client, beleid, plan, eis):
    client.force_login(beleid)
    response = client.post(
        url(plan),
        {
            "formulier": "check",
            "eis": eis.pk,
            f"check-{eis.pk}-datum": "2026-02-01",
            f"check-{eis.pk}-voldaan": "ja",
            f"check-{eis.pk}-opmerking": "Alle teams gecontroleerd",
        },
        follow=True,
    )
    check = SturingsCheck.objects.get(eis=eis, datum=datetime.date(2026, 2, 1))
    assert check.voldaan and check.vastgelegd_door == beleid
    page = response.content.decode()
    assert "De controle van &#x27;Kindcheck uitgevoerd&#x27; is opgeslagen." in page
    assert "Voldaan" in page and "1 februari 2026" in page


def test_a_check_without_an_answer_is_refused_in_dutch(client, beleid, plan, eis):
    client.force_login(beleid)
    page = client.post(
        url(plan),
        {"formulier": "check", "eis": eis.pk, f"check-{eis.pk}-datum": "2026-02-01"},
    ).content.decode()
    assert "Niet opgeslagen." in page and "Kies of aan de eis is voldaan." in page
    assert SturingsCheck.objects.filter(eis=eis).count() == 1


def test_a_requirement_of_another_plan_is_not_found(client, beleid, plan, eis, andere_regio):
    from .factories import VastgesteldeRegiovisieFactory

    vreemd = SturingsEisFactory(
        instrument=SturingsinstrumentFactory(
            actie=ActieFactory(regiovisie=VastgesteldeRegiovisieFactory(regio=andere_regio))
        )
    )
    client.force_login(beleid)
    response = client.post(
        url(plan),
        {
            "formulier": "check",
            "eis": vreemd.pk,
            f"check-{vreemd.pk}-datum": "2026-02-01",
            f"check-{vreemd.pk}-voldaan": "ja",
        },
    )
    assert response.status_code == 404
    assert not SturingsCheck.objects.filter(eis=vreemd).exists()


def test_a_requirement_is_added_to_an_instrument_and_logged(client, beleid, plan, eis):
    partner = PartnerFactory(regiovisie=plan, naam="GGD Flevoland", soort="ggd")
    client.force_login(beleid)
    response = client.post(
        url(plan),
        {
            "formulier": "eis",
            "nieuw-instrument": eis.instrument.pk,
            "nieuw-partner": partner.pk,
            "nieuw-eis": "Meldcode-training gevolgd",
        },
        follow=True,
    )
    nieuw = SturingsEis.objects.get(eis="Meldcode-training gevolgd")
    assert nieuw.partner == partner and nieuw.instrument == eis.instrument
    page = response.content.decode()
    assert "Meldcode-training gevolgd" in page and "Nog niet gecontroleerd" in page
    gebeurtenis = AuditEvent.objects.filter(type="monitoring_vastgelegd").latest("pk")
    assert gebeurtenis.details["onderdeel"] == "sturingseis"


def test_the_same_requirement_twice_and_a_foreign_partner_are_refused(
    client, beleid, plan, eis, regio
):
    from .factories import VastgesteldeRegiovisieFactory

    ander_plan_partner = PartnerFactory(regiovisie=VastgesteldeRegiovisieFactory(regio=regio))
    client.force_login(beleid)
    for gegevens, melding in [
        (
            {"nieuw-partner": eis.partner.pk, "nieuw-eis": "kindcheck uitgevoerd"},
            "Deze eis staat al bij dit sturingsinstrument voor deze partner.",
        ),
        (
            {"nieuw-partner": ander_plan_partner.pk, "nieuw-eis": "Rapportage"},
            "Kies een partner van deze regiovisie.",
        ),
        ({"nieuw-eis": ""}, "Beschrijf de eis of afspraak."),
    ]:
        response = client.post(
            url(plan), {"formulier": "eis", "nieuw-instrument": eis.instrument.pk, **gegevens}
        )
        page = response.content.decode()
        assert "Niet opgeslagen." in page and melding in page
    assert SturingsEis.objects.count() == 1


def test_a_bestuurders_post_is_refused(client, lid, plan, eis):
    client.force_login(lid(Rol.BESTUURDER))
    response = client.post(
        url(plan),
        {"formulier": "eis", "nieuw-instrument": eis.instrument.pk, "nieuw-eis": "Iets"},
    )
    assert response.status_code == 403
    assert SturingsEis.objects.count() == 1
