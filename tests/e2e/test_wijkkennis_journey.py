"""What the wijk knows, in the browser: a wijkprofessional records a signal (and is stopped when
it names a family), a beleidsmedewerker records a dialogue session and reads the balance.

axe-core runs on every page of both journeys, the form with its errors included.
Set E2E_SCREENSHOTS to a directory to keep screenshots of the forms and the results.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.models import Rol
from risicofactoren.models import Dialoogsessie, Signaal

from ..factories import PASSWORD, GebiedFactory, RisicofactorFactory, WijkFactory
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def wijk(regio):
    return WijkFactory(code="WK003418", naam="Filmwijk", gemeente=GebiedFactory(code="GM0034"))


@pytest.fixture
def factoren(db):
    return {
        "geldzorgen": RisicofactorFactory(naam="Geldzorgen bij jonge ouders", niveau="gezin"),
        "eenzaamheid": RisicofactorFactory(naam="Eenzaamheid van ouders", niveau="ouder"),
        "buurthuis": RisicofactorFactory(
            naam="Actief buurthuis", soort="beschermend", niveau="omgeving"
        ),
    }


def screenshot(page, name: str) -> None:
    if folder := os.environ.get("E2E_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"wijkkennis-{name}.png"), full_page=True)


def verstuur(page, knop: str) -> None:
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name=knop).click()


def test_wijkprofessional_records_a_signal_and_beleid_a_dialogue_session(
    page, live_server, lid, wijk, factoren
):
    wijkprof = lid(Rol.WIJKPROFESSIONAL)
    beleid = lid(Rol.BELEIDSMEDEWERKER)

    # --- the wijkprofessional ---
    sign_in(page, live_server, wijkprof.username, PASSWORD)
    page.goto(f"{live_server.url}/wijken/")
    page.get_by_role("link", name="Wat de wijk weet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat de wijk weet")
    expect(page.get_by_text("Er is in Regio Eigen nog niets vastgelegd.")).to_be_visible()
    check_axe(page)

    page.get_by_role("link", name="Signaal vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal vastleggen")
    page.get_by_label("Wijk*", exact=True).select_option(label="Filmwijk (WK003418)")
    page.get_by_label("Thema*", exact=True).select_option(label="Geldzorgen bij jonge ouders")
    page.get_by_label("Datum*", exact=True).fill("2025-03-14")
    page.get_by_label("Organisatie*", exact=True).fill("Wijkteam Almere Stad")
    page.get_by_label("Wat ziet u?*", exact=True).fill(
        "Mevrouw Jansen van de Kerkstraat 12 vertelt dat veel jonge moeders geldzorgen hebben."
    )
    screenshot(page, "signaal-formulier")
    check_axe(page)
    verstuur(page, "Signaal vastleggen")

    overzicht = page.get_by_role("alert")
    expect(overzicht).to_contain_text("Het signaal is niet opgeslagen.")
    tekstveld = page.get_by_label("Wat ziet u?*", exact=True)
    expect(tekstveld).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_tekst_error")).to_contain_text(
        "Er staat een naam van een persoon in: „Mevrouw Jansen”."
    )
    expect(page.locator("#id_tekst_error")).to_contain_text("„Kerkstraat 12”")
    assert not Signaal.objects.exists()
    screenshot(page, "signaal-fout")
    check_axe(page)
    overzicht.get_by_role("link").first.click()  # the summary leads to the field
    expect(tekstveld).to_be_focused()

    tekstveld.fill("Veel jonge moeders in de Filmwijk vertellen over geldzorgen.")
    verstuur(page, "Signaal vastleggen")
    expect(page.get_by_role("status")).to_contain_text("Het signaal is vastgelegd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Geldzorgen bij jonge ouders in Filmwijk"
    )
    assert Signaal.objects.get().vastgelegd_door == wijkprof
    check_axe(page)

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Signalen").click()
    expect(page.get_by_role("table")).to_contain_text("Veel jonge moeders in de Filmwijk")
    screenshot(page, "signalen")
    check_axe(page)
    page.get_by_role("banner").get_by_role("button", name="Afmelden").click()

    # --- the beleidsmedewerker ---
    sign_in(page, live_server, beleid.username, PASSWORD)
    page.goto(f"{live_server.url}/wijken/kennis/")
    expect(page.get_by_role("link", name="Signaal vastleggen")).to_have_count(0)
    page.get_by_role("link", name="Dialoogsessie vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dialoogsessie vastleggen")
    page.get_by_label("Wijk*", exact=True).select_option(label="Filmwijk (WK003418)")
    page.get_by_label("Datum*", exact=True).fill("2025-03-20")
    page.get_by_label("Deelnemende organisaties*", exact=True).fill(
        "Wijkteam Almere Stad\nGGD Flevoland\nBasisschool in de wijk"
    )
    risico = page.get_by_role("group", name="Risicofactoren die de deelnemers zagen")
    bescherming = page.get_by_role("group", name="Beschermende factoren die de deelnemers zagen")
    risico.get_by_label("Geldzorgen bij jonge ouders").select_option(label="zwaar")
    risico.get_by_label("Eenzaamheid van ouders").select_option(label="licht")
    # The required fields carry a visible asterisk in their label; the factors are optional.
    # Keyboard only: focus the select and choose with the arrow keys.
    bescherming.get_by_label("Actief buurthuis").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(bescherming.get_by_label("Actief buurthuis")).to_have_value("2")
    page.get_by_label("Conclusies*", exact=True).fill(
        "Geldzorgen wegen zwaar; het buurthuis is een plek waar ouders elkaar vinden."
    )
    page.get_by_label("Vervolgafspraken", exact=True).fill("Spreekuur schuldhulp in het buurthuis.")
    screenshot(page, "sessie-formulier")
    check_axe(page)
    verstuur(page, "Dialoogsessie vastleggen")

    expect(page.get_by_role("status")).to_contain_text("De dialoogsessie is vastgelegd.")
    expect(page.get_by_test_id("balans")).to_contain_text(
        "De risicofactoren wegen zwaarder dan de beschermende factoren: 4 tegen 2, "
        "een verschil van 2."
    )
    expect(page.get_by_role("table", name="Risicofactoren (samen 4)")).to_contain_text("zwaar (3)")
    expect(page.get_by_role("table", name="Beschermende factoren (samen 2)")).to_contain_text(
        "Actief buurthuis"
    )
    assert Dialoogsessie.objects.get().factoren.count() == 3
    screenshot(page, "sessie")
    check_axe(page)

    page.get_by_role("link", name="Filmwijk").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat de wijk weet: Filmwijk")
    expect(page.get_by_role("region", name="Dialoogsessies in deze wijk")).to_contain_text(
        "risico weegt zwaarder"
    )
    expect(page.get_by_role("region", name="Signalen in deze wijk")).to_contain_text(
        "Veel jonge moeders in de Filmwijk"
    )
    check_axe(page)
    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name="Wat de wijk weet"
    ).click()
    expect(page.get_by_role("table")).to_contain_text("Filmwijk")
    check_axe(page)
    page.goto(f"{live_server.url}/wijken/kennis/dialoogsessies/")
    check_axe(page)
