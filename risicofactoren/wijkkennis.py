"""What the wijk knows: signals of wijkprofessionals and dialogue sessions (balansmodel).

The guidance asks to make implicit knowledge explicit and to talk with those involved. These
services record both per wijk of a regio, keep them inside that regio, and weigh the factors of a
dialogue session against each other. They live apart from `services.py` (the factor catalogue
and the prevalence estimate) so that both can grow without touching each other.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from portal import audit
from portal.models import Regio, RegioGemeente
from wijken.models import Gebied, Soort

from .models import DialoogFactor, Dialoogsessie, FactorSoort, Risicofactor, Signaal

# --- wijken of a regio ------------------------------------------------------------------------


def wijken_van_regios(regios: QuerySet[Regio] | Iterable[Regio]) -> QuerySet[Gebied]:
    """Every wijk (of any year) in a member gemeente of these regio's."""
    codes = RegioGemeente.objects.filter(regio__in=regios).values("code")
    return (
        Gebied.objects.filter(soort=Soort.WIJK, gemeente__code__in=codes)
        .select_related("gemeente")
        .order_by("gemeente__naam", "naam", "code")
    )


def huidige_wijken(regio: Regio) -> QuerySet[Gebied]:
    """The wijken a professional can choose now: per gemeente, those of its latest year.

    When CBS redraws a gemeente the old wijk codes stay in the register for old figures; a new
    signal belongs to a wijk as it is drawn today.
    """
    laatste_jaar = (
        Gebied.objects.filter(gemeente=OuterRef("gemeente"), soort=Soort.WIJK)
        .order_by()
        .values("gemeente")
        .annotate(jaar=Max("geldig_tot"))
        .values("jaar")
    )
    return wijken_van_regios([regio]).filter(
        Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=Subquery(laatste_jaar))
    )


def werkregio(regios: QuerySet[Regio], actief: Regio | None) -> Regio | None:
    """The regio to work in: the active one when the permission holds there, else the first."""
    if actief is not None and regios.filter(pk=actief.pk).exists():
        return actief
    return regios.order_by("naam").first()


# --- recording ----------------------------------------------------------------------------------


def record_signaal(
    *,
    regio: Regio,
    gebied: Gebied,
    thema: Risicofactor,
    datum: datetime.date,
    bron_organisatie: str,
    tekst: str,
    user: Any,
) -> Signaal:
    """Store a signal (already checked for personal data by the form) and log who did it."""
    with transaction.atomic():
        signaal = Signaal.objects.create(
            regio=regio,
            gebied=gebied,
            thema=thema,
            datum=datum,
            bron_organisatie=bron_organisatie.strip(),
            tekst=tekst.strip(),
            vastgelegd_door=user,
        )
        audit.log_signaal_vastgelegd(user, regio, signaal.pk, str(gebied))
    return signaal


def record_dialoogsessie(
    *,
    regio: Regio,
    gebied: Gebied,
    datum: datetime.date,
    deelnemers: str,
    conclusies: str,
    vervolg: str,
    factoren: Mapping[Risicofactor, int],
    user: Any,
) -> Dialoogsessie:
    """Store a session with its weighed factors in one go, and log who did it."""
    with transaction.atomic():
        sessie = Dialoogsessie.objects.create(
            regio=regio,
            gebied=gebied,
            datum=datum,
            deelnemers="\n".join(r.strip() for r in deelnemers.strip().splitlines() if r.strip()),
            conclusies=conclusies.strip(),
            vervolg=vervolg.strip(),
            vastgelegd_door=user,
        )
        DialoogFactor.objects.bulk_create(
            DialoogFactor(sessie=sessie, risicofactor=factor, gewicht=gewicht)
            for factor, gewicht in factoren.items()
            if gewicht
        )
        audit.log_dialoogsessie_vastgelegd(
            user, regio, sessie.pk, str(gebied), sum(1 for g in factoren.values() if g)
        )
    return sessie


def delete_signaal(signaal: Signaal, user: Any) -> None:
    with transaction.atomic():
        audit.log_signaal_verwijderd(user, signaal.regio, signaal.pk, str(signaal.gebied))
        signaal.delete()


def delete_dialoogsessie(sessie: Dialoogsessie, user: Any) -> None:
    with transaction.atomic():
        audit.log_dialoogsessie_verwijderd(user, sessie.regio, sessie.pk, str(sessie.gebied))
        sessie.delete()


# --- the balance --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Balans:
    """Protective weight against risk weight, as the balansmodel weighs them."""

    risico: int
    beschermend: int

    @property
    def uitkomst(self) -> str:
        """ "risico", "beschermend", "evenwicht" or "leeg" (nothing weighed)."""
        if self.risico == self.beschermend:
            return "leeg" if self.risico == 0 else "evenwicht"
        return "risico" if self.risico > self.beschermend else "beschermend"

    @property
    def verschil(self) -> int:
        return abs(self.risico - self.beschermend)

    @property
    def maximum(self) -> int:
        return max(self.risico, self.beschermend, 1)

    @property
    def samenvatting(self) -> str:
        """A few words for a table cell."""
        return {
            "risico": _("risico weegt zwaarder"),
            "beschermend": _("bescherming weegt zwaarder"),
            "evenwicht": _("in evenwicht"),
            "leeg": _("niets gewogen"),
        }[self.uitkomst]

    @property
    def beschrijving(self) -> str:
        """The balance in a full sentence: the figure is never the only way to read it."""
        waarden = {"r": self.risico, "b": self.beschermend, "v": self.verschil}
        if self.uitkomst == "risico":
            return (
                _(
                    "De risicofactoren wegen zwaarder dan de beschermende factoren: %(r)s tegen "
                    "%(b)s, een verschil van %(v)s."
                )
                % waarden
            )
        if self.uitkomst == "beschermend":
            return (
                _(
                    "De beschermende factoren wegen zwaarder dan de risicofactoren: %(b)s tegen "
                    "%(r)s, een verschil van %(v)s."
                )
                % waarden
            )
        if self.uitkomst == "evenwicht":
            return (
                _(
                    "De balans is in evenwicht: risicofactoren en beschermende factoren wegen "
                    "allebei %(r)s."
                )
                % waarden
            )
        return _("In deze sessie zijn geen factoren gewogen.")


