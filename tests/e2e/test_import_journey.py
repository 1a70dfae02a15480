"""A beheerder imports indicator files in the browser: upload, preview, confirm, progress, report.

In tests Celery runs tasks eagerly: the import started by "Importeren" finishes inside that
request (on commit), so the browser lands on the report directly. The live progress bar is
proven separately, with a job whose progress the test itself moves while the page polls.

axe-core runs on every page of the journey; a serious or critical violation fails the test.

Set E2E_SCREENSHOTS to a directory to keep screenshots of the preview, progress and report pages.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.models import Rol
from wijken import services
from wijken.models import Eenheid, ImportJob, ImportStatus, IndicatorWaarde

from ..factories import PASSWORD
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[2] / "fixtures" / "data"
DENHAAG = DATA / "kwb2019_denhaag_odata.csv"
ALMERE = DATA / "kwb2018-2025_almere_odata.csv"
IMPORTS = "/beheer/imports/"
# The import of ±25,000 Almere values runs inside the request that starts it.
IMPORT_TIMEOUT = 120_000


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads go to a temporary directory instead of the project's var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"].get("OPTIONS", {}), "location": tmp_path},
        },
    }


@pytest.fixture
def beheerder(page, live_server, lid):
    user = lid(Rol.BEHEERDER)
    sign_in(page, live_server, user.username, PASSWORD)
    return user


def screenshot(page, name: str) -> None:
    if folder := os.environ.get("E2E_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"import-{name}.png"), full_page=True)


def kenmerk(page, term: str):
    """The <dd> that belongs to `term` in the preview's description list."""
    return page.locator(f"dl.portal-kenmerken dt:text-is('{term}') + dd")


def upload(page, path: Path) -> None:
    page.locator("#id_bestand").set_input_files(path)
    with page.expect_navigation():
        page.get_by_role("button", name="Bekijk voorbeeld").click()


def importeren(page):
    """Confirm the preview; the eager task finishes before the redirect."""
    with page.expect_navigation(timeout=IMPORT_TIMEOUT):
        page.get_by_role("button", name="Importeren", exact=True).click()


def test_beheerder_uploads_previews_imports_and_reads_the_report(page, live_server, beheerder):
    page.goto(f"{live_server.url}{IMPORTS}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicatorbestanden importeren")
    expect(page.get_by_role("radio", name="indicatorwaarden")).to_be_checked()
    expect(page.get_by_text("Er zijn nog geen bestanden geïmporteerd.")).to_be_visible()
    check_axe(page)

    upload(page, DENHAAG)
    job = ImportJob.objects.get()
    expect(page).to_have_url(f"{live_server.url}{IMPORTS}{job.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(DENHAAG.name)
    expect(kenmerk(page, "Formaat")).to_have_text("CBS OData (kolomsleutels)")
    expect(kenmerk(page, "Status")).to_have_text("wachtend")
    expect(kenmerk(page, "Perioden")).to_contain_text("2019")
    expect(kenmerk(page, "Perioden")).to_contain_text("afgeleid uit de bestandsnaam")
    expect(kenmerk(page, "Gebieden")).to_contain_text(
        "159 in het bestand, waarvan 0 al bekend; 160 nieuwe gebieden"
    )
    expect(kenmerk(page, "Waarden")).to_contain_text("2.067")
    expect(kenmerk(page, "Waarden")).to_contain_text("waarvan 18 geheim")
    kolommen = page.get_by_role("table", name="Welke kolom naar welke indicator gaat")
    expect(kolommen.get_by_role("checkbox").first).not_to_be_checked()
    expect(page.get_by_role("heading", name="Eerste rijen")).to_be_visible()
    expect(page.get_by_role("heading", name="problemen")).to_have_count(0)
    expect(page.get_by_role("button", name="Importeren", exact=True)).to_be_visible()
    assert IndicatorWaarde.objects.count() == 0  # nothing written before confirming
    screenshot(page, "voorbeeld")
    check_axe(page)

    importeren(page)
    expect(page).to_have_url(f"{live_server.url}{IMPORTS}{job.pk}/")
    expect(kenmerk(page, "Status")).to_have_text("voltooid")
    verslag = page.get_by_role("region", name="Verslag")
    expect(verslag.get_by_role("heading", name="Verslag")).to_be_visible()
    expect(verslag.get_by_role("row", name="Nieuwe waarden")).to_contain_text("2.067")
    expect(verslag.get_by_role("row", name="Geheim")).to_contain_text("18")
    # Neither a second confirmation nor the progress bar: the import is done.
    expect(page.get_by_role("button", name="Importeren", exact=True)).to_have_count(0)
    expect(page.get_by_role("progressbar")).to_have_count(0)
    screenshot(page, "verslag")
    check_axe(page)
    assert IndicatorWaarde.objects.count() == 2067

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Imports").click()
    expect(page).to_have_url(f"{live_server.url}{IMPORTS}")
    rij = page.get_by_role("table", name="Eerdere imports").get_by_role("row", name=DENHAAG.name)
    expect(rij).to_contain_text("voltooid")
    expect(rij).to_contain_text(beheerder.username)
    expect(rij).to_contain_text("2.067 / 0")


def test_progress_bar_follows_the_running_import_and_turns_into_the_report(
    page, live_server, beheerder, regio
):
    job = services.create_job(DENHAAG.read_bytes(), DENHAAG.name, user=beheerder, regio=regio)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.BEZIG, voortgang=10)

    page.goto(f"{live_server.url}{IMPORTS}{job.pk}/")
    balk = page.get_by_role("progressbar", name="Voortgang van de import")
    expect(balk).to_have_attribute("aria-valuenow", "10")
    expect(kenmerk(page, "Status")).to_have_text("bezig")
    expect(page.get_by_role("heading", name="Bezig met importeren")).to_be_visible()
    expect(page.get_by_role("button", name="Importeren", exact=True)).to_have_count(0)

    # The worker moves on; the page, which polls the status, follows without a reload.
    ImportJob.objects.filter(pk=job.pk).update(voortgang=40, rijen_verwerkt=700)
    expect(balk).to_have_attribute("aria-valuenow", "40")
    expect(page.locator("#voortgang-tekst")).to_have_text("40% klaar (700 van 2.067 waarden)")
    breedte = balk.locator(".progress-bar").evaluate("el => el.style.width")
    assert breedte == "40%"
    screenshot(page, "voortgang")
    check_axe(page)

    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VOLTOOID,
        voortgang=100,
        rijen_verwerkt=2067,
        nieuw=2067,
        geheim=18,
    )
    verslag = page.get_by_role("region", name="Verslag")
    expect(verslag).to_be_visible()  # the page reloaded itself
    expect(verslag.get_by_role("row", name="Nieuwe waarden")).to_contain_text("2.067")
    expect(kenmerk(page, "Status")).to_have_text("voltooid")
    expect(page.get_by_role("progressbar")).to_have_count(0)
    check_axe(page)


