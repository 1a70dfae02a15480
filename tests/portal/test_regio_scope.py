"""A permission holds in a regio: roles in one regio give no rights in another."""

import pytest
from django.contrib.auth.models import Group

from portal import roles
from portal.models import AuditEvent, Rol
from tests.factories import LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_roles_carry_the_permissions_of_the_guidance(db):
    perms = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert set(perms) == {r.value for r in Rol}
    assert "import_data" in perms["beheerder"]
    assert "edit_regiovisie" in perms["beleidsmedewerker"]
    assert "edit_regiovisie" in perms["beheerder"]  # issue 6: beheerders may edit too
    assert "edit_regiovisie" not in perms["bestuurder"]
    assert "vaststellen_regiovisie" in perms["bestuurder"]
    assert "record_signalen" in perms["wijkprofessional"]
    assert perms["lezer"] == {"view_statistieken", "view_plannen"}
    assert all("view_statistieken" in p for p in perms.values())


def test_permission_only_in_the_regio_of_the_role(regio, andere_regio):
    user = UserFactory()
    LidmaatschapFactory(user=user, regio=regio, rol=Rol.BEHEERDER)
    LidmaatschapFactory(user=user, regio=andere_regio, rol=Rol.LEZER)
    assert list(roles.regios_with_perm(user, "portal.import_data")) == [regio]
    assert set(roles.regios_with_perm(user, "portal.view_plannen")) == {regio, andere_regio}
    assert roles.has_regio_perm(user, "portal.import_data", regio)
    assert not roles.has_regio_perm(user, "portal.import_data", andere_regio)


def test_scope_to_regios_filters_a_queryset(regio, andere_regio, lid):
    user = lid(Rol.BEHEERDER)
    AuditEvent.objects.create(type="plan_changed", regio=regio)
    AuditEvent.objects.create(type="plan_changed", regio=andere_regio)
    plans = AuditEvent.objects.filter(type="plan_changed")
    scoped = roles.scope_to_regios(plans, user, "portal.view_audit")
    assert [e.regio for e in scoped] == [regio]


def test_inactive_user_and_no_membership_have_no_regio(regio):
    inactive = UserFactory(is_active=False)
    LidmaatschapFactory(user=inactive, regio=regio, rol=Rol.BEHEERDER)
    assert not roles.regios_with_perm(inactive, "portal.view_audit").exists()
    assert not roles.regios_with_perm(UserFactory(), "portal.view_statistieken").exists()


def test_superuser_has_every_regio(regio, andere_regio):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert set(roles.regios_with_perm(admin, "portal.import_data")) == {regio, andere_regio}


def test_active_regio_follows_the_choice_in_the_session(client, regio, andere_regio, lid):
    user = lid(Rol.LEZER)
    LidmaatschapFactory(user=user, regio=andere_regio, rol=Rol.BEHEERDER)
    client.force_login(user)
    assert client.get("/").context["actieve_regio"] in (regio, andere_regio)
    client.post("/regio/kiezen/", {"regio": andere_regio.pk})
    response = client.get("/")
    assert response.context["actieve_regio"] == andere_regio
    assert [lid.rol for lid in response.context["actieve_rollen"]] == [Rol.BEHEERDER]
