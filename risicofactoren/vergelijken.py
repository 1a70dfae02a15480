"""Compare two to five wijken (or gemeenten) side by side: plain data for the page, CSV and figure.

Every number leaves here as a `portal.disclosure.Cell`, so the template, the CSV and the figure's
JSON (risicofactoren/charts_vergelijken.py) only ever see what may be shown: "geheim" for a CBS
".", "< 5" for a count below the indicator's minimum cell size, "—" for a missing value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from portal.csv_export import escape_cell
from portal.disclosure import Cell, cell, indicator_cell
from portal.models import Regio, RegioGemeente
from wijken.models import Eenheid, Gebied, Indicator, IndicatorWaarde, Richting, Soort, WaardeStatus

from .dashboards import NOEMER_INWONERS
from .models import PrevalentieModel, Schatting

MIN_GEBIEDEN = 2
MAX_GEBIEDEN = 5
SCHATTING = "schatting"  # the key of the estimate's row; indicator rows use the indicator code
RICHTING_VOLGORDE = {Richting.RISICO: 0, Richting.BESCHERMEND: 1, Richting.NEUTRAAL: 2}


# --- what a member may choose -----------------------------------------------------------------


def own_gemeenten(regios: QuerySet[Regio] | Iterable[Regio]) -> list[Gebied]:
    """The gemeenten of these regio's, by name; the regio's name when CBS gave none."""
    namen = dict(
        RegioGemeente.objects.filter(regio__in=regios).order_by().values_list("code", "naam")
    )
    gemeenten = list(Gebied.objects.filter(code__in=list(namen), soort=Soort.GEMEENTE))
    for g in gemeenten:
        g.naam = g.naam or namen.get(g.code) or g.code
    gemeenten.sort(key=lambda g: (g.naam.lower(), g.code))
    return gemeenten


def years(gemeenten: Sequence[Gebied], model: PrevalentieModel | None) -> list[int]:
    """The years with an estimate for at least one of these gemeenten, oldest first."""
    if model is None or not gemeenten:
        return []
    return sorted(
        Schatting.objects.filter(model=model, gebied__in=gemeenten)
        .order_by()
        .values_list("jaar", flat=True)
        .distinct()
    )


def default_year(jaren: Sequence[int], model: PrevalentieModel | None) -> int | None:
    """The most recent year calibrated on the whole country, else the most recent one (as the
    dashboards choose)."""
    if not jaren:
        return None
    landelijk = set(
        Schatting.objects.filter(model=model, gebied__soort=Soort.LAND, schatting__isnull=False)
        .order_by()
        .values_list("jaar", flat=True)
    )
    return max((j for j in jaren if j in landelijk), default=jaren[-1])


def wijken_in_year(gemeenten: Sequence[Gebied], jaar: int | None) -> list[Gebied]:
    """The wijken of these gemeenten as CBS drew them in `jaar` (all of them without a year)."""
    qs = Gebied.objects.filter(gemeente__in=gemeenten, soort=Soort.WIJK).select_related("gemeente")
    if jaar is not None:
        qs = qs.filter(Q(geldig_vanaf__isnull=True) | Q(geldig_vanaf__lte=jaar)).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=jaar)
        )
    return list(qs.order_by("naam", "code"))


def indicators_with_values(gebied_ids: Iterable[int], jaar: int | None) -> list[Indicator]:
    """Catalogue indicators with at least one value (or a secret one) for these gebieden in
    `jaar`: risk factors first, then protective ones, then the rest, each by name."""
    if jaar is None:
        return []
    ids = (
        IndicatorWaarde.objects.filter(periode=jaar, gebied_id__in=list(gebied_ids))
        .filter(Q(waarde__isnull=False) | Q(status=WaardeStatus.GEHEIM))
        .order_by()
        .values_list("indicator_id", flat=True)
        .distinct()
    )
    indicatoren = list(Indicator.objects.filter(pk__in=ids))
    indicatoren.sort(key=lambda i: (RICHTING_VOLGORDE.get(i.richting, 3), i.naam.lower()))
    return indicatoren


def default_indicators(indicatoren: Iterable[Indicator]) -> list[Indicator]:
    """The risk and protective indicators among these (the page's default choice)."""
    return [i for i in indicatoren if i.richting in (Richting.RISICO, Richting.BESCHERMEND)]


# --- the comparison ---------------------------------------------------------------------------


@dataclass
class Kolom:
    """One gebied of the comparison (a column of the table, a bar in each chart)."""

    code: str
    naam: str
    soort: str
    gemeente: str  # the name of its gemeente ("" for a gemeente itself)
    gemeente_code: str  # the code of its gemeente (its own code for a gemeente)
    label: str = ""  # the name as shown: unique among the columns


@dataclass
class Rij:
    """One indicator of the comparison: a cell per gebied, in the order of the columns."""

    sleutel: str
    naam: str
    eenheid: str
    richting: str  # Richting value, or "" for the estimate
    cellen: list[Cell]
    decimalen: int = 1
    # The estimate's 95 % interval per 1000 kinderen, per gebied (only on the estimate's row).
    intervallen: list[tuple[Cell, Cell]] | None = None

    @property
    def richting_label(self) -> str:
        return {
            Richting.RISICO: _("risicofactor"),
            Richting.BESCHERMEND: _("beschermende factor"),
        }.get(self.richting, "")


@dataclass
class Vergelijking:
    jaar: int
    model: PrevalentieModel
    gebieden: list[Kolom]
    rijen: list[Rij] = field(default_factory=list)
    zonder_schatting: list[tuple[Kolom, str]] = field(default_factory=list)
    zonder_cijfers: list[Indicator] = field(default_factory=list)

    @property
    def namen(self) -> str:
        """The gebieden as a Dutch enumeration: "A, B en C"."""
        labels = [k.label for k in self.gebieden]
        if len(labels) < 2:
            return "".join(labels)
        return ", ".join(labels[:-1]) + _(" en ") + labels[-1]


def _kolommen(gebieden: Sequence[Gebied], gemeentenamen: dict[int, str]) -> list[Kolom]:
    kolommen = []
    for g in gebieden:
        if g.soort == Soort.GEMEENTE:
            naam = gemeentenamen.get(g.pk) or g.naam or g.code
            kolommen.append(Kolom(g.code, naam, g.soort, "", g.code))
        else:
            gemeente = g.gemeente if g.gemeente_id else None
            kolommen.append(
                Kolom(
                    g.code,
                    g.naam or g.code,
                    g.soort,
                    gemeentenamen.get(g.gemeente_id) or (gemeente.naam if gemeente else ""),
                    gemeente.code if gemeente else "",
                )
            )
    # Two wijken called "Centrum" in different gemeenten get their gemeente; else their code.
    for k in kolommen:
        k.label = k.naam
    for extra in ((lambda k: k.gemeente), (lambda k: k.code)):
        namen = [k.label for k in kolommen]
        for k in kolommen:
            if namen.count(k.label) > 1 and extra(k):
                k.label = f"{k.label} ({extra(k)})"
    return kolommen


def _estimate_row(
    gebieden: Sequence[Gebied], kolommen: Sequence[Kolom], jaar: int, model: PrevalentieModel
) -> tuple[Rij, list[tuple[Kolom, str]]]:
    schattingen = {
        s.gebied_id: s
        for s in Schatting.objects.filter(model=model, jaar=jaar, gebied__in=list(gebieden))
    }
    cellen, intervallen, zonder = [], [], []
    for g, kolom in zip(gebieden, kolommen, strict=True):
        s = schattingen.get(g.pk)
        geldig = s is not None and s.schatting is not None and s.per_1000 is not None
        cellen.append(cell(s.per_1000 if geldig else None, decimalen=1))
        if geldig and s.kinderen and s.ondergrens is not None and s.bovengrens is not None:
            intervallen.append(
                (
                    cell(1000 * s.ondergrens / s.kinderen, decimalen=1),
                    cell(1000 * s.bovengrens / s.kinderen, decimalen=1),
                )
            )
        else:
            intervallen.append((cell(None), cell(None)))
        if not geldig:
            zonder.append((kolom, (s.reden if s else "") or _("Geen schatting voor dit jaar.")))
    rij = Rij(
        sleutel=SCHATTING,
        naam=_("Geschatte mishandeling"),
        eenheid=_("per 1000 kinderen"),
        richting="",
        cellen=cellen,
        decimalen=1,
        intervallen=intervallen,
    )
    return rij, zonder


def _indicator_rows(
    gebieden: Sequence[Gebied], jaar: int, indicatoren: Sequence[Indicator]
) -> tuple[list[Rij], list[Indicator]]:
    """Counts become per 1000 inwoners (as dashboards.comparisons does), so that gebieden of a
    different size compare; a count that may not be shown stays hidden, also as a rate."""
    ids = [g.pk for g in gebieden]
    codes = [i.code for i in indicatoren]
    waarden: dict[tuple[str, int], tuple[float | None, str]] = {}
    inwoners: dict[int, float] = {}
    for gebied_id, code, waarde, status in IndicatorWaarde.objects.filter(
        periode=jaar, gebied_id__in=ids, indicator__code__in=[*codes, NOEMER_INWONERS]
    ).values_list("gebied_id", "indicator__code", "waarde", "status"):
        if waarde is not None or status == WaardeStatus.GEHEIM:
            waarden[(code, gebied_id)] = (waarde, status)
        if code == NOEMER_INWONERS and status == WaardeStatus.OK and waarde:
            inwoners[gebied_id] = waarde
    rijen, zonder = [], []
    for indicator in indicatoren:
        if not any((indicator.code, i) in waarden for i in ids):
            zonder.append(indicator)
            continue
        per_1000 = indicator.eenheid == Eenheid.AANTAL and indicator.code != NOEMER_INWONERS
        cellen = []
        for gebied_id in ids:
            waarde, status = waarden.get(
                (indicator.code, gebied_id), (None, WaardeStatus.ONTBREEKT)
            )
            ruw = indicator_cell(indicator, waarde, status)
            if not per_1000 or not ruw.toonbaar:
                cellen.append(ruw)
            elif inwoners.get(gebied_id):
                cellen.append(cell(1000 * waarde / inwoners[gebied_id], decimalen=1))
            else:
                cellen.append(cell(None))
        rijen.append(
            Rij(
                sleutel=indicator.code,
                naam=indicator.naam,
                eenheid=_("per 1000 inwoners") if per_1000 else indicator.get_eenheid_display(),
                richting=indicator.richting,
                cellen=cellen,
                decimalen=1 if per_1000 else indicator.decimalen,
            )
        )
    return rijen, zonder


def compare(
    gebieden: Sequence[Gebied],
    jaar: int,
    model: PrevalentieModel,
    indicatoren: Sequence[Indicator],
    gemeentenamen: dict[int, str] | None = None,
) -> Vergelijking:
    """The estimate per 1000 kinderen first, then the chosen indicators, for these gebieden (in
    this order) in `jaar`. Indicators without any value for these gebieden are left out and
    listed in `zonder_cijfers`. `gemeentenamen` (gebied id → name) names gemeenten that CBS
    left unnamed."""
    gemeentenamen = gemeentenamen or {}
    kolommen = _kolommen(gebieden, gemeentenamen)
    schatting, zonder_schatting = _estimate_row(gebieden, kolommen, jaar, model)
    indicatoren = sorted(
        indicatoren, key=lambda i: (RICHTING_VOLGORDE.get(i.richting, 3), i.naam.lower())
    )
    rijen, zonder_cijfers = _indicator_rows(gebieden, jaar, indicatoren)
    return Vergelijking(
        jaar=jaar,
        model=model,
        gebieden=kolommen,
        rijen=[schatting, *rijen],
        zonder_schatting=zonder_schatting,
        zonder_cijfers=zonder_cijfers,
    )


# --- the CSV ----------------------------------------------------------------------------------


def _csv_getal(c: Cell, decimalen: int) -> str:
    """A number as Dutch spreadsheets read it with `;` (decimal comma, no grouping); what may not
    be shown as its label ("geheim", "< 5"), and empty when there is no value."""
    if c.toonbaar:
        return f"{c.waarde:.{decimalen}f}".replace(".", ",")
    return c.label if c.onderdrukt else ""


def table_rows(vergelijking: Vergelijking) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the CSV: the table of the page, one row per indicator (the estimate's
    interval as two rows of its own), one column per gebied. Names are escaped against formula
    injection here too, because `rows_to_csv` writes the header as it is."""
    header = [
        "indicator",
        "eenheid",
        "richting",
        *(str(escape_cell(f"{k.label} ({k.code})")) for k in vergelijking.gebieden),
    ]
    uit: list[list[object]] = []
    for rij in vergelijking.rijen:
        uit.append(
            [
                rij.naam,
                rij.eenheid,
                rij.richting_label,
                *(_csv_getal(c, rij.decimalen) for c in rij.cellen),
            ]
        )
        if rij.intervallen is not None:
            for i, naam in enumerate((_("ondergrens 95%-interval"), _("bovengrens 95%-interval"))):
                uit.append(
                    [
                        f"{rij.naam}, {naam}",
                        rij.eenheid,
                        "",
                        *(_csv_getal(paar[i], rij.decimalen) for paar in rij.intervallen),
                    ]
                )
    return header, uit
