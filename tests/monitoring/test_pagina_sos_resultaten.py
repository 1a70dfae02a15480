"""The aggregates page, its CSV and its figure: values checked by hand, nothing of a cell with
fewer than 5 trajectories in any of them.

Intervention "Test Stevig Ouderschap": five trajectories in Haven, started in 2025, scored by the
hulpverlener (H) and a parent (O):

    traject  H start  H afsl  O start  O afsl
    1        2        6       3        7
    2        3        7       5        6
    3        4        6       4        8
    4        2        8       2        5
    5        5        5       6        6

H: start 3,2, afsluiting 6,4; change 4,4,2,6,0 → 3,2, sd √5,2, 95 % interval
3,2 ± 2,7764·√5,2/√5 = 0,4 tot 6,0. O: start 4,0, afsluiting 6,4; change 4,1,4,3,0 → 2,4,
sd √3,3, interval 2,4 ± 2,7764·√3,3/√5 = 0,1 tot 4,7. |H − O|: start 1,2,0,0,1 → 0,8;
afsluiting 1,1,2,3,1 → 1,6.

Intervention "Test Vier Programma": four trajectories in Stad, H 1 → 9 (change 8): never shown.
Programme "Test Een Programma": one trajectory in Buiten, H 2 → 3: never shown. With it, the
hidden cells stand for 5 trajectories together, so complementary suppression (see
test_sos_aanvullend_afschermen) leaves the five of Stevig Ouderschap shown.
"""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from portal.models import Rol

from .factories import InterventieFactory, SosScoreFactory

START, EIND = "2025-02-01", "2025-11-01"
TABEL = [(2, 6, 3, 7), (3, 7, 5, 6), (4, 6, 4, 8), (2, 8, 2, 5), (5, 5, 6, 6)]


@pytest.fixture
def scores(regio, wijken, stevig):
    for i, (h0, h1, o0, o1) in enumerate(TABEL, start=1):
        for moment, perspectief, score, datum in [
            ("start", "hulpverlener", h0, START),
            ("afsluiting", "hulpverlener", h1, EIND),
            ("start", "ouder", o0, START),
            ("afsluiting", "ouder", o1, EIND),
        ]:
            SosScoreFactory(
                regio=regio,
                traject=f"ALM-2025-00{i}",
                interventie=stevig,
                wijk=wijken[0],
                moment=moment,
                perspectief=perspectief,
                score=score,
                datum=datum,
            )
    vier = InterventieFactory(code="test-vier", naam="Test Vier Programma")
    for i in range(4):
        for moment, score, datum in [("start", 1, START), ("afsluiting", 9, EIND)]:
            SosScoreFactory(
                regio=regio,
                traject=f"ALM-2025-01{i}",
                interventie=vier,
                wijk=wijken[1],
                moment=moment,
                score=score,
                datum=datum,
            )
    for moment, score, datum in [("start", 2, START), ("afsluiting", 3, EIND)]:
        SosScoreFactory(
            regio=regio,
            traject="ALM-2025-020",
            interventie=None,
            programma="Test Een Programma",
            wijk=wijken[2],
            moment=moment,
            score=score,
            datum=datum,
        )


def tabel(html: str, naam: str) -> str:
    """The HTML of the table with data-testid `naam`."""
    return html.split(f'data-testid="{naam}"')[1].split("</table>")[0]


def cellen_van(html: str, label: str) -> list[str]:
    """The texts of the cells of the first row that mentions `label`."""
    regel = next(r for r in html.split("<tr") if label in r)
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", regel)
    ]


def figuur(html: str) -> dict:
    tekst = html.split('data-grafiek="sos-verandering">')[1].split("</script>")[0]
    return json.loads(tekst)


