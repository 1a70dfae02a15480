"""A signal or session that should not have been recorded can be removed by those who record
them in that regio; the log keeps that it happened, not what it said."""

import pytest
from django.urls import reverse

from portal.models import AuditEvent, AuditEventType, Rol
from risicofactoren.models import DialoogFactor, Dialoogsessie, Signaal

from ..factories import DialoogFactorFactory, DialoogsessieFactory, SignaalFactory

pytestmark = pytest.mark.django_db


def test_wijkprofessional_deletes_a_signal_after_confirming(client, lid, regio):
    user = lid(Rol.WIJKPROFESSIONAL)
    client.force_login(user)
    signaal = SignaalFactory(regio=regio, tekst="Per ongeluk vastgelegd.")
    url = reverse("risicofactoren:signaal_verwijderen", args=[signaal.pk])

    assert "Weet u zeker" in client.get(url).content.decode()
    assert Signaal.objects.exists()
    response = client.post(url)

    assert response["Location"] == reverse("risicofactoren:signalen")
    assert not Signaal.objects.exists()
    event = AuditEvent.objects.get(type=AuditEventType.SIGNAAL_VERWIJDERD)
    assert event.actor == user and event.regio == regio
    assert "Per ongeluk" not in event.omschrijving


def test_beleidsmedewerker_deletes_a_session_with_its_factors(client, lid, regio):
    client.force_login(lid(Rol.BELEIDSMEDEWERKER))
    sessie = DialoogsessieFactory(regio=regio)
    DialoogFactorFactory(sessie=sessie)
    client.post(reverse("risicofactoren:dialoogsessie_verwijderen", args=[sessie.pk]))
    assert not Dialoogsessie.objects.exists() and not DialoogFactor.objects.exists()
    assert AuditEvent.objects.filter(type=AuditEventType.DIALOOGSESSIE_VERWIJDERD).exists()


def test_another_regios_signal_cannot_be_deleted(client, lid, andere_regio):
    client.force_login(lid(Rol.WIJKPROFESSIONAL))
    signaal = SignaalFactory(regio=andere_regio)
    url = reverse("risicofactoren:signaal_verwijderen", args=[signaal.pk])
    assert client.post(url).status_code == 404
    assert Signaal.objects.exists()


def test_the_delete_button_shows_only_for_who_may_delete(client, lid, regio):
    signaal = SignaalFactory(regio=regio)
    url = reverse("risicofactoren:signaal", args=[signaal.pk])
    client.force_login(lid(Rol.LEZER))
    assert "Signaal verwijderen" not in client.get(url).content.decode()
    client.force_login(lid(Rol.WIJKPROFESSIONAL))
    assert "Signaal verwijderen" in client.get(url).content.decode()
