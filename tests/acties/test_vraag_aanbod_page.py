"""The vraag-aanbod-analyse page: per wijk the estimated need next to the capacity, the gaps
first, with a chart, its table, a year choice and a CSV."""

import json
import re

import pytest
from django.urls import reverse

from acties import charts, services_aanbod
from portal.models import Rol
from tests.factories import AanbodFactory, GebiedFactory, SchattingFactory, WijkFactory

pytestmark = pytest.mark.django_db
URL = reverse("acties:vraag_aanbod")
CSV = reverse("acties:vraag_aanbod_csv")


@pytest.fixture
def ingelogd(client, lid):
    user = lid(Rol.LEZER)  # reading is for every role of the regio
    client.force_login(user)
    return user


@pytest.fixture
def gezinscoach(regio, almere):
    """55 families a year for wijk 1 (need 60) and wijk 2 (need 50): 30 and 25 by need."""
    aanbod = AanbodFactory(regio=regio, capaciteit_per_jaar=55, voorziening="Gezinscoach")
    aanbod.wijken.add(almere[0], almere[1])
    return aanbod


def rijen(html):
    """The table's rows as {code: [cell texts]} in page order."""
    tabel = html.split('id="tabel-vraag-aanbod"', 1)[1].split("</table>", 1)[0]
    uit = {}
    for code, rij in re.findall(r'<tr data-code="(\w+)"[^>]*>(.*?)</tr>', tabel, re.S):
        cellen = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rij, re.S)
        uit[code] = [re.sub(r"<[^>]+>", " ", c).split() for c in cellen]
    return uit


def grafiek(html):
    data = html.split('<script type="application/json" data-grafiek="vraag-aanbod">', 1)[1]
    return json.loads(data.split("</script>", 1)[0])


def test_gap_table_shows_the_hand_computed_numbers_gaps_first(
    client, ingelogd, regio, almere, gezinscoach
):
    html = client.get(URL).content.decode()
    tabel = rijen(html)
    # Gaps: wijk 1 60-30=30, wijk 3 40, wijk 4 30, wijk 2 50-25=25, wijk 5 20, wijk 6 10.
    assert list(tabel) == ["WK003403", "WK003401", "WK003404", "WK003402", "WK003405", "WK003406"]
    wijk1 = [" ".join(c) for c in tabel["WK003401"]]
    assert wijk1[0].startswith("Wijk 1 Almere")
    assert wijk1[1:6] == ["60,0", "6,0–15,0", "30,0", "30,0", "50%"]
    assert wijk1[6] == "Gezinscoach"
    assert [" ".join(c) for c in tabel["WK003402"]][3:6] == ["25,0", "25,0", "50%"]
    assert [" ".join(c) for c in tabel["WK003403"]][3:6] == ["0,0", "40,0", "0%"]
    assert "In 2024 is in 6 van de 6 wijken met een schatting" in html
    assert 'data-testid="kerncijfers"' in html and ">210<" in html and ">55<" in html


def test_the_page_explains_the_comparison_is_indicative_and_links_the_inventory(
    client, ingelogd, almere
):
    html = client.get(URL).content.decode()
    assert "Een indicatieve vergelijking." in html
    assert "De behoefte telt kinderen, de capaciteit telt gezinnen" in html
    assert "Een schatting voor beleid, nooit een uitspraak over een gezin." in html
    assert reverse("acties:aanbod") in html and reverse("schatting:methode") in html
    assert "Er is nog geen aanbod vastgelegd" in html
    assert "Stap 2 · Regio Eigen" in html


def test_chart_json_has_need_with_interval_next_to_capacity(client, ingelogd, almere, gezinscoach):
    html = client.get(URL).content.decode()
    assert 'id="vraag-aanbod-bijschrift"' in html and 'href="#tabel-vraag-aanbod"' in html
    assert "plotly-strict.min.js" in html
    figuur = grafiek(html)
    capaciteit, behoefte = figuur["data"]
    assert behoefte["orientation"] == "h" and capaciteit["orientation"] == "h"
    # Largest gap on top: plotly draws bottom-up, so the last category is wijk 3.
    assert behoefte["y"][-1] == "Wijk 3 (Almere)" and behoefte["y"][0] == "Wijk 6 (Almere)"
    punt = dict(zip(behoefte["y"], behoefte["x"], strict=True))
    assert punt["Wijk 1 (Almere)"] == 60.0
    assert dict(zip(capaciteit["y"], capaciteit["x"], strict=True))["Wijk 1 (Almere)"] == 30.0
    # The interval 6–15 around 60 (the fixture's): 54 below, and none above the point.
    fout = behoefte["error_x"]
    i = behoefte["y"].index("Wijk 1 (Almere)")
    assert (fout["arrayminus"][i], fout["array"][i]) == (54.0, 0.0)
    assert fout["type"] == "data" and fout["symmetric"] is False
    assert "<b>" not in json.dumps(figuur) and "colorbar" not in json.dumps(figuur)
    assert figuur["layout"]["separators"] == ",."


def test_the_chart_is_limited_to_the_largest_gaps_and_says_so(client, ingelogd, regio):
    gemeente = GebiedFactory(code="GM0034", naam="Almere")
    for i in range(30):
        wijk = WijkFactory(code=f"WK0034{i:02d}", naam=f"Wijk {i:02d}", gemeente=gemeente)
        SchattingFactory(gebied=wijk, jaar=2024, schatting=float(100 - i))
    html = client.get(URL).content.decode()
    figuur = grafiek(html)
    assert len(figuur["data"][1]["y"]) == 25
    assert "Wijk 00 (Almere)" in figuur["data"][1]["y"]
    assert "Wijk 29 (Almere)" not in figuur["data"][1]["y"]
    assert "De grafiek toont de 25 wijken met het grootste tekort" in html
    assert "alle 30 wijken" in html and len(rijen(html)) == 30


