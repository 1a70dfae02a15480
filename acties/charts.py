"""Figures of Stap 2: data in (already through disclosure control), Figure out."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from portal.charts import CATEGORICAL, TEXT_COLOUR, base_layout, wrap_label

from .services_aanbod import Rij


def vraag_en_aanbod(rijen: Sequence[Rij]) -> go.Figure:
    """Horizontal bars per wijk: the estimated need (children a year, the 95 % interval as error
    bars) next to the capacity of the aanbod that reaches the wijk (families a year).

    `rijen` in the order of the table (largest gap first) and only wijken with an estimate; the
    first comes out on top. Labels are plain text (no HTML tags: the CSP and screen readers).
    """
    getoond = [r for r in rijen if r.behoefte.toonbaar][::-1]  # plotly draws bottom-up
    labels = [wrap_label(r.label, 24) for r in getoond]
    behoefte = [r.behoefte.waarde for r in getoond]
    onder = [
        max(r.behoefte.waarde - r.ondergrens.waarde, 0.0) if r.ondergrens.toonbaar else 0.0
        for r in getoond
    ]
    boven = [
        max(r.bovengrens.waarde - r.behoefte.waarde, 0.0) if r.bovengrens.toonbaar else 0.0
        for r in getoond
    ]
    naam_behoefte = _("Geschatte behoefte (kinderen per jaar)")
    naam_capaciteit = _("Capaciteit van het aanbod (gezinnen per jaar)")
    interval = _("95%%-interval") % {}  # the catalogue's msgid, as the templates write it
    fig = go.Figure(
        [
            go.Bar(
                name=naam_capaciteit,
                x=[r.capaciteit.waarde for r in getoond],
                y=labels,
                orientation="h",
                marker={"color": CATEGORICAL[2]},
                customdata=[[r.capaciteit.label, r.label] for r in getoond],
                hovertemplate="%{customdata[1]}<br>"
                + naam_capaciteit
                + ": %{customdata[0]}<extra></extra>",
            ),
            go.Bar(
                name=naam_behoefte,
                x=behoefte,
                y=labels,
                orientation="h",
                marker={"color": CATEGORICAL[0]},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": boven,
                    "arrayminus": onder,
                    "color": TEXT_COLOUR,
                    "thickness": 1.2,
                    "width": 3,
                },
                customdata=[
                    [r.behoefte.label, r.ondergrens.label, r.bovengrens.label, r.label]
                    for r in getoond
                ],
                hovertemplate="%{customdata[3]}<br>"
                + naam_behoefte
                + ": %{customdata[0]} ("
                + interval
                + " %{customdata[1]}–%{customdata[2]})<extra></extra>",
            ),
        ],
        layout=base_layout(
            barmode="group",
            height=max(360, 52 * len(getoond) + 120),
            xaxis={"title": {"text": _("Per jaar")}, "rangemode": "tozero"},
            yaxis={"automargin": True, "tickfont": {"size": 12}},
            # The legend above the bars (in the order of the bars), the modebar above it.
            legend={"y": 1.0, "yanchor": "bottom", "x": 0, "traceorder": "reversed"},
            margin={"t": 72},
            bargap=0.3,
            bargroupgap=0.05,
        ),
    )
    return fig
