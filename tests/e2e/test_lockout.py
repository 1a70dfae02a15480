"""A wrong password gets a clear Dutch error; after five failures the account is locked."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from portal.models import Rol

from ..factories import PASSWORD
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e

ONJUIST = (
    "De combinatie van gebruikersnaam en wachtwoord is onjuist. "
    "Let op: beide velden zijn hoofdlettergevoelig."
)
GEBLOKKEERD = "Account tijdelijk geblokkeerd"


def test_wrong_password_shows_the_dutch_error_and_keeps_the_username(page, live_server, lid):
    user = lid(Rol.BELEIDSMEDEWERKER)
    sign_in(page, live_server, user.username, "fout-wachtwoord-1")

    expect(page).to_have_url(f"{live_server.url}/aanmelden/")
    expect(page.get_by_role("alert")).to_have_text(ONJUIST)
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    expect(page.locator("#id_username")).to_have_value(user.username)
    expect(page.locator("#id_password")).to_have_value("")
    expect(page.get_by_role("navigation", name="Hoofdnavigatie")).to_have_count(0)
    check_axe(page)


def test_five_failures_lock_the_account_even_for_the_right_password(
    page, live_server, lid, browser_log
):
    assert settings.AXES_FAILURE_LIMIT == 5
    user = lid(Rol.BELEIDSMEDEWERKER)
    # The lockout page is answered with 429 Too Many Requests, which Chromium logs.
    browser_log.allow_http_error(429, "/aanmelden/")

    for poging in range(1, 5):
        sign_in(page, live_server, user.username, f"fout-wachtwoord-{poging}")
        expect(page.get_by_role("alert")).to_have_text(ONJUIST)

    # The fifth failure locks the account.
    sign_in(page, live_server, user.username, "fout-wachtwoord-5")
    expect(page.get_by_role("heading", level=1)).to_have_text(GEBLOKKEERD)

    # Now even the right password does not get the user in.
    sign_in(page, live_server, user.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(GEBLOKKEERD)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Er is te vaak een onjuist wachtwoord ingevoerd.")
    expect(alert).to_contain_text("Probeer het over 30 minuten opnieuw")
    expect(page.get_by_role("navigation", name="Hoofdnavigatie")).to_have_count(0)
    check_axe(page)

    # And the user is really not signed in: the overview sends them back to the login form.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/aanmelden/?next=/")
