"""Stap 3 in the browser: a wijkprofessional records Signs of Safety scores (form and CSV), a
beleidsmedewerker follows a reminder and records progress, a measurement, a check and the
evaluation, and the wethouder reads the bestuurlijk overzicht, its PDF and the results.

The regio starts from the bestuur scenario (tests/monitoring/bestuur_scenario.py): one goal
behind, an overdue action, a steering requirement not met, and Kleine Aanpak with 3 trajectories
(hidden), which the wijkprofessional brings to 5, so that nothing is suppressed any more.
axe-core runs on every page. Set E2E_SCREENSHOTS to a directory to keep screenshots.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from acties.forms_aanbod import interventie_label
from acties.models import Interventie
from monitoring import herinneringen
from monitoring.models import SosScore
from monitoring.services import kwartaal
from portal.models import Melding, Rol

from ..factories import PASSWORD, GebiedFactory, WijkFactory
from ..monitoring.bestuur_scenario import maak_scenario
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e

HOME_START = "Meer gezinnen krijgen steun van Home-Start in de wijk"
OUDERCURSUS = "Oudercursus Stevig Ouderschap"
MELDCODE = "Meldcode-training gevolgd door alle medewerkers"

KOP = "traject;interventie;wijk;moment;perspectief;score;datum"
# One bad row (a score of 11): the whole file is refused.
CSV_FOUT = "\n".join(
    [
        KOP,
        "KLN-003;Kleine Aanpak;WK003402;afsluiting;hulpverlener;8;2025-09-01",
        "KLN-004;Kleine Aanpak;WK003402;start;hulpverlener;1;2025-03-01",
        "KLN-004;Kleine Aanpak;WK003402;afsluiting;hulpverlener;11;2025-09-01",
    ]
)
CSV_GOED = CSV_FOUT.replace(";11;", ";8;")


@pytest.fixture
def scenario(regio):
    """The bestuur scenario on Almere (the regio's gemeente) with its wijken Haven, Stad and
    Buiten; Kleine Aanpak's trajectories are in Stad (WK003402)."""
    almere = GebiedFactory(code="GM0034", naam="Almere")
    wijken = [
        WijkFactory(code=f"WK00340{i}", naam=naam, gemeente=almere)
        for i, naam in enumerate(["Haven", "Stad", "Buiten"], start=1)
    ]
    scenario = maak_scenario(regio, almere, wijken)
    # The regio's first plan (the factory numbers versions across the whole test run).
    type(scenario.plan).objects.filter(pk=scenario.plan.pk).update(versie=1)
    scenario.plan.refresh_from_db()
    return scenario


def screenshot(page, name: str) -> None:
    if folder := os.environ.get("E2E_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"monitoring-{name}.png"), full_page=True)


def klik(page, knop: str) -> None:
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name=knop, exact=True).click()


def volg(page, link: str) -> None:
    """Follow a link in the page's main content, by its exact accessible name."""
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name=link, exact=True).click()


def kruimel(page, link: str) -> None:
    with page.expect_navigation():
        page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name=link).click()


def h1(page, tekst: str) -> None:
    """This is the page: its one h1 says so, and axe finds nothing serious."""
    expect(page.get_by_role("heading", level=1)).to_have_text(tekst)
    check_axe(page)


def afmelden(page) -> None:
    with page.expect_navigation():
        page.get_by_role("banner").get_by_role("button", name="Afmelden").click()


def upload(page, naam: str, inhoud: str) -> None:
    page.locator("#id_bestand").set_input_files(
        files=[{"name": naam, "mimeType": "text/csv", "buffer": inhoud.encode("utf-8")}]
    )
    klik(page, "Importeren")


def kleine_aanpak_trajecten() -> int:
    return (
        SosScore.objects.filter(interventie__naam="Kleine Aanpak")
        .values("traject")
        .distinct()
        .count()
    )


def sos_rij(tabel, interventie: str):
    return tabel.get_by_role("row").filter(
        has=tabel.page.get_by_role("rowheader", name=interventie, exact=True)
    )


