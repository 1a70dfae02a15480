"""The wethouder's one page and the annual monitor report: Stap 3's figures told as a story.

`bestuurlijk_overzicht(regiovisie, vandaag)` gathers, top to bottom, what a bestuurder reads:
the estimate trend for the regio's gemeenten, the goals with their status, the actions by status
with the overdue ones and the reach against plan, the Signs of Safety change per intervention,
and what needs a decision. `jaarrapport(regiovisie, vandaag)` adds what the annual report needs:
the measurements per goal, the status per quarter per action, Stap 1's figures then and now, the
steering register and the lessons learned. Both only read: the rules (goal status, overdue,
disclosure control) live in monitoring.services and portal.disclosure and are used, not repeated.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from acties.document import Inhoud, Kop, datum, euro, waarde
from acties.models import Actie, Doel, DoelCategorie, Regiovisie
from acties.situatie import (
    GemeenteSchets,
    Situatieschets,
    getal,
    interval,
    situatieschets,
    voorbehoud,
)
from portal.disclosure import Cell
from portal.models import Regio
from risicofactoren.models import Schatting
from risicofactoren.services import default_model, default_year
from risicofactoren.wijkkennis import wijken_van_regios
from wijken.models import Soort

from . import services
from .models import ActieVoortgang, Evaluatie, Meting, Perspectief, SosScore, VoortgangStatus
from .services import ActieStand, Cel, DoelStatus, Koers, RegisterRegel

# An action is far behind on reach when it reached less than half of what its planned reach,
# spread evenly over its runtime, leads one to expect by today.
DREMPEL_BEREIK = Decimal("0.5")

KOERS_VOLGORDE = (Koers.ACHTER, Koers.OP_KOERS, Koers.BEHAALD, Koers.GEEN_METING, Koers.ONBEPAALD)
KOERS_WOORDEN = {
    Koers.ACHTER: gettext_lazy("achter op schema"),
    Koers.OP_KOERS: gettext_lazy("op koers"),
    Koers.BEHAALD: gettext_lazy("behaald"),
    Koers.GEEN_METING: gettext_lazy("nog geen meting"),
    Koers.ONBEPAALD: gettext_lazy("niet te beoordelen"),
}
STATUS_VOLGORDE = (
    VoortgangStatus.GEPLAND,
    VoortgangStatus.LOOPT,
    VoortgangStatus.AFGEROND,
    VoortgangStatus.GESTOPT,
)

BEREIK_REGEL = gettext_lazy(
    "Een actie blijft ver achter met haar bereik als zij minder dan de helft heeft bereikt van "
    "wat het geplande bereik, gelijk verdeeld over de looptijd, tot vandaag doet verwachten. "
    "Afgeronde en gestopte acties tellen hierbij niet mee."
)


# --- the estimate trend ---------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPunt:
    """The estimate of one year for the gemeenten together (sums of their own estimates)."""

    jaar: int
    schatting: float
    ondergrens: float | None
    bovengrens: float | None
    kinderen: float | None

    @property
    def per_1000(self) -> float | None:
        return 1000 * self.schatting / self.kinderen if self.kinderen else None

    @property
    def interval(self) -> str:
        return interval(self.ondergrens, self.bovengrens)


@dataclass(frozen=True)
class GemeenteReeks:
    naam: str
    punten: list[TrendPunt]


@dataclass
class Schattingstrend:
    """Estimated maltreated children per year for the regio's gemeenten, with the 95 % interval.

    Only years in which every member gemeente has an estimate count (a sum over fewer would look
    like a drop). With more than one gemeente the interval bounds are summed: the uncertainty
    comes mostly from the national rate and the relative risks that all gemeenten share, so the
    bounds move together and their sum is close to the interval of the total (a little wide)."""

    naam: str
    gemeenten: list[str]
    punten: list[TrendPunt] = field(default_factory=list)
    jaar: int | None = None  # the year shown as "now" (risicofactoren.services.default_year)
    model_titel: str = ""
    voorbehoud: str = ""
    # Each member gemeente's own years: the regio total needs every gemeente in a year, but the
    # centrumgemeente often has a longer series (CBS files per gemeente) that is a trend by itself.
    per_gemeente: list[GemeenteReeks] = field(default_factory=list)

    @property
    def gemeente_met_trend(self) -> bool:
        return self.meerdere_gemeenten and any(len(r.punten) > 1 for r in self.per_gemeente)

    @property
    def huidig(self) -> TrendPunt | None:
        return next((p for p in self.punten if p.jaar == self.jaar), None)

    @property
    def eerste(self) -> TrendPunt | None:
        return self.punten[0] if self.punten else None

    @property
    def meerdere_gemeenten(self) -> bool:
        return len(self.gemeenten) > 1


def schattingstrend(regio: Regio) -> Schattingstrend:
    """The regio's gemeenten's estimates over the years (default model); see Schattingstrend."""
    leden = list(regio.gemeenten.order_by("-is_centrumgemeente", "naam"))
    trend = Schattingstrend(
        naam=leden[0].naam if len(leden) == 1 else regio.naam,
        gemeenten=[g.naam for g in leden],
        voorbehoud=voorbehoud(),
    )
    model = default_model()
    if model is None or not leden:
        return trend
    trend.model_titel = model.titel
    per_jaar: dict[int, list[Schatting]] = defaultdict(list)
    for s in (
        Schatting.objects.filter(
            model=model,
            gebied__soort=Soort.GEMEENTE,
            gebied__code__in=[g.code for g in leden],
            schatting__isnull=False,
        )
        .select_related("gebied")
        .order_by("jaar")
    ):
        per_jaar[s.jaar].append(s)

    def som(waarden: list[float | None]) -> float | None:
        return None if any(w is None for w in waarden) else sum(waarden)

    naam_van = {g.code: g.naam for g in leden}
    reeksen: dict[str, list[TrendPunt]] = defaultdict(list)
    for jaar, rijen in sorted(per_jaar.items()):
        for r in rijen:
            reeksen[naam_van[r.gebied.code]].append(
                TrendPunt(jaar, r.schatting, r.ondergrens, r.bovengrens, r.kinderen)
            )
    trend.per_gemeente = [GemeenteReeks(g.naam, reeksen[g.naam]) for g in leden if reeksen[g.naam]]

    for jaar, rijen in sorted(per_jaar.items()):
        if len(rijen) != len(leden):
            continue
        trend.punten.append(
            TrendPunt(
                jaar=jaar,
                schatting=sum(r.schatting for r in rijen),
                ondergrens=som([r.ondergrens for r in rijen]),
                bovengrens=som([r.bovengrens for r in rijen]),
                kinderen=som([r.kinderen for r in rijen]),
            )
        )
    if trend.punten:
        trend.jaar = default_year(model, wijken_van_regios([regio]), [p.jaar for p in trend.punten])
    return trend


# --- goals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoelRegel:
    doel: Doel
    nummer: str  # D1, D2, … as in the regiovisie document
    status: DoelStatus
    laatste_meting: datetime.date | None = None

    @property
    def woorden(self) -> str:
        return str(KOERS_WOORDEN[self.status.koers])

    @property
    def indicator(self) -> str:
        d = self.doel
        return d.indicator.naam if d.indicator_id else d.indicator_tekst.strip()

    @property
    def nulmeting(self) -> str:
        """The baseline as the regiovisie document writes it: 40 (2024)."""
        d = self.doel
        if d.nulmeting is None:
            return "—"
        return (
            f"{waarde(d.nulmeting)} ({d.nulmeting_jaar})"
            if d.nulmeting_jaar
            else waarde(d.nulmeting)
        )

    @property
    def streefwaarde(self) -> str:
        d = self.doel
        if d.streefwaarde is None:
            return "—"
        if d.streefjaar:
            return _("%(waarde)s in %(jaar)s") % {
                "waarde": waarde(d.streefwaarde),
                "jaar": d.streefjaar,
            }
        return waarde(d.streefwaarde)


def _doelen(regiovisie: Regiovisie) -> list[Doel]:
    """The goals in the order (and so with the numbers) of the regiovisie document."""
    doelen = list(regiovisie.doelen.select_related("indicator").prefetch_related("metingen"))
    volgorde = {c: i for i, c in enumerate(DoelCategorie.values)}
    doelen.sort(key=lambda d: (volgorde.get(d.categorie, 99), d.volgorde, d.pk))
    return doelen


def doelregels(regiovisie: Regiovisie) -> list[DoelRegel]:
    regels = []
    for i, doel in enumerate(_doelen(regiovisie), start=1):
        metingen = list(doel.metingen.all())
        status = services.doelstatus(doel, metingen)
        regels.append(
            DoelRegel(doel, f"D{i}", status, max((m.datum for m in metingen), default=None))
        )
    return regels


@dataclass(frozen=True)
class Telling:
    """How many goals or actions have one status, with the status in words."""

    code: str
    label: str
    aantal: int


def doeltelling(regels: list[DoelRegel]) -> list[Telling]:
    aantallen = Counter(r.status.koers for r in regels)
    return [Telling(k.value, str(KOERS_WOORDEN[k]), aantallen[k]) for k in KOERS_VOLGORDE]


# --- actions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActieRegel:
    stand: ActieStand
    verwacht: float | None  # the reach expected by today (planned reach × runtime elapsed)

    @property
    def actie(self) -> Actie:
        return self.stand.actie

    @property
    def achterstand(self) -> bool:
        """Far behind on reach (see BEREIK_REGEL)."""
        return (
            self.verwacht is not None
            and self.verwacht >= 1
            and self.stand.status not in (VoortgangStatus.AFGEROND, VoortgangStatus.GESTOPT)
            and self.stand.bereik < float(DREMPEL_BEREIK) * self.verwacht
        )

    @property
    def bereik_procent(self) -> float | None:
        gepland = self.stand.bereik_gepland
        return 100 * self.stand.bereik / gepland if gepland else None


def verwacht_bereik(stand: ActieStand, vandaag: datetime.date) -> float | None:
    """The planned reach in proportion to the runtime elapsed by `vandaag` (all of it once the
    end date is past); None without a planned reach or an end date."""
    actie = stand.actie
    if not stand.bereik_gepland or actie.eind is None:
        return None
    if actie.start and actie.eind > actie.start:
        verstreken = (vandaag - actie.start).days / (actie.eind - actie.start).days
        aandeel = min(max(verstreken, 0.0), 1.0)
    else:
        aandeel = 1.0 if vandaag > actie.eind else 0.0
    return stand.bereik_gepland * aandeel


def actietelling(standen: list[ActieStand]) -> list[Telling]:
    aantallen = Counter(s.status for s in standen)
    tellingen = [Telling(s.value, str(s.label), aantallen[s.value]) for s in STATUS_VOLGORDE]
    if aantallen[None]:
        tellingen.append(Telling("", _("nog niets vastgelegd"), aantallen[None]))
    return tellingen


# --- what needs a decision ----------------------------------------------------------------------


@dataclass(frozen=True)
class Besluitpunt:
    """One thing the bestuurder should decide on, with the page where it is handled."""

    soort: str
    tekst: str
    url: str
    link: str


def _besluiten(
    regiovisie: Regiovisie,
    doelen: list[DoelRegel],
    acties: list[ActieRegel],
    verlopen: list[Actie],
    register: list[RegisterRegel],
    zonder_meting: list[Doel],
) -> list[Besluitpunt]:
    pk = regiovisie.pk
    nummers = {r.doel.pk: r.nummer for r in doelen}
    punten = []

    def doel_url(doel: Doel) -> str:
        return reverse("monitoring:doel", args=[pk, doel.pk])

    def actie_url(actie: Actie) -> str:
        return reverse("monitoring:actie", args=[pk, actie.pk])

    for r in doelen:
        if r.status.koers == Koers.ACHTER:
            punten.append(
                Besluitpunt(
                    "doel_achter",
                    _("Doel %(nr)s (‘%(doel)s’) ligt achter op schema. %(zin)s")
                    % {"nr": r.nummer, "doel": r.doel, "zin": r.status.zin},
                    doel_url(r.doel),
                    _("Naar het doel"),
                )
            )
    for actie in verlopen:
        punten.append(
            Besluitpunt(
                "actie_verlopen",
                _(
                    "De actie ‘%(actie)s’ had op %(eind)s klaar moeten zijn, maar is niet als "
                    "afgerond of gestopt gemeld. Verlengen, afronden of stoppen?"
                )
                % {"actie": actie.naam, "eind": datum(actie.eind)},
                actie_url(actie),
                _("Naar de actie"),
            )
        )
    for a in acties:
        if a.stand.status == VoortgangStatus.GESTOPT:
            punten.append(
                Besluitpunt(
                    "actie_gestopt",
                    _(
                        "De actie ‘%(actie)s’ is gestopt. Is er een vervanger nodig voor wat zij "
                        "zou bereiken?"
                    )
                    % {"actie": a.actie.naam},
                    actie_url(a.actie),
                    _("Naar de actie"),
                )
            )
    for a in acties:
        if a.achterstand:
            punten.append(
                Besluitpunt(
                    "bereik",
                    _(
                        "De actie ‘%(actie)s’ bereikte %(bereik)s gezinnen, waar naar rato van de "
                        "looptijd %(verwacht)s te verwachten was (gepland: %(gepland)s)."
                    )
                    % {
                        "actie": a.actie.naam,
                        "bereik": getal(a.stand.bereik),
                        "verwacht": getal(a.verwacht),
                        "gepland": getal(a.stand.bereik_gepland),
                    },
                    actie_url(a.actie),
                    _("Naar de actie"),
                )
            )
    for regel in register:
        if regel.voldaan is False:
            punten.append(
                Besluitpunt(
                    "sturing",
                    _(
                        "Bij de laatste controle (%(datum)s) was niet voldaan aan ‘%(eis)s’ "
                        "(%(instrument)s, %(partner)s, actie ‘%(actie)s’)."
                    )
                    % {
                        "datum": datum(regel.laatste_check.datum),
                        "eis": regel.eis.eis,
                        "instrument": regel.instrument.get_soort_display().lower(),
                        "partner": regel.partner,
                        "actie": regel.actie.naam,
                    },
                    reverse("monitoring:sturing", args=[pk]),
                    _("Naar het sturingsregister"),
                )
            )
    for doel in zonder_meting:
        tekst = (
            _("Doel %(nr)s (‘%(doel)s’) heeft sinds %(datum)s geen nieuwe meting.")
            % {
                "nr": nummers.get(doel.pk, ""),
                "datum": datum(doel.laatste_meting),
                "doel": doel,
            }
            if doel.laatste_meting
            else _("Doel %(nr)s (‘%(doel)s’) is nog nooit gemeten.")
            % {"nr": nummers.get(doel.pk, ""), "doel": doel}
        )
        punten.append(Besluitpunt("meting", tekst, doel_url(doel), _("Naar het doel")))
    return punten


# --- the page -------------------------------------------------------------------------------


@dataclass
class BestuurlijkOverzicht:
    regiovisie: Regiovisie
    vandaag: datetime.date
    trend: Schattingstrend
    doelen: list[DoelRegel] = field(default_factory=list)
    doeltelling: list[Telling] = field(default_factory=list)
    acties: list[ActieRegel] = field(default_factory=list)
    actietelling: list[Telling] = field(default_factory=list)
    verlopen: list[Actie] = field(default_factory=list)
    sos: list[Cel] = field(default_factory=list)
    sos_onderdrukt: list[Cel] = field(default_factory=list)
    sos_regels: list[SosRegel] = field(default_factory=list)
    besluiten: list[Besluitpunt] = field(default_factory=list)
    statusregel: str = ""
    bereikregel: str = ""

    @property
    def regio(self) -> Regio:
        return self.regiovisie.regio

    @property
    def is_vastgesteld(self) -> bool:
        return self.regiovisie.is_vastgesteld

    @property
    def sos_te_klein(self) -> list[SosRegel]:
        return [r for r in self.sos_regels if r.onderdrukt and r.te_klein]

    @property
    def sos_afgeschermd(self) -> list[SosRegel]:
        """Hidden although large enough: they would let a small one be worked back."""
        return [r for r in self.sos_regels if r.onderdrukt and not r.te_klein]

    @property
    def achter(self) -> list[DoelRegel]:
        return [r for r in self.doelen if r.status.koers == Koers.ACHTER]

    @property
    def met_bereikplan(self) -> list[ActieRegel]:
        return [a for a in self.acties if a.stand.bereik_gepland]

    @property
    def bereik(self) -> int:
        """Families reached by the actions that have a planned reach (compared with the plan)."""
        return sum(a.stand.bereik for a in self.met_bereikplan)

    @property
    def bereik_gepland(self) -> int:
        return sum(a.stand.bereik_gepland for a in self.met_bereikplan)

    @property
    def bereik_procent(self) -> float | None:
        return 100 * self.bereik / self.bereik_gepland if self.bereik_gepland else None

    @property
    def budget(self) -> str:
        totaal = sum((a.stand.budget for a in self.acties if a.stand.budget), Decimal(0))
        return euro(totaal) if totaal else ""

    @property
    def budget_besteed(self) -> str:
        """Empty while nothing is reported as spent, like the rows ("—", not "€ 0")."""
        totaal = sum((a.stand.budget_besteed or Decimal(0) for a in self.acties), Decimal(0))
        return euro(totaal) if totaal else ""

    @property
    def samenvatting(self) -> str:
        """The opening sentence: goals behind, overdue actions and decisions, counted."""
        delen = [
            ngettext(
                "%(n)s van de %(t)s doel ligt achter",
                "%(n)s van de %(t)s doelen liggen achter",
                len(self.doelen),
            )
            % {"n": len(self.achter), "t": len(self.doelen)},
            ngettext(
                "%(n)s actie is over haar einddatum",
                "%(n)s acties zijn over hun einddatum",
                len(self.verlopen),
            )
            % {"n": len(self.verlopen)},
            ngettext(
                "%(n)s punt vraagt een besluit",
                "%(n)s punten vragen een besluit",
                len(self.besluiten),
            )
            % {"n": len(self.besluiten)},
        ]
        return _("%(a)s; %(b)s; %(c)s.") % {"a": delen[0], "b": delen[1], "c": delen[2]}


def sos_cellen(regio: Regio) -> tuple[list[Cel], list[Cel]]:
    """Signs of Safety per intervention for the regio: the cells that may be shown, and those
    suppressed (fewer than 5 trajectories; only their names and "< 5" may be shown)."""
    cellen = services.sos_aggregaten(SosScore.objects.filter(regio=regio), per=("interventie",))
    return [c for c in cellen if not c.onderdrukt], [c for c in cellen if c.onderdrukt]


@dataclass(frozen=True)
class SosVerandering:
    """The change from start to afsluiting of one perspective, as it may be shown."""

    perspectief: str
    gemiddelde: str  # "+1,8"; "< 5" when suppressed
    interval: str  # "0,9 tot 2,7"; "—" without one
    n: str


@dataclass(frozen=True)
class SosRegel:
    """One intervention in the Signs of Safety table; a suppressed one carries no number."""

    interventie: str
    n: str
    veranderingen: list[SosVerandering]
    onderdrukt: bool
    te_klein: bool = False  # suppressed for its own size ("< 5"), not to protect another cell


def _teken(cel: Cell) -> str:
    """A change with its sign: +1,8 and -0,4 (0 without)."""
    if not cel.toonbaar or cel.waarde <= 0:
        return cel.label
    return f"+{cel.label}"


def sos_regels(cellen: list[Cel]) -> list[SosRegel]:
    """The cells as table rows: only labels that passed disclosure control; nothing at all of
    a suppressed cell but its name and "< 5"."""
    regels = []
    for c in cellen:
        if c.onderdrukt:
            te_klein = not c.afgeschermd
            regels.append(SosRegel(c.interventie or "", c.n.label, [], True, te_klein))
            continue
        veranderingen = []
        for p in Perspectief:
            v = c.verandering[p.value]
            tussen = (
                _("%(a)s tot %(b)s") % {"a": _teken(v.ondergrens), "b": _teken(v.bovengrens)}
                if v.ondergrens.toonbaar and v.bovengrens.toonbaar
                else "—"
            )
            veranderingen.append(
                SosVerandering(str(p.label), _teken(v.gemiddelde), tussen, v.n.label)
            )
        regels.append(SosRegel(c.interventie or "", c.n.label, veranderingen, False))
    return regels


def bestuurlijk_overzicht(regiovisie: Regiovisie, vandaag: datetime.date) -> BestuurlijkOverzicht:
    """Everything the wethouder's page shows (see the module docstring). For a regiovisie that is
    not vastgesteld only the estimate trend: monitoring starts after vaststelling."""
    overzicht = BestuurlijkOverzicht(
        regiovisie=regiovisie,
        vandaag=vandaag,
        trend=schattingstrend(regiovisie.regio),
        statusregel=str(services.STATUSREGEL),
        bereikregel=str(BEREIK_REGEL),
    )
    if not regiovisie.is_vastgesteld:
        return overzicht
    overzicht.doelen = doelregels(regiovisie)
    overzicht.doeltelling = doeltelling(overzicht.doelen)
    standen = services.actiestanden(regiovisie, vandaag)
    overzicht.acties = [ActieRegel(s, verwacht_bereik(s, vandaag)) for s in standen]
    overzicht.actietelling = actietelling(standen)
    overzicht.verlopen = list(services.verlopen_acties(regiovisie, vandaag))
    overzicht.sos, overzicht.sos_onderdrukt = sos_cellen(regiovisie.regio)
    overzicht.sos_regels = sos_regels(overzicht.sos + overzicht.sos_onderdrukt)
    overzicht.besluiten = _besluiten(
        regiovisie,
        overzicht.doelen,
        overzicht.acties,
        overzicht.verlopen,
        services.sturingsregister(regiovisie),
        services.doelen_zonder_recente_meting(regiovisie, vandaag),
    )
    return overzicht


# --- the annual report ------------------------------------------------------------------------


@dataclass(frozen=True)
class Kwartaal:
    periode: str
    status: str
    bereik: int | None
    budget_besteed: str
    opmerking: str


@dataclass(frozen=True)
class Les:
    """The evaluation of the plan, a goal or an action: goed / beter / ontwikkelen."""

    onderwerp: str
    goed: str
    beter: str
    ontwikkelen: str


@dataclass(frozen=True)
class IndicatorDanNu:
    """A goal's catalogue indicator for the regio then (its first year) and now (its last)."""

    nummer: str
    indicator: str
    dan_jaar: int
    dan: str
    nu_jaar: int
    nu: str


