"""axe-core (WCAG 2.1 A and AA) finds no serious or critical problem on the portal's pages."""

import pytest
from playwright.sync_api import expect

from portal.models import Rol

from ..factories import PASSWORD
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e


def test_sign_in_page(page, live_server):
    page.goto(f"{live_server.url}/aanmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    check_axe(page)


def test_home_page(page, live_server, lid):
    user = lid(Rol.BELEIDSMEDEWERKER)
    sign_in(page, live_server, user.username, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="De drie stappen")).to_be_visible()
    check_axe(page)


def test_not_found_page_for_a_signed_in_user(page, live_server, lid, browser_log):
    user = lid(Rol.LEZER)
    sign_in(page, live_server, user.username, PASSWORD)
    browser_log.allow_http_error(404, "/bestaat-niet/")

    response = page.goto(f"{live_server.url}/bestaat-niet/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    # The error page keeps the shell: the user can navigate on.
    expect(page.get_by_role("navigation", name="Hoofdnavigatie")).to_be_visible()
    expect(page.get_by_role("link", name="Naar het overzicht")).to_be_visible()
    check_axe(page)


def test_logboek_as_beheerder(page, live_server, lid):
    user = lid(Rol.BEHEERDER)
    sign_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/beheer/logboek/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logboek")
    # The beheerder's own sign-in is in the log.
    tabel = page.get_by_role("table")
    expect(tabel.get_by_role("row").filter(has_text="Aangemeld")).to_contain_text(user.username)
    check_axe(page)
