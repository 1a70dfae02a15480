"""Beheerders see the log of their own regio, filtered, and nothing of another regio."""

import pytest
from django.urls import reverse

from portal import audit
from portal.models import AuditEventType, Rol

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(lid):
    return lid(Rol.BEHEERDER, username="bram")


def test_beheerder_sees_events_of_own_members_only(client, lid, andere_regio, beheerder):
    eigen = lid(Rol.LEZER, username="eigen-lid")
    vreemd = lid(Rol.LEZER, in_regio=andere_regio, username="vreemd-lid")
    audit.log_signed_in(eigen, "10.0.0.1")
    audit.log_signed_in(vreemd, "10.0.0.2")
    audit.log_sign_in_failed("iemand-onbekend", None, "10.0.0.3")
    client.force_login(beheerder)
    html = client.get(reverse("logboek")).content.decode()
    assert "eigen-lid" in html and "10.0.0.1" in html
    assert "vreemd-lid" not in html and "10.0.0.2" not in html
    assert "iemand-onbekend" not in html


def test_events_with_a_regio_show_in_that_regio(client, regio, andere_regio, beheerder):
    audit._log(AuditEventType.PLAN_CHANGED, regio=regio, omschrijving="Eigen visie aangepast")
    audit._log(AuditEventType.PLAN_CHANGED, regio=andere_regio, omschrijving="Vreemde visie")
    client.force_login(beheerder)
    html = client.get(reverse("logboek")).content.decode()
    assert "Eigen visie aangepast" in html and "Vreemde visie" not in html


def test_filter_by_event_type(client, lid, beheerder):
    user = lid(username="wim")
    audit.log_signed_in(user, None)
    audit.log_password_changed(user, None)
    client.force_login(beheerder)
    response = client.get(reverse("logboek"), {"type": AuditEventType.PASSWORD_CHANGED})
    rows = [e.type for e in response.context["page"]]
    assert rows == [AuditEventType.PASSWORD_CHANGED]


def test_asking_for_another_regio_shows_a_dutch_error_not_its_events(
    client, lid, andere_regio, beheerder
):
    vreemd = lid(in_regio=andere_regio, username="vreemd-lid")
    audit.log_signed_in(vreemd, None)
    client.force_login(beheerder)
    response = client.get(reverse("logboek"), {"regio": andere_regio.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "vreemd-lid" not in html
    assert "Selecteer een geldige keuze" in html


def test_membership_changes_are_logged_in_the_regio(regio, lid):
    user = lid(Rol.WIJKPROFESSIONAL, username="sanne")
    event = audit.events_for_regios([regio]).get(type=AuditEventType.MEMBERSHIP_CHANGED)
    assert event.details == {"lid": "sanne", "rol": "wijkprofessional", "toegevoegd": True}
    user.lidmaatschappen.all().delete()
    assert (
        audit.events_for_regios([regio])
        .filter(type=AuditEventType.MEMBERSHIP_CHANGED, details__toegevoegd=False)
        .exists()
    )