@dataclass
class Jaarrapport:
    overzicht: BestuurlijkOverzicht
    doelen: list[tuple[DoelRegel, list[Meting]]] = field(default_factory=list)
    acties: list[tuple[ActieRegel, list[Kwartaal]]] = field(default_factory=list)
    register: list[RegisterRegel] = field(default_factory=list)
    schets_dan: Situatieschets | None = None
    schets_nu: Situatieschets | None = None
    indicatoren: list[IndicatorDanNu] = field(default_factory=list)
    lessen: list[Les] = field(default_factory=list)
    inhoud: list[Kop] = field(default_factory=list)
    koppen: dict[str, Kop] = field(default_factory=dict)

    @property
    def gemeenten_dan_nu(self) -> list[tuple[str, GemeenteSchets | None, GemeenteSchets | None]]:
        """Per member gemeente its estimate in the year the plan started from and now."""
        if not self.schets_nu:
            return []
        dan = {g.code: g for g in (self.schets_dan.gemeenten if self.schets_dan else [])}
        return [(g.naam, dan.get(g.code), g) for g in self.schets_nu.gemeenten]

    @property
    def zelfde_jaar(self) -> bool:
        return bool(
            self.schets_dan and self.schets_nu and self.schets_dan.jaar == self.schets_nu.jaar
        )


