"""Chart helpers: JSON that is safe inside <script>, the portal's Dutch layout, the vendored bundle."""

import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from plotly.offline import get_plotlyjs_version

from portal.charts import (
    CATEGORICAL,
    DIVERGING,
    PORTAL_FONT,
    SEQUENTIAL,
    base_layout,
    figure_json,
)

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "vendor" / "plotly"
HOSTILE = "Zuid</script><script>alert(1)</script><!-- & 'co' \u2028"


def _bar(label: str = HOSTILE) -> go.Figure:
    return go.Figure(go.Bar(x=[label, "Noord"], y=[1234.5, 7]), layout=base_layout())


def test_figure_json_escapes_script_end_and_markup_in_labels():
    text = figure_json(_bar())
    assert "</script" not in text.lower()
    assert not set("<>&") & set(text)
    assert "\\u003c" in text and "\\u0026" in text
    # The escapes mean the same to JSON.parse: the label comes back exactly.
    figuur = json.loads(text)
    assert figuur["data"][0]["x"][0] == HOSTILE
    assert set(figuur) == {"data", "layout"}


def test_figure_json_is_safe_for_templates_and_carries_config():
    text = figure_json(_bar(), {"toImageButtonOptions": {"filename": "kinderen-2024"}})
    assert hasattr(text, "__html__")  # marked safe: autoescape leaves it alone
    assert json.loads(text)["config"] == {"toImageButtonOptions": {"filename": "kinderen-2024"}}
    # A dict with data and layout works as well as a Figure.
    assert json.loads(figure_json({"data": [], "layout": {"title": {"text": "<b>"}}})) == {
        "data": [],
        "layout": {"title": {"text": "<b>"}},
    }


def test_base_layout_sets_dutch_separators_and_the_portal_look():
    layout = base_layout()
    assert layout["separators"] == ",."  # decimal comma, thousands dot: 1.234,5
    assert layout["xaxis"]["separatethousands"] and layout["yaxis"]["separatethousands"]
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)"
    assert set(layout["margin"]) >= {"l", "r", "t", "b"}
    fig = go.Figure(layout=layout)
    assert fig.layout.separators == ",."
    assert json.loads(figure_json(fig))["layout"]["separators"] == ",."


def test_base_layout_font_is_the_portal_font():
    css = (ROOT / "static" / "css" / "portal.css").read_text(encoding="utf-8")
    portal_font = re.search(r"--bs-body-font-family:\s*([^;]+);", css).group(1).strip()
    assert portal_font == PORTAL_FONT
    assert base_layout()["font"]["family"] == portal_font


def test_base_layout_merges_nested_overrides():
    layout = base_layout(
        title={"text": "Kinderen"}, yaxis={"title": {"text": "Aantal"}}, height=300
    )
    assert layout["height"] == 300
    assert layout["yaxis"]["title"] == {"standoff": 8, "text": "Aantal"}
    assert layout["yaxis"]["gridcolor"] == base_layout()["yaxis"]["gridcolor"]
    assert base_layout(separators=".,")["separators"] == ".,"
    # Overrides do not leak into the next call.
    assert "height" not in base_layout()


@pytest.mark.parametrize("scale", [SEQUENTIAL, DIVERGING], ids=["sequential", "diverging"])
def test_colour_scales_run_from_0_to_1_and_plotly_accepts_them(scale):
    positions = [position for position, _ in scale]
    assert positions[0] == 0 and positions[-1] == 1 and positions == sorted(positions)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for _, colour in scale)
    go.Heatmap(z=[[1, 2]], colorscale=scale)  # raises if plotly refuses the scale


def test_diverging_scale_is_neutral_in_the_middle():
    middle = dict(DIVERGING)[0.5]
    assert middle == "#f7f7f7"
    assert len(CATEGORICAL) == len(set(CATEGORICAL))


def test_grafiek_include_renders_caption_drawing_data_and_table_link():
    figuur = figure_json(_bar())
    html = render_to_string(
        "portal/_grafiek.html",
        {
            "grafiek_id": "kinderen",
            "bijschrift": "Kinderen per wijk",
            "figuur": figuur,
            "tabel_id": "kinderen-tabel",
        },
    )
    assert '<figcaption id="kinderen-bijschrift"' in html
    assert '<div id="kinderen"' in html and 'data-bijschrift="kinderen-bijschrift"' in html
    script = re.search(
        r'<script type="application/json" data-grafiek="kinderen">(.*?)</script>', html, re.S
    )
    assert script and json.loads(script.group(1))["data"][0]["x"][0] == HOSTILE
    assert 'href="#kinderen-tabel"' in html
    assert "<script>" not in html  # no inline code


def test_grafiek_scripts_load_the_vendored_files_once():
    html = render_to_string("portal/_grafiek_scripts.html")
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert [Path(s).name for s in sources] == [
        "plotly-strict.min.js",
        "plotly-locale-nl.js",
        "grafieken.js",
    ]
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in html
    for name in ("plotly-strict.min.js", "plotly-locale-nl.js", "plotly.css", "LICENSE"):
        assert finders.find(f"vendor/plotly/{name}"), name
    assert finders.find("js/grafieken.js")


def test_vendored_bundle_matches_the_plotly_that_writes_the_figures():
    head = (VENDOR / "plotly-strict.min.js").open(encoding="utf-8").read(300)
    version = re.search(r"plotly\.js \(strict - minified\) v(\d+\.\d+\.\d+)", head).group(1)
    assert version == get_plotlyjs_version()
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert f"| {version} | MIT" in readme
    assert "MIT License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
    locale = (VENDOR / "plotly-locale-nl.js").read_text(encoding="utf-8")
    assert 'name:"nl"' in locale and "Plotly.register(locale)" in locale
    assert 'decimal:","' in locale and 'thousands:"."' in locale


def test_grafieken_js_needs_no_eval():
    js = (ROOT / "static" / "js" / "grafieken.js").read_text(encoding="utf-8")
    assert not re.search(r"\beval\(|new Function|setTimeout\(\s*[\"']", js)
    for setting in ("displaylogo: false", "responsive: true", 'locale: "nl"', 'format: "png"'):
        assert setting in js
