"""A wethouder opens the wijk dashboard of Almere and a wijkprofiel: the map and the charts draw,
the table holds the same numbers as the chart, nothing leaves the host, axe passes.

Almere's real 2018–2025 KWB file and its real 2024 wijk boundaries (PDOK) are imported as a
beheerder would; the import itself computes the estimates.
Set E2E_SCREENSHOTS to a directory to keep screenshots at 1366×768 and 390×844.
"""

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.models import Rol
from wijken import services

from ..factories import PASSWORD
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[2] / "fixtures" / "data"
ALMERE = DATA / "kwb2018-2025_almere_odata.csv"
WIJKEN = DATA / "wijken2024_wgs84.geojson"


@pytest.fixture
def almere(regio, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"].get("OPTIONS", {}), "location": tmp_path},
        },
    }
    geo = json.loads(WIJKEN.read_text(encoding="utf-8"))
    geo["features"] = [f for f in geo["features"] if f["properties"]["gemeentecode"] == "GM0034"]
    from wijken.management.commands.import_demo_data import ALMERE_DEFECT

    kop = ALMERE.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    defect = [k for k in kop if k.startswith(ALMERE_DEFECT)]  # stripped decimals in this copy
    for data, naam, kwargs in (
        (ALMERE.read_bytes(), ALMERE.name, {"overslaan": defect}),
        (json.dumps(geo).encode(), "wijken2024_almere.geojson", {"soort": "grenzen", "jaar": 2024}),
    ):
        job = services.create_job(data, naam, **kwargs)
        job = services.run_import(job.pk)
        assert job.status == "voltooid", (job.reden, job.fouten[:3])


def screenshot(page, name):
    if folder := os.environ.get("E2E_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"dashboard-{name}.png"), full_page=True)


def test_wethouder_sees_where_children_are_most_at_risk(page, live_server, lid, almere):
    user = lid(Rol.BESTUURDER)
    sign_in(page, live_server, user.username, PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Situatie in de wijken").click()
    page.get_by_test_id("dashboards").get_by_role("link", name="Almere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijken van Almere")
    # The year is a choice of the user (the default is the newest with figures of the wijken).
    page.get_by_label("Jaar", exact=True).select_option("2024")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_test_id("samenvatting")).to_contain_text("Het hoogst is")
    expect(page.get_by_test_id("samenvatting")).to_contain_text("Europakwartier Oost")

    # The map and the ranked bars draw (SVG inside each chart).
    expect(page.locator("#kaart .main-svg").first).to_be_visible()
    expect(page.locator("#kaart path.choroplethlocation").first).to_be_attached()
    expect(page.locator("#rangorde .main-svg").first).to_be_visible()
    check_axe(page)
    screenshot(page, "gemeente-1366")

    # The table alternative has exactly the numbers of the bar chart.
    figuur = json.loads(page.locator('script[data-grafiek="rangorde"]').text_content())
    balken = figuur["data"][0]
    uit_figuur = {naam: round(x, 1) for naam, x in zip(balken["y"], balken["x"], strict=True)}
    rijen = page.get_by_test_id("tabel-wijken").locator("tbody tr")
    uit_tabel = {}
    for i in range(rijen.count()):
        rij = rijen.nth(i)
        uit_tabel[rij.locator("th").inner_text().strip()] = float(
            rij.locator("td[data-waarde]").get_attribute("data-waarde")
        )
    assert uit_tabel == uit_figuur
    assert len(uit_tabel) > 40

    # Sorting the table by name keeps it keyboard-reachable: the header is a link.
    page.get_by_test_id("tabel-wijken").get_by_role("link", name="Wijk", exact=True).click()
    namen = page.get_by_test_id("tabel-wijken").locator("tbody th").all_inner_texts()
    assert namen == sorted(namen, key=str.lower)

    # A wijkprofiel: the estimate, the factors, the trend and the comparison draw.
    page.get_by_test_id("tabel-wijken").locator("tbody th a").first.click()
    expect(page.get_by_text("Wijkprofiel")).to_be_visible()
    expect(page.get_by_test_id("samenvatting")).to_contain_text("per 1000 kinderen")
    expect(page.get_by_test_id("factoren")).to_contain_text("Werkloosheid van de ouders")
    expect(page.locator("#trend .main-svg").first).to_be_visible()
    expect(page.locator("#indicatoren .main-svg").first).to_be_visible()
    check_axe(page)
    screenshot(page, "wijk-1366")

    page.set_viewport_size({"width": 390, "height": 844})
    page.go_back()
    expect(page.locator("#kaart .main-svg").first).to_be_visible()
    check_axe(page)
    screenshot(page, "gemeente-390")
