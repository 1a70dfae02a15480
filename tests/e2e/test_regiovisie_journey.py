"""Stap 2 in the browser: a beleidsmedewerker writes the regiovisie in the eight-step wizard,
resolves a warning of the check, downloads the PDF and offers the plan; a bestuurder adopts it.

axe-core runs on every page: all eight steps (step 4 with its filled formsets), the action
form, the version page, the overview and the print view.
Set E2E_SCREENSHOTS to a directory to keep screenshots of the steps.
"""

import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.models import Rol

from ..factories import PASSWORD, GebiedFactory, SchattingFactory, WijkFactory
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e

WIJKEN = ["Stedenwijk", "Filmwijk", "Muziekwijk", "Literatuurwijk", "Parkwijk", "Tussen de Vaarten"]
WIJKCODE = {naam: f"WK00340{i}" for i, naam in enumerate(WIJKEN, start=1)}


@pytest.fixture
def almere(regio):
    """Six wijken of Almere estimated for 2024 (60 down to 10): the first five are high-risk."""
    gemeente = GebiedFactory(code="GM0034", naam="Almere")
    for naam, waarde in zip(WIJKEN, [60, 50, 40, 30, 20, 10], strict=True):
        wijk = WijkFactory(code=WIJKCODE[naam], naam=naam, gemeente=gemeente)
        SchattingFactory(gebied=wijk, jaar=2024, schatting=float(waarde))


def screenshot(page, name: str) -> None:
    if folder := os.environ.get("E2E_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"regiovisie-{name}.png"), full_page=True)


def klik(page, knop: str) -> None:
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name=knop, exact=True).click()


