"""Figures of the dashboards: data in (already through disclosure control), Figure out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from portal.charts import CATEGORICAL, SEQUENTIAL, base_layout, wrap_label

from .dashboards import Vergelijking, WijkRij

PER_1000 = "per 1000 kinderen"


def _round_coords(geometrie: Any, decimalen: int = 5) -> Any:
    """~1 m precision is plenty for a wijk map and halves the JSON."""
    if isinstance(geometrie, list):
        if geometrie and isinstance(geometrie[0], float | int):
            return [round(c, decimalen) for c in geometrie]
        return [_round_coords(g, decimalen) for g in geometrie]
    if isinstance(geometrie, dict):
        return {
            k: _round_coords(v, decimalen) if k == "coordinates" else v
            for k, v in geometrie.items()
        }
    return geometrie


def _rate_interval(r: WijkRij) -> tuple[float, float]:
    """The 95 % interval of a count as a rate per 1000; the point itself when it has none."""
    k = r.kinderen.waarde
    rate = r.per_1000.waarde
    if not k or not r.ondergrens.toonbaar or not r.bovengrens.toonbaar:
        return rate, rate
    return 1000 * r.ondergrens.waarde / k, 1000 * r.bovengrens.waarde / k


def map_of_rates(
    grenzen: dict[str, Any], rijen: Sequence[WijkRij], landelijk: float | None
) -> go.Figure:
    """Choropleth of the estimated rate per wijk; no base map (no tiles, no external request)."""
    getoond = [r for r in rijen if r.geschat]
    features = [
        {**f, "geometry": _round_coords(f["geometry"])} for f in grenzen.get("features", [])
    ]
    hover = [
        f"{r.naam}<br>{r.per_1000.label} {PER_1000}<br>"
        f"{r.schatting.label} kinderen (95%-interval {r.ondergrens.label}–{r.bovengrens.label})"
        for r in getoond
    ]
    fig = go.Figure(
        go.Choropleth(
            geojson={"type": "FeatureCollection", "features": features},
            featureidkey="id",
            locations=[r.code for r in getoond],
            z=[r.per_1000.waarde for r in getoond],
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            colorscale=[list(stop) for stop in SEQUENTIAL],
            reversescale=False,
            marker={"line": {"color": "#ffffff", "width": 0.6}},
            # No colorbar: plotly.js sets an inline style attribute on it, which the portal's
            # Content-Security-Policy blocks; the page shows the scale as an HTML legend.
            showscale=False,
            zmin=min(r.per_1000.waarde for r in getoond) if getoond else None,
            zmax=max(r.per_1000.waarde for r in getoond) if getoond else None,
        ),
        # The layout in the constructor: fig.update_layout/update_geos cost ~10 ms per figure.
        layout=base_layout(
            height=480,
            margin={"l": 0, "r": 0, "t": 0, "b": 0},
            geo={"visible": False, "fitbounds": "locations", "projection": {"type": "mercator"}},
        ),
    )
    return fig


def ranked_bars(rijen: Sequence[WijkRij], landelijk: float | None) -> go.Figure:
    """Wijken ranked by their rate, the 95 % interval as error bars, the national rate as a line."""
    getoond = [r for r in rijen if r.geschat][::-1]  # highest at the top of a horizontal bar chart
    rate = [r.per_1000.waarde for r in getoond]
    grenzen = [_rate_interval(r) for r in getoond]
    onder = [r.per_1000.waarde - laag for r, (laag, _) in zip(getoond, grenzen, strict=True)]
    boven = [hoog - r.per_1000.waarde for r, (_, hoog) in zip(getoond, grenzen, strict=True)]
    fig = go.Figure(
        go.Bar(
            x=rate,
            y=[r.naam for r in getoond],
            orientation="h",
            marker={"color": CATEGORICAL[0]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": boven,
                "arrayminus": onder,
                "color": "#212529",
                "thickness": 1.2,
                "width": 3,
            },
            customdata=[
                [r.ondergrens.label, r.bovengrens.label, r.schatting.label] for r in getoond
            ],
            hovertemplate=(
                "%{y}<br>%{x:.1f} " + PER_1000 + "<br>"
                "%{customdata[2]} kinderen (95%-interval %{customdata[0]}–%{customdata[1]})"
                "<extra></extra>"
            ),
            name=PER_1000,
            showlegend=False,
        ),
        layout=base_layout(
            height=max(320, 22 * len(getoond) + 80),
            xaxis={"title": {"text": PER_1000}, "rangemode": "tozero"},
            yaxis={"automargin": True, "tickfont": {"size": 12}},
            showlegend=bool(landelijk),
            legend={"y": 1.0, "yanchor": "bottom", "x": 0},
            margin={"t": 64},  # the legend above the bars, the modebar above the legend
            bargap=0.25,
        ),
    )
    if landelijk:
        # The national level as a line with a legend entry (an annotation would sit under the
        # modebar).
        fig.add_trace(
            go.Scatter(
                x=[landelijk, landelijk],
                y=[getoond[0].naam, getoond[-1].naam] if getoond else [],
                mode="lines",
                line={"color": CATEGORICAL[1], "width": 2, "dash": "dash"},
                name=f"Nederland: {landelijk:.1f}".replace(".", ",") + " " + PER_1000,
                hoverinfo="skip",
            )
        )
    return fig


def estimate_trend(
    jaren: Sequence[int], rijen: Sequence[WijkRij], landelijk: dict[int, float]
) -> go.Figure:
    """The estimated rate of one gebied over the years, with its interval as a band."""
    punten = [(j, r) for j, r in zip(jaren, rijen, strict=True) if r.geschat]
    x = [j for j, _ in punten]
    rate = [r.per_1000.waarde for _, r in punten]
    grenzen = [_rate_interval(r) for _, r in punten]
    laag = [g[0] for g in grenzen]
    hoog = [g[1] for g in grenzen]
    fig = go.Figure(
        layout=base_layout(
            height=320,
            xaxis={"title": {"text": "jaar"}, "dtick": 1, "tickformat": "d"},
            yaxis={"title": {"text": PER_1000}, "rangemode": "tozero"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x + x[::-1],
            y=hoog + laag[::-1],
            fill="toself",
            fillcolor="rgba(0,114,178,0.15)",
            line={"width": 0},
            hoverinfo="skip",
            name="95%-interval",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x, y=rate, mode="lines+markers", name="Schatting", line={"color": CATEGORICAL[0]}
        )
    )
    nl = [(j, landelijk[j]) for j in x if landelijk.get(j)]
    if nl:
        fig.add_trace(
            go.Scatter(
                x=[j for j, _ in nl],
                y=[v for _, v in nl],
                mode="markers",
                name="Nederland",
                marker={"color": CATEGORICAL[1], "symbol": "diamond", "size": 9},
            )
        )
    return fig


def comparison_index(vergelijkingen: Sequence[Vergelijking], gemeentenaam: str) -> go.Figure:
    """Each indicator of the wijk as an index against its gemeente (= 100), so that indicators of
    different units share one axis (as Rotterdam's Wijkprofiel does); orange where the wijk
    deviates in the direction of risk, blue where it deviates in the protective direction."""
    getoond = [
        v for v in vergelijkingen if v.wijk.toonbaar and v.gemeente.toonbaar and v.gemeente.waarde
    ]
    index = [100 * v.wijk.waarde / v.gemeente.waarde for v in getoond]
    kleuren = [
        CATEGORICAL[1] if v.ongunstig else CATEGORICAL[0] if v.ongunstig is False else "#5b6b79"
        for v in getoond
    ]
    fig = go.Figure(
        go.Bar(
            y=[wrap_label(v.indicator.naam) for v in getoond],
            x=index,
            orientation="h",
            marker={"color": kleuren},
            customdata=[[v.wijk.label, v.gemeente.label, v.eenheid] for v in getoond],
            hovertemplate=(
                "%{y}<br>wijk %{customdata[0]}, " + gemeentenaam + " %{customdata[1]} "
                "(%{customdata[2]})<br>index %{x:.0f}<extra></extra>"
            ),
            base=0,
        ),
        layout=base_layout(
            height=max(300, 36 * len(getoond) + 90),
            xaxis={"title": {"text": f"index, {gemeentenaam} = 100"}, "rangemode": "tozero"},
            yaxis={"autorange": "reversed", "tickfont": {"size": 12}},
            showlegend=False,
        ),
    )
    fig.add_vline(x=100, line={"color": "#212529", "width": 1.5})
    return fig
