"""Disclosure control: the one place that decides what of a number may be shown.

Every value on its way to a template, a CSV, a figure's JSON or an API passes `cell()` first, so
a secret CBS value or a count below an indicator's minimum cell size never leaves the server.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

GEHEIM = "geheim"
ONTBREEKT = "ontbreekt"


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
