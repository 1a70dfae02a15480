"""The comparison's figure: small multiples, one bar chart per indicator (data in, Figure out).

Every indicator gets its own subplot and its own value axis, so a percentage never shares an
axis with a rate per 1000; the gebieden keep one colour and one place (top to bottom, in the order
of the table's columns) in every subplot. Values arrive as `portal.disclosure.Cell`s: a value that
may not be shown has no bar, only its label ("geheim", "< 5").
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from portal.charts import AXIS_COLOUR, CATEGORICAL, GRID_COLOUR, TEXT_COLOUR, base_layout

from .vergelijken import Rij, Vergelijking

REGEL_PX = 17  # one line of a subplot title
ONDER_PX = 40  # room below a subplot for its value axis
PER_GEBIED_PX = 30
GEEN_CIJFER = "geen cijfer"


def _tekst(tekst: str, breedte: int | None = None) -> str:
    """Plain text for plotly.js, which reads its labels as pseudo-HTML: `<` and `&` as entities
    (a name such as "<b>" would otherwise become markup with a style attribute, which the
    Content-Security-Policy blocks), long text wrapped onto lines with <br>."""
    regels = textwrap.wrap(tekst, breedte) if breedte else [tekst]
    return "<br>".join(
        r.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for r in regels or [""]
    )


def _bereik(rij: Rij) -> list[float]:
    """The value axis: from zero (or the lowest value) with room at the end for the labels."""
    waarden = [c.waarde for c in rij.cellen if c.toonbaar]
    if rij.intervallen:
        waarden += [b.waarde for _o, b in rij.intervallen if b.toonbaar]
    if not waarden:
        return [0, 1]
    laag, hoog = min(0.0, *waarden), max(0.0, *waarden)
    span = (hoog - laag) or 1.0
    return [laag - (0.35 * span if laag < 0 else 0), hoog + (0.35 * span if hoog > 0 else 0)]


def small_multiples(vergelijking: Vergelijking, per_rij: int = 2) -> go.Figure:
    """One horizontal bar chart per row of the comparison (the estimate first), `per_rij` side
    by side (one for a narrow screen); the gebieden's names on the left, each value written
    next to its bar."""
    rijen = vergelijking.rijen
    kolommen = vergelijking.gebieden
    codes = [k.code for k in kolommen]
    n = len(rijen)
    cols = max(1, min(per_rij, n))
    nrows = math.ceil(n / cols)
    paneel = PER_GEBIED_PX * len(kolommen) + 16
    titels = [_tekst(f"{r.naam} ({r.eenheid})", 34 if cols > 1 else 30) for r in rijen]
    titel_px = 12 + REGEL_PX * max(t.count("<br>") + 1 for t in titels)
    hoogte = nrows * (titel_px + paneel + ONDER_PX)
    specs = [[{} for _k in range(cols)] for _r in range(nrows)]
    if n % cols:
        specs[-1][-1] = None
    fig = make_subplots(
        rows=nrows,
        cols=cols,
        specs=specs,
        shared_yaxes=True,
        horizontal_spacing=0.06,
        vertical_spacing=(titel_px + ONDER_PX) / hoogte if nrows > 1 else 0.0,
        subplot_titles=titels,
    )
    fig.update_layout(
        **base_layout(
            height=hoogte + 10,
            showlegend=False,
            bargap=0.3,
            margin={"l": 8, "r": 16, "t": titel_px, "b": 8},
        )
    )
    fig.update_annotations(font={"size": 13, "color": TEXT_COLOUR})
    if cols == 1:  # one column (a narrow screen): titles from the left edge, where there is room
        fig.update_annotations(x=0, xanchor="left", align="left")
    for i, rij in enumerate(rijen):
        rij_nr, kol_nr = divmod(i, cols)
        plaats = {"row": rij_nr + 1, "col": kol_nr + 1}
        waarden = [c.waarde for c in rij.cellen]
        bar = go.Bar(
            x=waarden,
            y=codes,
            orientation="h",
            name=_tekst(rij.naam),
            marker={"color": [CATEGORICAL[j % len(CATEGORICAL)] for j in range(len(codes))]},
            customdata=[
                [_tekst(k.label), c.label] for k, c in zip(kolommen, rij.cellen, strict=True)
            ],
            hovertemplate=(
                "%{customdata[0]}: %{customdata[1]} " + _tekst(rij.eenheid) + "<extra></extra>"
            ),
            showlegend=False,
        )
        eind = list(waarden)
        if rij.intervallen is not None:
            onder = [o.waarde for o, _b in rij.intervallen]
            boven = [b.waarde for _o, b in rij.intervallen]
            bar.error_x = {
                "type": "data",
                "symmetric": False,
                "array": [
                    (b - w) if b is not None and w is not None else None
                    for w, b in zip(waarden, boven, strict=True)
                ],
                "arrayminus": [
                    (w - o) if o is not None and w is not None else None
                    for w, o in zip(waarden, onder, strict=True)
                ],
                "color": TEXT_COLOUR,
                "thickness": 1.2,
                "width": 4,
            }
            eind = [b if b is not None else w for w, b in zip(waarden, boven, strict=True)]
            bar.hovertemplate = (
                "%{customdata[0]}: %{customdata[1]} "
                + _tekst(rij.eenheid)
                + " (95%-interval %{customdata[2]})<extra></extra>"
            )
            bar.customdata = [
                [_tekst(k.label), c.label, f"{o.label}–{b.label}"]
                for k, c, (o, b) in zip(kolommen, rij.cellen, rij.intervallen, strict=True)
            ]
        fig.add_trace(bar, **plaats)
        # The values as text next to the bars (after the interval's whisker), and the reason
        # where there is no bar.
        bereik = _bereik(rij)
        opschuif = 0.02 * (bereik[1] - bereik[0])  # clear of the whisker's cap
        fig.add_trace(
            go.Scatter(
                x=[0 if e is None else e - opschuif if e < 0 else e + opschuif for e in eind],
                y=codes,
                mode="text",
                text=[
                    _tekst(c.label) if c.toonbaar or c.onderdrukt else GEEN_CIJFER
                    for c in rij.cellen
                ],
                textposition=["middle left" if (e or 0) < 0 else "middle right" for e in eind],
                textfont={
                    "size": 12,
                    "color": [TEXT_COLOUR if c.toonbaar else AXIS_COLOUR for c in rij.cellen],
                },
                hoverinfo="skip",
                showlegend=False,
                cliponaxis=False,
            ),
            **plaats,
        )
        fig.update_xaxes(
            range=bereik,
            showticklabels=any(c.toonbaar for c in rij.cellen),
            **plaats,
        )
    fig.update_xaxes(
        gridcolor=GRID_COLOUR,
        linecolor=AXIS_COLOUR,
        zerolinecolor=AXIS_COLOUR,
        tickcolor=AXIS_COLOUR,
        showline=True,
        ticks="outside",
        separatethousands=True,
        nticks=4,
        automargin=True,
        fixedrange=True,
        tickfont={"size": 12},
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=codes,
        tickmode="array",
        tickvals=codes,
        ticktext=[_tekst(k.label, 18) for k in kolommen],
        autorange="reversed",
        linecolor=AXIS_COLOUR,
        showline=True,
        ticks="",
        automargin=True,
        fixedrange=True,
        tickfont={"size": 12},
    )
    return fig
