"""What the Stap 3 progress pages need beyond monitoring.services: the goals with their status
and measurements in one query, the quarters an action can be reported for, the figure of a
goal's measurements against its line, adding a steering requirement, and whether the next cycle
may start. Plain functions; the views pass the user in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from acties import services as acties_services
from acties.models import Actie, Doel, Partner, Regiovisie, Sturingsinstrument
from portal import audit
from portal.charts import AXIS_COLOUR, CATEGORICAL, base_layout
from portal.roles import has_regio_perm

from .models import Evaluatie, Herkomst, Meting, SturingsEis
from .services import (
    PERM_VOORTGANG,
    ActieStand,
    DoelStatus,
    GeenBevoegdheid,
    Koers,
    MonitoringFout,
    _getal,
    actiestanden,
    doelstatus,
    jaareinde,
    kwartaal,
)

# The order in which the overview counts goals: the ones that ask for attention first.
KOERS_VOLGORDE = (Koers.ACHTER, Koers.OP_KOERS, Koers.BEHAALD, Koers.GEEN_METING, Koers.ONBEPAALD)


def getal(waarde: Any, decimalen: int = 2) -> str:
    """A number in Dutch notation as the goal status sentences write it (whole without
    decimals); an empty string for None, so a template can fall back with `default`."""
    return "" if waarde is None else _getal(waarde, decimalen)


def euro(waarde: Any) -> str:
    """An amount as "€ 12.500" with a non-breaking space, so the sign stays with the number."""
    return "" if waarde is None else "€\u00a0" + getal(waarde)


def mag_vastleggen(user: Any, regiovisie: Regiovisie) -> bool:
    """Whether the pages show their forms: beleidsmedewerkers and beheerders of the regio."""
    return has_regio_perm(user, PERM_VOORTGANG, regiovisie.regio)


# --- goals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoelRegel:
    """A goal with its status and its measurements (oldest first), as the pages show them."""

    doel: Doel
    status: DoelStatus
    metingen: list[Meting]

    @property
    def decimalen(self) -> int:
        return self.doel.indicator.decimalen if self.doel.indicator_id else 2

    def tekst(self, waarde: Any) -> str:
        return getal(waarde, self.decimalen)

    @property
    def nulmeting(self) -> str:
        return self.tekst(self.doel.nulmeting)

    @property
    def streefwaarde(self) -> str:
        return self.tekst(self.doel.streefwaarde)

    @property
    def laatste(self) -> str:
        return self.tekst(self.status.laatste.waarde) if self.status.laatste else ""

    @property
    def indicatornaam(self) -> str:
        return self.doel.indicator.naam if self.doel.indicator_id else self.doel.indicator_tekst


def doelregel(doel: Doel) -> DoelRegel:
    metingen = sorted(doel.metingen.all(), key=lambda m: (m.datum, m.herkomst, m.pk))
    return DoelRegel(doel, doelstatus(doel, metingen), metingen)


def doelregels(regiovisie: Regiovisie) -> list[DoelRegel]:
    """Every goal of the plan with its status (services.doelstatus), in the plan's order."""
    doelen = regiovisie.doelen.select_related("indicator").prefetch_related("metingen")
    return [doelregel(d) for d in doelen]


def koerstelling(regels: list[DoelRegel]) -> list[tuple[str, str, int]]:
    """(koers, label, number of goals) for the statuses that occur, behind first."""
    tellingen = {k: sum(r.status.koers == k for r in regels) for k in KOERS_VOLGORDE}
    return [(k.value, str(k.label), n) for k, n in tellingen.items() if n]


def metingrijen(regel: DoelRegel) -> list[dict[str, Any]]:
    """The measurements of a goal, newest first, with their origin in words: an automatic one
    names the catalogue indicator it was computed from."""
    rijen = []
    for m in reversed(regel.metingen):
        if m.herkomst == Herkomst.AUTOMATISCH:
            herkomst = _("automatisch uit %(indicator)s") % {"indicator": regel.indicatornaam}
        else:
            herkomst = _("handmatig ingevoerd")
        rijen.append(
            {
                "meting": m,
                "waarde": regel.tekst(m.waarde),
                "herkomst": herkomst,
                "automatisch": m.herkomst == Herkomst.AUTOMATISCH,
                "is_laatste": m == regel.status.laatste,
            }
        )
    return rijen