def _jaar_dan(regiovisie: Regiovisie, trend: Schattingstrend) -> int | None:
    """The estimate year the plan started from: the newest year up to the year of the regiovisie
    (or of its earliest nulmeting, when that is earlier)."""
    nuljaren = [d.nulmeting_jaar for d in regiovisie.doelen.all() if d.nulmeting_jaar]
    grens = min([regiovisie.jaar, *nuljaren])
    jaren = [p.jaar for p in trend.punten if p.jaar <= grens]
    return max(jaren) if jaren else (trend.punten[0].jaar if trend.punten else None)


def _indicatoren(doelen: list[DoelRegel]) -> list[IndicatorDanNu]:
    uit = []
    for r in doelen:
        if not r.doel.indicator_id:
            continue
        waarden = services.regiowaarden(r.doel)
        if not waarden:
            continue
        decimalen = r.doel.indicator.decimalen
        jaren = sorted(waarden)
        uit.append(
            IndicatorDanNu(
                nummer=r.nummer,
                indicator=r.doel.indicator.naam,
                dan_jaar=jaren[0],
                dan=getal(waarden[jaren[0]][0], decimalen),
                nu_jaar=jaren[-1],
                nu=getal(waarden[jaren[-1]][0], decimalen),
            )
        )
    return uit