def balans(factoren: Iterable[tuple[str, int]]) -> Balans:
    """Sum the weights per side; `factoren` holds (soort, gewicht) pairs."""
    risico = beschermend = 0
    for soort, gewicht in factoren:
        if soort == FactorSoort.BESCHERMEND:
            beschermend += gewicht
        else:
            risico += gewicht
    return Balans(risico=risico, beschermend=beschermend)


def balans_van_sessie(sessie: Dialoogsessie) -> Balans:
    return balans(sessie.factoren.values_list("risicofactor__soort", "gewicht"))


def met_balans(sessies: QuerySet[Dialoogsessie]) -> QuerySet[Dialoogsessie]:
    """Annotate `risico_som` and `beschermend_som`, so a list needs no query per session."""

    def som(soort: str) -> Coalesce:
        return Coalesce(
            Sum("factoren__gewicht", filter=Q(factoren__risicofactor__soort=soort)),
            Value(0),
            output_field=IntegerField(),
        )

    return sessies.annotate(
        risico_som=som(FactorSoort.RISICO), beschermend_som=som(FactorSoort.BESCHERMEND)
    )


def balans_uit_annotatie(sessie: Dialoogsessie) -> Balans:
    return Balans(risico=sessie.risico_som, beschermend=sessie.beschermend_som)


# --- reading ------------------------------------------------------------------------------------


def filter_signalen(
    signalen: QuerySet[Signaal],
    *,
    gemeente: str = "",
    wijk: Gebied | None = None,
    thema: Risicofactor | None = None,
) -> QuerySet[Signaal]:
    if gemeente:
        signalen = signalen.filter(gebied__gemeente__code=gemeente)
    if wijk is not None:
        signalen = signalen.filter(gebied=wijk)
    if thema is not None:
        signalen = signalen.filter(thema=thema)
    return signalen.select_related("gebied", "gebied__gemeente", "thema", "regio")


def filter_dialoogsessies(
    sessies: QuerySet[Dialoogsessie],
    *,
    gemeente: str = "",
    wijk: Gebied | None = None,
    thema: Risicofactor | None = None,
) -> QuerySet[Dialoogsessie]:
    if gemeente:
        sessies = sessies.filter(gebied__gemeente__code=gemeente)
    if wijk is not None:
        sessies = sessies.filter(gebied=wijk)
    if thema is not None:
        sessies = sessies.filter(
            pk__in=DialoogFactor.objects.filter(risicofactor=thema).values("sessie")
        )
    return met_balans(sessies.select_related("gebied", "gebied__gemeente", "regio")).order_by(
        "-datum", "-aangemaakt"
    )


def wijken_met_kennis(
    signalen: QuerySet[Signaal], sessies: QuerySet[Dialoogsessie]
) -> list[dict[str, Any]]:
    """Per wijk: how many signals and sessions, the latest of each, and the latest balance."""
    rijen: dict[int, dict[str, Any]] = {}
    for rij in signalen.values("gebied").annotate(n=Count("id"), laatste=Max("datum")):
        rijen.setdefault(rij["gebied"], {})["signalen"] = rij["n"]
        rijen[rij["gebied"]]["laatste_signaal"] = rij["laatste"]
    laatste_sessies: dict[int, Dialoogsessie] = {}
    for sessie in met_balans(sessies.order_by("gebied", "-datum", "-aangemaakt")):
        laatste_sessies.setdefault(sessie.gebied_id, sessie)
        rij = rijen.setdefault(sessie.gebied_id, {})
        rij["sessies"] = rij.get("sessies", 0) + 1
    gebieden = Gebied.objects.select_related("gemeente").in_bulk(list(rijen))
    resultaat = []
    for gebied_id, rij in rijen.items():
        sessie = laatste_sessies.get(gebied_id)
        resultaat.append(
            {
                "wijk": gebieden[gebied_id],
                "signalen": rij.get("signalen", 0),
                "laatste_signaal": rij.get("laatste_signaal"),
                "sessies": rij.get("sessies", 0),
                "laatste_sessie": sessie,
                "balans": balans_uit_annotatie(sessie) if sessie else None,
            }
        )
    return sorted(
        resultaat,
        key=lambda r: ((r["wijk"].gemeente.naam if r["wijk"].gemeente else ""), r["wijk"].naam),
    )


def signalen_per_thema(signalen: QuerySet[Signaal]) -> list[dict[str, Any]]:
    """Which themes come up most in these signals."""
    return list(
        signalen.values("thema__naam", "thema__soort")
        .annotate(aantal=Count("id"), laatste=Max("datum"))
        .order_by("-aantal", "thema__naam")
    )