def doelgrafiek(regel: DoelRegel) -> go.Figure | None:
    """The goal's measurements over time against the straight line from the nulmeting (end of
    its year) to the streefwaarde (end of the streefjaar), the line the status rule uses.

    None when there is nothing to draw (no measurement and no complete norm). Labels are
    pre-formatted in Dutch, so the hover reads like the table."""
    doel = regel.doel
    sporen = []
    norm = None not in (doel.nulmeting, doel.nulmeting_jaar, doel.streefwaarde, doel.streefjaar)
    if norm:
        begin, eind = jaareinde(doel.nulmeting_jaar), jaareinde(doel.streefjaar)
        naam_lijn = _("Lijn van nulmeting naar streefwaarde")
        sporen.append(
            go.Scatter(
                name=naam_lijn,
                x=[begin, eind],
                y=[float(doel.nulmeting), float(doel.streefwaarde)],
                mode="lines",
                line={"color": AXIS_COLOUR, "dash": "dash", "width": 2},
                hoverinfo="skip",
            )
        )
        for naam, datum, waarde, tekst, symbool, kleur in (
            (_("Nulmeting"), begin, doel.nulmeting, regel.nulmeting, "square", CATEGORICAL[4]),
            (
                _("Streefwaarde"),
                eind,
                doel.streefwaarde,
                regel.streefwaarde,
                "star",
                CATEGORICAL[1],
            ),
        ):
            sporen.append(
                go.Scatter(
                    name=naam,
                    x=[datum],
                    y=[float(waarde)],
                    mode="markers",
                    marker={"symbol": symbool, "size": 13, "color": kleur},
                    customdata=[[tekst, date_format(datum, "j F Y")]],
                    hovertemplate=naam + ": %{customdata[0]} (%{customdata[1]})<extra></extra>",
                )
            )
    if regel.metingen:
        naam = _("Metingen")
        sporen.append(
            go.Scatter(
                name=naam,
                x=[m.datum for m in regel.metingen],
                y=[float(m.waarde) for m in regel.metingen],
                mode="lines+markers",
                line={"color": CATEGORICAL[0], "width": 2},
                marker={
                    "size": 9,
                    "color": CATEGORICAL[0],
                    "symbol": [
                        "diamond" if m.herkomst == Herkomst.AUTOMATISCH else "circle"
                        for m in regel.metingen
                    ],
                },
                customdata=[
                    [regel.tekst(m.waarde), date_format(m.datum, "j F Y"), m.get_herkomst_display()]
                    for m in regel.metingen
                ],
                hovertemplate=naam
                + ": %{customdata[0]} (%{customdata[1]}, %{customdata[2]})<extra></extra>",
            )
        )
    if not sporen:
        return None
    return go.Figure(
        sporen,
        layout=base_layout(
            height=380,
            xaxis={"type": "date", "title": {"text": _("Datum")}},
            yaxis={"title": {"text": _("Waarde")}},
            legend={"y": 1.0, "yanchor": "bottom", "x": 0},
            margin={"t": 56},
        ),
    )


# --- actions --------------------------------------------------------------------------------


def kwartalen(actie: Actie, vandaag: datetime.date) -> list[str]:
    """The quarters progress can be reported for, newest first: from the action's start (else
    the start of the plan's year) up to this quarter; never a quarter still to come."""
    begin = actie.start or datetime.date(actie.regiovisie.jaar, 1, 1)
    begin = min(begin, vandaag)
    jaar, k = begin.year, (begin.month - 1) // 3 + 1
    uit = []
    while True:
        periode = f"{jaar}-K{k}"
        uit.append(periode)
        if periode >= kwartaal(vandaag):
            break
        jaar, k = (jaar + 1, 1) if k == 4 else (jaar, k + 1)
    return uit[::-1]


# --- the steering register ------------------------------------------------------------------


def nieuwe_sturingseis(
    instrument: Sturingsinstrument,
    *,
    eis: str,
    partner: Partner | None = None,
    toelichting: str = "",
    user: Any,
) -> SturingsEis:
    """Add a requirement to an instrument of an action (logged like the other Stap 3 records).

    The register needs requirements before anything can be checked, and the wizard only names
    the instrument; so they are added here, also on a vastgestelde plan (they are about how the
    plan is carried out, not what was decided). The same requirement twice for the same partner
    is refused, also for "all partners" (a NULL the database's unique constraint lets through).
    """
    regiovisie = instrument.actie.regiovisie
    if not has_regio_perm(user, PERM_VOORTGANG, regiovisie.regio):
        raise GeenBevoegdheid(_("U hebt hiervoor geen bevoegdheid in deze regio."))
    nieuw = SturingsEis(
        instrument=instrument, partner=partner, eis=eis.strip(), toelichting=toelichting.strip()
    )
    nieuw.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        if SturingsEis.objects.filter(
            instrument=instrument, partner=partner, eis__iexact=nieuw.eis
        ).exists():
            raise MonitoringFout(
                _("Deze eis staat al bij dit sturingsinstrument voor deze partner.")
            )
        nieuw.save()
        audit.log_monitoring_vastgelegd(
            user,
            regiovisie.regio,
            regiovisie.pk,
            "sturingseis",
            nieuw.pk,
            f"actie #{instrument.actie_id} {instrument.soort}",
        )
    return nieuw


