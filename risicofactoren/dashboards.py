"""The wethouder's dashboards: what a gemeente and a wijk look like, as plain data.

Every number leaves here through `portal.disclosure`, so the views, the CSV downloads and the
figures (risicofactoren/charts.py) only ever see what may be shown.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.disclosure import Cell, cell, indicator_cell, shown
from wijken.models import (
    Eenheid,
    Gebied,
    GebiedJaar,
    Indicator,
    IndicatorWaarde,
    Richting,
    Soort,
    WaardeStatus,
)

from . import services
from .models import PrevalentieModel, Schatting

HOOG = 1.5  # "meer dan anderhalf keer het landelijke niveau"
NOEMER_INWONERS = "inwoners"
MIN_INWONERS_SPREIDING = 200


def _getal(waarde: float, decimalen: int = 1) -> str:
    return number_format(waarde, decimalen, use_l10n=True, force_grouping=True)


@dataclass
class WijkRij:
    """One wijk of the overview: the estimate as it may be shown."""

    code: str
    naam: str
    kinderen: Cell
    schatting: Cell
    ondergrens: Cell
    bovengrens: Cell
    per_1000: Cell
    ratio: float | None
    reden: str = ""

    @property
    def geschat(self) -> bool:
        return self.per_1000.toonbaar


@dataclass
class Overzicht:
    gemeente: Gebied
    jaar: int | None
    model: PrevalentieModel
    jaren: list[int]
    eigen: Schatting | None
    landelijk: float | None
    rijen: list[WijkRij] = field(default_factory=list)
    grenzen: dict[str, Any] | None = None

    @property
    def geschatte_rijen(self) -> list[WijkRij]:
        return [r for r in self.rijen if r.geschat]


def _rij(s: Schatting) -> WijkRij:
    geldig = s.schatting is not None
    return WijkRij(
        code=s.gebied.code,
        naam=s.gebied.naam or s.gebied.code,
        kinderen=cell(s.kinderen),
        schatting=cell(s.schatting if geldig else None, decimalen=1),
        ondergrens=cell(s.ondergrens if geldig else None, decimalen=1),
        bovengrens=cell(s.bovengrens if geldig else None, decimalen=1),
        per_1000=cell(s.per_1000 if geldig else None, decimalen=1),
        ratio=s.ratio if geldig else None,
        reden=s.reden,
    )


def national_rate(jaar: int, model: PrevalentieModel) -> float | None:
    """The rate the country has in the estimate of that year (the calibrated base rate)."""
    return (
        Schatting.objects.filter(model=model, jaar=jaar, gebied__soort=Soort.LAND)
        .values_list("per_1000", flat=True)
        .first()
    )


def national_rates(model: PrevalentieModel) -> dict[int, float | None]:
    """`national_rate` of every year that has one, in one query."""
    return dict(
        Schatting.objects.filter(model=model, gebied__soort=Soort.LAND).values_list(
            "jaar", "per_1000"
        )
    )


def boundaries(gebieden: list[str], jaar: int) -> dict[str, Any] | None:
    """GeoJSON of these gebieden as drawn in that year; None when that year has no boundaries."""
    rijen = GebiedJaar.objects.filter(
        gebied__code__in=gebieden, jaar=jaar, geometrie__isnull=False
    ).values_list("gebied__code", "geometrie")
    features = [
        {"type": "Feature", "id": code, "properties": {"code": code}, "geometry": geometrie}
        for code, geometrie in rijen
    ]
    return {"type": "FeatureCollection", "features": features} if features else None


def gemeente_overview(
    gemeente: Gebied, jaar: int | None, model: PrevalentieModel, niveau: str = Soort.WIJK
) -> Overzicht:
    """The estimate of every wijk of a gemeente in one year, highest rate first."""
    jaren = services.years_estimated(gemeente, model)
    if jaar not in jaren:
        jaar = jaren[-1] if jaren else None
    overzicht = Overzicht(gemeente, jaar, model, jaren, None, None)
    if jaar is None:
        return overzicht
    overzicht.eigen, delen = services.estimates_for_gemeente(gemeente, jaar, model, niveau)
    overzicht.landelijk = national_rate(jaar, model)
    overzicht.rijen = [_rij(s) for s in delen]
    overzicht.grenzen = boundaries([r.code for r in overzicht.geschatte_rijen], jaar)
    return overzicht


def summary(overzicht: Overzicht) -> str:
    """One Dutch sentence that answers "where are children most at risk?"."""
    rijen = overzicht.geschatte_rijen
    if not rijen:
        return _("Voor dit jaar zijn er geen schattingen per wijk.")
    if not overzicht.landelijk:
        hoogste = rijen[0]
        return _(
            "Het hoogst is de geschatte prevalentie in %(naam)s: %(rate)s per 1000 kinderen. "
            "Voor dit jaar is er geen landelijk cijfer om mee te vergelijken."
        ) % {"naam": hoogste.naam, "rate": hoogste.per_1000.label}
    hoog = [r for r in rijen if r.per_1000.waarde >= HOOG * overzicht.landelijk]
    if hoog:
        namen = [f"{r.naam} ({r.per_1000.label})" for r in hoog[:5]]
        opsomming = namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + _(" en ") + namen[-1]
        if len(hoog) > 5:
            opsomming += _(" en nog %(n)s") % {"n": len(hoog) - 5}
        return ngettext(
            "In %(n)s van de %(totaal)s wijken ligt de geschatte prevalentie meer dan anderhalf "
            "keer boven het landelijke niveau (%(nl)s per 1000 kinderen): %(wijken)s.",
            "In %(n)s van de %(totaal)s wijken ligt de geschatte prevalentie meer dan anderhalf "
            "keer boven het landelijke niveau (%(nl)s per 1000 kinderen): %(wijken)s.",
            len(hoog),
        ) % {
            "n": len(hoog),
            "totaal": len(rijen),
            "nl": _getal(overzicht.landelijk),
            "wijken": opsomming,
        }
    hoogste = rijen[0]
    return _(
        "In geen van de %(totaal)s wijken ligt de geschatte prevalentie meer dan anderhalf keer "
        "boven het landelijke niveau (%(nl)s per 1000 kinderen); het hoogst is %(naam)s met "
        "%(rate)s per 1000."
    ) % {
        "totaal": len(rijen),
        "nl": _getal(overzicht.landelijk),
        "naam": hoogste.naam,
        "rate": hoogste.per_1000.label,
    }


# --- wijkprofiel ------------------------------------------------------------------------------


@dataclass
class Vergelijking:
    """One indicator of a wijk against its gemeente, the country and the other wijken."""

    indicator: Indicator
    eenheid: str
    wijk: Cell
    gemeente: Cell
    nederland: Cell
    afwijking: str  # "ver boven", "boven", "onder", "ver onder", "" (O&S colouring)
    ongunstig: bool | None  # the direction of the deviation is a risk (True) or protects


def _comparable(
    indicator: Indicator, waarden: dict[int, tuple[float | None, str]], inwoners: dict[int, float]
) -> dict[int, tuple[float | None, str]]:
    """Counts become per 1000 inwoners, so wijken of different size can be compared."""
    if indicator.eenheid != Eenheid.AANTAL:
        return waarden
    uit = {}
    for gebied_id, (waarde, status) in waarden.items():
        n = inwoners.get(gebied_id)
        if waarde is None or not n:
            uit[gebied_id] = (None, status)
        else:
            uit[gebied_id] = (1000 * waarde / n, status)
    return uit


def _pstdev(reeks: list[float]) -> float:
    """`statistics.pstdev` in floats: its exact arithmetic (Fractions) took milliseconds per
    wijkprofiel, for a spread that only decides between "boven" and "ver boven"."""
    gemiddeld = math.fsum(reeks) / len(reeks)
    return math.sqrt(math.fsum((v - gemiddeld) ** 2 for v in reeks) / len(reeks))


def comparisons(wijk: Gebied, jaar: int) -> list[Vergelijking]:
    """Each risk or protective indicator of the wijk against the gemeente, NL and the spread
    of the gemeente's wijken: above or below their mean, and beyond one standard deviation."""
    gemeente = wijk.gemeente
    broers = set(
        Gebied.objects.filter(gemeente=gemeente, soort=wijk.soort).values_list("id", flat=True)
    )
    land = Gebied.objects.filter(soort=Soort.LAND).values_list("id", flat=True).first()
    ids = [*broers, gemeente.pk if gemeente else None, land]
    waarden: dict[int, dict[int, tuple[float | None, str]]] = {}
    inwoners: dict[int, float] = {}
    qs = IndicatorWaarde.objects.filter(
        Q(indicator__richting__in=[Richting.RISICO, Richting.BESCHERMEND])
        | Q(indicator__code=NOEMER_INWONERS),
        periode=jaar,
        gebied_id__in=[i for i in ids if i],
    )
    for gebied_id, indicator_id, code, waarde, status in qs.values_list(
        "gebied_id", "indicator_id", "indicator__code", "waarde", "status"
    ):
        waarden.setdefault(indicator_id, {})[gebied_id] = (waarde, status)
        if code == NOEMER_INWONERS and waarde:
            inwoners[gebied_id] = waarde
    indicatoren = Indicator.objects.filter(
        pk__in=list(waarden), richting__in=[Richting.RISICO, Richting.BESCHERMEND]
    ).order_by("richting", "naam")
    uit = []
    for indicator in indicatoren:
        per_gebied = waarden[indicator.pk]
        if wijk.pk not in per_gebied:
            continue
        vergelijkbaar = _comparable(indicator, per_gebied, inwoners)
        per_1000 = indicator.eenheid == Eenheid.AANTAL
        decimalen = 1 if per_1000 else indicator.decimalen

        def toon(
            gebied_id,
            vergelijkbaar=vergelijkbaar,
            per_gebied=per_gebied,
            indicator=indicator,
            per_1000=per_1000,
            decimalen=decimalen,
        ):
            waarde, status = vergelijkbaar.get(gebied_id, (None, WaardeStatus.ONTBREEKT))
            ruw, _status = per_gebied.get(gebied_id, (None, status))
            if per_1000:  # a small count stays hidden, also as a rate
                if not indicator_cell(indicator, ruw, status).toonbaar:
                    return indicator_cell(indicator, ruw, status)
                return cell(waarde, status, decimalen=decimalen)
            return indicator_cell(indicator, waarde, status)

        def toonbaar(
            gebied_id,
            vergelijkbaar=vergelijkbaar,
            per_gebied=per_gebied,
            per_1000=per_1000,
            minimum=indicator.min_celgrootte,
        ):
            """`toon(gebied_id).toonbaar` without formatting labels (every wijk, every indicator)."""
            waarde, status = vergelijkbaar.get(gebied_id, (None, WaardeStatus.ONTBREEKT))
            if per_1000:  # the count decides, as in toon()
                ruw, _status = per_gebied.get(gebied_id, (None, status))
                return shown(ruw, status, min_celgrootte=minimum) and shown(waarde, status)
            return shown(waarde, status, min_celgrootte=minimum)

        wijk_cel = toon(wijk.pk)
        gemeente_cel = toon(gemeente.pk) if gemeente else cell(None)
        # The spread of the gemeente's wijken; tiny wijken (a few hundred inhabitants, often new
        # or industrial areas) would dominate it with extreme rates.
        reeks = [
            v
            for g, (v, s) in vergelijkbaar.items()
            if g in broers
            and v is not None
            and s == WaardeStatus.OK
            and inwoners.get(g, 0) >= MIN_INWONERS_SPREIDING
            and toonbaar(g)
        ]
        afwijking, ongunstig = "", None
        if wijk_cel.toonbaar and len(reeks) >= 3:
            # As O&S Amsterdam does: against the gemeente as a whole, "ver" beyond one SD.
            referentie = gemeente_cel.waarde if gemeente_cel.toonbaar else statistics.fmean(reeks)
            sd = _pstdev(reeks)
            verschil = wijk_cel.waarde - referentie
            if sd and abs(verschil) > sd:
                afwijking = "ver boven" if verschil > 0 else "ver onder"
            elif verschil:
                afwijking = "boven" if verschil > 0 else "onder"
            if verschil:
                hoger_is_risico = indicator.richting == Richting.RISICO
                ongunstig = (verschil > 0) == hoger_is_risico
        uit.append(
            Vergelijking(
                indicator=indicator,
                eenheid=_("per 1000 inwoners") if per_1000 else indicator.get_eenheid_display(),
                wijk=wijk_cel,
                gemeente=gemeente_cel,
                nederland=toon(land) if land else cell(None),
                afwijking=afwijking,
                ongunstig=ongunstig,
            )
        )
    return uit


