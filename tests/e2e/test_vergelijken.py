"""A bestuurder compares wijken: from the gemeente overview to the comparison, by keyboard.

The charts draw under the strict policy (the harness fails on any console error), axe passes on
the comparison and on its form errors, and the numbers of the table are the numbers in the
figure's JSON, on a wide and on a narrow screen.
"""

import json

import pytest
from playwright.sync_api import expect

from portal.models import Rol
from wijken import services

from ..factories import PASSWORD
from ..risicofactoren.test_vergelijken import load_comparison_data
from .conftest import check_axe, sign_in

pytestmark = pytest.mark.e2e

ONDERDRUKT = {"geheim", "< 5", "—"}


@pytest.fixture
def vergelijkbaar(regio, andere_regio, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"].get("OPTIONS", {}), "location": tmp_path},
        },
    }

    def importeer(data: bytes):
        job = services.create_job(data, "vergelijken.csv")
        job = services.run_import(job.pk)  # transactional live-server test: on_commit at once
        assert job.status == "voltooid", (job.reden, job.fouten)

    load_comparison_data(importeer)


def getal(tekst: str) -> float:
    return float(tekst.replace(".", "").replace(",", "."))


def table_equals_figure(page) -> int:
    """Every value row of the table against the bars of its subplot; returns the rows compared."""
    figuur = json.loads(
        page.locator('script[type="application/json"][data-grafiek="vergelijking"]').text_content()
    )
    bars = [t for t in figuur["data"] if t["type"] == "bar"]
    rijen = page.locator('#tabel-vergelijking tbody tr[data-rij]:not([data-rij="interval"])')
    codes = page.locator("#tabel-vergelijking thead th[data-code]").evaluate_all(
        "koppen => koppen.map((k) => k.dataset.code)"
    )
    assert rijen.count() == len(bars) > 1
    for i, bar in enumerate(bars):
        assert bar["y"] == codes
        cellen = rijen.nth(i).locator("td").all_inner_texts()
        assert len(cellen) == len(bar["x"])
        for tekst, x in zip(cellen, bar["x"], strict=True):
            if x is None:
                assert tekst.strip() in ONDERDRUKT, (i, tekst)
            else:
                assert getal(tekst) == pytest.approx(x), (i, tekst, x)
    return len(bars)


def expect_charts_drawn(page) -> None:
    tekeningen = page.locator(".grafiek-tekening")
    expect(tekeningen.first).to_be_attached()
    for i in range(tekeningen.count()):
        expect(tekeningen.nth(i).locator(".main-svg").first).to_be_visible()


def test_bestuurder_compares_wijken_from_the_overview_by_keyboard(
    page, live_server, lid, vergelijkbaar
):
    user = lid(Rol.BESTUURDER)
    sign_in(page, live_server, user.username, PASSWORD)

    page.goto(f"{live_server.url}/wijken/GM0034/?jaar=2024")
    expect_charts_drawn(page)
    page.get_by_role("link", name="Vergelijk wijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijken vergelijken")
    expect(page.locator("#tabel-vergelijking thead th[data-code]")).to_have_count(3)
    expect_charts_drawn(page)
    # The caption names the chart; its link leads to the table with the same numbers.
    expect(page.get_by_role("img", name="in 2024: één grafiek per indicator")).to_be_visible()
    expect(
        page.get_by_role("link", name="De cijfers van deze grafiek in een tabel")
    ).to_have_attribute("href", "#tabel-vergelijking")
    assert table_equals_figure(page) >= 4
    jeugdzorg = page.locator('#tabel-vergelijking tr[data-rij="jeugdzorg_in_natura"] td')
    expect(jeugdzorg.filter(has_text="geheim")).to_have_count(1)
    check_axe(page)

    # By keyboard: open Almere's wijken, tick one more, compare again.
    page.locator('details[data-gemeente="GM0034"] > summary').focus()
    page.keyboard.press("Enter")
    pampus = page.get_by_role("checkbox", name="Pampus")
    expect(pampus).to_be_visible()
    pampus.focus()
    page.keyboard.press("Space")
    expect(pampus).to_be_checked()
    page.get_by_role("button", name="Vergelijk").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#tabel-vergelijking thead th[data-code]")).to_have_count(4)
    expect(page.get_by_test_id("zonder-schatting")).to_contain_text("Geen schatting voor Pampus")
    expect_charts_drawn(page)
    table_equals_figure(page)
    check_axe(page)

    # Six gebieden: a Dutch error, the form kept, nothing compared.
    page.locator('details[data-gemeente="GM0034"] > summary').click()
    groep = page.locator('details[data-gemeente="GM0034"]')
    for vakje in groep.get_by_role("checkbox").all():
        vakje.check()
    page.get_by_role("button", name="Vergelijk").click()
    fouten = page.get_by_test_id("foutoverzicht")
    expect(fouten).to_contain_text("Kies ten hoogste vijf wijken of gemeenten; u koos er 6.")
    expect(page.get_by_test_id("resultaat")).to_have_count(0)
    fouten.get_by_role("link").first.click()
    expect(page.locator("#keuze-gebieden")).to_be_focused()
    check_axe(page)


def test_on_a_narrow_screen_the_figure_has_one_column_and_the_same_numbers(
    page, live_server, lid, vergelijkbaar
):
    user = lid(Rol.LEZER)
    sign_in(page, live_server, user.username, PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(
        f"{live_server.url}/wijken/vergelijken/"
        "?gebied=WK003401&gebied=WK003402&gebied=GM0034&jaar=2024"
    )
    expect_charts_drawn(page)
    getekend = json.loads(
        page.locator('script[type="application/json"][data-grafiek="vergelijking"]').text_content()
    )
    smal = json.loads(page.locator("#vergelijking-smal").text_content())
    assert getekend == smal
    # One column: every subplot spans the full width.
    domeinen = page.evaluate(
        """() => {
            const layout = document.getElementById("vergelijking")._fullLayout;
            return Object.keys(layout).filter((k) => /^xaxis\\d*$/.test(k))
                .map((k) => layout[k].domain);
        }"""
    )
    assert len(domeinen) > 1 and all(d[0] == domeinen[0][0] for d in domeinen)
    table_equals_figure(page)
    check_axe(page)