def test_the_page_shows_hand_computed_values_and_hides_the_small_cell(client, lid, scores):
    client.force_login(lid(Rol.BESTUURDER))
    html = client.get(reverse("monitoring:sos_resultaten")).content.decode()

    verandering = tabel(html, "tabel-verandering")
    assert cellen_van(verandering, "Test Stevig Ouderschap") == [
        "Test Stevig Ouderschap",
        "5",
        "3,2", "0,4 tot 6,0", "5",  # hulpverlener
        "2,4", "0,1 tot 4,7", "5",  # ouder
        "—", "—", "—",  # kind: no scores at all
    ]  # fmt: skip
    assert (
        cellen_van(verandering, "Test Vier Programma") == ["Test Vier Programma"] + ["&lt; 5"] * 10
    )
    gemiddelden = tabel(html, "tabel-gemiddelden")
    assert cellen_van(gemiddelden, "Test Stevig Ouderschap") == [
        "Test Stevig Ouderschap",
        "3,2", "4,0", "—",  # start: hulpverlener, ouder, kind
        "—", "—", "—",  # tussentijds
        "6,4", "6,4", "—",  # afsluiting
    ]  # fmt: skip
    assert cellen_van(gemiddelden, "Test Vier Programma")[1:] == ["&lt; 5"] * 9
    overeenstemming = tabel(html, "tabel-overeenstemming")
    assert cellen_van(overeenstemming, "Test Stevig Ouderschap")[1:] == [
        "0,8", "—", "—", "—", "1,6", "—",
    ]  # fmt: skip
    assert cellen_van(overeenstemming, "Test Vier Programma")[1:] == ["&lt; 5"] * 6
    # No number of the small cell anywhere: its scores 1 and 9, its change 8, its n 4.
    for getal in ("8,0", "9,0", "1,0"):
        assert getal not in html
    assert "ALM-2025" not in html  # never a trajectory


def test_the_figure_holds_only_the_shown_cell(client, lid, scores):
    client.force_login(lid(Rol.LEZER))
    html = client.get(reverse("monitoring:sos_resultaten")).content.decode()
    tekst = html.split('data-grafiek="sos-verandering">')[1].split("</script>")[0]
    assert "Vier" not in tekst and "8.0" not in tekst
    data = figuur(html)["data"]
    assert [t["name"] for t in data] == ["Ouder", "Hulpverlener"]  # bottom-up
    ouder, hulp = data
    assert hulp["x"] == [3.2] and ouder["x"] == [2.4]
    assert hulp["y"] == ["Test Stevig Ouderschap"]
    assert hulp["error_x"]["arrayminus"] == pytest.approx([2.8])
    assert hulp["error_x"]["array"] == pytest.approx([2.8])
    assert ouder["error_x"]["arrayminus"] == pytest.approx([2.3])
    assert ouder["error_x"]["array"] == pytest.approx([2.3])
    assert 'href="#tabel-verandering"' in html  # the table as the alternative