@dataclass
class IndicatorReeks:
    """One indicator of a wijk over the years, as it may be shown."""

    indicator: Indicator
    eenheid: str
    waarden: list[Cell]


def indicator_trend(wijk: Gebied) -> tuple[list[int], list[IndicatorReeks]]:
    """The wijk's risk and protective indicators in every year they were imported; counts per
    1000 inhabitants of that year, through disclosure control like the comparisons."""
    rijen = list(
        IndicatorWaarde.objects.filter(gebied=wijk).values_list(
            "indicator_id", "indicator__code", "periode", "waarde", "status"
        )
    )
    inwoners = {p: w for _, code, p, w, _ in rijen if code == NOEMER_INWONERS and w}
    per_indicator: dict[int, dict[int, tuple[float | None, str]]] = {}
    for indicator_id, _code, periode, waarde, status in rijen:
        per_indicator.setdefault(indicator_id, {})[periode] = (waarde, status)
    indicatoren = Indicator.objects.filter(
        pk__in=list(per_indicator), richting__in=[Richting.RISICO, Richting.BESCHERMEND]
    ).order_by("richting", "naam")
    jaren = sorted({p for ind in indicatoren for p in per_indicator[ind.pk]})
    reeksen = []
    for indicator in indicatoren:
        per_jaar = per_indicator[indicator.pk]
        per_1000 = indicator.eenheid == Eenheid.AANTAL
        cellen = []
        for jaar in jaren:
            waarde, status = per_jaar.get(jaar, (None, WaardeStatus.ONTBREEKT))
            ruw = indicator_cell(indicator, waarde, status)
            if per_1000 and ruw.toonbaar and inwoners.get(jaar):
                cellen.append(cell(1000 * waarde / inwoners[jaar], status, decimalen=1))
            elif per_1000 and ruw.toonbaar:
                cellen.append(cell(None))
            else:
                cellen.append(ruw)
        eenheid = _("per 1000 inwoners") if per_1000 else indicator.get_eenheid_display()
        reeksen.append(IndicatorReeks(indicator, eenheid, cellen))
    return jaren, reeksen