def test_almere_problem_columns_are_left_out_and_the_rest_is_imported(page, live_server, beheerder):
    page.goto(f"{live_server.url}{IMPORTS}")
    upload(page, ALMERE)
    job = ImportJob.objects.get()
    probleem_kolommen = {f["kolom"] for f in job.fouten}
    assert probleem_kolommen and all(probleem_kolommen)

    problemen = page.locator('section[aria-labelledby="kop-problemen"]')
    expect(problemen).to_contain_text("meer dan 100%")
    expect(problemen.get_by_role("link", name="Download de problemen als CSV")).to_be_visible()
    expect(page.get_by_role("button", name="Importeren", exact=True)).to_have_count(0)
    screenshot(page, "problemen")
    check_axe(page)

    # The beheerder leaves out the columns the problems table names, recomputes, and repeats
    # while the (first 100 rows of the) table names more.
    weggelaten: set[str] = set()
    for _ronde in range(len(probleem_kolommen)):
        tabel = page.get_by_role("table", name="Problemen per rij en kolom")
        if not tabel.count():
            break
        genoemd = set(tabel.locator("tbody tr td:nth-child(2)").all_inner_texts())
        assert genoemd <= probleem_kolommen, genoemd - probleem_kolommen
        for kolom in sorted(genoemd - weggelaten):
            page.get_by_role("checkbox", name=f"{kolom} niet importeren", exact=True).check()
        weggelaten |= genoemd
        with page.expect_navigation():
            page.get_by_role("button", name="Voorbeeld opnieuw berekenen").click()
        expect(page.get_by_role("status")).to_contain_text("Het voorbeeld is opnieuw berekend.")
    assert weggelaten == probleem_kolommen

    expect(page.locator('section[aria-labelledby="kop-problemen"]')).to_have_count(0)
    for kolom in sorted(probleem_kolommen):
        expect(
            page.get_by_role("checkbox", name=f"{kolom} niet importeren", exact=True)
        ).to_be_checked()
    job.refresh_from_db()
    assert job.fouten == [] and set(job.overslaan) == probleem_kolommen
    screenshot(page, "opnieuw-berekend")
    check_axe(page)

    importeren(page)
    verslag = page.get_by_role("region", name="Verslag")
    expect(verslag).to_be_visible()
    expect(kenmerk(page, "Status")).to_have_text("voltooid")
    job.refresh_from_db()
    assert job.status == ImportStatus.VOLTOOID and job.nieuw > 20000
    expect(verslag.get_by_role("row", name="Nieuwe waarden")).to_contain_text(
        f"{job.nieuw:,}".replace(",", ".")
    )
    # None of the defective percentages made it in.
    assert not IndicatorWaarde.objects.filter(
        indicator__eenheid=Eenheid.PROCENT, waarde__gt=100
    ).exists()


def test_lezer_gets_the_dutch_no_access_page(page, live_server, lid, browser_log):
    user = lid(Rol.LEZER)
    sign_in(page, live_server, user.username, PASSWORD)
    browser_log.allow_http_error(403, IMPORTS)

    response = page.goto(f"{live_server.url}{IMPORTS}")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    expect(page.get_by_role("link", name="Naar het overzicht")).to_be_visible()
    expect(page.locator("#id_bestand")).to_have_count(0)
    check_axe(page)


def test_upload_form_works_with_the_keyboard(page, live_server, beheerder):
    page.goto(f"{live_server.url}{IMPORTS}")
    bestand = page.locator("#id_bestand")
    for _ in range(40):
        page.keyboard.press("Tab")
        if bestand.evaluate("el => el === document.activeElement"):
            break
    expect(bestand).to_be_focused()

    # Space on the focused file input opens the file chooser, as it does for a keyboard user.
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(DENHAAG)

    # Then: the chosen kind (a radio group is one tab stop), the year, and the submit button.
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="indicatorwaarden")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Jaar (alleen als het bestand het niet noemt)")).to_be_focused()
    page.keyboard.press("Tab")
    knop = page.get_by_role("button", name="Bekijk voorbeeld")
    expect(knop).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(kenmerk(page, "Formaat")).to_have_text("CBS OData (kolomsleutels)")
