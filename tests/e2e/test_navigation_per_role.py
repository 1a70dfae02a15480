"""Each kind of user signs in, sees the three steps in the main navigation and can walk them."""

import pytest
from playwright.sync_api import expect

from portal.models import Rol

from ..factories import PASSWORD
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e

# The Dutch role name the header shows; written out so that a lost translation fails the test.
ROL_LABELS = {
    Rol.BEHEERDER: "Beheerder",
    Rol.BELEIDSMEDEWERKER: "Beleidsmedewerker",
    Rol.BESTUURDER: "Bestuurder",
    Rol.WIJKPROFESSIONAL: "Wijkprofessional",
    Rol.LEZER: "Lezer",
}
STAPPEN = [
    ("Situatie in de wijken", "/wijken/"),
    ("Regiovisie en acties", "/regiovisie/"),
    ("Sturen en monitoren", "/monitoring/"),
]


@pytest.mark.parametrize("rol", list(ROL_LABELS), ids=str)
def test_user_signs_in_and_walks_the_three_steps(page, live_server, lid, rol):
    user = lid(rol, first_name="Femke")
    sign_in(page, live_server, user.username, PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Femke")
    banner = page.get_by_role("banner")
    expect(banner.get_by_test_id("rol")).to_have_text(ROL_LABELS[rol])
    expect(banner).to_contain_text("Regio Eigen")

    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    for label, _path in STAPPEN:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    beheer = nav.get_by_role("link", name="Beheer", exact=True)
    if rol == Rol.BEHEERDER:
        expect(beheer).to_be_visible()
    else:
        expect(beheer).to_have_count(0)
    expect(nav.locator("[aria-current='page']")).to_have_text("Overzicht")
    check_axe(page)

    bestemmingen = [*STAPPEN, ("Beheer", "/beheer/")] if rol == Rol.BEHEERDER else STAPPEN
    for label, path in bestemmingen:
        nav.get_by_role("link", name=label, exact=label == "Beheer").click()
        expect(page).to_have_url(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(label)
        actief = nav.locator("[aria-current='page']")
        expect(actief).to_have_count(1)
        expect(actief).to_contain_text(label)
        check_axe(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, live_server, lid):
    user = lid(Rol.LEZER)
    sign_in(page, live_server, user.username, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/")

    page.keyboard.press("Tab")
    skiplink = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skiplink).to_be_focused()
    # Visually hidden until focused: a sighted keyboard user must be able to see it now.
    box = skiplink.bounding_box()
    assert box is not None and box["width"] > 40 and box["height"] > 16, box

    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    expect(page.locator("main#inhoud :focus")).to_have_count(1)
