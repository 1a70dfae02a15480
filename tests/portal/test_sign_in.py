"""Signing in and out: Dutch pages, audit events, sessions that expire."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent, AuditEventType, Rol
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_sign_in_page_is_dutch(client):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="nl">' in html
    assert "Gebruikersnaam" in html and "Wachtwoord" in html


def test_correct_sign_in_lands_on_home_and_is_logged(client, lid):
    user = lid(Rol.BELEIDSMEDEWERKER, username="fatima")
    response = sign_in(client, "fatima")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get(reverse("home")).content.decode()
    assert "Regio Eigen" in home and "Beleidsmedewerker" in home
    event = AuditEvent.objects.get(type=AuditEventType.SIGNED_IN)
    assert event.actor == user and event.ip_adres == "127.0.0.1"


def test_wrong_password_gives_dutch_error_and_is_logged(client, lid):
    user = lid(username="fatima")
    response = sign_in(client, "fatima", "verkeerd")
    assert response.status_code == 200
    assert "De combinatie van gebruikersnaam en wachtwoord is onjuist" in response.content.decode()
    event = AuditEvent.objects.get(type=AuditEventType.SIGN_IN_FAILED)
    assert event.actor == user and event.gebruikersnaam == "fatima"


def test_failed_sign_in_for_unknown_name_is_logged_without_account(client, db):
    sign_in(client, "onbekend", "wat-dan-ook")
    event = AuditEvent.objects.get(type=AuditEventType.SIGN_IN_FAILED)
    assert event.actor is None and event.gebruikersnaam == "onbekend"


def test_sign_out_needs_post_and_is_logged(client, lid):
    user = lid()
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(type=AuditEventType.SIGNED_OUT, actor=user).exists()


def test_session_ends_after_idle_time(client, lid, settings):
    client.force_login(lid())
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_session_cookie_is_not_kept_after_browser_closes(client, lid):
    sign_in(client, lid(username="sanne").username)
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] and not cookie["max-age"] and not cookie["expires"]


def test_password_change_works_and_is_logged(client, lid):
    user = lid(username="wim")
    client.force_login(user)
    nieuw = "een-nieuw-lang-wachtwoord-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": nieuw, "new_password2": nieuw},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(type=AuditEventType.PASSWORD_CHANGED, actor=user).exists()
    client.logout()
    assert sign_in(client, "wim", nieuw)["Location"] == reverse("home")


def test_weak_new_password_is_refused_in_dutch(client, lid):
    client.force_login(lid())
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit wachtwoord is te kort" in html and "12 tekens" in html