def test_a_year_can_be_chosen(client, ingelogd, almere):
    SchattingFactory(gebied=almere[0], jaar=2022, schatting=5.0, ondergrens=2.0, bovengrens=9.0)
    standaard = client.get(URL).content.decode()
    assert '<option value="2024" selected>' in standaard and '<option value="2022">' in standaard
    html = client.get(URL, {"jaar": "2022"}).content.decode()
    assert list(rijen(html)) == ["WK003401"]
    assert '<option value="2022" selected>' in html and f"{CSV}?jaar=2022" in html


def test_an_unknown_year_is_a_dutch_error_and_shows_the_default(client, ingelogd, almere):
    html = client.get(URL, {"jaar": "1999"}).content.decode()
    assert "Voor dat jaar zijn er geen schattingen; kies een jaar uit de lijst." in html
    assert "Getoond: 2024." in html and len(rijen(html)) == 6


def test_default_year_is_the_newest_with_the_most_gemeenten(regio, almere):
    # 2025 has an estimate for one wijk only; 2024 covers the gemeente just as well: newest wins.
    SchattingFactory(gebied=almere[0], jaar=2025)
    assert services_aanbod.jaren_met_schatting(regio) == ([2025, 2024], 2025)
    # A second gemeente estimated only in 2024 makes 2024 the default.
    from tests.factories import RegioGemeenteFactory

    RegioGemeenteFactory(regio=regio, code="GM0363", naam="Amsterdam")
    SchattingFactory(gebied=WijkFactory(gemeente=GebiedFactory(code="GM0363")), jaar=2024)
    assert services_aanbod.jaren_met_schatting(regio) == ([2025, 2024], 2024)


def test_without_estimates_the_page_says_so(client, ingelogd):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="geen-schatting"' in html and "plotly-strict" not in html


def test_another_regios_aanbod_is_not_counted_or_shown(client, ingelogd, almere, andere_regio):
    AanbodFactory(regio=andere_regio, voorziening="Elders", capaciteit_per_jaar=500).wijken.add(
        almere[0]
    )
    html = client.get(URL).content.decode()
    assert "Elders" not in html
    assert [" ".join(c) for c in rijen(html)["WK003401"]][3] == "0,0"


def test_csv_has_every_wijk_with_dutch_decimals(client, ingelogd, almere, gezinscoach):
    response = client.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="vraag-aanbod_eigen_2024.csv"'
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    regels = tekst.lstrip("\ufeff").splitlines()
    assert regels[0] == (
        "wijk_code;wijk_naam;gemeente;jaar;geschatte_behoefte_kinderen;ondergrens_95;"
        "bovengrens_95;capaciteit_gezinnen;tekort;dekking_procent;aanbod"
    )
    assert len(regels) == 7
    assert regels[1] == "WK003403;Wijk 3;Almere;2024;40,0;6,0;15,0;0,0;40,0;0;"
    assert "WK003401;Wijk 1;Almere;2024;60,0;6,0;15,0;30,0;30,0;50;Gezinscoach" in regels


def test_csv_of_a_chosen_year(client, ingelogd, almere):
    SchattingFactory(gebied=almere[0], jaar=2022, schatting=5.0)
    regels = client.get(CSV, {"jaar": "2022"}).content.decode("utf-8-sig").splitlines()
    assert len(regels) == 2 and regels[1].startswith("WK003401;Wijk 1;Almere;2022;5,0;")


def test_csv_escapes_formulas_in_names(client, ingelogd, regio, almere):
    AanbodFactory(regio=regio, voorziening="=HYPERLINK(1)").wijken.add(almere[0])
    tekst = client.get(CSV).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in tekst


def test_chart_labels_stay_unique_for_wijken_with_the_same_name(regio):
    gemeente = GebiedFactory(code="GM0034", naam="Almere")
    for code in ("WK003401", "WK003402"):
        SchattingFactory(
            gebied=WijkFactory(code=code, naam="Centrum", gemeente=gemeente), jaar=2024
        )
    uitkomst = services_aanbod.analyse(regio)
    figuur = charts.vraag_en_aanbod(uitkomst.in_grafiek)
    labels = sorted(y.replace("<br>", " ") for y in figuur.data[0].y)
    assert labels == ["Centrum (Almere) WK003401", "Centrum (Almere) WK003402"]
    lang = WijkFactory(code="WK003403", naam="Laakkwartier en Spoorwijk", gemeente=gemeente)
    SchattingFactory(gebied=lang, jaar=2024)
    figuur = charts.vraag_en_aanbod(services_aanbod.analyse(regio).in_grafiek)
    assert "Laakkwartier en<br>Spoorwijk (Almere)" in figuur.data[1].y  # fits on a phone
    assert ["10,0", "6,0", "15,0", "Laakkwartier en Spoorwijk (Almere)"] in [
        list(c) for c in figuur.data[1].customdata
    ]  # the hover label in one line


def test_signed_out_visitors_go_to_the_login(client):
    assert client.get(URL)["Location"].startswith(reverse("login"))
    assert client.get(CSV)["Location"].startswith(reverse("login"))