def op_stap(page, n: int, naam: str) -> None:
    """The URL, the heading and the step indicator agree that this is step n; axe passes."""
    expect(page).to_have_url(re.compile(rf"/regiovisie/\d+/stap/{n}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Stap {n} van 8: {naam}")
    huidige = page.get_by_role("navigation", name="Stappen van de regiovisie").locator(
        "[aria-current=step]"
    )
    expect(huidige).to_have_count(1)
    expect(huidige).to_contain_text(f"Stap {n}: {naam}")
    check_axe(page)


def afmelden(page) -> None:
    with page.expect_navigation():
        page.get_by_role("banner").get_by_role("button", name="Afmelden").click()


def actie_toevoegen(page, begin: str, spectrum: str, projectleider: str, trekker: str, wijk: str):
    """Step 5: start from one of the ten preventive actions and fill in the action form."""
    page.locator("#id_preventieve_actie").select_option(label=begin)
    klik(page, "Actie toevoegen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe actie")
    expect(page.locator("#id_naam")).to_have_value(begin.split(". ", 1)[1])
    expect(page.get_by_role("radio", name=spectrum)).to_be_checked()  # from the preventive action
    page.get_by_role("radio", name=spectrum).check()
    page.locator("#id_projectleider").fill(projectleider)
    page.locator("#id_bestuurlijk_trekker").fill(trekker)
    page.locator("#id_wijken").select_option(label=f"{wijk} ({WIJKCODE[wijk]})")
    page.locator("#id_start").fill("2026-01-01")
    page.locator("#id_eind").fill("2027-12-31")
    screenshot(page, "actie")
    check_axe(page)
    klik(page, "Actie opslaan")
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")


def test_a_regiovisie_is_written_checked_downloaded_and_adopted(page, live_server, lid, almere):
    beleid = lid(Rol.BELEIDSMEDEWERKER, first_name="Sanne", last_name="de Vries")
    bestuurder = lid(Rol.BESTUURDER)

    sign_in(page, live_server, beleid.username, PASSWORD)
    page.goto(f"{live_server.url}/regiovisie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Regiovisie en acties")
    check_axe(page)
    klik(page, "Nieuwe regiovisie beginnen")

    # --- 1: regio en partners ---
    op_stap(page, 1, "Regio en partners")
    pk = re.search(r"/regiovisie/(\d+)/", page.url).group(1)
    versie_url = f"{live_server.url}/regiovisie/{pk}/"
    page.locator("#id_partners-0-soort").select_option(label="Veilig Thuis")
    page.locator("#id_partners-0-naam").fill("Veilig Thuis Flevoland")
    page.locator("#id_partners-0-contactrol").fill("Teamleider advies en meldingen")
    screenshot(page, "stap-1")
    klik(page, "Opslaan en verder")

    # --- 2: situatieschets, pre-filled from the estimates ---
    op_stap(page, 2, "Situatieschets")
    stedenwijk = page.get_by_test_id("hoog-risico-wijken").get_by_role("row", name="Stedenwijk")
    expect(stedenwijk).to_be_visible()
    expect(stedenwijk).to_contain_text("Almere")
    expect(stedenwijk.get_by_role("cell").nth(1)).to_have_text("60")
    schets = page.locator("#id_situatieschets")
    expect(schets).to_have_value(re.compile(r"Stedenwijk", re.S))
    eigen_schets = (
        "In Stedenwijk en Filmwijk wonen naar schatting de meeste kinderen die jaarlijks "
        "mishandeld worden. Wijkteams zien daar vooral geldzorgen en eenzaamheid bij jonge ouders."
    )
    schets.fill(eigen_schets)
    screenshot(page, "stap-2")
    klik(page, "Opslaan en verder")

    # --- 3: visie; back to step 2 and forward again keeps both ---
    op_stap(page, 3, "Visie en sporen")
    visie = {
        "#id_visie": "Elk kind in Flevoland groeit veilig op; de gemeenten werken als één keten.",
        "#id_visie_preventie": "Ouders krijgen vroeg steun, vanaf de zwangerschap.",
        "#id_visie_signaleren": "Professionals herkennen zorgen en werken met de meldcode.",
        "#id_visie_analyseren": "Veilig Thuis en wijkteams wegen meldingen samen.",
        "#id_visie_intervenieren": "Hulp stopt het geweld; nazorg voorkomt herhaling.",
    }
    for veld, tekst in visie.items():
        page.locator(veld).fill(tekst)
    klik(page, "Opslaan en terug naar de vorige stap")
    op_stap(page, 2, "Situatieschets")
    expect(page.locator("#id_situatieschets")).to_have_value(eigen_schets)
    klik(page, "Opslaan en verder")
    op_stap(page, 3, "Visie en sporen")
    for veld, tekst in visie.items():
        expect(page.locator(veld)).to_have_value(tekst)
    klik(page, "Opslaan en verder")

    # --- 4: a goal from the handreiking, made SMART, and a doelgroep ---
    op_stap(page, 4, "Doelen en doelgroepen")
    with page.expect_navigation():
        page.locator("button[name=voorbeeld][value='1']").click()
    expect(page.get_by_role("status")).to_contain_text("Het voorbeeld is toegevoegd")
    expect(page.locator("#id_doelen-0-omschrijving")).to_have_value(
        re.compile("preventieve begeleiding")
    )
    page.locator("#id_doelen-0-omschrijving").fill(
        "Jaarlijks krijgen tenminste 120 gezinnen met een verhoogd risico preventieve begeleiding."
    )
    page.locator("#id_doelen-0-indicator_tekst").fill("Gezinnen met preventieve begeleiding")
    page.locator("#id_doelen-0-nulmeting").fill("45")
    page.locator("#id_doelen-0-nulmeting_jaar").fill("2025")
    page.locator("#id_doelen-0-streefwaarde").fill("120")
    page.locator("#id_doelen-0-streefjaar").fill("2028")
    page.locator("#id_doelgroepen-0-naam").fill("Jonge ouders met geldzorgen")
    page.locator("#id_doelgroepen-0-wijken").select_option(label="Filmwijk (WK003402)")
    screenshot(page, "stap-4")
    check_axe(page)  # with the filled formsets
    klik(page, "Opslaan en verder")

    # --- the draft survives signing out and in again ---
    op_stap(page, 5, "Acties")
    afmelden(page)
    sign_in(page, live_server, beleid.username, PASSWORD)
    page.goto(f"{live_server.url}/regiovisie/")
    expect(page.get_by_text("4 van 8 stappen opgeslagen")).to_be_visible()
    check_axe(page)
    page.get_by_role("link", name="Verder met de regiovisie").click()
    op_stap(page, 5, "Acties")
    page.get_by_role("navigation", name="Stappen van de regiovisie").get_by_role(
        "link", name=re.compile("Stap 4:")
    ).click()
    op_stap(page, 4, "Doelen en doelgroepen")
    expect(page.locator("#id_doelen-0-streefwaarde")).to_have_value("120")
    expect(page.locator("#id_doelgroepen-0-naam")).to_have_value("Jonge ouders met geldzorgen")
    klik(page, "Opslaan en verder")

    # --- 5: two actions, the second without bestuurlijk trekker ---
    op_stap(page, 5, "Acties")
    actie_toevoegen(
        page,
        "2. Voorlichting over geweldloos opvoeden",
        "Alle gezinnen",
        "Coördinator JGZ 0-4",
        "Wethouder Jeugd Almere",
        "Stedenwijk",
    )
    actie_toevoegen(
        page,
        "5. Opvoedondersteuning bij ernstige opvoedproblemen",
        "Gezinnen met een verhoogd risico",
        "Teamleider wijkteam Almere Stad",
        "",  # no bestuurlijk trekker yet: step 8 warns
        "Filmwijk",
    )
    op_stap(page, 5, "Acties")
    screenshot(page, "stap-5")
    klik(page, "Opslaan en verder")

    # --- 6: aandachtspunten ---
    op_stap(page, 6, "Aandachtspunten")
    page.locator("#id_aandachtspunten-0-tekst").fill(
        "Het wijkteam bespreekt huiselijk geweld en kindermishandeling in één gezinsplan."
    )
    screenshot(page, "stap-6")
    klik(page, "Opslaan en verder")

    # --- 7: sturing en monitoring ---
    op_stap(page, 7, "Sturing en monitoring")
    page.locator("#id_meetwijze-0-meetwijze").fill(
        "De JGZ telt elk kwartaal de gezinnen met preventieve begeleiding; de GGD rapporteert."
    )
    page.locator("#id_sturing-0-actie").select_option(label="Voorlichting over geweldloos opvoeden")
    page.locator("#id_sturing-0-soort").select_option(label="Subsidievoorwaarde")
    screenshot(page, "stap-7")
    klik(page, "Opslaan en verder")

    # --- 8: the check; resolve the missing bestuurlijk trekker through its link ---
    op_stap(page, 8, "Controle en afronden")
    waarschuwingen = page.get_by_test_id("waarschuwingen").locator("li")
    trekker = waarschuwingen.and_(page.locator("[data-code=actie_zonder_bestuurlijk_trekker]"))
    expect(trekker).to_have_count(1)
    expect(trekker).to_contain_text("Opvoedondersteuning bij ernstige opvoedproblemen")
    expect(page.locator("li[data-code=geen_actie_herhaling]")).to_have_count(1)
    expect(page.locator("li[data-code=wijk_zonder_actie]")).to_have_count(3)  # 3, 4 and 5
    screenshot(page, "stap-8-waarschuwingen")
    trekker.get_by_role("link", name="Naar stap 5").click()
    op_stap(page, 5, "Acties")
    anker = re.search(r"#actie-\d+$", page.url)  # the link leads to the action itself
    assert anker, page.url
    actie = page.locator(anker.group(0))
    expect(actie).to_contain_text("bestuurlijk trekker: nog niet benoemd")
    actie.get_by_role("link", name=re.compile("^Wijzigen")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Actie wijzigen")
    check_axe(page)
    page.locator("#id_bestuurlijk_trekker").fill("Wethouder Zorg Almere")
    klik(page, "Actie opslaan")
    page.get_by_role("navigation", name="Stappen van de regiovisie").get_by_role(
        "link", name=re.compile("Stap 8:")
    ).click()
    op_stap(page, 8, "Controle en afronden")
    expect(page.locator("li[data-code=actie_zonder_bestuurlijk_trekker]")).to_have_count(0)
    expect(page.locator("li[data-code=spectrum_zonder_actie]")).to_have_count(0)
    expect(page.locator("li[data-code=geen_actie_herhaling]")).to_have_count(1)
    expect(page.locator("li[data-code=wijk_zonder_actie]")).to_have_count(3)
    klik(page, "Opslaan")
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen.")
    expect(page.locator(f"main a[href='/regiovisie/{pk}/regiovisie.pdf']")).to_be_visible()
    expect(page.locator(f"main a[href='/regiovisie/{pk}/afdrukken/']")).to_be_visible()

    # --- the version page, the PDF and the print view ---
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Versie 1").click()
    expect(page).to_have_url(versie_url)
    expect(page.get_by_test_id("status")).to_have_text("Concept")
    screenshot(page, "versie")
    check_axe(page)
    with page.expect_download() as download:
        page.locator("main a[href$='regiovisie.pdf']").click()
    assert re.fullmatch(r"regiovisie-eigen-\d{4}-versie-1\.pdf", download.value.suggested_filename)
    inhoud = Path(download.value.path()).read_bytes()
    assert inhoud.startswith(b"%PDF")
    from pypdf import PdfReader

    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    assert "Regio Eigen" in tekst
    assert re.search(r"Stedenwijk\s+Almere\s+60\b", tekst), tekst

    page.locator("main a[href$='/afdrukken/']").click()
    expect(page).to_have_url(f"{versie_url}afdrukken/")
    expect(page.get_by_role("main")).to_contain_text("Stedenwijk")
    screenshot(page, "afdrukken")
    check_axe(page)

    # --- offered for vaststelling, adopted by the bestuurder ---
    page.goto(versie_url)
    klik(page, "Ter vaststelling aanbieden")
    expect(page.get_by_test_id("status")).to_have_text("Ter vaststelling")
    expect(page.get_by_role("link", name="Verder bewerken")).to_have_count(0)
    check_axe(page)
    afmelden(page)

    sign_in(page, live_server, bestuurder.username, PASSWORD)
    page.goto(f"{live_server.url}/regiovisie/")
    check_axe(page)
    page.get_by_role("link", name="Lezen en vaststellen").click()
    expect(page).to_have_url(versie_url)
    check_axe(page)
    klik(page, "Vaststellen")
    expect(page.get_by_test_id("status")).to_have_text("Vastgesteld")
    expect(page.get_by_role("status")).to_contain_text("De regiovisie is vastgesteld.")
    expect(page.get_by_role("link", name="Verder bewerken")).to_have_count(0)
    screenshot(page, "vastgesteld")
    check_axe(page)
