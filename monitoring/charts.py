"""Figures of the bestuurlijk overzicht: data in (already through disclosure control), Figure out.

Every figure has a table with the same numbers on the page; the PDF shows only the tables
(WeasyPrint cannot run plotly.js).
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from portal.charts import CATEGORICAL, base_layout, wrap_label

from .bestuur import ActieRegel, GemeenteReeks, TrendPunt


def schattingstrend(punten: Sequence[TrendPunt], naam: str) -> go.Figure:
    """The estimated number of maltreated children per year with its 95 % interval as a band."""
    x = [p.jaar for p in punten]
    fig = go.Figure(
        layout=base_layout(
            height=320,
            xaxis={"title": {"text": _("jaar")}, "dtick": 1, "tickformat": "d"},
            yaxis={
                "title": {"text": _("geschat aantal kinderen per jaar")},
                "rangemode": "tozero",
                "tickformat": ",d",
            },
        )
    )
    band = [p for p in punten if p.ondergrens is not None and p.bovengrens is not None]
    if band:
        bx = [p.jaar for p in band]
        fig.add_trace(
            go.Scatter(
                x=bx + bx[::-1],
                y=[p.bovengrens for p in band] + [p.ondergrens for p in band][::-1],
                fill="toself",
                fillcolor="rgba(0,114,178,0.15)",
                line={"width": 0},
                hoverinfo="skip",
                name=_("95%%-interval") % {},  # the catalogue's msgid, as templates write it
            )
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[round(p.schatting) for p in punten],
            mode="lines+markers",
            name=_("Schatting %(naam)s") % {"naam": naam},
            line={"color": CATEGORICAL[0]},
            hovertemplate=_("%{x}: naar schatting %{y:,d} kinderen") + "<extra></extra>",
        )
    )
    return fig


def schattingstrend_per_gemeente(reeksen: Sequence[GemeenteReeks]) -> go.Figure:
    """One line per member gemeente: the number each gemeente's own estimates give per year
    (a gemeente with one year is a single point); the table beside it carries the intervals."""
    fig = go.Figure(
        layout=base_layout(
            height=340,
            xaxis={"title": {"text": _("jaar")}, "dtick": 1, "tickformat": "d"},
            yaxis={
                "title": {"text": _("geschat aantal kinderen per jaar")},
                "rangemode": "tozero",
                "tickformat": ",d",
            },
        )
    )
    for i, reeks in enumerate(reeksen):
        fig.add_trace(
            go.Scatter(
                x=[p.jaar for p in reeks.punten],
                y=[round(p.schatting) for p in reeks.punten],
                mode="lines+markers",
                name=reeks.naam,
                line={"color": CATEGORICAL[i % len(CATEGORICAL)]},
                hovertemplate=_("%(naam)s, %%{x}: naar schatting %%{y:,d} kinderen")
                % {"naam": reeks.naam}
                + "<extra></extra>",
            )
        )
    return fig


def bereik_per_actie(acties: Sequence[ActieRegel]) -> go.Figure:
    """Families reached against the planned reach, per action with a plan (horizontal bars)."""
    rijen = [a for a in acties if a.stand.bereik_gepland][::-1]  # plotly draws bottom-up
    labels = [wrap_label(a.actie.naam, 30) for a in rijen]
    fig = go.Figure(
        layout=base_layout(
            height=max(220, 70 + 48 * len(rijen)),
            barmode="group",
            xaxis={"title": {"text": _("gezinnen")}, "rangemode": "tozero", "tickformat": ",d"},
            yaxis={"automargin": True},
            legend={"traceorder": "reversed"},
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[a.stand.bereik_gepland for a in rijen],
            orientation="h",
            name=_("gepland"),
            marker={"color": "#c9d4de", "line": {"color": "#5b6b79", "width": 1}},
            hovertemplate=_("gepland: %{x:,d} gezinnen") + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[a.stand.bereik for a in rijen],
            orientation="h",
            name=_("bereikt"),
            marker={"color": CATEGORICAL[0]},
            hovertemplate=_("bereikt: %{x:,d} gezinnen") + "<extra></extra>",
        )
    )
    return fig
