"""The home page shows the open meldingen of the active regio to the roles they are meant for,
in a section "Aandachtspunten voor u" with their links; nobody else sees them."""

import datetime

import pytest
from django.utils import timezone

from portal import meldingen
from portal.models import Lidmaatschap, Melding, Rol

pytestmark = pytest.mark.django_db

TEKST = "Actie '%(actie)s' is over haar einddatum. Projectleider: %(projectleider)s."


@pytest.fixture
def melding(regio):
    return Melding.objects.create(
        regio=regio,
        sleutel="monitoring:actie-verlopen:1",
        rollen=[Rol.BELEIDSMEDEWERKER, Rol.BEHEERDER],
        tekst=TEKST,
        parameters={"actie": "Meldcode-training", "projectleider": "beleidsadviseur kwaliteit"},
        link="/monitoring/1/acties/1/",
    )


def home(client, user) -> str:
    client.force_login(user)
    return client.get("/").content.decode()


def test_a_beleidsmedewerker_of_the_regio_sees_it_with_its_link(client, lid, melding):
    html = home(client, lid(Rol.BELEIDSMEDEWERKER))

    assert "Aandachtspunten voor u" in html
    assert "Er is 1 punt in de uitvoering van de regiovisie dat aandacht vraagt." in html
    assert (
        '<a href="/monitoring/1/acties/1/">Actie &#x27;Meldcode-training&#x27; is over haar '
        "einddatum. Projectleider: beleidsadviseur kwaliteit.</a>"
    ) in html


def test_a_beheerder_sees_it_too(client, lid, melding):
    assert "Meldcode-training" in home(client, lid(Rol.BEHEERDER))


@pytest.mark.parametrize("rol", [Rol.WIJKPROFESSIONAL, Rol.BESTUURDER, Rol.LEZER])
def test_other_roles_do_not_see_it(client, lid, melding, rol):
    html = home(client, lid(rol))
    assert "Aandachtspunten voor u" not in html and "Meldcode-training" not in html


def test_a_beleidsmedewerker_of_another_regio_does_not_see_it(client, lid, andere_regio, melding):
    html = home(client, lid(Rol.BELEIDSMEDEWERKER, in_regio=andere_regio))
    assert "Meldcode-training" not in html


def test_a_resolved_melding_is_gone(client, lid, melding):
    Melding.objects.filter(pk=melding.pk).update(opgelost_op=timezone.now())
    assert "Meldcode-training" not in home(client, lid(Rol.BELEIDSMEDEWERKER))


def test_the_active_regio_decides(client, lid, regio, andere_regio, melding):
    user = lid(Rol.BELEIDSMEDEWERKER)
    Lidmaatschap.objects.create(user=user, regio=andere_regio, rol=Rol.BELEIDSMEDEWERKER)
    client.force_login(user)
    client.post("/regio/kiezen/", {"regio": andere_regio.pk})
    assert "Meldcode-training" not in client.get("/").content.decode()
    client.post("/regio/kiezen/", {"regio": regio.pk})
    assert "Meldcode-training" in client.get("/").content.decode()


def test_bijwerken_keeps_to_its_own_prefixes(regio, melding):
    ander = Melding.objects.create(regio=regio, sleutel="ander:1", rollen=["beheerder"], tekst="x")

    uitkomst = meldingen.bijwerken(["monitoring:"], [])

    melding.refresh_from_db()
    ander.refresh_from_db()
    assert uitkomst.opgelost == 1
    assert melding.opgelost_op is not None and ander.opgelost_op is None
    with pytest.raises(ValueError):
        meldingen.bijwerken(
            ["monitoring:"],
            [meldingen.NieuweMelding(regio.pk, "ander:2", ("beheerder",), "x")],
        )


def test_the_reminders_job_reaches_the_home_page(client, lid, regio):
    from monitoring import herinneringen
    from tests.factories import ActieFactory
    from tests.monitoring.factories import VastgesteldeRegiovisieFactory

    plan = VastgesteldeRegiovisieFactory(regio=regio)
    ActieFactory(
        regiovisie=plan, naam="Campagne", eind=timezone.localdate() - datetime.timedelta(1)
    )
    herinneringen.herinneringen_bijwerken()

    html = home(client, lid(Rol.BELEIDSMEDEWERKER))
    assert "Actie &#x27;Campagne&#x27; is sinds" in html
    assert "Projectleider: Coördinator JGZ 0-4." in html
