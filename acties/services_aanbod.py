"""The aanbod inventory and the vraag-aanbod-analyse as the pages show them.

`acties.services.vraag_aanbod` computes need against capacity per wijk; this module chooses the
year, keeps what the chart shows, builds the CSV and records changes to the inventory with their
audit events. Plain functions; views call them with the signed-in user.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from portal import audit
from portal.disclosure import Cell, cell
from portal.models import Regio
from risicofactoren.models import Schatting
from risicofactoren.services import default_model, default_year
from risicofactoren.wijkkennis import wijken_van_regios

from .models import Aanbod
from .services import VraagAanbodRegel, vraag_aanbod

PERM_LEZEN = "portal.view_plannen"
PERM_BEWERKEN = "portal.edit_regiovisie"
MAX_IN_GRAFIEK = 25  # wijken in the chart: those with the largest gap


# --- the inventory ---------------------------------------------------------------------------


def aanbod_van_regio(regio: Regio) -> QuerySet[Aanbod]:
    return (
        Aanbod.objects.filter(regio=regio)
        .select_related("interventie")
        .prefetch_related("wijken", "wijken__gemeente")
        .order_by("voorziening", "interventie__naam", "aanbieder", "pk")
    )


def bewaar_aanbod(aanbod: Aanbod, wijken: Any, user: Any, gewijzigd: list[str]) -> Aanbod:
    """Save a new or changed aanbod (regio already set) with its wijken, and log who did it.

    `gewijzigd` names the fields that changed (for the log of an edit; never their values).
    """
    nieuw = aanbod.pk is None
    with transaction.atomic():
        aanbod.save()
        aanbod.wijken.set(wijken)
        if nieuw:
            audit.log_aanbod_vastgelegd(user, aanbod.regio, aanbod.pk, aanbod.naam)
        else:
            audit.log_aanbod_gewijzigd(user, aanbod.regio, aanbod.pk, aanbod.naam, gewijzigd)
    return aanbod


def verwijder_aanbod(aanbod: Aanbod, user: Any) -> None:
    with transaction.atomic():
        pk, regio, naam = aanbod.pk, aanbod.regio, aanbod.naam
        aanbod.delete()
        audit.log_aanbod_verwijderd(user, regio, pk, naam)


# --- the analysis ----------------------------------------------------------------------------


def jaren_met_schatting(regio: Regio) -> tuple[list[int], int | None]:
    """The years with estimates for the regio's wijken (newest first) and the default one.

    The default covers the most of the regio's gemeenten (a year in which only one gemeente has
    estimates would hide the others' need); among those, the portal's default year
    (`risicofactoren.services.default_year`: the newest with the wijken's own figures).
    """
    model = default_model()
    if model is None:
        return [], None
    wijken = wijken_van_regios([regio])
    paren = (
        Schatting.objects.filter(model=model, gebied__in=wijken, schatting__isnull=False)
        .values_list("jaar", "gebied__gemeente")
        .distinct()
    )
    gemeenten = Counter(jaar for jaar, _gemeente in paren)
    if not gemeenten:
        return [], None
    meeste = max(gemeenten.values())
    kandidaten = [j for j, n in gemeenten.items() if n == meeste]
    return sorted(gemeenten, reverse=True), default_year(model, wijken, kandidaten)


@dataclass
class Rij:
    """One wijk as the table, the CSV and the chart show it (numbers through `cell`)."""

    regel: VraagAanbodRegel
    label: str  # unique among the rows: the chart's categories must not merge
    behoefte: Cell
    ondergrens: Cell
    bovengrens: Cell
    capaciteit: Cell
    tekort: Cell
    dekking: Cell  # a percentage

    @property
    def wijk(self):
        return self.regel.wijk

    @property
    def heeft_tekort(self) -> bool:
        return bool(self.regel.tekort)


@dataclass
class Analyse:
    regio: Regio
    jaar: int | None
    jaren: list[int]
    rijen: list[Rij] = field(default_factory=list)

    @property
    def tekorten(self) -> list[Rij]:
        return [r for r in self.rijen if r.heeft_tekort]

    @property
    def in_grafiek(self) -> list[Rij]:
        """The wijken with the largest gap (an estimate is needed to draw one)."""
        return [r for r in self.rijen if r.regel.behoefte is not None][:MAX_IN_GRAFIEK]

    @property
    def geschat(self) -> list[Rij]:
        return [r for r in self.rijen if r.regel.behoefte is not None]

    @property
    def totaal_behoefte(self) -> Cell:
        return cell(sum(r.regel.behoefte for r in self.geschat), decimalen=0)

    @property
    def totaal_capaciteit(self) -> Cell:
        return cell(sum(r.regel.capaciteit for r in self.rijen), decimalen=0)

    @property
    def totaal_tekort(self) -> Cell:
        return cell(sum(r.regel.tekort or 0.0 for r in self.rijen), decimalen=0)


def _labels(regels: list[VraagAanbodRegel]) -> list[str]:
    """ "Wijk (gemeente)"; the code as well where that still occurs twice."""
    basis = [
        f"{r.wijk.naam or r.wijk.code} ({r.wijk.gemeente.naam or r.wijk.gemeente.code})"
        if r.wijk.gemeente
        else (r.wijk.naam or r.wijk.code)
        for r in regels
    ]
    dubbel = {b for b, n in Counter(basis).items() if n > 1}
    return [f"{b} {r.wijk.code}" if b in dubbel else b for b, r in zip(basis, regels, strict=True)]


def _rij(regel: VraagAanbodRegel, label: str) -> Rij:
    return Rij(
        regel=regel,
        label=label,
        behoefte=cell(regel.behoefte, decimalen=1),
        ondergrens=cell(regel.ondergrens, decimalen=1),
        bovengrens=cell(regel.bovengrens, decimalen=1),
        capaciteit=cell(regel.capaciteit, decimalen=1),
        tekort=cell(regel.tekort, decimalen=1),
        dekking=cell(None if regel.dekking is None else 100 * regel.dekking, decimalen=0),
    )


def analyse(regio: Regio, jaar: int | None = None) -> Analyse:
    """Need against capacity per wijk for `jaar` (a year with estimates; else the default)."""
    jaren, standaard = jaren_met_schatting(regio)
    if jaar not in jaren:
        jaar = standaard
    if jaar is None:
        return Analyse(regio=regio, jaar=None, jaren=jaren)
    regels = vraag_aanbod(regio, jaar)
    rijen = [_rij(r, label) for r, label in zip(regels, _labels(regels), strict=True)]
    return Analyse(regio=regio, jaar=jaar, jaren=jaren, rijen=rijen)


def _getal(waarde: float | None, decimalen: int = 1) -> str:
    """Dutch decimal comma, as Dutch spreadsheets read it with `;` as separator."""
    if waarde is None:
        return ""
    return f"{waarde:.{decimalen}f}".replace(".", ",")


def csv_tabel(uitkomst: Analyse) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the vraag-aanbod CSV: every wijk, the largest gap first."""
    header = [
        "wijk_code", "wijk_naam", "gemeente", "jaar", "geschatte_behoefte_kinderen",
        "ondergrens_95", "bovengrens_95", "capaciteit_gezinnen", "tekort", "dekking_procent",
        "aanbod",
    ]  # fmt: skip
    rijen: list[list[object]] = []
    for r in uitkomst.rijen:
        regel = r.regel
        rijen.append(
            [
                regel.wijk.code,
                regel.wijk.naam,
                regel.wijk.gemeente.naam if regel.wijk.gemeente else "",
                regel.jaar,
                _getal(regel.behoefte),
                _getal(regel.ondergrens),
                _getal(regel.bovengrens),
                _getal(regel.capaciteit),
                _getal(regel.tekort),
                _getal(None if regel.dekking is None else 100 * regel.dekking, 0),
                " | ".join(regel.aanbod),
            ]
        )
    return header, rijen


def samenvatting(uitkomst: Analyse) -> str:
    """One sentence for the top of the page."""
    if uitkomst.jaar is None:
        return ""
    n = len(uitkomst.tekorten)
    if not n:
        return _(
            "In %(jaar)s is in geen enkele wijk de geschatte behoefte groter dan de capaciteit "
            "van het aanbod."
        ) % {"jaar": uitkomst.jaar}
    return _(
        "In %(jaar)s is in %(n)s van de %(totaal)s wijken met een schatting de geschatte "
        "behoefte groter dan de capaciteit van het aanbod dat hen bereikt."
    ) % {"jaar": uitkomst.jaar, "n": n, "totaal": len(uitkomst.geschat)}
