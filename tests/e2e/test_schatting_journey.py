"""A beleidsmedewerker finds the estimate per wijk, reads why, and the methodology behind it.

Den Haag's real 2019 KWB file (education level and migration background per wijk) is imported
as a beheerder would; the import itself recomputes the estimates. axe runs on every page.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.models import Rol
from wijken import services

from ..factories import PASSWORD, RegioGemeenteFactory
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e

DENHAAG = Path(__file__).resolve().parents[2] / "fixtures" / "data" / "kwb2019_denhaag_odata.csv"


@pytest.fixture
def denhaag(regio, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"].get("OPTIONS", {}), "location": tmp_path},
        },
    }
    RegioGemeenteFactory(regio=regio, code="GM0518", naam="'s-Gravenhage")
    job = services.create_job(DENHAAG.read_bytes(), DENHAAG.name)
    job = services.run_import(job.pk)  # transactional live-server test: on_commit runs at once
    assert job.status == "voltooid", job.reden
    return job


def test_beleidsmedewerker_reads_the_estimate_of_a_wijk_and_why(page, live_server, lid, denhaag):
    user = lid(Rol.BELEIDSMEDEWERKER)
    sign_in(page, live_server, user.username, PASSWORD)

    page.get_by_role("navigation").get_by_role("link", name="Situatie in de wijken").click()
    page.get_by_role("link", name="Schatting per wijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schatting per wijk")
    check_axe(page)

    page.get_by_role("link", name="'s-Gravenhage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("'s-Gravenhage")
    tabel = page.get_by_test_id("schattingen")
    # 39 of the 44 wijken have at least 50 children (0–15 + 3/10 of 15–25 in the file); the
    # other five (e.g. WK051801, no children) are listed with the reason.
    expect(tabel.locator("tbody tr")).to_have_count(39)
    zonder = page.get_by_test_id("zonder-schatting")
    expect(zonder.locator("li")).to_have_count(5)
    expect(zonder).to_contain_text("WK051801")
    expect(zonder).to_contain_text("Minder dan 50 kinderen")
    expect(
        page.get_by_text("Een schatting voor beleid, nooit een uitspraak over een gezin.")
    ).to_be_visible()
    expect(page.get_by_test_id("ontbrekend")).to_contain_text("Laag opleidingsniveau van de ouders")
    check_axe(page)

    # The first row has the highest rate; its page names the factors behind it.
    eerste = tabel.locator("tbody tr").first
    naam = eerste.locator("th a").inner_text()
    eerste.locator("th a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    expect(page.get_by_test_id("samenvatting")).to_contain_text("per 1000 kinderen")
    factoren = page.get_by_test_id("factoren")
    expect(factoren).to_contain_text("Laag opleidingsniveau van de ouders")
    expect(factoren).to_contain_text("eigen waarde")
    expect(factoren.locator("tbody tr").first).to_contain_text("hoger")
    check_axe(page)

    page.get_by_role("link", name="Hoe komt deze schatting tot stand?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe komt deze schatting tot stand?")
    expect(page.get_by_role("main")).to_contain_text("meetkundig gemiddelde")
    check_axe(page)
