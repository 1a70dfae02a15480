"""What the wethouder sees on the dashboards: the right numbers, once, and nothing that may not
be shown — in the page, the figure JSON and the CSV alike."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from portal.disclosure import cell
from portal.models import Rol
from risicofactoren import dashboard_cache, dashboards
from risicofactoren.models import PrevalentieModel
from wijken.models import Gebied, GebiedJaar

from .conftest import long_csv

pytestmark = pytest.mark.django_db

VIERKANT = {
    "type": "Polygon",
    "coordinates": [[[5.2, 52.3], [5.3, 52.3], [5.3, 52.4], [5.2, 52.3]]],
}


@pytest.fixture
def wethouder(client, lid, geschat):
    client.force_login(lid(Rol.BESTUURDER))
    return client


def figuren(html: str) -> dict[str, dict]:
    return {
        m.group(1): json.loads(m.group(2))
        for m in re.finditer(
            r'<script type="application/json" data-grafiek="([^"]+)">(.*?)</script>', html, re.S
        )
    }


def rij(naam, rate, kinderen=1000):
    return dashboards.WijkRij(
        code=naam, naam=naam, kinderen=cell(kinderen), schatting=cell(rate, decimalen=1),
        ondergrens=cell(rate * 0.8, decimalen=1), bovengrens=cell(rate * 1.2, decimalen=1),
        per_1000=cell(rate, decimalen=1), ratio=rate / 30,
    )  # fmt: skip


def test_summary_names_the_wijken_above_one_and_a_half_times_the_national_level(gemeente_stub):
    overzicht = dashboards.Overzicht(gemeente_stub, 2024, None, [2024], None, 30.0)
    overzicht.rijen = [rij("Noord", 50.0), rij("Zuid", 46.0), rij("West", 40.0), rij("Oost", 20.0)]
    tekst = dashboards.summary(overzicht)
    assert tekst.startswith("In 2 van de 4 wijken ligt de geschatte prevalentie meer dan anderhalf")
    assert "(30,0 per 1000 kinderen): Noord (50,0) en Zuid (46,0)." in tekst


def test_summary_without_high_wijken_names_the_highest(gemeente_stub):
    overzicht = dashboards.Overzicht(gemeente_stub, 2024, None, [2024], None, 30.0)
    overzicht.rijen = [rij("Noord", 40.0), rij("Oost", 20.0)]
    assert "In geen van de 2 wijken" in dashboards.summary(overzicht)
    assert "het hoogst is Noord met 40,0 per 1000" in dashboards.summary(overzicht)


@pytest.fixture
def gemeente_stub():
    return Gebied(code="GM0001", soort="gemeente", naam="Stub")


def test_overview_table_and_bar_chart_carry_the_same_numbers(wethouder):
    html = wethouder.get(reverse("dashboard:gemeente", args=["GM0034"])).content.decode()
    rangorde = figuren(html)["rangorde"]
    balken = rangorde["data"][0]
    cijfers = dict(zip(balken["y"], balken["x"], strict=True))
    model = PrevalentieModel.objects.get(is_standaard=True)
    overzicht = dashboards.gemeente_overview(Gebied.objects.get(code="GM0034"), 2024, model)
    assert cijfers == {r.naam: r.per_1000.waarde for r in overzicht.geschatte_rijen}
    for r in overzicht.geschatte_rijen:
        assert f'data-code="{r.code}"' in html
    # The tiny wijk (20 children) is in neither the figure nor the table, but is mentioned.
    assert "WK003403" not in json.dumps(rangorde)
    assert "1 wijk heeft geen schatting" in html


def test_map_only_with_boundaries_of_that_year(wethouder):
    url = reverse("dashboard:gemeente", args=["GM0034"])
    assert "kaart" not in figuren(wethouder.get(url).content.decode())
    for code in ("WK003401", "WK003402"):
        GebiedJaar.objects.update_or_create(
            gebied=Gebied.objects.get(code=code), jaar=2024, defaults={"geometrie": VIERKANT}
        )
    dashboard_cache.invalidate()  # as the import of boundaries does
    html = wethouder.get(url).content.decode()
    kaart = figuren(html)["kaart"]["data"][0]
    assert kaart["type"] == "choropleth" and sorted(kaart["locations"]) == ["WK003401", "WK003402"]
    assert "showscale" in kaart and kaart["showscale"] is False  # CSP: no inline-styled colorbar
    assert 'data-testid="kaartlegenda"' in html


def test_another_regios_gemeente_and_wijk_are_not_found(wethouder):
    assert wethouder.get(reverse("dashboard:gemeente", args=["GM0344"])).status_code == 404
    assert wethouder.get(reverse("dashboard:wijk", args=["GM0344", "WK034401"])).status_code == 404
    # …also not through the own gemeente's URL.
    assert wethouder.get(reverse("dashboard:wijk", args=["GM0034", "WK034401"])).status_code == 404


def test_small_counts_never_reach_page_figure_or_csv(wethouder, importeer):
    # jeugdzorg_in_natura has a minimum cell size of 5 in the catalogue.
    importeer(
        long_csv(
            [
                ("WK003401", "jeugdzorg_in_natura", 2024, 3),
                ("WK003402", "jeugdzorg_in_natura", 2024, 40),
                ("GM0034", "jeugdzorg_in_natura", 2024, 80),
                ("WK003401", "inwoners", 2024, 2000),
                ("WK003402", "inwoners", 2024, 1500),
                ("GM0034", "inwoners", 2024, 4000),
            ]
        ),
        "jeugdzorg.csv",
    )
    url = reverse("dashboard:wijk", args=["GM0034", "WK003401"])
    html = wethouder.get(url).content.decode()
    assert "&lt; 5" in html
    assert "1,5" not in html  # 3 per 2000 inwoners = 1.5 per 1000 must not be derivable
    for figuur in figuren(html).values():
        assert "1.5" not in json.dumps(figuur["data"])
    tekst = wethouder.get(
        reverse("dashboard:wijk_csv", args=["GM0034", "WK003401", "indicatoren"])
    ).content.decode("utf-8-sig")
    rijen = {r["indicator"]: r for r in csv.DictReader(io.StringIO(tekst), delimiter=";")}
    assert rijen["Jongeren met jeugdzorg in natura"]["wijk"] == "< 5"
    assert rijen["Jongeren met jeugdzorg in natura"]["Almere"] == "20,0"


def test_wijk_against_its_gemeente_with_the_spread_of_the_wijken(wethouder, importeer):
    rijen = [("GM0034", "bijstand", 2024, 400), ("GM0034", "inwoners", 2024, 10000)]
    for i, (inwoners, bijstand) in enumerate([(2000, 200), (2000, 40), (2000, 30), (2000, 50)]):
        rijen += [(f"WK00340{i + 1}", "inwoners", 2024, inwoners)]
        rijen += [(f"WK00340{i + 1}", "bijstand", 2024, bijstand)]
    importeer(long_csv(rijen), "bijstand.csv")
    wijk = Gebied.objects.get(code="WK003401")
    per_indicator = {v.indicator.code: v for v in dashboards.comparisons(wijk, 2024)}
    bijstand = per_indicator["bijstand"]
    # 100 per 1000 against the gemeente's 40; the wijken's SD (100, 20, 15, 25) is about 34.5.
    assert bijstand.wijk.label == "100,0" and bijstand.gemeente.label == "40,0"
    assert bijstand.afwijking == "ver boven" and bijstand.ongunstig is True
    laag = {
        v.indicator.code: v
        for v in dashboards.comparisons(Gebied.objects.get(code="WK003403"), 2024)
    }
    assert laag["bijstand"].afwijking == "onder" and laag["bijstand"].ongunstig is False


@pytest.mark.parametrize("tabel", dashboards.PROFIEL_TABELLEN)
def test_every_table_of_the_wijkprofiel_downloads_as_csv(wethouder, tabel):
    response = wethouder.get(reverse("dashboard:wijk_csv", args=["GM0034", "WK003401", tabel]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    kop = response.content.decode("utf-8-sig").splitlines()[0]
    assert kop.count(";") >= 2


def test_unknown_table_is_not_found(wethouder):
    url = reverse("dashboard:wijk_csv", args=["GM0034", "WK003401", "geheimen"])
    assert wethouder.get(url).status_code == 404


def test_indicators_over_the_years_follow_the_same_disclosure(wethouder, importeer):
    importeer(
        long_csv(
            [
                ("WK003401", "inwoners", 2023, 2000),
                ("WK003401", "bijstand", 2023, 40),
                ("WK003401", "inwoners", 2024, 2000),
                ("WK003401", "jeugdzorg_in_natura", 2023, 3),
            ]
        ),
        "reeks.csv",
    )
    jaren, reeksen = dashboards.indicator_trend(Gebied.objects.get(code="WK003401"))
    assert jaren == [2023, 2024]
    per_code = {r.indicator.code: [c.label for c in r.waarden] for r in reeksen}
    assert per_code["bijstand"] == ["20,0", "25,0"]  # 40 and 50 per 2000 inwoners
    assert per_code["jeugdzorg_in_natura"] == ["< 5", "—"]
