"""Disclosure control: the one place that decides what of a number may be shown.

Every value on its way to a template, a CSV, a figure's JSON or an API passes `cell()` first, so
a secret CBS value or a count below an indicator's minimum cell size never leaves the server.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

GEHEIM = "geheim"
ONTBREEKT = "ontbreekt"
# Signs of Safety aggregates (and any statistic over families) need at least this many distinct
# trajectories: below it a mean or a difference says too much about the few families behind it.
MIN_TRAJECTEN = 5


@dataclass(frozen=True)
class Cell:
    """A value as it may be shown: `waarde` is None whenever the number itself may not be."""

    waarde: float | None
    label: str
    onderdrukt: bool = False

    @property
    def toonbaar(self) -> bool:
        return self.waarde is not None


def shown(waarde: float | None, status: str = "ok", *, min_celgrootte: int | None = None) -> bool:
    """Whether `cell` with these arguments shows a number (`cell(...).toonbaar`), without
    formatting a label: for filters over many values, such as the spread of a gemeente's wijken."""
    if status == GEHEIM or waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return False
    return not (min_celgrootte and 0 < abs(waarde) < min_celgrootte)


def cell(
    waarde: float | None,
    status: str = "ok",
    *,
    decimalen: int = 0,
    min_celgrootte: int | None = None,
    afrondingsbasis: int | None = None,
) -> Cell:
    """What may be shown of one value: CBS "." as geheim, small counts as "< n", rounded."""
    if status == GEHEIM:
        return Cell(None, _("geheim"), onderdrukt=True)
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return Cell(None, "—")
    if min_celgrootte and 0 < abs(waarde) < min_celgrootte:
        return Cell(None, f"< {min_celgrootte}", onderdrukt=True)
    if afrondingsbasis:
        waarde = afrondingsbasis * round(waarde / afrondingsbasis)
    waarde = round(float(waarde), decimalen)
    label = number_format(waarde, decimalen, use_l10n=True, force_grouping=True)
    return Cell(waarde, label)


def indicator_cell(indicator, waarde: float | None, status: str = "ok") -> Cell:
    """`cell` with the indicator's own rules (decimals, minimum cell size, rounding base)."""
    return cell(
        waarde,
        status,
        decimalen=indicator.decimalen,
        min_celgrootte=indicator.min_celgrootte,
        afrondingsbasis=indicator.afrondingsbasis,
    )


def per_eenheden(
    waarde: float | None, n: int, *, decimalen: int = 1, minimum: int = MIN_TRAJECTEN
) -> Cell:
    """A statistic (a mean, a difference, an interval bound) computed over `n` units, such as
    trajectories: shown only when at least `minimum` of them are behind it, else "< minimum".

    Unlike `cell`'s minimum cell size, which looks at the value itself (a count), this looks at
    how many units the value was computed from: a mean score of 7 over 3 families is disclosive
    whatever its size.
    """
    if n == 0:
        return Cell(None, "—")  # nobody behind it: nothing to protect, and "< 5" would mislead
    if n < minimum:
        return Cell(None, f"< {minimum}", onderdrukt=True)
    return cell(waarde, decimalen=decimalen)


def aantal_eenheden(n: int, *, minimum: int = MIN_TRAJECTEN) -> Cell:
    """The number of units behind a cell, itself shown only from `minimum` on."""
    return per_eenheden(n, n, decimalen=0, minimum=minimum)


def afgeschermd() -> Cell:
    """A statistic with enough units behind it that is hidden all the same, because showing it
    would let a suppressed one be worked back by subtraction (complementary suppression)."""
    return Cell(None, _("afgeschermd"), onderdrukt=True)


def aanvullend_afschermen(
    tellingen: Sequence[Mapping[Hashable, int]],
    lijnen: Iterable[Sequence[int]],
    *,
    minimum: int = MIN_TRAJECTEN,
) -> set[tuple[int, Hashable]]:
    """Complementary suppression: which (cell, statistic) pairs to hide so that no hidden
    statistic can be worked back from a known total.

    `tellingen[i][s]` is the number of units behind statistic `s` of cell `i`; `lijnen` are the
    sets of cells whose sum is published elsewhere (a table's total, its rows and columns).
    Primary: every statistic over 1 to `minimum` − 1 units. Then, per line and statistic, while
    the hidden cells together stand for fewer than `minimum` units, also hide the shown cell with
    the fewest units (a shown cell has at least `minimum`, so one is enough per round); repeated
    until no line changes, because hiding a cell in one line can expose another line.
    """
    verborgen = {(i, s) for i, t in enumerate(tellingen) for s, n in t.items() if 0 < n < minimum}
    lijnen = [list(lijn) for lijn in lijnen]
    veranderd = True
    while veranderd:
        veranderd = False
        for lijn in lijnen:
            for s in {s for i in lijn for s in tellingen[i]}:
                verborgen_som = sum(tellingen[i].get(s, 0) for i in lijn if (i, s) in verborgen)
                if not 0 < verborgen_som < minimum:
                    continue
                kandidaten = [
                    i for i in lijn if (i, s) not in verborgen and tellingen[i].get(s, 0) > 0
                ]
                if kandidaten:
                    kleinste = min(kandidaten, key=lambda i: (tellingen[i][s], i))
                    verborgen.add((kleinste, s))
                    veranderd = True
    return verborgen
