"""Figures of the Signs of Safety aggregates: cells in (already through disclosure control in
services.sos_aggregaten), a plotly Figure out. Pure functions, also for the bestuurlijk dashboard.

A suppressed value never enters a figure: not as a point, a label, hover text or customdata. The
figure shows only what the table next to it shows as a number.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from portal.charts import CATEGORICAL, TEXT_COLOUR, base_layout, wrap_label

from .models import Perspectief
from .services import Cel

SYMBOLEN = {  # a shape per perspective as well as a colour: readable in greyscale too
    Perspectief.HULPVERLENER: "circle",
    Perspectief.OUDER: "square",
    Perspectief.KIND: "diamond",
}


def cel_label(cel: Cel) -> str:
    """The name of a cell: its grouping values joined ("Stevig Ouderschap · Haven · 2025")."""
    delen = [cel.interventie, cel.wijk, None if cel.periode is None else str(cel.periode)]
    return " · ".join(d for d in delen if d) or _("Hele regio")


def met_verandering(cellen: Sequence[Cel]) -> list[Cel]:
    """The cells with at least one change from start to afsluiting that may be shown."""
    return [
        c
        for c in cellen
        if not c.onderdrukt and any(v.gemiddelde.toonbaar for v in c.verandering.values())
    ]


def verandering_figuur(cellen: Sequence[Cel]) -> go.Figure:
    """The mean change from start to afsluiting per cell (usually per intervention), one marker
    per perspective with its 95 % interval as error bars, and a line at 0 (no change).

    `cellen` as sos_aggregaten returns them (any grouping); the first comes out on top. Cells and
    perspectives whose change is suppressed are left out entirely. Check `met_verandering(cellen)`
    first: with nothing to show the figure is empty.
    """
    getoond = met_verandering(cellen)[::-1]  # plotly draws the first category at the bottom
    labels = [wrap_label(cel_label(c), 28) for c in getoond]
    verandering_tekst = _("Verandering")
    interval_tekst = _("95%%-interval") % {}  # the catalogue's msgid, as the templates write it
    trajecten_tekst = _("trajecten")
    sporen = []
    uitersten = [0.0]
    # Added last to first: in a group plotly puts the first trace at the bottom, and the legend
    # (reversed) still reads hulpverlener, ouder, kind like the table.
    for i, perspectief in reversed(list(enumerate(Perspectief))):
        x, y, min_, plus, customdata = [], [], [], [], []
        for cel, label in zip(getoond, labels, strict=True):
            v = cel.verandering[perspectief.value]
            if not v.gemiddelde.toonbaar:
                continue
            x.append(v.gemiddelde.waarde)
            y.append(label)
            heeft_interval = v.ondergrens.toonbaar and v.bovengrens.toonbaar
            min_.append(v.gemiddelde.waarde - v.ondergrens.waarde if heeft_interval else 0.0)
            plus.append(v.bovengrens.waarde - v.gemiddelde.waarde if heeft_interval else 0.0)
            if heeft_interval:
                uitersten += [v.ondergrens.waarde, v.bovengrens.waarde]
            uitersten.append(v.gemiddelde.waarde)
            customdata.append(
                [
                    cel_label(cel),
                    v.gemiddelde.label,
                    v.ondergrens.label if heeft_interval else "—",
                    v.bovengrens.label if heeft_interval else "—",
                    v.n.label,
                ]
            )
        if not x:
            continue
        sporen.append(
            go.Scatter(
                name=str(perspectief.label),
                x=x,
                y=y,
                orientation="h",
                mode="markers",
                marker={
                    "color": CATEGORICAL[i],
                    "symbol": SYMBOLEN[perspectief],
                    "size": 11,
                    "line": {"color": TEXT_COLOUR, "width": 1},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": plus,
                    "arrayminus": min_,
                    "color": CATEGORICAL[i],
                    "thickness": 1.6,
                    "width": 5,
                },
                customdata=customdata,
                hovertemplate="%{customdata[0]}<br>"
                + str(perspectief.label)
                + ": "
                + verandering_tekst
                + " %{customdata[1]} ("
                + interval_tekst
                + " %{customdata[2]} "
                + _("tot")
                + " %{customdata[3]}; %{customdata[4]} "
                + trajecten_tekst
                + ")<extra></extra>",
            )
        )
    marge = 0.5
    return go.Figure(
        sporen,
        layout=base_layout(
            scattermode="group",
            scattergap=0.5,
            height=max(320, 64 * len(getoond) + 160),
            xaxis={
                "title": {"text": _("Verandering in punten")},
                "range": [min(uitersten) - marge, max(uitersten) + marge],
                "zeroline": True,
                "zerolinewidth": 2,
                "dtick": 1,
            },
            yaxis={
                "automargin": True,
                "tickfont": {"size": 12},
                "type": "category",
                "categoryorder": "array",
                "categoryarray": labels,
            },
            # The legend under the axis title, across the whole width (clear of the modebar
            # above, and on one line on a phone).
            legend={
                "traceorder": "reversed",
                "xref": "container",
                "x": 0,
                "yref": "container",
                "y": 0,
                "yanchor": "bottom",
            },
            margin={"t": 40, "b": 72},
        ),
    )
