"""Compare two to five wijken or gemeenten: what a member sees, what the form refuses, and that
every number passed disclosure control before it reached the table, the CSV or the figure."""

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from portal.models import Rol
from risicofactoren import charts_vergelijken, vergelijken
from risicofactoren.models import PrevalentieModel, Schatting
from wijken.models import Gebied, Indicator

from .conftest import RIJEN, long_csv

pytestmark = pytest.mark.django_db

URL = "/wijken/vergelijken/"

# The small country of conftest.py, plus inwoners (counts become per 1000 inwoners), two more
# Almere wijken, a secret CBS value and a count below the minimum cell size of its indicator.
EXTRA = [
    ("GM0034", "inwoners", 2024, 4000),
    ("WK003401", "inwoners", 2024, 2000),
    ("WK003402", "inwoners", 2024, 1000),
    ("WK003403", "inwoners", 2024, 50),
    ("WK003402", "bijstand", 2024, 12),
    ("WK003401", "jeugdzorg_in_natura", 2024, "."),  # CBS "." — geheim
    ("WK003402", "jeugdzorg_in_natura", 2024, 3),  # below min_celgrootte 5 — "< 5"
    ("GM0034", "jeugdzorg_in_natura", 2024, 90),
    ("WK003404", "leeftijd_0_15", 2024, 400),
    ("WK003404", "leeftijd_15_25", 2024, 100),
    ("WK003404", "inwoners", 2024, 1500),
    ("WK003405", "leeftijd_0_15", 2024, 300),
    ("WK003405", "leeftijd_15_25", 2024, 100),
    ("WK034401", "inwoners", 2024, 4321),
    ("WK034401", "bijstand", 2024, 987),
]
NAMEN = {
    "GM0034": "Almere",
    "WK003401": "Haven",
    "WK003402": "Stad",
    "WK003403": "Pampus",
    "WK003404": "Poort",
    "WK003405": "Buiten",
    "GM0344": "Utrecht",
    "WK034401": "Binnenstad Utrecht",
}


def load_comparison_data(importeer_bestand) -> None:
    """Import the data above (the import computes the estimates) and name the gebieden."""
    importeer_bestand(long_csv(RIJEN + EXTRA))
    for code, naam in NAMEN.items():
        Gebied.objects.filter(code=code).update(naam=naam)


@pytest.fixture
def data(importeer, andere_regio):
    load_comparison_data(importeer)


@pytest.fixture
def lezer(client, lid, data):
    client.force_login(lid(Rol.LEZER))
    return client


def vraag(client, *codes, **params):
    return client.get(URL, {"gebied": list(codes), "jaar": "2024", **params})