# --- evaluation and the next cycle ----------------------------------------------------------


@dataclass(frozen=True)
class Onderwerp:
    """What an evaluation form is about: the plan, a goal or an action (`sleutel` names it in
    the form's prefix and the POST)."""

    sleutel: str
    titel: str
    doel: Doel | None
    actie: Actie | None
    evaluatie: Evaluatie | None


def evaluatie_onderwerpen(regiovisie: Regiovisie) -> list[Onderwerp]:
    """The plan as a whole first, then every goal and every action, each with its evaluation."""
    evaluaties = list(regiovisie.evaluaties.all())
    plan = next((e for e in evaluaties if not e.doel_id and not e.actie_id), None)
    per_doel = {e.doel_id: e for e in evaluaties if e.doel_id}
    per_actie = {e.actie_id: e for e in evaluaties if e.actie_id}
    onderwerpen = [Onderwerp("plan", _("Het plan als geheel"), None, None, plan)]
    onderwerpen += [
        Onderwerp(f"doel-{d.pk}", str(d), d, None, per_doel.get(d.pk))
        for d in regiovisie.doelen.all()
    ]
    onderwerpen += [
        Onderwerp(f"actie-{a.pk}", a.naam, None, a, per_actie.get(a.pk))
        for a in regiovisie.acties.all()
    ]
    return onderwerpen


def volgende_cyclus_bezwaar(regiovisie: Regiovisie) -> str | None:
    """Why the next cycle cannot start from this version (a Dutch sentence), or None.

    Only a vastgestelde version can be the base, and only once: a version that already has a
    successor (a concept, one ter vaststelling or a later vastgestelde one) would give the regio
    two lines of plans. acties.services refuses a second open version too; this says why
    before anyone presses the button."""
    if not regiovisie.is_vastgesteld:
        return _("Alleen een vastgestelde regiovisie kan de basis zijn voor een nieuwe cyclus.")
    volgende = regiovisie.volgende.order_by("-versie").first()
    if volgende is not None:
        return _(
            "De volgende cyclus is al begonnen: versie %(versie)s (%(status)s) bouwt voort op "
            "deze regiovisie."
        ) % {"versie": volgende.versie, "status": volgende.get_status_display().lower()}
    open_versie = acties_services.open_regiovisie(regiovisie.regio)
    if open_versie is not None:
        return _(
            "Voor deze regio is al een regiovisie in bewerking of ter vaststelling (versie "
            "%(versie)s). Werk daarin verder."
        ) % {"versie": open_versie.versie}
    return None


def validatiefouten(fout: ValidationError) -> dict[str, list[str]]:
    """A model's ValidationError as field → messages ("__all__" for the rest), for a form."""
    if hasattr(fout, "error_dict"):
        return {
            veld: [str(m) for e in fouten for m in e.messages]
            for veld, fouten in fout.error_dict.items()
        }
    return {"__all__": list(fout.messages)}


# --- actions: what the tables show ------------------------------------------------------------


@dataclass(frozen=True)
class ActieRegel:
    """An action's stand (services.actiestanden) with its numbers written out in Dutch."""

    stand: ActieStand

    @property
    def actie(self) -> Actie:
        return self.stand.actie

    @property
    def bereik(self) -> str:
        return getal(self.stand.bereik, 0)

    @property
    def gepland(self) -> str:
        return getal(self.stand.bereik_gepland, 0)

    @property
    def bereik_procent(self) -> int | None:
        gepland = self.stand.bereik_gepland
        return round(100 * self.stand.bereik / gepland) if gepland else None

    @property
    def besteed(self) -> str:
        return euro(self.stand.budget_besteed)

    @property
    def budget(self) -> str:
        return euro(self.stand.budget)

    @property
    def budget_procent(self) -> int | None:
        budget = self.stand.budget
        return round(100 * self.stand.budget_besteed / budget) if budget else None


def actieregels(regiovisie: Regiovisie, vandaag: datetime.date) -> list[ActieRegel]:
    return [ActieRegel(s) for s in actiestanden(regiovisie, vandaag)]
