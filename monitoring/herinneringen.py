"""Reminders of Stap 3 on the home page: overdue actions and goals without a recent measurement.

A daily job (monitoring.tasks, Celery beat) turns services.verlopen_acties and
services.doelen_zonder_recente_meting of each regio's current plan (its latest vastgestelde
regiovisie: an earlier cycle is history) into portal meldingen for the beleidsmedewerkers and
beheerders of the regio, and closes the ones that no longer hold. The projectleider is a role
written on the action, not a user of the portal, so the melding names it; whoever holds that role
reads it on the beleidsmedewerker's page or is told by them. No e-mail.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from acties.models import Regiovisie, Status
from portal import meldingen
from portal.models import Rol

from . import services

PREFIX_ACTIE = "monitoring:actie-verlopen:"
PREFIX_DOEL = "monitoring:doel-zonder-meting:"
ROLLEN = (Rol.BELEIDSMEDEWERKER.value, Rol.BEHEERDER.value)

# msgids: translated when shown (portal.Melding.weergave), so marked here without translating.
TEKST_ACTIE = gettext_noop(
    "Actie '%(actie)s' is sinds %(eind)s over haar einddatum en is niet als afgerond of gestopt "
    "gemeld. Projectleider: %(projectleider)s."
)
TEKST_ACTIE_ZONDER_LEIDER = gettext_noop(
    "Actie '%(actie)s' is sinds %(eind)s over haar einddatum en is niet als afgerond of gestopt "
    "gemeld. De actie heeft geen projectleider."
)
TEKST_DOEL = gettext_noop(
    "Doel '%(doel)s' heeft sinds %(datum)s geen nieuwe meting; meet het minstens eens per jaar."
)
TEKST_DOEL_NOOIT = gettext_noop(
    "Doel '%(doel)s' heeft nog geen enkele meting, terwijl de regiovisie sinds %(datum)s is "
    "vastgesteld."
)


def _datum(datum: datetime.date) -> str:
    return datum.strftime("%d-%m-%Y")


def huidige_regiovisies() -> list[Regiovisie]:
    """Per regio the latest vastgestelde regiovisie: the plan that is being carried out."""
    laatste = (
        Regiovisie.objects.filter(status=Status.VASTGESTELD)
        .values("regio")
        .annotate(versie=Max("versie"))
    )
    paren = {(r["regio"], r["versie"]) for r in laatste}
    return [
        rv
        for rv in Regiovisie.objects.filter(status=Status.VASTGESTELD).select_related("regio")
        if (rv.regio_id, rv.versie) in paren
    ]


def gewenste_meldingen(
    regiovisie: Regiovisie, vandaag: datetime.date
) -> list[meldingen.NieuweMelding]:
    """The reminders that hold today for one regiovisie."""
    uit = []
    for actie in services.verlopen_acties(regiovisie, vandaag):
        leider = actie.projectleider.strip()
        uit.append(
            meldingen.NieuweMelding(
                regio_id=regiovisie.regio_id,
                sleutel=f"{PREFIX_ACTIE}{actie.pk}",
                rollen=ROLLEN,
                tekst=TEKST_ACTIE if leider else TEKST_ACTIE_ZONDER_LEIDER,
                parameters={
                    "actie": actie.naam,
                    "eind": _datum(actie.eind),
                    "projectleider": leider,
                },
                link=reverse("monitoring:actie", args=[regiovisie.pk, actie.pk]),
            )
        )
    start = timezone.localdate(regiovisie.vastgesteld_op or regiovisie.aangemaakt)
    for doel in services.doelen_zonder_recente_meting(regiovisie, vandaag):
        uit.append(
            meldingen.NieuweMelding(
                regio_id=regiovisie.regio_id,
                sleutel=f"{PREFIX_DOEL}{doel.pk}",
                rollen=ROLLEN,
                tekst=TEKST_DOEL if doel.laatste_meting else TEKST_DOEL_NOOIT,
                parameters={
                    "doel": str(doel),
                    "datum": _datum(doel.laatste_meting or start),
                },
                link=reverse("monitoring:doel", args=[regiovisie.pk, doel.pk]),
            )
        )
    return uit


def herinneringen_bijwerken(vandaag: datetime.date | None = None) -> meldingen.Bijgewerkt:
    """Bring the Stap 3 reminders of every regio up to date (idempotent; the beat job)."""
    vandaag = vandaag or timezone.localdate()
    gewenst = [m for rv in huidige_regiovisies() for m in gewenste_meldingen(rv, vandaag)]
    return meldingen.bijwerken((PREFIX_ACTIE, PREFIX_DOEL), gewenst)
