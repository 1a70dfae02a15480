"""Shared chart helpers: the portal's look for Plotly figures and their safe embedding.

Pure functions (no request objects). An app's `charts.py` builds a `plotly.graph_objects.Figure`
with `base_layout(...)`; the view passes `figure_json(fig)` to `templates/portal/_grafiek.html`,
which static/js/grafieken.js draws with the vendored plotly.js strict bundle (no eval, own origin).
Values must already have passed disclosure control before they reach a figure.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from plotly.io.json import to_json_plotly

# The font stack of static/css/portal.css (--bs-body-font-family): charts read like the page.
PORTAL_FONT = '"Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif'
TEXT_COLOUR = "#212529"  # Bootstrap's body text colour
GRID_COLOUR = "#d4dee6"  # the border colour of .portal-card
AXIS_COLOUR = "#5b6b79"  # 5.7:1 on white: axis lines are graphical objects (WCAG 1.4.11)

# Categorical colours (one per series): the Okabe–Ito palette, designed to stay distinguishable
# for the common forms of colour blindness, limited to the colours with at least 3:1 contrast on
# a white page (WCAG 1.4.11; its orange, sky blue and yellow are too light for thin marks).
CATEGORICAL = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")


def _evenly_spaced(colours: tuple[str, ...]) -> tuple[tuple[float, str], ...]:
    last = len(colours) - 1
    return tuple((round(i / last, 4), colour) for i, colour in enumerate(colours))


# Sequential scale (low → high, e.g. a rate per wijk): cividis (Nuñez, Anderton & Renslow 2018),
# a version of viridis optimised for colour-vision deficiency: perceptually uniform, the lightness
# rises monotonically (it also reads in greyscale and on a black-and-white print), and no two
# values differ only in red versus green.
SEQUENTIAL = _evenly_spaced(
    (
        "#00224e",
        "#123570",
        "#3b496c",
        "#575d6d",
        "#707173",
        "#8a8678",
        "#a59c74",
        "#c3b369",
        "#e1cc55",
        "#fee838",
    )
)

# Diverging scale (below ↔ above a reference, e.g. a wijk against the national value; centre it
# with `zmid`/`cmid`): ColorBrewer "PuOr" (Brewer, colorbrewer2.org), which ColorBrewer marks
# colour-blind safe. Purple for below, orange for above, a neutral light grey in the middle; no
# red–green pair. Ordered low → high.
DIVERGING = _evenly_spaced(
    (
        "#2d004b",
        "#542788",
        "#8073ac",
        "#b2abd2",
        "#d8daeb",
        "#f7f7f7",
        "#fee0b6",
        "#fdb863",
        "#e08214",
        "#b35806",
        "#7f3b08",
    )
)


def _axis() -> dict[str, Any]:
    return {
        "automargin": True,
        "gridcolor": GRID_COLOUR,
        "linecolor": AXIS_COLOUR,
        "zerolinecolor": AXIS_COLOUR,
        "tickcolor": AXIS_COLOUR,
        "showline": True,
        "separatethousands": True,  # 1.250 like the tables, not plotly's 1250 for 4 digits
        "ticks": "outside",
        "title": {"standoff": 8},
    }


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """`extra` over `base`, recursing into nested dicts so that e.g. `xaxis={"title": …}` keeps
    the portal's axis colours."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def wrap_label(tekst: str, breedte: int = 22) -> str:
    """A long axis label over several lines (plain <br>), so the bars keep room on a phone."""
    regels: list[str] = []
    for woord in tekst.split():
        if regels and len(regels[-1]) + len(woord) < breedte:
            regels[-1] += " " + woord
        else:
            regels.append(woord)
    return "<br>".join(regels)


def base_layout(**kwargs: Any) -> dict[str, Any]:
    """The portal's layout for a figure, as a dict for `go.Figure(layout=…)` or
    `fig.update_layout(**…)`. Keyword arguments override the defaults; nested dicts (`xaxis`,
    `font`, `margin`, …) are merged key by key.

    Dutch number format (`separators=",."`: decimal comma, thousands dot, so 1.234,5), the
    portal's font, transparent backgrounds (the page or card shows through) and compact margins:
    the title lives in the <figcaption>, not in the figure. `template="none"` leaves out
    plotly.py's default template, which would bring its own colours and about 10 kB per figure.
    """
    layout = {
        "template": "none",
        "separators": ",.",
        "font": {"family": PORTAL_FONT, "size": 14, "color": TEXT_COLOUR},
        "hoverlabel": {"font": {"family": PORTAL_FONT, "size": 14}},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "colorway": list(CATEGORICAL),
        "margin": {"l": 8, "r": 8, "t": 16, "b": 8, "pad": 4},
        "xaxis": _axis(),
        "yaxis": _axis(),
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        # The modebar (with the PNG download) on a transparent paper would be light grey on grey:
        # give its buttons the contrast of a control (WCAG 1.4.11).
        "modebar": {
            "bgcolor": "rgba(255,255,255,0.9)",
            "color": AXIS_COLOUR,
            "activecolor": "#154273",
        },
    }
    return _merge(layout, kwargs)


# Characters that could end the <script> element or start an HTML comment/CDATA section inside
# it; as JSON escapes they mean the same to JSON.parse (as django.utils.html.json_script does).
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def figure_json(fig: Any, config: Mapping[str, Any] | None = None) -> SafeString:
    """The figure as JSON (`{"data": …, "layout": …, "config": …}`) for a
    `<script type="application/json">` element: `<`, `>` and `&` are written as `\\u003c`,
    `\\u003e` and `\\u0026`, so a label such as "</script>" cannot end the element. Marked safe
    for templates because nothing HTML-significant is left in it.

    `fig` is a `plotly.graph_objects.Figure` (or a dict with `data` and `layout`); `config`
    (optional) goes to plotly.js next to the portal's defaults in static/js/grafieken.js, e.g.
    `{"toImageButtonOptions": {"filename": "schatting-almere-2024"}}`.
    """
    figure = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else dict(fig)
    payload = {"data": figure.get("data", []), "layout": figure.get("layout", {})}
    if config:
        payload["config"] = dict(config)
    return mark_safe(to_json_plotly(payload).translate(_SCRIPT_SAFE))  # noqa: S308 - escaped above