def estimate_trend(gebied: Gebied, model: PrevalentieModel) -> list[WijkRij | Any]:
    """The estimate of a gebied in every year that has one, oldest first."""
    rijen = []
    for s in (
        Schatting.objects.filter(gebied=gebied, model=model)
        .select_related("gebied")
        .order_by("jaar")
    ):
        rij = _rij(s)
        rij.jaar = s.jaar
        rijen.append(rij)
    return rijen


def buurten(wijk: Gebied, jaar: int, model: PrevalentieModel) -> list[WijkRij]:
    qs = Schatting.objects.filter(
        model=model, jaar=jaar, gebied__parent=wijk, gebied__soort=Soort.BUURT
    ).select_related("gebied")
    rijen = [_rij(s) for s in qs]
    rijen.sort(key=lambda r: (not r.geschat, -(r.per_1000.waarde or 0), r.code))
    return rijen


def gebieden_of_gemeente(gemeente: Gebied) -> QuerySet[Gebied]:
    return Gebied.objects.filter(gemeente=gemeente, soort=Soort.WIJK).order_by("naam")


# --- the wijkprofiel's tables as CSV ----------------------------------------------------------

PROFIEL_TABELLEN = ("factoren", "trend", "indicatoren", "indicatortrend", "buurten")


def profile_table(tabel: str, profiel: dict[str, Any]) -> tuple[list[str], list[list[object]]]:
    """Header and rows of one table of the wijkprofiel, the same labels the page shows."""
    if tabel == "factoren":
        header = ["factor", "aandeel_hier_pct", "landelijk_pct", "effect_op_risico", "herkomst"]
        return header, [
            [
                f["naam"],
                _getal(f["aandeel"]),
                _getal(f["landelijk"]),
                _getal(f["ratio"], 2),
                f["herkomst"],
            ]  # fmt: skip
            for f in profiel["factoren"]
        ]
    if tabel == "indicatortrend":
        jaren, reeksen = profiel["indicatortrend"]
        return ["indicator", "eenheid", *map(str, jaren)], [
            [r.indicator.naam, r.eenheid, *(c.label for c in r.waarden)] for r in reeksen
        ]
    if tabel == "indicatoren":
        gemeente = profiel["gemeente"].naam
        header = ["indicator", "eenheid", "wijk", gemeente, "nederland", "afwijking"]
        return header, [
            [
                v.indicator.naam,
                v.eenheid,
                v.wijk.label,
                v.gemeente.label,
                v.nederland.label,
                v.afwijking,
            ]  # fmt: skip
            for v in profiel["vergelijkingen"]
        ]
    rijen = profiel["trend"] if tabel == "trend" else profiel["buurten"]
    eerste = "jaar" if tabel == "trend" else "buurt"
    header = [eerste, "kinderen_0_17", "schatting", "ondergrens", "bovengrens", "per_1000", "reden"]
    return header, [
        [
            getattr(r, "jaar", None) if tabel == "trend" else r.naam,
            r.kinderen.label,
            r.schatting.label,
            r.ondergrens.label,
            r.bovengrens.label,
            r.per_1000.label,
            r.reden,
        ]  # fmt: skip
        for r in rijen
    ]
