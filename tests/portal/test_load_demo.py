"""`manage.py load_demo` gives a working demo: real gemeenten, one sign-in per role, repeatable."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from portal.models import Lidmaatschap, Regio, RegioGemeente, Rol

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("load_demo", "--zonder-data", *args, stdout=out)
    return out.getvalue()


def test_demo_has_real_gemeenten_and_a_user_per_role():
    User = get_user_model()
    output = run("--password", "demo-wachtwoord-123")
    regio = Regio.objects.get(slug="demoregio")
    codes = set(regio.gemeenten.values_list("code", flat=True))
    assert {"GM0034", "GM0363", "GM0362", "GM0518"} <= codes
    rollen = dict(Lidmaatschap.objects.filter(regio=regio).values_list("user__username", "rol"))
    assert rollen == {
        "beheerder": Rol.BEHEERDER,
        "beleid": Rol.BELEIDSMEDEWERKER,
        "wethouder": Rol.BESTUURDER,
        "wijkprof": Rol.WIJKPROFESSIONAL,
        "lezer": Rol.LEZER,
    }
    for username in rollen:
        assert username in output
        assert User.objects.get(username=username).check_password("demo-wachtwoord-123")
    assert "demo-wachtwoord-123" in output


def test_running_twice_changes_nothing_but_the_password():
    run("--password", "eerste-wachtwoord-1")
    counts = (Regio.objects.count(), RegioGemeente.objects.count(), Lidmaatschap.objects.count())
    users = get_user_model().objects.count()
    output = run()
    assert counts == (
        Regio.objects.count(),
        RegioGemeente.objects.count(),
        Lidmaatschap.objects.count(),
    )
    assert users == get_user_model().objects.count()
    printed = output.strip().splitlines()[-1].split(": ", 1)[1]
    assert printed != "eerste-wachtwoord-1" and len(printed) >= 12
    assert get_user_model().objects.get(username="lezer").check_password(printed)


def test_with_data_the_stap_3_demo_follows_the_import(monkeypatch):
    """load_demo calls the data import and then the Stap 3 demo, by name (portal imports
    neither wijken nor monitoring)."""
    from portal.management.commands import load_demo

    called = []
    monkeypatch.setattr(load_demo, "call_command", lambda name, **kw: called.append(name))
    call_command("load_demo", "--password", "demo-wachtwoord-123", stdout=StringIO())
    assert called == ["import_demo_data", "load_demo_monitoring"]