def test_stap_3_from_scores_to_the_wethouders_page(page, live_server, lid, scenario, browser_log):
    wijkprof = lid(Rol.WIJKPROFESSIONAL, first_name="Noor", last_name="Bakker")
    beleid = lid(Rol.BELEIDSMEDEWERKER, first_name="Sanne", last_name="de Wit")
    wethouder = lid(Rol.BESTUURDER, first_name="Karin", last_name="Smit")
    klein = Interventie.objects.get(naam="Kleine Aanpak")
    vandaag = timezone.localdate()
    plan_url = f"{live_server.url}/monitoring/{scenario.plan.pk}/"

    # === 1. The wijkprofessional records scores ===
    sign_in(page, live_server, wijkprof.username, PASSWORD)
    h1(page, "Welkom, Noor")
    volg(page, "Sturen en monitoren")
    h1(page, "Sturen en monitoren")
    volg(page, "Scores vastleggen en importeren")
    h1(page, "Signs of Safety-scores")
    scores_voor = SosScore.objects.count()

    # A name as the trajectory code is refused at the field; nothing is stored.
    page.locator("#id_traject").fill("Jan de Vries")
    page.locator("#id_interventie").select_option(label=interventie_label(klein))
    page.locator("#id_wijk").select_option(label="Stad (WK003402)")
    page.get_by_role("radio", name="Tussentijds", exact=True).check()
    page.get_by_role("radio", name="Ouder", exact=True).check()
    page.locator("label[for=id_score_5]").click()
    page.locator("#id_datum").fill("2025-03-01")
    klik(page, "Score opslaan")
    expect(page).to_have_title(re.compile("^Fout: "))
    expect(page.get_by_role("radio", name="Tussentijds", exact=True)).to_be_checked()  # kept
    veld = page.locator("#id_traject")
    expect(veld).to_have_class(re.compile(r"\bis-invalid\b"))
    fout = page.locator("#id_traject ~ .invalid-feedback")
    expect(fout).to_contain_text("Een trajectcode bestaat alleen uit letters, cijfers")
    expect(fout).to_contain_text("Gebruik een pseudoniem zoals ALM-2026-0042")
    screenshot(page, "1-trajectcode-geweigerd")
    check_axe(page)
    assert SosScore.objects.count() == scores_voor

    # Corrected with the keyboard: a start score of a new trajectory of Kleine Aanpak.
    veld.fill("")
    veld.focus()
    page.keyboard.type("kln-003")
    page.get_by_role("radio", name="Start", exact=True).focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="Start", exact=True)).to_be_checked()
    page.get_by_role("radio", name="Hulpverlener", exact=True).focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="Hulpverlener", exact=True)).to_be_checked()
    page.get_by_role("radio", name="0", exact=True).focus()  # the scale: arrow keys move on it
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="1", exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name="5", exact=True)).not_to_be_checked()
    page.get_by_role("button", name="Score opslaan").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        "De score 1 (start, hulpverlener) van traject KLN-003 is opgeslagen."
    )
    rij = page.get_by_test_id("tabel-scores").get_by_role("row", name=re.compile("^KLN-003"))
    expect(rij).to_have_count(1)
    expect(rij).to_contain_text("Kleine Aanpak")
    expect(rij).to_contain_text("Stad")
    expect(rij).to_contain_text("Start")
    expect(rij.get_by_role("cell").nth(4)).to_have_text("1")
    screenshot(page, "1-score-opgeslagen")
    h1(page, "Signs of Safety-scores")

    # A file with one bad row is refused whole, with the row and column in Dutch.
    volg(page, "Scores uit een CSV-bestand importeren")
    h1(page, "Signs of Safety-scores importeren")
    scores_voor = SosScore.objects.count()
    upload(page, "scores-met-fout.csv", CSV_FOUT)
    geweigerd = page.get_by_test_id("import-geweigerd")
    expect(geweigerd).to_contain_text(
        "Het bestand is niet geïmporteerd: er is 1 probleem. Er is niets opgeslagen."
    )
    expect(geweigerd.locator("li")).to_have_text(
        [
            "Rij 4, kolom score: '11' is geen score; een score is een geheel getal van 0 tot en met 10."
        ]
    )
    expect(page).to_have_title(re.compile("^Fout: "))
    screenshot(page, "1-import-geweigerd")
    check_axe(page)
    assert SosScore.objects.count() == scores_voor
    assert not SosScore.objects.filter(traject="KLN-004").exists()

    upload(page, "scores.csv", CSV_GOED)
    geslaagd = page.get_by_test_id("import-geslaagd")
    expect(geslaagd.get_by_role("heading")).to_have_text("3 scores opgeslagen.")
    expect(geslaagd).to_contain_text("Uit scores.csv: 3 nieuw, 0 gewijzigd, 0 al zo vastgelegd.")
    screenshot(page, "1-import-geslaagd")
    check_axe(page)
    assert kleine_aanpak_trajecten() == 5
    volg(page, "Naar de vastgelegde scores")
    h1(page, "Signs of Safety-scores")
    tabel = page.get_by_test_id("tabel-scores")
    expect(tabel.get_by_role("row", name=re.compile("^KLN-004"))).to_have_count(2)
    afmelden(page)

    # === 2. The beleidsmedewerker follows the reminder and records progress ===
    herinneringen.herinneringen_bijwerken()  # the daily beat job
    assert Melding.objects.filter(regio=scenario.plan.regio).exists()
    sign_in(page, live_server, beleid.username, PASSWORD)
    h1(page, "Welkom, Sanne")
    aandacht = page.get_by_role("region", name="Aandachtspunten voor u")
    expect(aandacht).to_contain_text("Er is 1 punt in de uitvoering van de regiovisie")
    herinnering = aandacht.get_by_role("link", name=re.compile(OUDERCURSUS))
    expect(herinnering).to_contain_text("over haar einddatum")
    screenshot(page, "2-aandachtspunten")
    with page.expect_navigation():
        herinnering.click()
    expect(page).to_have_url(f"{plan_url}acties/{scenario.verlopen.pk}/")
    h1(page, f"Actie: {OUDERCURSUS}")
    expect(page.get_by_test_id("verlopen")).to_be_visible()

    expect(page.locator("#id_periode")).to_have_value(kwartaal(vandaag))
    page.get_by_role("radio", name="Afgerond", exact=True).check()
    page.locator("#id_bereik").fill("100")
    klik(page, "Kwartaal opslaan")
    expect(page.get_by_role("status")).to_contain_text(
        f"De voortgang over {kwartaal(vandaag)} is opgeslagen."
    )
    expect(page.get_by_test_id("verlopen")).to_have_count(0)
    expect(page.get_by_test_id("stand")).to_contain_text("Afgerond")
    screenshot(page, "2-actie-afgerond")
    check_axe(page)

    kruimel(page, "Voortgang van versie 1")
    h1(page, "Voortgang: Regiovisie Eigen 2025")
    expect(page.get_by_test_id("verlopen")).to_have_count(0)
    expect(page.get_by_test_id(f"actie-{scenario.verlopen.pk}")).to_contain_text("Afgerond")
    expect(page.get_by_test_id(f"actie-{scenario.verlopen.pk}")).not_to_contain_text("Verlopen")
    doelrij = page.get_by_test_id(f"doel-{scenario.achter.pk}")
    expect(doelrij.get_by_test_id("koers")).to_have_text("Achter")

    # The goal that was behind: a measurement by hand makes it achieved.
    with page.expect_navigation():
        doelrij.get_by_role("link", name=HOME_START).click()
    h1(page, f"Doel: {HOME_START}")
    expect(page.locator("#id_datum")).to_have_value(vandaag.isoformat())
    page.locator("#id_waarde").fill("85")
    page.locator("#id_bron").fill("Registratie Home-Start")
    klik(page, "Meting opslaan")
    expect(page.get_by_role("status")).to_contain_text(
        "De meting is opgeslagen. Het doel is nu: behaald."
    )
    expect(page.get_by_role("heading", name=re.compile("^Status:"))).to_have_text("Status: Behaald")
    screenshot(page, "2-doel-behaald")
    check_axe(page)

    # The steering register: the meldcode requirement was met at today's check.
    kruimel(page, "Voortgang van versie 1")
    volg(page, "Sturingsregister")
    h1(page, "Sturingsregister")
    eisrij = page.locator("#tabel-register").get_by_role("row").filter(has_text=MELDCODE)
    expect(eisrij).to_contain_text("Niet voldaan")
    controle = page.locator(".portal-item").filter(
        has=page.get_by_role("heading", name=MELDCODE, exact=True)
    )
    controle.locator("summary").click()
    expect(controle.get_by_role("radio", name="Ja, voldaan")).to_be_visible()
    controle.get_by_role("radio", name="Ja, voldaan").check()
    check_axe(page)  # with the form open
    with page.expect_navigation():
        controle.get_by_role("button", name="Controle opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"De controle van '{MELDCODE}' is opgeslagen."
    )
    expect(eisrij).to_contain_text("Voldaan")
    expect(eisrij).not_to_contain_text("Niet voldaan")
    screenshot(page, "2-sturing")
    check_axe(page)

    # The evaluation of the plan as a whole.
    kruimel(page, "Voortgang van versie 1")
    volg(page, "Evaluatie en volgende cyclus")
    h1(page, "Evaluatie en volgende cyclus")
    plan = page.locator("section#plan")
    evaluatie = {
        "Wat ging goed?": "Wijkteams en JGZ bespraken zorgen over gezinnen elke maand samen.",
        "Wat kan beter?": "De oudercursus bereikte vooral ouders die de weg al kenden.",
        "Hoe ontwikkelen we dat?": "De cursus komt naar de buurthuizen, in de avond.",
    }
    for vraag, antwoord in evaluatie.items():
        plan.get_by_label(vraag).fill(antwoord)
    with page.expect_navigation():
        plan.get_by_role("button", name=re.compile("^Evaluatie opslaan")).click()
    expect(page.get_by_role("status")).to_contain_text(
        "De evaluatie van 'Het plan als geheel' is opgeslagen."
    )
    for vraag, antwoord in evaluatie.items():
        expect(page.locator("section#plan").get_by_label(vraag)).to_have_value(antwoord)
    screenshot(page, "2-evaluatie")
    check_axe(page)
    afmelden(page)

    # === 3. The wethouder reads ===
    sign_in(page, live_server, wethouder.username, PASSWORD)
    h1(page, "Welkom, Karin")
    volg(page, "Sturen en monitoren")
    h1(page, "Sturen en monitoren")
    volg(page, "Bestuurlijk overzicht")
    expect(page).to_have_url(f"{plan_url}bestuur/")
    h1(page, "Bestuurlijk overzicht Regio Eigen")
    main = page.get_by_role("main")
    expect(main.locator("form")).to_have_count(0)  # a page to read, nothing to fill in
    expect(page.get_by_test_id("samenvatting")).to_contain_text(
        "0 van de 2 doelen liggen achter; 0 acties zijn over hun einddatum"
    )
    doelen = page.get_by_test_id("doelen")
    for doel in (HOME_START, "Alle consultatiebureaus voeren de Kindcheck uit"):
        expect(doelen.get_by_role("row").filter(has_text=doel)).to_contain_text("behaald")
    expect(page.get_by_test_id("verlopen")).to_have_count(0)
    expect(page.get_by_test_id("geen-verlopen")).to_be_visible()

    # Signs of Safety: with 6, 5 and 5 trajectories nothing is suppressed any more.
    sos = page.get_by_test_id("sos")
    for interventie, n, verandering in (
        ("Stevig Ouderschap", "6", "+3,2"),
        ("Kleine Aanpak", "5", "+7,0"),
        ("Tweede Aanpak", "5", "+2,0"),
    ):
        cellen = sos_rij(sos, interventie).get_by_role("cell")
        expect(cellen.nth(0)).to_have_text(n)
        expect(cellen.nth(1)).to_contain_text(verandering)
    expect(page.get_by_test_id("sos-onderdrukt")).to_have_count(0)
    expect(page.get_by_test_id("sos-afgeschermd")).to_have_count(0)
    expect(sos).not_to_contain_text("niet getoond")  # ouder and kind gave no scores: "< 5"
    expect(sos).not_to_contain_text("fgeschermd")

    besluiten = page.get_by_role("region", name="Wat vraagt een besluit?")
    expect(besluiten).to_be_visible()
    expect(besluiten).not_to_contain_text(HOME_START)
    expect(besluiten).not_to_contain_text(OUDERCURSUS)
    expect(besluiten).not_to_contain_text(MELDCODE)
    expect(besluiten.get_by_test_id("geen-besluiten")).to_be_visible()
    screenshot(page, "3-bestuurlijk-overzicht")

    # The same page as a PDF.
    with page.expect_download() as download:
        main.get_by_role("link", name="Download als pdf").click()
    assert download.value.suggested_filename == (
        f"bestuurlijk-overzicht-eigen-2025-{vandaag.isoformat()}.pdf"
    )
    inhoud = Path(download.value.path()).read_bytes()
    assert inhoud.startswith(b"%PDF")
    from pypdf import PdfReader

    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    assert "Regio Eigen" in tekst
    assert re.search(r"D1 Meer gezinnen krijgen steun van Home-\s*Start\s+in\s+de\s+wijk", tekst)
    assert re.search(r"Behaald: de laatste meting \(85 op", tekst), tekst
    assert "+7,0" in tekst, tekst

    # The results page shows the same numbers.
    kruimel(page, "Sturen en monitoren")
    h1(page, "Sturen en monitoren")
    volg(page, "Uitkomsten van Signs of Safety")
    h1(page, "Signs of Safety: resultaten")
    verandering = page.get_by_test_id("tabel-verandering")
    for interventie, n, gemiddelde in (
        ("Stevig Ouderschap", "6", "3,2"),
        ("Kleine Aanpak", "5", "7,0"),
        ("Tweede Aanpak", "5", "2,0"),
    ):
        cellen = sos_rij(verandering, interventie).get_by_role("cell")
        expect(cellen.nth(0)).to_have_text(n)
        expect(cellen.nth(1)).to_have_text(gemiddelde)
    expect(page.get_by_test_id("onderdrukt")).to_have_count(0)
    expect(page.get_by_test_id("afgeschermd")).to_have_count(0)
    screenshot(page, "3-sos-resultaten")

    # Scores per trajectory are not for the wethouder: no link to them, and the address itself
    # (a bookmark, a link in a mail) is a 403 page.
    kruimel(page, "Sturen en monitoren")
    expect(main.get_by_role("link", name="Uitkomsten van Signs of Safety")).to_be_visible()
    expect(main.get_by_role("link", name="Scores vastleggen en importeren")).to_have_count(0)
    browser_log.allow_http_error(403, "/monitoring/sos/")
    response = page.goto(f"{live_server.url}/monitoring/sos/")
    assert response.status == 403
    h1(page, "Geen toegang")
    expect(page.locator("#id_traject")).to_have_count(0)
    afmelden(page)

    # === 4. The beleidsmedewerker starts the next cycle, which builds on the evaluation ===
    sign_in(page, live_server, beleid.username, PASSWORD)
    h1(page, "Welkom, Sanne")
    volg(page, "Sturen en monitoren")
    h1(page, "Sturen en monitoren")
    with page.expect_navigation():
        page.get_by_role("region", name="Voortgang van de regiovisie").get_by_role(
            "link", name="Evaluatie en volgende cyclus"
        ).click()
    h1(page, "Evaluatie en volgende cyclus")
    klik(page, "Volgende cyclus starten")
    expect(page.get_by_role("status")).to_contain_text(
        "Versie 2 is aangemaakt als concept voor de volgende cyclus"
    )
    expect(page.get_by_test_id("status")).to_have_text("Concept")
    screenshot(page, "4-volgende-cyclus")
    check_axe(page)
    vorige = page.get_by_test_id("vorige-evaluatie")
    expect(vorige).to_contain_text("Deze versie bouwt voort op versie 1.")
    with page.expect_navigation():
        vorige.get_by_role("link", name="De evaluatie van versie 1 lezen").click()
    expect(page).to_have_url(f"{plan_url}evaluatie/")
    h1(page, "Evaluatie en volgende cyclus")
    for vraag, antwoord in evaluatie.items():
        expect(page.locator("section#plan").get_by_label(vraag)).to_have_value(antwoord)
    expect(page.get_by_test_id("cyclus-bezwaar")).to_contain_text(
        "De volgende cyclus is al begonnen"
    )
    expect(page.get_by_role("button", name="Volgende cyclus starten")).to_have_count(0)