def _lessen(regiovisie: Regiovisie, doelen: list[DoelRegel]) -> list[Les]:
    nummers = {r.doel.pk: r.nummer for r in doelen}
    evaluaties = list(
        Evaluatie.objects.filter(regiovisie=regiovisie).select_related("doel", "actie")
    )
    evaluaties.sort(
        key=lambda e: (
            e.doel_id is not None,
            e.actie_id is not None,
            nummers.get(e.doel_id, ""),
            e.pk,
        )
    )
    lessen = []
    for e in evaluaties:
        if e.doel_id:
            onderwerp = _("Doel %(nr)s: %(doel)s") % {
                "nr": nummers.get(e.doel_id, ""),
                "doel": e.doel,
            }
        elif e.actie_id:
            onderwerp = _("Actie: %(actie)s") % {"actie": e.actie.naam}
        else:
            onderwerp = _("De regiovisie als geheel")
        if e.wat_ging_goed or e.wat_kan_beter or e.hoe_ontwikkelen:
            lessen.append(Les(onderwerp, e.wat_ging_goed, e.wat_kan_beter, e.hoe_ontwikkelen))
    return lessen


def jaarrapport(regiovisie: Regiovisie, vandaag: datetime.date) -> Jaarrapport:
    """Everything the annual monitor report shows: the page's overview plus the detail per goal
    and action, Stap 1's figures then and now, the steering register and the lessons learned."""
    overzicht = bestuurlijk_overzicht(regiovisie, vandaag)
    rapport = Jaarrapport(overzicht=overzicht)
    inhoud = Inhoud()
    for sleutel, titel in (
        ("samenvatting", _("Samenvatting")),
        ("doelen", _("Resultaten per doel")),
        ("acties", _("Resultaten per actie")),
        ("stap1", _("De cijfers van Stap 1: toen en nu")),
        ("sturing", _("Sturingsregister")),
        ("sos", _("Signs of Safety")),
        ("lessen", _("Lessen voor de volgende cyclus")),
    ):
        if sleutel == "samenvatting" or regiovisie.is_vastgesteld:
            rapport.koppen[sleutel] = inhoud.hoofdstuk(f"h-{sleutel}", titel)
    rapport.inhoud = inhoud.regels
    if not regiovisie.is_vastgesteld:
        return rapport
    rapport.doelen = [
        (r, sorted(r.doel.metingen.all(), key=lambda m: (m.datum, m.herkomst)))
        for r in overzicht.doelen
    ]
    per_actie: dict[int, list[Kwartaal]] = defaultdict(list)
    for v in ActieVoortgang.objects.filter(actie__regiovisie=regiovisie).order_by("periode"):
        per_actie[v.actie_id].append(
            Kwartaal(
                periode=v.periode.replace("-K", " K"),
                status=v.get_status_display(),
                bereik=v.bereik,
                budget_besteed=euro(v.budget_besteed),
                opmerking=v.opmerking,
            )
        )
    rapport.acties = [(a, per_actie.get(a.actie.pk, [])) for a in overzicht.acties]
    rapport.register = services.sturingsregister(regiovisie)
    trend = overzicht.trend
    dan = _jaar_dan(regiovisie, trend)
    rapport.schets_dan = situatieschets(regiovisie.regio, jaar=dan) if dan else None
    rapport.schets_nu = situatieschets(regiovisie.regio, jaar=trend.jaar) if trend.jaar else None
    rapport.indicatoren = _indicatoren(overzicht.doelen)
    rapport.lessen = _lessen(regiovisie, overzicht.doelen)
    return rapport
