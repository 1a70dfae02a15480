"""Meldingen (points for attention) on the home page: what other apps write and who sees them.

An app owns the meldingen whose `sleutel` starts with its prefixes; `bijwerken` makes the open
ones exactly the set the app computes now (new ones created, changed ones updated, resolved
ones closed, a recurring one opened again), so a job can run any number of times.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Melding, Regio


@dataclass(frozen=True)
class NieuweMelding:
    """A melding as an app wants it to be (see Melding for the fields)."""

    regio_id: int
    sleutel: str
    rollen: tuple[str, ...]
    tekst: str
    parameters: dict[str, Any] = field(default_factory=dict)
    link: str = ""


@dataclass(frozen=True)
class Bijgewerkt:
    nieuw: int = 0
    gewijzigd: int = 0
    opgelost: int = 0


def bijwerken(prefixen: Iterable[str], gewenst: Iterable[NieuweMelding]) -> Bijgewerkt:
    """Make the open meldingen under `prefixen` exactly `gewenst` (idempotent)."""
    prefixen = tuple(prefixen)
    gewenst = {m.sleutel: m for m in gewenst}
    buiten = [s for s in gewenst if not s.startswith(prefixen)]
    if buiten:
        raise ValueError(f"Sleutels buiten de eigen prefixen: {buiten[:3]}")
    onder = Q()
    for prefix in prefixen:
        onder |= Q(sleutel__startswith=prefix)
    nu = timezone.now()
    nieuw = gewijzigd = 0
    with transaction.atomic():
        bestaand = {m.sleutel: m for m in Melding.objects.select_for_update().filter(onder)}
        opgelost = (
            Melding.objects.filter(onder, opgelost_op__isnull=True)
            .exclude(sleutel__in=list(gewenst))
            .update(opgelost_op=nu, gewijzigd=nu)
        )
        for sleutel, m in gewenst.items():
            velden = {
                "regio_id": m.regio_id,
                "rollen": list(m.rollen),
                "tekst": m.tekst,
                "parameters": m.parameters,
                "link": m.link,
                "opgelost_op": None,
            }
            oud = bestaand.get(sleutel)
            if oud is None:
                Melding.objects.create(sleutel=sleutel, **velden)
                nieuw += 1
            elif any(getattr(oud, k) != v for k, v in velden.items()):
                for k, v in velden.items():
                    setattr(oud, k, v)
                oud.save()
                gewijzigd += 1
    return Bijgewerkt(nieuw, gewijzigd, opgelost)


def open_meldingen(regio: Regio | None, rollen: Iterable[str]) -> list[Melding]:
    """The open meldingen of `regio` meant for any of `rollen`, oldest first."""
    rollen = set(rollen)
    if regio is None or not rollen:
        return []
    return [
        m
        for m in Melding.objects.filter(regio=regio, opgelost_op__isnull=True)
        if rollen.intersection(m.rollen)
    ]