class _Tabel(HTMLParser):
    """The comparison table: per row its key, header text, and per cell (text, data-waarde)."""

    def __init__(self):
        super().__init__()
        self.rijen, self.kolommen, self._rij, self._cel, self._in = [], [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id") == "tabel-vergelijking":
            self._in = True
        if not self._in:
            return
        if tag == "th" and "data-code" in a:
            self.kolommen.append(a["data-code"])
        if tag == "tr" and "data-rij" in a:
            self._rij = {"sleutel": a["data-rij"], "kop": "", "cellen": []}
            self.rijen.append(self._rij)
        if tag == "th" and self._rij is not None:
            self._cel = "kop"
        if tag == "td" and self._rij is not None:
            self._rij["cellen"].append(["", a.get("data-waarde")])
            self._cel = "td"

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cel = None
        if tag == "tr":
            self._rij = None
        if tag == "table":
            self._in = False

    def handle_data(self, data):
        if self._rij is None or self._cel is None:
            return
        if self._cel == "kop":
            self._rij["kop"] += data
        else:
            self._rij["cellen"][-1][0] += data.strip()


def tabel(html: str) -> _Tabel:
    parser = _Tabel()
    parser.feed(html)
    return parser


def figuur(html: str) -> dict:
    match = re.search(
        r'<script type="application/json" data-grafiek="vergelijking">(.*?)</script>', html, re.S
    )
    assert match, "no figure on the page"
    return json.loads(match.group(1))


def rij(t: _Tabel, sleutel: str) -> dict:
    return next(r for r in t.rijen if r["sleutel"] == sleutel)


# --- the page -----------------------------------------------------------------------------------


def test_without_a_choice_the_page_shows_the_form_with_the_own_gebieden_only(lezer):
    response = lezer.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wijken vergelijken" in html
    for code in ("GM0034", "WK003401", "WK003402", "WK003403"):
        assert f'value="{code}"' in html
    assert "WK034401" not in html and "Binnenstad Utrecht" not in html
    assert '<option value="2024" selected>' in html
    assert 'name="indicatorkeuze"' in html
    # Grouped per gemeente: a fieldset with a legend, checkboxes with labels.
    assert '<legend class="h5">Gebieden</legend>' in html
    assert '<label class="form-check-label" for="gebied-WK003401">Haven</label>' in html
    assert 'data-testid="resultaat"' not in html


def test_comparison_puts_the_estimate_first_and_counts_per_1000_inwoners(lezer):
    response = vraag(lezer, "WK003401", "WK003402", "GM0034")
    html = response.content.decode()
    assert response.status_code == 200, html
    t = tabel(html)
    assert t.kolommen == ["WK003401", "WK003402", "GM0034"]
    assert t.rijen[0]["sleutel"] == vergelijken.SCHATTING
    assert t.rijen[1]["sleutel"] == "interval"
    model = PrevalentieModel.objects.get(is_standaard=True)
    for code, (tekst, waarde) in zip(t.kolommen, rij(t, "schatting")["cellen"], strict=True):
        s = Schatting.objects.get(gebied__code=code, jaar=2024, model=model)
        assert float(waarde) == round(s.per_1000, 1)
        assert tekst == f"{round(s.per_1000, 1):.1f}".replace(".", ",")
    # Bijstand, a count: 50 of 2000 inwoners, 12 of 1000, 60 of 4000, as per 1000 inwoners.
    bijstand = rij(t, "bijstand")
    assert "per 1000 inwoners" in bijstand["kop"] and "risicofactor" in bijstand["kop"]
    assert [c[0] for c in bijstand["cellen"]] == ["25,0", "12,0", "15,0"]
    # The default: risk and protective indicators with values; no neutral age bands.
    assert {r["sleutel"] for r in t.rijen} >= {"bijstand", "ww", "jeugdzorg_in_natura"}
    assert "leeftijd_0_15" not in {r["sleutel"] for r in t.rijen}
    assert "Geen schatting" not in html
    assert "nooit een uitspraak over een gezin" in html


def test_secret_and_small_values_are_labels_in_table_figure_and_csv(lezer):
    response = vraag(lezer, "WK003401", "WK003402", "GM0034")
    html = response.content.decode()
    jeugdzorg = rij(tabel(html), "jeugdzorg_in_natura")
    assert jeugdzorg["cellen"][0] == ["geheim", None]
    assert jeugdzorg["cellen"][1] == ["< 5", None]
    assert jeugdzorg["cellen"][2] == ["22,5", "22.5"]  # 90 of 4000 inwoners
    fig = figuur(html)
    bar = next(t for t in fig["data"] if t["type"] == "bar" and "jeugdzorg" in t["name"].lower())
    assert bar["x"] == [None, None, 22.5]
    # The small count (3) and its rate (3,0 per 1000) appear nowhere.
    assert "3,0" not in jeugdzorg["kop"] and 3.0 not in bar["x"]
    response = lezer.get(
        reverse("vergelijken:csv"), {"gebied": ["WK003401", "WK003402", "GM0034"], "jaar": "2024"}
    )
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    csv_rij = next(r for r in rijen if r[0] == "Jongeren met jeugdzorg in natura")
    assert csv_rij[3:] == ["geheim", "< 5", "22,5"]


def test_the_figure_has_one_subplot_per_row_and_the_numbers_of_the_table(lezer):
    html = vraag(lezer, "WK003401", "WK003402", "WK003404").content.decode()
    t, fig = tabel(html), figuur(html)
    bars = [tr for tr in fig["data"] if tr["type"] == "bar"]
    rijen = [r for r in t.rijen if r["sleutel"] != "interval"]
    assert len(bars) == len(rijen)
    # Each indicator on its own value axis: no two bar traces share an x-axis.
    assert len({b.get("xaxis", "x") for b in bars}) == len(bars)
    for bar, r in zip(bars, rijen, strict=True):
        assert bar["y"] == t.kolommen
        assert bar["x"] == [float(w) if w is not None else None for _tekst, w in r["cellen"]]
    # Plain text only: no markup that plotly.js would give a style attribute, no colorbar.
    tekst = json.dumps(fig)
    assert "<b>" not in tekst and "\\u003cb\\u003e" not in tekst
    assert "colorbar" not in tekst
    assert "#tabel-vergelijking" in html


def test_a_link_without_a_year_or_model_takes_the_defaults(lezer):
    response = lezer.get(URL, {"gebied": ["WK003401", "WK003402"]})
    assert response.status_code == 200
    assert 'data-testid="resultaat"' in response.content.decode()


def test_chosen_indicators_replace_the_default(lezer):
    html = vraag(
        lezer, "WK003401", "WK003402", indicator=["leeftijd_0_15"], indicatorkeuze="1"
    ).content.decode()
    assert [r["sleutel"] for r in tabel(html).rijen] == ["schatting", "interval", "leeftijd_0_15"]
    # Nothing ticked: only the estimate.
    html = vraag(lezer, "WK003401", "WK003402", indicatorkeuze="1").content.decode()
    assert [r["sleutel"] for r in tabel(html).rijen] == ["schatting", "interval"]


def test_an_indicator_without_values_is_named_not_shown(lezer):
    html = vraag(
        lezer, "WK003401", "WK003402", indicator=["ses_woa", "bijstand"], indicatorkeuze="1"
    ).content.decode()
    assert [r["sleutel"] for r in tabel(html).rijen] == ["schatting", "interval", "bijstand"]
    assert "Geen cijfers voor deze gebieden in 2024" in html


def test_a_wijk_without_an_estimate_says_why(lezer):
    html = vraag(lezer, "WK003401", "WK003403").content.decode()
    assert rij(tabel(html), "schatting")["cellen"][1] == ["—", None]
    assert "Geen schatting voor Pampus:" in html and "Minder dan 50 kinderen" in html


# --- what the form refuses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "melding"),
    [
        ([], "Kies twee tot vijf wijken of gemeenten om te vergelijken."),
        (["WK003401"], "Kies ten minste twee wijken of gemeenten; u koos er één."),
        (["WK003401", "WK003401"], "Kies ten minste twee wijken of gemeenten; u koos er één."),
        (
            ["GM0034", "WK003401", "WK003402", "WK003403", "WK003404", "WK003405"],
            "Kies ten hoogste vijf wijken of gemeenten; u koos er 6.",
        ),
        (["WK003401", "WK999999"], "WK999999 is geen wijk of gemeente van uw regio."),
        (["WK003401", "GM0344"], "GM0344 is geen wijk of gemeente van uw regio."),
    ],
)
def test_a_wrong_number_or_a_wrong_gebied_is_a_dutch_form_error(lezer, codes, melding):
    response = vraag(lezer, *codes)
    html = response.content.decode()
    assert response.status_code == 200
    assert melding in html
    assert "De vergelijking kan niet worden getoond." in html
    assert 'data-testid="resultaat"' not in html
    assert "<title>Fout:" in html