def test_the_csv_has_the_same_numbers(client, lid, scores):
    client.force_login(lid(Rol.BELEIDSMEDEWERKER))
    response = client.get(reverse("monitoring:sos_resultaten_csv"), {"per": "interventie"})
    assert response["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    kop, *data = rijen
    assert kop[:2] == ["Interventie of programma", "Trajecten"]
    stevig = dict(zip(kop, next(r for r in data if r[0] == "Test Stevig Ouderschap"), strict=True))
    assert stevig["Trajecten"] == "5"
    assert stevig["Gemiddelde score start, hulpverlener"] == "3,2"
    assert stevig["Gemiddelde score afsluiting, ouder"] == "6,4"
    assert stevig["Verandering start-afsluiting, hulpverlener"] == "3,2"
    assert stevig["95%-interval ondergrens, hulpverlener"] == "0,4"
    assert stevig["95%-interval bovengrens, hulpverlener"] == "6,0"
    assert stevig["Verandering start-afsluiting, ouder"] == "2,4"
    assert stevig["Verschil hulpverlener-ouder bij afsluiting"] == "1,6"
    vier = next(r for r in data if r[0] == "Test Vier Programma")
    assert vier[1:] == ["< 5"] * (len(kop) - 1)


def test_grouping_per_wijk_and_year(client, lid, scores):
    client.force_login(lid(Rol.LEZER))
    html = client.get(
        reverse("monitoring:sos_resultaten"), {"per": ["wijk", "periode"]}
    ).content.decode()
    verandering = tabel(html, "tabel-verandering")
    assert cellen_van(verandering, "Haven (WK003401)")[:5] == [
        "Haven (WK003401)", "2025", "5", "3,2", "0,4 tot 6,0",
    ]  # fmt: skip
    assert cellen_van(verandering, "Stad (WK003402)")[2:] == ["&lt; 5"] * 10
    response = client.get(reverse("monitoring:sos_resultaten_csv"), {"per": ["wijk", "periode"]})
    kop = response.content.decode("utf-8-sig").splitlines()[0].split(";")
    assert kop[:3] == ["Wijk", "Jaar van de start", "Trajecten"]


def test_filters_and_the_whole_regio_as_one_cell(client, lid, scores, wijken):
    client.force_login(lid(Rol.LEZER))
    url = reverse("monitoring:sos_resultaten")
    # Without grouping: one cell of 10 trajectories (the hulpverlener's change over all ten).
    html = client.get(url, {"aanpak": "", "wijk": "", "jaar": ""}).content.decode()
    assert cellen_van(tabel(html, "tabel-verandering"), "Hele regio")[:3] == [
        "Hele regio",
        "10",
        "4,9",  # (16 + 4·8 + 1) / 10
    ]
    # The small cell's wijk alone: suppressed, and no figure.
    html = client.get(url, {"per": "interventie", "wijk": wijken[1].pk}).content.decode()
    assert "Test Stevig Ouderschap" not in tabel(html, "tabel-verandering")
    assert 'data-grafiek="sos-verandering"' not in html
    # A year without trajectories is no choice: a Dutch message, everything shown.
    response = client.get(url, {"per": ["onzin"], "jaar": "1999", "aanpak": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze keuze staat niet (meer) in de lijst; alle trajecten worden getoond." in html
    assert "Test Stevig Ouderschap" in html
    assert client.get(reverse("monitoring:sos_resultaten_csv"), {"jaar": "x"}).status_code == 200


@pytest.mark.parametrize("rol", [Rol.LEZER, Rol.BESTUURDER, Rol.BEHEERDER])
def test_readers_see_aggregates_but_not_the_scores_per_trajectory(client, lid, scores, rol):
    client.force_login(lid(rol))
    assert client.get(reverse("monitoring:sos_resultaten")).status_code == 200
    assert client.get(reverse("monitoring:sos")).status_code == 403
    assert client.get(reverse("monitoring:sos_import")).status_code == 403


def test_another_regio_sees_none_of_these_scores(client, lid, andere_regio, scores):
    client.force_login(lid(Rol.BESTUURDER, in_regio=andere_regio))
    html = client.get(reverse("monitoring:sos_resultaten")).content.decode()
    assert "Test Stevig Ouderschap" not in html
    assert "nog geen Signs of Safety-scores vastgelegd" in html


def test_a_filter_cannot_isolate_the_complement_of_a_hidden_cell(client, lid, scores, wijken):
    """Without the one-trajectory programme, the five of Haven are the regio total minus the
    four of Stad: shown next to the total they would give Stad's change (9·5,3 − 5·3,2)/4 = 8.
    So they are "afgeschermd" — also when the filter picks Haven alone."""
    from monitoring.models import SosScore

    SosScore.objects.filter(programma="Test Een Programma").delete()
    client.force_login(lid(Rol.LEZER))
    url = reverse("monitoring:sos_resultaten")
    html = client.get(url, {"per": "interventie"}).content.decode()
    assert cellen_van(tabel(html, "tabel-verandering"), "Test Stevig Ouderschap")[1] == (
        "afgeschermd"
    )
    assert "terug te rekenen" in html.split('data-testid="afgeschermd"')[1].split("</div>")[0]
    for vraag in ({"wijk": wijken[0].pk}, {"per": "wijk", "wijk": wijken[0].pk}):
        html = client.get(url, vraag).content.decode()
        assert "3,2" not in html and "0,4 tot 6,0" not in html, vraag
        assert "afgeschermd" in tabel(html, "tabel-verandering"), vraag
    response = client.get(reverse("monitoring:sos_resultaten_csv"), {"wijk": wijken[0].pk})
    assert "3,2" not in response.content.decode("utf-8-sig")
