"""A chart from portal.charts is drawn by the vendored plotly.js under the strict policy.

No page of the portal shows a chart yet, so this module is its own urlconf: the portal's URLs
(base.html needs them) plus one test-only page with a bar chart, a caption and its table. The
harness fails the test on any console error (a CSP violation, an eval), any uncaught error and
any request to another site.
"""

import plotly.graph_objects as go
import pytest
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path
from playwright.sync_api import expect

from portal.charts import base_layout, figure_json

from .conftest import check_axe

pytestmark = [pytest.mark.e2e, pytest.mark.urls(__name__)]

WIJKEN = ["Centrum", "Noord", "Zuid </script><!-- & co"]
AANTALLEN = [1250, 2480.5, 730]
BIJSCHRIFT = "Aantal kinderen (0–17) per wijk, 2024"

# A Django tag must stay on one line: the backslash below joins the two lines in Python.
PAGINA = """{% extends "base.html" %}
{% block title %}Grafiek{% endblock %}
{% block content %}
<h1>Kinderen per wijk</h1>
{% include "portal/_grafiek.html" with grafiek_id="kinderen" bijschrift=bijschrift figuur=figuur \
  tabel_id="kinderen-tabel" %}
<table class="table" id="kinderen-tabel">
  <caption>{{ bijschrift }}</caption>
  <thead><tr><th scope="col">Wijk</th><th scope="col">Kinderen</th></tr></thead>
  <tbody>{% for wijk, aantal in rijen %}
    <tr><th scope="row">{{ wijk }}</th><td>{{ aantal }}</td></tr>
  {% endfor %}</tbody>
</table>
{% endblock %}
{% block scripts %}{{ block.super }}{% include "portal/_grafiek_scripts.html" %}{% endblock %}
"""


def grafiek_pagina(request: HttpRequest) -> HttpResponse:
    fig = go.Figure(
        go.Bar(x=WIJKEN, y=AANTALLEN, hovertemplate="%{x}: %{y:,.1f}<extra></extra>"),
        layout=base_layout(yaxis={"title": {"text": "Kinderen"}}),
    )
    html = (
        engines["django"]
        .from_string(PAGINA)
        .render(
            {
                "figuur": figure_json(fig, {"toImageButtonOptions": {"filename": "kinderen-2024"}}),
                "bijschrift": BIJSCHRIFT,
                "rijen": list(zip(WIJKEN, AANTALLEN, strict=True)),
            },
            request,
        )
    )
    return HttpResponse(html)


urlpatterns = [
    path("test/grafiek/", grafiek_pagina),
    path("", include("portal.urls")),
]


def test_bar_chart_is_drawn_with_caption_table_and_png_download(page, live_server):
    response = page.goto(f"{live_server.url}/test/grafiek/")
    header = response.headers["content-security-policy"]
    assert "unsafe-eval" not in header and "unsafe-inline" not in header

    grafiek = page.locator("#kinderen")
    expect(grafiek.locator("svg.main-svg").first).to_be_visible()
    expect(grafiek.locator("g.point")).to_have_count(3)
    # The caption names the chart for assistive technology; the table carries the numbers.
    bijschrift = page.locator("figure figcaption#kinderen-bijschrift")
    expect(bijschrift).to_have_text("Aantal kinderen (0–17) per wijk, 2024")
    tekening = page.get_by_role("img", name="Aantal kinderen (0–17) per wijk, 2024")
    expect(tekening).to_have_class("main-svg")
    expect(tekening.locator("xpath=ancestor::div[@id='kinderen']")).to_have_count(1)
    expect(
        page.get_by_role("link", name="De cijfers van deze grafiek in een tabel")
    ).to_have_attribute("href", "#kinderen-tabel")
    # A label with markup ended neither the JSON script nor started a comment in it.
    expect(grafiek.locator("g.xtick text").nth(2)).to_have_text(WIJKEN[2])
    expect(page.get_by_role("row", name="Zuid </script><!-- & co")).to_be_visible()
    # Dutch number format: thousands with a dot on the axis (1.000, 2.000).
    expect(grafiek.locator("g.ytick text", has_text="2.000")).to_have_count(1)
    # The Dutch locale is registered and in use (the modebar speaks Dutch).
    expect(grafiek.get_by_role("button", name="Automatische schaal")).to_be_attached()
    assert page.evaluate("document.getElementById('kinderen')._context.locale") == "nl"
    # No button sends the chart's data to Plotly's cloud or Chart Studio.
    knoppen = grafiek.locator(".modebar button").evaluate_all(
        "knoppen => knoppen.map((k) => k.getAttribute('data-title'))"
    )
    assert "Download als PNG-bestand" in knoppen
    assert not {
        "Share chart...",
        "Download plot as a PNG",
        "Dowload de plot als een PNG-bestand",
    } & set(knoppen), knoppen
    check_axe(page)

    # PNG download, by keyboard: the button is reachable and works under the policy.
    knop = grafiek.get_by_role("button", name="Download als PNG-bestand")
    knop.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "kinderen-2024.png"
    with open(download.path(), "rb") as bestand:
        assert bestand.read(8) == b"\x89PNG\r\n\x1a\n"