def test_another_regios_wijk_shows_nothing_of_it(lezer):
    response = vraag(lezer, "WK003401", "WK034401")
    html = response.content.decode()
    assert response.status_code == 200
    assert "WK034401 is geen wijk of gemeente van uw regio." in html
    assert "Binnenstad Utrecht" not in html and "Utrecht" not in html
    assert "228,4" not in html and "987" not in html and "4321" not in html and "4.321" not in html
    assert 'data-grafiek="vergelijking"' not in html and "tabel-vergelijking" not in html
    # Its CSV is the same refusal, no file.
    response = lezer.get(reverse("vergelijken:csv"), {"gebied": ["WK003401", "WK034401"]})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Binnenstad Utrecht" not in response.content.decode()


def test_an_own_wijk_of_another_year_is_named(lezer):
    Gebied.objects.filter(code="WK003405").update(geldig_tot=2020)
    html = vraag(lezer, "WK003401", "WK003405").content.decode()
    assert "De wijk Buiten (WK003405) bestond in 2024 niet in deze indeling" in html
    assert 'value="WK003405"' not in html  # not on offer in 2024


@pytest.mark.parametrize(
    "params",
    [
        {"jaar": "abc"},
        {"jaar": "1999"},
        {"model": "bestaat-niet"},
        {"indicator": ["onzin"], "indicatorkeuze": "1"},
        {"gebied": ["<script>alert(1)</script>", "WK003401"]},
        {"gebied": ["x" * 5000, "WK003401"]},
    ],
)
def test_bad_input_is_a_form_error_not_a_500(lezer, params):
    data = {"gebied": ["WK003401", "WK003402"], "jaar": "2024", **params}
    response = lezer.get(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "De vergelijking kan niet worden getoond." in html
    assert "<script>alert(1)" not in html


# --- the CSV ------------------------------------------------------------------------------------


def test_csv_is_the_table_with_dutch_numbers_and_escaped_names(lezer):
    Gebied.objects.filter(code="WK003402").update(naam='=HYPERLINK("http://x")')
    response = lezer.get(
        reverse("vergelijken:csv"), {"gebied": ["WK003401", "WK003402"], "jaar": "2024"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="vergelijking_WK003401_WK003402_2024_npm2010-handreiking.csv"'
    )
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:3] == ["indicator", "eenheid", "richting"]
    assert rijen[0][3] == "Haven (WK003401)"
    assert rijen[0][4].startswith("'=HYPERLINK")
    assert rijen[1][0] == "Geschatte mishandeling" and rijen[1][1] == "per 1000 kinderen"
    assert rijen[2][0].endswith("ondergrens 95%-interval")
    assert rijen[3][0].endswith("bovengrens 95%-interval")
    bijstand = next(r for r in rijen if r[0] == "Personen met bijstand")
    assert bijstand[1:] == ["per 1000 inwoners", "risicofactor", "25,0", "12,0"]


# --- the gemeente overview links here -----------------------------------------------------------


def test_gemeente_overview_links_to_a_comparison_of_its_top_three_wijken(lezer):
    html = lezer.get(reverse("dashboard:gemeente", args=["GM0034"]), {"jaar": 2024}).content
    html = html.decode()
    match = re.search(r'<a [^>]*data-testid="vergelijk-wijken" href="([^"]+)"', html)
    assert match, "no link to the comparison"
    href = match.group(1).replace("&amp;", "&")
    model = PrevalentieModel.objects.get(is_standaard=True)
    top = [
        s.gebied.code
        for s in Schatting.objects.filter(
            model=model, jaar=2024, gebied__soort="wijk", gebied__gemeente__code="GM0034"
        )
        .exclude(per_1000=None)
        .select_related("gebied")
        .order_by("-per_1000")[:3]
    ]
    assert len(top) == 3
    assert href == (
        URL + "?" + "".join(f"gebied={c}&" for c in top) + f"jaar=2024&model={model.naam}"
    )
    followed = lezer.get(href)
    assert tabel(followed.content.decode()).kolommen == top


# --- the services -------------------------------------------------------------------------------


def test_two_wijken_with_one_name_get_their_gemeente(data):
    Gebied.objects.filter(code__in=["WK003401", "WK034401"]).update(naam="Centrum")
    gebieden = [Gebied.objects.get(code=c) for c in ("WK003401", "WK034401")]
    model = PrevalentieModel.objects.get(is_standaard=True)
    v = vergelijken.compare(gebieden, 2024, model, [])
    assert [k.label for k in v.gebieden] == ["Centrum (Almere)", "Centrum (Utrecht)"]
    assert v.namen == "Centrum (Almere) en Centrum (Utrecht)"


def test_a_name_with_markup_is_plain_text_in_the_figure(data):
    Gebied.objects.filter(code="WK003401").update(naam="<b>Haven</b> & co")
    gebieden = [Gebied.objects.get(code=c) for c in ("WK003401", "WK003402")]
    model = PrevalentieModel.objects.get(is_standaard=True)
    indicatoren = list(Indicator.objects.filter(code="bijstand"))
    fig = charts_vergelijken.small_multiples(
        vergelijken.compare(gebieden, 2024, model, indicatoren)
    )
    ticktext = fig.layout.yaxis.ticktext
    assert ticktext[0] == "&lt;b&gt;Haven&lt;/b&gt; &amp; co"
    assert len(fig.layout.annotations) >= 2  # a title per subplot
    assert fig.layout.xaxis2.range is not None  # every subplot has its own value axis
