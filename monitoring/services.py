"""Stap 3 services: goal status, automatic measurements, reminders, the steering register,
Signs of Safety (trajectory codes, aggregates with disclosure control, CSV import) and the
recording of progress with its audit trail. Plain functions; views call them with the user.

The rules, in short (each function's docstring says why):

- Goal status: a straight line from the nulmeting (end of its year) to the streefwaarde (end of
  the streefjaar). Behaald when the latest measurement reaches the target; achter when it falls
  short of the line at its date by more than 5 % of the whole change to be made, or when the
  streefjaar is over and the target was not reached; otherwise op koers.
- Automatic measurements: per year, the regio's member gemeenten together: the sum for counts,
  the unweighted mean for rates, only for years with a valid value for every member gemeente.
- Signs of Safety aggregates: per trajectory first (the mean of its scores at a moment and
  perspective), then over trajectories; the change from start to afsluiting is paired per
  trajectory with a t-interval; agreement is the mean absolute difference between the
  hulpverlener and the ouder or kind. Every statistic over fewer than 5 trajectories leaves this
  module suppressed (portal.disclosure.per_eenheden).
"""

from __future__ import annotations

import datetime
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from acties import services as acties_services
from acties.models import Actie, Doel, Interventie, Regiovisie, Sturingsinstrument
from portal import audit
from portal.disclosure import (
    MIN_TRAJECTEN,
    Cell,
    aantal_eenheden,
    aanvullend_afschermen,
    afgeschermd,
    per_eenheden,
)
from portal.models import Regio, RegioGemeente
from portal.roles import has_regio_perm
from risicofactoren.persoonsgegevens import VOORNAMEN, detect_personal_data, elfproef
from risicofactoren.wijkkennis import huidige_wijken, wijken_van_regios
from wijken import pipeline
from wijken.models import Eenheid, Gebied, IndicatorWaarde, Soort, WaardeStatus

from .models import (
    SCORE_MAX,
    SCORE_MIN,
    ActieVoortgang,
    Evaluatie,
    Herkomst,
    Meting,
    Moment,
    Perspectief,
    SosScore,
    SturingsCheck,
    SturingsEis,
    VoortgangStatus,
)

PERM_VOORTGANG = "portal.edit_regiovisie"  # beleidsmedewerkers (and beheerders) record progress
PERM_SCORES = "portal.record_signalen"  # wijkprofessionals enter Signs of Safety scores

TOLERANTIE = Fraction(1, 20)  # 5 % of the whole change from nulmeting to streefwaarde
STANDAARD_MEETINTERVAL = datetime.timedelta(days=365)
MAX_FOUTEN = pipeline.MAX_FOUTEN


# --- errors and permissions -----------------------------------------------------------------


class MonitoringFout(Exception):
    """A refusal with a Dutch message for the user (show `str(fout)`)."""


class GeenBevoegdheid(PermissionDenied):
    pass


def _vereis(user: Any, perm: str, regio: Regio) -> None:
    if user is None or not has_regio_perm(user, perm, regio):
        raise GeenBevoegdheid(_("U hebt hiervoor geen bevoegdheid in deze regio."))


def _vereis_vastgesteld(regiovisie: Regiovisie) -> None:
    if not regiovisie.is_vastgesteld:
        raise MonitoringFout(
            _("Voortgang wordt bijgehouden bij een vastgestelde regiovisie; deze is dat nog niet.")
        )


def _getal(waarde: Any, decimalen: int = 2) -> str:
    """A number in Dutch notation; whole numbers without decimals."""
    waarde = Decimal(str(waarde))
    if waarde == waarde.to_integral_value():
        decimalen = 0
    return number_format(waarde, decimalen, use_l10n=True, force_grouping=True)


def _datum(datum: datetime.date) -> str:
    return date_format(datum, "j F Y")


# --- goal status ----------------------------------------------------------------------------


class Koers(models.TextChoices):
    BEHAALD = "behaald", gettext_lazy("behaald")
    OP_KOERS = "op_koers", gettext_lazy("op koers")
    ACHTER = "achter", gettext_lazy("achter")
    GEEN_METING = "geen_meting", gettext_lazy("geen meting")
    ONBEPAALD = "onbepaald", gettext_lazy("niet te beoordelen")


STATUSREGEL = gettext_lazy(
    "Tussen de nulmeting (eind van het jaar van de nulmeting) en de streefwaarde (eind van het "
    "streefjaar) trekken we een rechte lijn. Een doel is behaald als de laatste meting de "
    "streefwaarde haalt. Het is achter als de laatste meting meer dan 5% van de hele beoogde "
    "verandering achterblijft bij de lijn op de datum van de meting, of als het streefjaar voorbij "
    "is zonder dat de streefwaarde is gehaald. Anders is het op koers. Of hoger of lager beter is, "
    "volgt uit de streefwaarde: ligt die boven de nulmeting, dan is hoger beter."
)


@dataclass(frozen=True)
class DoelStatus:
    """A goal's status: `koers` (a Koers value), a short `label` and the `zin` that says why."""

    koers: str
    label: str
    zin: str
    laatste: Meting | None = None
    verwacht: float | None = None  # the value on the line at the latest measurement's date
    marge: float | None = None  # the tolerance, in the goal's own unit

    @property
    def is_achter(self) -> bool:
        return self.koers == Koers.ACHTER


def jaarpositie(datum: datetime.date) -> Fraction:
    """A date as an exact position in years in which 31 December of year Y is Y + 1.

    A yearly figure (a nulmeting "in 2024", an indicator value for 2024) describes the year as a
    whole and is known at its end, and "streefjaar 2027" means "by the end of 2027"; so both sit
    at the end of their year, and the line between them runs in exact fractions (no rounding at
    the edges of the tolerance)."""
    lengte = 366 if datum.year % 4 == 0 and (datum.year % 100 or datum.year % 400 == 0) else 365
    return datum.year + Fraction(datum.timetuple().tm_yday, lengte)


def jaareinde(jaar: int) -> datetime.date:
    return datetime.date(jaar, 12, 31)


def laatste_meting(metingen: Iterable[Meting]) -> Meting | None:
    """The latest by date; on the same date a hand-entered one (someone checked it) wins."""
    return max(
        metingen,
        key=lambda m: (m.datum, m.herkomst == Herkomst.HANDMATIG, m.pk or 0),
        default=None,
    )


def doelstatus(doel: Doel, metingen: Iterable[Meting] | None = None) -> DoelStatus:
    """Whether a goal is behaald, op koers or achter (see STATUSREGEL), in a Dutch sentence.

    The expected value at a date lies on the straight line from the nulmeting (at the end of
    nulmeting_jaar) to the streefwaarde (at the end of streefjaar); before the nulmeting it is
    the nulmeting, after the streefjaar the streefwaarde. The direction is the sign of
    streefwaarde − nulmeting. Only the latest measurement counts:

    - behaald: it reaches the streefwaarde (in the goal's direction), whenever that happens;
    - achter: the streefjaar is over and it does not, or it falls short of the line by more than
      the tolerance, 5 % of |streefwaarde − nulmeting| (exactly 5 % short is still op koers);
    - op koers: otherwise.

    A goal that wants to hold a level (streefwaarde = nulmeting) is op koers while the latest
    measurement stays within 5 % of that level, behaald when it does so after the streefjaar.
    Without a measurement the status is "geen meting"; without a complete norm (both values and
    both years, streefjaar after nulmeting_jaar) it is "niet te beoordelen". `metingen` defaults
    to the goal's own; pass them when already fetched.
    """
    metingen = list(doel.metingen.all() if metingen is None else metingen)
    laatste = laatste_meting(metingen)
    if laatste is None:
        return DoelStatus(
            Koers.GEEN_METING,
            str(Koers.GEEN_METING.label),
            _("Er is nog geen meting; de voortgang is nog niet te beoordelen."),
        )
    decimalen = doel.indicator.decimalen if doel.indicator_id else 2
    waarden = {
        "waarde": _getal(laatste.waarde, decimalen),
        "datum": _datum(laatste.datum),
    }
    norm = (doel.nulmeting, doel.nulmeting_jaar, doel.streefwaarde, doel.streefjaar)
    if None in norm or doel.streefjaar <= doel.nulmeting_jaar:
        return DoelStatus(
            Koers.ONBEPAALD,
            str(Koers.ONBEPAALD.label),
            _(
                "De laatste meting is %(waarde)s op %(datum)s, maar dit doel heeft geen volledige "
                "nulmeting en streefwaarde met hun jaren; de voortgang is niet te beoordelen."
            )
            % waarden,
            laatste=laatste,
        )
    nul, streef, gemeten = (
        Fraction(Decimal(v)) for v in (doel.nulmeting, doel.streefwaarde, laatste.waarde)
    )
    t0, t1 = Fraction(doel.nulmeting_jaar + 1), Fraction(doel.streefjaar + 1)
    t = jaarpositie(laatste.datum)
    aandeel = min(max((t - t0) / (t1 - t0), Fraction(0)), Fraction(1))
    verwacht = nul + (streef - nul) * aandeel
    richting = (streef > nul) - (streef < nul)
    marge = TOLERANTIE * (abs(streef - nul) if richting else abs(streef))
    waarden |= {
        "nul": _getal(doel.nulmeting, decimalen),
        "nuljaar": doel.nulmeting_jaar,
        "streef": _getal(doel.streefwaarde, decimalen),
        "streefjaar": doel.streefjaar,
        "verwacht": _getal(round(float(verwacht), decimalen), decimalen),
        "marge": _getal(round(float(marge), decimalen), decimalen),
    }

    def status(koers: Koers, zin: str) -> DoelStatus:
        return DoelStatus(
            koers, str(koers.label), zin % waarden, laatste, float(verwacht), float(marge)
        )

    if richting == 0:
        if abs(gemeten - streef) > marge:
            return status(
                Koers.ACHTER,
                _(
                    "Achter: de laatste meting (%(waarde)s op %(datum)s) wijkt meer dan %(marge)s "
                    "af van het niveau %(streef)s dat dit doel wil vasthouden."
                ),
            )
        if t >= t1:
            return status(
                Koers.BEHAALD,
                _(
                    "Behaald: de laatste meting (%(waarde)s op %(datum)s) ligt na het streefjaar "
                    "%(streefjaar)s nog binnen %(marge)s van het niveau %(streef)s."
                ),
            )
        return status(
            Koers.OP_KOERS,
            _(
                "Op koers: de laatste meting (%(waarde)s op %(datum)s) ligt binnen %(marge)s van "
                "het niveau %(streef)s dat dit doel tot en met %(streefjaar)s wil vasthouden."
            ),
        )
    if richting * (gemeten - streef) >= 0:
        return status(
            Koers.BEHAALD,
            _(
                "Behaald: de laatste meting (%(waarde)s op %(datum)s) haalt de streefwaarde "
                "%(streef)s voor %(streefjaar)s."
            ),
        )
    if t >= t1:
        return status(
            Koers.ACHTER,
            _(
                "Achter: het streefjaar %(streefjaar)s is voorbij en de laatste meting "
                "(%(waarde)s op %(datum)s) haalt de streefwaarde %(streef)s niet."
            ),
        )
    if richting * (verwacht - gemeten) > marge:
        return status(
            Koers.ACHTER,
            _(
                "Achter: de laatste meting (%(waarde)s op %(datum)s) blijft meer dan %(marge)s "
                "achter bij de %(verwacht)s die op die datum hoort bij de lijn van %(nul)s in "
                "%(nuljaar)s naar %(streef)s in %(streefjaar)s."
            ),
        )
    return status(
        Koers.OP_KOERS,
        _(
            "Op koers: de laatste meting (%(waarde)s op %(datum)s) ligt niet meer dan %(marge)s "
            "achter bij de %(verwacht)s die op die datum hoort bij de lijn van %(nul)s in "
            "%(nuljaar)s naar %(streef)s in %(streefjaar)s."
        ),
    )


# --- automatic measurements -------------------------------------------------------------------


@dataclass(frozen=True)
class Telling:
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0


def _twee_decimalen(waarde: float) -> Decimal:
    return Decimal(repr(waarde)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def regiowaarden(doel: Doel) -> dict[int, tuple[Decimal, int, bool]]:
    """Per year: (value, number of gemeenten, provisional) of the goal's catalogue indicator for
    the regio's member gemeenten taken together.

    A goal is set for the regio, and the gemeenten are the level at which every source reports,
    so the regio's figure is built from theirs: the sum for counts (eenheid "aantal"), the
    unweighted mean of the gemeenten for everything else (rates, indices, scores, euros; a
    population-weighted mean would need a population for every indicator's denominator). A year
    counts only when every member gemeente has a valid value (not secret, not missing): a sum
    over fewer gemeenten would look like progress. Years before the nulmeting are left out.
    """
    if doel.indicator_id is None:
        return {}
    codes = list(
        RegioGemeente.objects.filter(regio_id=doel.regiovisie.regio_id).values_list(
            "code", flat=True
        )
    )
    gemeenten = Gebied.objects.filter(soort=Soort.GEMEENTE, code__in=codes)
    if not codes or gemeenten.count() != len(codes):
        return {}
    waarden = IndicatorWaarde.objects.filter(
        indicator_id=doel.indicator_id,
        gebied__in=gemeenten,
        status=WaardeStatus.OK,
        waarde__isnull=False,
    )
    if doel.nulmeting_jaar:
        waarden = waarden.filter(periode__gte=doel.nulmeting_jaar)
    per_jaar: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for periode, waarde, voorlopig in waarden.values_list("periode", "waarde", "voorlopig"):
        per_jaar[periode].append((waarde, voorlopig))
    som = doel.indicator.eenheid == Eenheid.AANTAL
    uitkomst = {}
    for periode, rijen in sorted(per_jaar.items()):
        if len(rijen) != len(codes):
            continue
        getallen = [w for w, _v in rijen]
        totaal = math.fsum(getallen) if som else math.fsum(getallen) / len(getallen)
        uitkomst[periode] = (_twee_decimalen(totaal), len(rijen), any(v for _w, v in rijen))
    return uitkomst


def automatische_metingen(doel: Doel) -> Telling:
    """Write the goal's measurements from the imported indicator values (see `regiowaarden`).

    One automatic measurement per year, dated 31 December (the same convention as the
    nulmeting, so the nulmeting's own year lands on the start of the line). Idempotent: a run
    over unchanged values writes nothing; a value changed by a later import is updated in place.
    Hand-entered measurements are never touched. Years that are no longer complete are left as
    they were (a measurement is not taken back silently).
    """
    if doel.indicator_id is None:
        return Telling()
    indicator = doel.indicator
    nieuw = gewijzigd = ongewijzigd = 0
    with transaction.atomic():
        for periode, (waarde, aantal, voorlopig) in regiowaarden(doel).items():
            hoe = _("som") if indicator.eenheid == Eenheid.AANTAL else _("ongewogen gemiddelde")
            opmerking = _("%(hoe)s over %(n)s gemeenten van de regio") % {"hoe": hoe, "n": aantal}
            if voorlopig:
                opmerking += "; " + _("voorlopig cijfer")
            velden = {
                "waarde": waarde,
                "bron": f"{indicator.bron}: {indicator.naam}"[:300],
                "opmerking": opmerking,
                "periode": periode,
            }
            meting, aangemaakt = Meting.objects.get_or_create(
                doel=doel, datum=jaareinde(periode), herkomst=Herkomst.AUTOMATISCH, defaults=velden
            )
            if aangemaakt:
                nieuw += 1
            elif any(getattr(meting, k) != v for k, v in velden.items()):
                for k, v in velden.items():
                    setattr(meting, k, v)
                meting.save()
                gewijzigd += 1
            else:
                ongewijzigd += 1
    return Telling(nieuw, gewijzigd, ongewijzigd)


def automatische_metingen_voor(regiovisie: Regiovisie) -> Telling:
    """`automatische_metingen` for every goal with a catalogue indicator (after an import)."""
    totaal = Telling()
    for doel in regiovisie.doelen.filter(indicator__isnull=False).select_related(
        "indicator", "regiovisie"
    ):
        t = automatische_metingen(doel)
        totaal = Telling(
            totaal.nieuw + t.nieuw,
            totaal.gewijzigd + t.gewijzigd,
            totaal.ongewijzigd + t.ongewijzigd,
        )
    return totaal


# --- actions and reminders ------------------------------------------------------------------


def kwartaal(datum: datetime.date) -> str:
    """The quarter a date falls in, as ActieVoortgang writes it: 2026-05-14 → "2026-K2"."""
    return f"{datum.year}-K{(datum.month - 1) // 3 + 1}"


def _laatste_status() -> Subquery:
    return Subquery(
        ActieVoortgang.objects.filter(actie=OuterRef("pk"))
        .order_by("-periode")
        .values("status")[:1]
    )


@dataclass(frozen=True)
class ActieStand:
    """Where an action stands: the latest quarter's status, reach and spending so far."""

    actie: Actie
    status: str | None  # a VoortgangStatus value, None without any progress recorded
    bereik: int  # families reached, summed over the quarters
    bereik_gepland: int | None
    budget_besteed: Decimal
    budget: Decimal | None
    verlopen: bool

    @property
    def status_label(self) -> str:
        return VoortgangStatus(self.status).label if self.status else _("nog niets vastgelegd")


def _is_verlopen(actie: Actie, status: str | None, vandaag: datetime.date) -> bool:
    return (
        actie.eind is not None
        and actie.eind < vandaag
        and status not in (VoortgangStatus.AFGEROND, VoortgangStatus.GESTOPT)
    )


def actiestanden(regiovisie: Regiovisie, vandaag: datetime.date) -> list[ActieStand]:
    """Every action of the plan with its latest status and the sums over its quarters."""
    voortgang: dict[int, list[ActieVoortgang]] = defaultdict(list)
    for v in ActieVoortgang.objects.filter(actie__regiovisie=regiovisie).order_by("periode"):
        voortgang[v.actie_id].append(v)
    standen = []
    for actie in regiovisie.acties.all():
        rijen = voortgang.get(actie.pk, [])
        status = rijen[-1].status if rijen else None
        standen.append(
            ActieStand(
                actie=actie,
                status=status,
                bereik=sum(v.bereik or 0 for v in rijen),
                bereik_gepland=actie.bereik_gepland,
                budget_besteed=sum((v.budget_besteed or Decimal(0) for v in rijen), Decimal(0)),
                budget=actie.budget,
                verlopen=_is_verlopen(actie, status, vandaag),
            )
        )
    return standen


def verlopen_acties(regiovisie: Regiovisie, vandaag: datetime.date) -> QuerySet[Actie]:
    """Actions past their end date that are not reported afgerond or gestopt.

    The status is that of the latest quarter recorded; an action without any progress counts as
    not finished. Annotated with `laatste_status`, ordered by end date (longest overdue first).
    """
    return (
        regiovisie.acties.filter(eind__lt=vandaag)
        .annotate(laatste_status=_laatste_status())
        .filter(
            Q(laatste_status__isnull=True)
            | ~Q(laatste_status__in=[VoortgangStatus.AFGEROND, VoortgangStatus.GESTOPT])
        )
        .order_by("eind", "volgorde", "pk")
    )


def doelen_zonder_recente_meting(
    regiovisie: Regiovisie,
    vandaag: datetime.date,
    interval: datetime.timedelta = STANDAARD_MEETINTERVAL,
) -> list[Doel]:
    """Goals whose latest measurement is older than `interval` (default a year, the rhythm of
    most sources), each with `laatste_meting` (a date or None).

    A goal that was never measured is flagged once `interval` has passed since the regiovisie
    was vastgesteld (or created, for a concept): a plan just adopted has had no chance yet.
    """
    grens = vandaag - interval
    start = timezone.localdate(regiovisie.vastgesteld_op or regiovisie.aangemaakt)
    doelen = regiovisie.doelen.annotate(laatste_meting=Max("metingen__datum")).order_by(
        "volgorde", "pk"
    )
    return [d for d in doelen if (d.laatste_meting < grens if d.laatste_meting else start < grens)]


# --- the steering-instruments register ------------------------------------------------------


@dataclass(frozen=True)
class RegisterRegel:
    """One requirement in the register with the answer of its latest check (None: never checked)."""

    eis: SturingsEis
    instrument: Sturingsinstrument
    actie: Actie
    partner: str
    laatste_check: SturingsCheck | None

    @property
    def voldaan(self) -> bool | None:
        return self.laatste_check.voldaan if self.laatste_check else None


def sturingsregister(regiovisie: Regiovisie) -> list[RegisterRegel]:
    """Which instrument places which requirement on which partner of which action, and whether
    it was met at the last check, ordered by action and instrument."""
    eisen = (
        SturingsEis.objects.filter(instrument__actie__regiovisie=regiovisie)
        .select_related("instrument__actie", "partner")
        .prefetch_related("checks")
        .order_by("instrument__actie__volgorde", "instrument__actie_id", "instrument__soort", "eis")
    )
    return [
        RegisterRegel(
            eis=e,
            instrument=e.instrument,
            actie=e.instrument.actie,
            partner=e.partner.naam if e.partner_id else _("alle partners van de actie"),
            laatste_check=max(e.checks.all(), key=lambda c: (c.datum, c.pk), default=None),
        )
        for e in eisen
    ]


# --- recording progress -----------------------------------------------------------------------


def record_meting(
    doel: Doel,
    *,
    waarde: Decimal,
    datum: datetime.date,
    bron: str = "",
    opmerking: str = "",
    user: Any,
) -> Meting:
    """A hand-entered measurement; a second one for the same goal and date replaces the first."""
    regiovisie = doel.regiovisie
    _vereis(user, PERM_VOORTGANG, regiovisie.regio)
    _vereis_vastgesteld(regiovisie)
    with transaction.atomic():
        meting, _nieuw = Meting.objects.update_or_create(
            doel=doel,
            datum=datum,
            herkomst=Herkomst.HANDMATIG,
            defaults={
                "waarde": waarde,
                "bron": bron.strip(),
                "opmerking": opmerking.strip(),
                "vastgelegd_door": user,
            },
        )
        audit.log_monitoring_vastgelegd(
            user, regiovisie.regio, regiovisie.pk, "meting", meting.pk, f"doel #{doel.pk} {datum}"
        )
    return meting


def record_voortgang(
    actie: Actie,
    *,
    periode: str,
    status: str,
    bereik: int | None = None,
    budget_besteed: Decimal | None = None,
    opmerking: str = "",
    user: Any,
) -> ActieVoortgang:
    """An action's progress in one quarter (replaces what was recorded for that quarter)."""
    regiovisie = actie.regiovisie
    _vereis(user, PERM_VOORTGANG, regiovisie.regio)
    _vereis_vastgesteld(regiovisie)
    voortgang = ActieVoortgang(
        actie=actie,
        periode=periode,
        status=status,
        bereik=bereik,
        budget_besteed=budget_besteed,
        opmerking=opmerking.strip(),
        vastgelegd_door=user,
    )
    voortgang.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        voortgang, _nieuw = ActieVoortgang.objects.update_or_create(
            actie=actie,
            periode=periode,
            defaults={
                k: getattr(voortgang, k)
                for k in ("status", "bereik", "budget_besteed", "opmerking", "vastgelegd_door")
            },
        )
        audit.log_monitoring_vastgelegd(
            user,
            regiovisie.regio,
            regiovisie.pk,
            "voortgang",
            voortgang.pk,
            f"actie #{actie.pk} {periode}",
        )
    return voortgang


def record_sturingscheck(
    eis: SturingsEis, *, datum: datetime.date, voldaan: bool, opmerking: str = "", user: Any
) -> SturingsCheck:
    regiovisie = eis.instrument.actie.regiovisie
    _vereis(user, PERM_VOORTGANG, regiovisie.regio)
    with transaction.atomic():
        check, _nieuw = SturingsCheck.objects.update_or_create(
            eis=eis,
            datum=datum,
            defaults={"voldaan": voldaan, "opmerking": opmerking.strip(), "vastgelegd_door": user},
        )
        audit.log_monitoring_vastgelegd(
            user,
            regiovisie.regio,
            regiovisie.pk,
            "sturingscheck",
            check.pk,
            f"eis #{eis.pk} {datum}",
        )
    return check


def record_evaluatie(
    regiovisie: Regiovisie,
    *,
    doel: Doel | None = None,
    actie: Actie | None = None,
    wat_ging_goed: str = "",
    wat_kan_beter: str = "",
    hoe_ontwikkelen: str = "",
    user: Any,
) -> Evaluatie:
    """The evaluation of one goal, one action or (neither given) the plan as a whole."""
    _vereis(user, PERM_VOORTGANG, regiovisie.regio)
    evaluatie = Evaluatie(regiovisie=regiovisie, doel=doel, actie=actie)
    evaluatie.clean()
    with transaction.atomic():
        evaluatie, _nieuw = Evaluatie.objects.update_or_create(
            regiovisie=regiovisie,
            doel=doel,
            actie=actie,
            defaults={
                "wat_ging_goed": wat_ging_goed.strip(),
                "wat_kan_beter": wat_kan_beter.strip(),
                "hoe_ontwikkelen": hoe_ontwikkelen.strip(),
                "vastgelegd_door": user,
            },
        )
        onderwerp = f"doel #{doel.pk}" if doel else f"actie #{actie.pk}" if actie else "plan"
        audit.log_monitoring_vastgelegd(
            user, regiovisie.regio, regiovisie.pk, "evaluatie", evaluatie.pk, onderwerp
        )
    return evaluatie


def volgende_cyclus(regiovisie: Regiovisie, user: Any, *, jaar: int | None = None) -> Regiovisie:
    """The next cycle: acties.services.volgende_cyclus, plus the steering requirements of the
    copied instruments (without their checks: the new cycle checks afresh).

    The evaluation stays with the vastgestelde version; the new concept reaches it through
    `vorige` (and copied goals and actions through `overgenomen_van`).
    """
    with transaction.atomic():
        nieuw = acties_services.volgende_cyclus(regiovisie, user, jaar=jaar)
        instrumenten = {
            (i.actie.overgenomen_van_id, i.soort, i.omschrijving): i
            for i in Sturingsinstrument.objects.filter(actie__regiovisie=nieuw).select_related(
                "actie"
            )
        }
        partners = {(p.soort, p.naam): p for p in nieuw.partners.all()}
        kopieen = []
        for eis in SturingsEis.objects.filter(
            instrument__actie__regiovisie=regiovisie
        ).select_related("instrument", "partner"):
            oud = eis.instrument
            instrument = instrumenten.get((oud.actie_id, oud.soort, oud.omschrijving))
            if instrument is None:
                continue
            partner = None
            if eis.partner_id:
                partner = partners.get((eis.partner.soort, eis.partner.naam))
                if partner is None:  # never widen a partner's requirement to all partners
                    continue
            kopieen.append(
                SturingsEis(
                    instrument=instrument, partner=partner, eis=eis.eis, toelichting=eis.toelichting
                )
            )
        SturingsEis.objects.bulk_create(kopieen, ignore_conflicts=True)
    return nieuw


# --- Signs of Safety: trajectory codes --------------------------------------------------------


class OngeldigeTrajectcode(ValidationError):
    """The code may identify a family: refused, with one Dutch message per reason."""


TRAJECT_MIN, TRAJECT_MAX = 3, 40
TRAJECT_LETTERS_MAX = 4  # letters are a short prefix ("ALM", "SOS"); longer words can be names
_TRAJECT_TEKENS = re.compile(r"^[A-Z0-9._/-]+$")
_DATUM_IN_CODE = re.compile(
    r"(?<!\d)(?:(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2}))(?!\d)"
)
_CIJFERREEKS = re.compile(r"\d+")
_LETTERREEKS = re.compile(r"[^\W\d_]+")


def _is_datum(dag: int, maand: int, jaar: int) -> bool:
    try:
        datetime.date(jaar, maand, dag)
    except ValueError:
        return False
    return True


def _jaar(tekst: str) -> int:
    """A two-digit year as the most recent year it can be (a date of birth is in the past)."""
    jaar = int(tekst)
    if len(tekst) == 2:
        huidig = timezone.localdate().year
        jaar += 2000 if 2000 + jaar <= huidig else 1900
    return jaar


def _datums_in_code(code: str) -> bool:
    for m in _DATUM_IN_CODE.finditer(code):
        if m.group(1) and _is_datum(int(m.group(1)), int(m.group(2)), _jaar(m.group(3))):
            return True
        if m.group(4) and _is_datum(int(m.group(6)), int(m.group(5)), int(m.group(4))):
            return True
    huidig = timezone.localdate().year
    for m in _CIJFERREEKS.finditer(code):
        c = m.group()
        if len(c) == 6 and _is_datum(int(c[:2]), int(c[2:4]), _jaar(c[4:])):
            return True
        if len(c) == 8 and (
            (1900 <= int(c[4:]) <= huidig and _is_datum(int(c[:2]), int(c[2:4]), int(c[4:])))
            or (1900 <= int(c[:4]) <= huidig and _is_datum(int(c[6:]), int(c[4:6]), int(c[:4])))
        ):
            return True
    return False


def trajectcode_problemen(code: str) -> list[str]:
    """Dutch reasons why `code` is not a usable pseudonymous trajectory code; empty when it is.

    A trajectory code links scores of one family over time without saying who they are. So it
    is refused when it contains what `detect_personal_data` finds in free text (a name, a BSN
    that passes the 11-proef, an address or postcode, an e-mail address, a phone number), or a
    date (any valid date may be a date of birth: 12-03-2015, 2015-03-12, 120315, 20150312), a
    nine-digit number that passes the 11-proef, a word of more than four letters or a common
    first name (a surname or a first name), no digit at all (only letters is a name), or other
    characters than letters, digits and - _ . / (spaces, @ and commas belong to names and
    addresses). A good code looks like ALM-2026-0042: a short prefix and a number.
    """
    tekst = (code or "").strip()
    if not tekst:
        return [_("Vul een trajectcode in.")]
    problemen = list(detect_personal_data(tekst))
    if not (TRAJECT_MIN <= len(tekst) <= TRAJECT_MAX):
        problemen.append(
            _("Een trajectcode heeft %(min)s tot %(max)s tekens.")
            % {"min": TRAJECT_MIN, "max": TRAJECT_MAX}
        )
    if not _TRAJECT_TEKENS.match(tekst.upper()):
        problemen.append(
            _(
                "Een trajectcode bestaat alleen uit letters, cijfers en de tekens - _ . / "
                "(geen spaties, apenstaartjes of komma's)."
            )
        )
    if not any(c.isdigit() for c in tekst):
        problemen.append(
            _("Een trajectcode bevat cijfers; een code van alleen letters kan een naam zijn.")
        )
    for reeks in _CIJFERREEKS.findall(tekst):
        if len(reeks) == 9 and elfproef(reeks):
            problemen.append(
                _(
                    "Er staat een nummer van negen cijfers in dat de elfproef haalt: het kan een "
                    "burgerservicenummer (BSN) zijn."
                )
            )
    if _datums_in_code(tekst):
        problemen.append(
            _("Er staat een datum in; dat kan een geboortedatum zijn. Gebruik een volgnummer.")
        )
    for woord in _LETTERREEKS.findall(tekst):
        if len(woord) > TRAJECT_LETTERS_MAX or woord.lower() in VOORNAMEN:
            problemen.append(
                _(
                    "Er staat een woord in dat een naam kan zijn: „%(woord)s”. Gebruik als "
                    "voorvoegsel een afkorting van hoogstens %(max)s letters."
                )
                % {"woord": woord, "max": TRAJECT_LETTERS_MAX}
            )
    return list(dict.fromkeys(problemen))


def valideer_trajectcode(code: str) -> str:
    """The code normalised (trimmed, in capitals: "alm-2026-0042" and "ALM-2026-0042" are one
    trajectory), or OngeldigeTrajectcode with the reasons (see `trajectcode_problemen`)."""
    if problemen := trajectcode_problemen(code):
        raise OngeldigeTrajectcode(
            problemen
            + [_("Gebruik een pseudoniem zoals ALM-2026-0042: een afkorting en een volgnummer.")]
        )
    return code.strip().upper()


# --- Signs of Safety: aggregates ------------------------------------------------------------

SOS_INDELINGEN = ("interventie", "wijk", "periode")
AFWIJKING_VAN = (Perspectief.OUDER, Perspectief.KIND)  # compared with the hulpverlener

# Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom.
_T975 = (
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
)  # fmt: skip


def t975(df: int) -> float:
    """The 97.5 % quantile of Student's t with `df` degrees of freedom: from the table up to
    30, above it the Cornish-Fisher expansion around the normal quantile (error < 0.0005)."""
    if df < 1:
        raise ValueError("df >= 1")
    if df <= len(_T975):
        return _T975[df - 1]
    z = 1.959964
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


@dataclass(frozen=True)
class Statistiek:
    """A value with the number of trajectories behind it, both as they may be shown."""

    n: Cell
    waarde: Cell


@dataclass(frozen=True)
class Verandering:
    """Mean change from start to afsluiting with its 95 % interval (paired per trajectory)."""

    n: Cell
    gemiddelde: Cell
    ondergrens: Cell
    bovengrens: Cell


@dataclass(frozen=True)
class Cel:
    """One cell of the Signs of Safety aggregates; the grouping fields not asked for are None.

    Every number in it has passed portal.disclosure: with fewer than MIN_TRAJECTEN trajectories
    behind a statistic its `waarde` is None and its label "< 5".
    """

    interventie: str | None
    wijk: str | None
    wijk_code: str | None
    periode: int | None
    n: Cell  # distinct trajectories in the cell
    gemiddelden: dict[tuple[str, str], Statistiek]  # (moment, perspectief) → mean score
    verandering: dict[str, Verandering]  # perspectief → afsluiting − start
    overeenstemming: dict[tuple[str, str], Statistiek]  # (moment, ouder|kind) → mean |verschil|
    afgeschermd: bool = False  # 5 or more trajectories, hidden by complementary suppression

    @property
    def onderdrukt(self) -> bool:
        return not self.n.toonbaar

    def cellen(self) -> list[Cell]:
        """Every number of the cell (for a check that nothing slips through)."""
        uit = [self.n]
        for s in [*self.gemiddelden.values(), *self.overeenstemming.values()]:
            uit += [s.n, s.waarde]
        for v in self.verandering.values():
            uit += [v.n, v.gemiddelde, v.ondergrens, v.bovengrens]
        return uit


@dataclass
class _Traject:
    aanpak: tuple
    aanpak_label: str
    wijk_id: int
    wijk_label: str
    wijk_code: str
    periode: int
    scores: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))

    def waarde(self, moment: str, perspectief: str) -> float | None:
        scores = self.scores.get((moment, perspectief))
        return statistics.fmean(scores) if scores else None


def _trajecten(qs: QuerySet[SosScore]) -> list[_Traject]:
    """The scores grouped per trajectory (regio + code). Its intervention, wijk and period are
    those of its earliest score: the period is the year in which the trajectory started, so its
    start and afsluiting stay in one cell."""
    trajecten: dict[tuple[int, str], _Traject] = {}
    rijen = qs.order_by("datum", "pk").values_list(
        "regio_id",
        "traject",
        "interventie_id",
        "interventie__naam",
        "programma",
        "wijk_id",
        "wijk__naam",
        "wijk__code",
        "moment",
        "perspectief",
        "score",
        "datum",
    )
    for regio_id, code, i_id, i_naam, programma, w_id, w_naam, w_code, m, p, score, datum in rijen:
        t = trajecten.get((regio_id, code))
        if t is None:
            aanpak = ("i", i_id) if i_id else ("p", programma.strip().lower())
            t = trajecten[(regio_id, code)] = _Traject(
                aanpak=aanpak,
                aanpak_label=i_naam if i_id else programma.strip(),
                wijk_id=w_id,
                wijk_label=w_naam or w_code,
                wijk_code=w_code,
                periode=datum.year,
            )
        t.scores[(m, p)].append(score)
    return list(trajecten.values())


# The statistics of a cell, each with the number of trajectories behind it; the keys are also
# what complementary suppression works on.
_CELTAL = ("n",)


def _ruwe_cel(trajecten: list[_Traject]) -> dict[tuple, list[float]]:
    """Per statistic the values over the trajectories that have it (not yet disclosure-checked)."""
    uit: dict[tuple, list[float]] = {_CELTAL: [1.0] * len(trajecten)}
    for m in Moment.values:
        for p in Perspectief.values:
            uit[("g", m, p)] = [v for t in trajecten if (v := t.waarde(m, p)) is not None]
    for p in Perspectief.values:
        paren = [(t.waarde(Moment.START, p), t.waarde(Moment.AFSLUITING, p)) for t in trajecten]
        uit[("v", p)] = [eind - start for start, eind in paren if None not in (start, eind)]
    for m in Moment.values:
        for ander in AFWIJKING_VAN:
            verschillen = []
            for t in trajecten:
                hulp, a = t.waarde(m, Perspectief.HULPVERLENER), t.waarde(m, ander)
                if hulp is not None and a is not None:
                    verschillen.append(abs(hulp - a))
            uit[("o", m, ander.value)] = verschillen
    return uit


def _onder_minimum() -> Cell:
    return per_eenheden(None, 1)


def _statistiek(
    waarden: Sequence[float], verborgen: bool = False, klein: bool = False
) -> Statistiek:
    n = len(waarden)
    if verborgen:
        return Statistiek(afgeschermd(), afgeschermd())
    if klein:
        return Statistiek(_onder_minimum(), _onder_minimum())
    return Statistiek(aantal_eenheden(n), per_eenheden(statistics.fmean(waarden) if n else None, n))


def _verandering(
    verschillen: Sequence[float], verborgen: bool = False, klein: bool = False
) -> Verandering:
    n = len(verschillen)
    if verborgen:
        return Verandering(afgeschermd(), afgeschermd(), afgeschermd(), afgeschermd())
    if klein:
        return Verandering(*(_onder_minimum() for _ in range(4)))
    gemiddelde = statistics.fmean(verschillen) if n else None
    onder = boven = None
    if n >= 2:
        halve_breedte = t975(n - 1) * statistics.stdev(verschillen) / math.sqrt(n)
        onder, boven = gemiddelde - halve_breedte, gemiddelde + halve_breedte
    return Verandering(
        aantal_eenheden(n),
        per_eenheden(gemiddelde, n),
        per_eenheden(onder, n),
        per_eenheden(boven, n),
    )


def _cel(sleutel: dict[str, Any], ruw: dict[tuple, list[float]], verborgen: set[tuple]) -> Cel:
    """`verborgen`: the statistics of this cell hidden by complementary suppression; when the
    cell's own n is among them, everything in it is."""
    heel = _CELTAL in verborgen
    # A cell under the minimum shows "< 5" everywhere, also where nobody scored: "—" there would
    # still tell something about the few families in it.
    klein = len(ruw[_CELTAL]) < MIN_TRAJECTEN
    gemiddelden = {
        (m, p): _statistiek(ruw[("g", m, p)], heel or ("g", m, p) in verborgen, klein)
        for m in Moment.values
        for p in Perspectief.values
    }
    verandering = {
        p: _verandering(ruw[("v", p)], heel or ("v", p) in verborgen, klein)
        for p in Perspectief.values
    }
    overeenstemming = {
        (m, a.value): _statistiek(
            ruw[("o", m, a.value)], heel or ("o", m, a.value) in verborgen, klein
        )
        for m in Moment.values
        for a in AFWIJKING_VAN
    }
    return Cel(
        interventie=sleutel.get("interventie"),
        wijk=sleutel.get("wijk"),
        wijk_code=sleutel.get("wijk_code"),
        periode=sleutel.get("periode"),
        n=afgeschermd() if heel else aantal_eenheden(len(ruw[_CELTAL])),
        gemiddelden=gemiddelden,
        verandering=verandering,
        overeenstemming=overeenstemming,
        afgeschermd=heel,
    )


def _lijnen(keys: list[tuple], per: Sequence[str]) -> list[list[int]]:
    """The sets of cells whose sum is known from another table: the whole table (the regio
    total is always available) and, with two or more groupings, every row and column of it."""
    lijnen = [list(range(len(keys)))]
    dims = [i for i, naam in enumerate(("interventie", "wijk", "periode")) if naam in per]
    if len(dims) > 1:
        for weg in dims:
            groepen: dict[tuple, list[int]] = defaultdict(list)
            for i, key in enumerate(keys):
                groepen[tuple(v for d, v in enumerate(key) if d != weg)].append(i)
            lijnen += list(groepen.values())
    return lijnen


def sos_aggregaten(
    qs: QuerySet[SosScore],
    per: Sequence[str] = SOS_INDELINGEN,
    alleen: dict[str, Any] | None = None,
) -> list[Cel]:
    """Signs of Safety aggregates per intervention, wijk and/or period (`per`; empty: one cell).

    `alleen` selects cells instead of scores: {"interventie": ("i", id) or ("p", name in lower
    case), "wijk": wijk id, "periode": year}. The table is computed (and suppressed) grouped by
    `per` and the selected dimensions over all of `qs`, and then only the matching cells are
    returned. Filtering the scores first would make a new table whose one cell, next to the
    unfiltered total, gives away what complementary suppression hid.

    Per trajectory first: its value at a moment and perspective is the mean of its scores there
    (usually one), so a trajectory with three tussentijdse scores weighs as much as one with one.
    Then per cell, each over the trajectories that have the values it needs (its own n):

    - mean score per moment and perspective;
    - change from start to afsluiting per perspective: the mean of the paired differences
      (afsluiting − start of the same trajectory) with the 95 % t-interval
      mean ± t(0.975; n−1) · sd / √n, sd the sample standard deviation of the differences;
    - agreement per moment: the mean absolute difference between the hulpverlener's score and
      the ouder's (or the kind's) on the same trajectory and moment (0 is full agreement);
    - n: the distinct trajectories in the cell.

    Disclosure: every statistic with fewer than MIN_TRAJECTEN (5) trajectories behind it, and
    every statistic of a cell with fewer than 5, is suppressed here, before it can reach a page,
    a CSV or a figure (portal.disclosure.per_eenheden). Because the regio total (and, with two
    groupings, each row and column) can be read from another table, a hidden statistic could be
    worked back by subtraction; complementary suppression (portal.disclosure.
    aanvullend_afschermen) therefore also hides the smallest shown cell of such a line until the
    hidden ones together stand for at least 5 trajectories ("afgeschermd"). Differences between
    tables of different filters are not covered. The caller scopes `qs` to the regio.
    """
    alleen = alleen or {}
    onbekend = (set(per) | set(alleen)) - set(SOS_INDELINGEN)
    if onbekend:
        raise ValueError(f"Onbekende indeling: {', '.join(sorted(onbekend))}")
    per = tuple(d for d in SOS_INDELINGEN if d in per or d in alleen)
    groepen: dict[tuple, list[_Traject]] = defaultdict(list)
    sleutels: dict[tuple, dict[str, Any]] = {}
    for t in _trajecten(qs):
        sleutel: dict[str, Any] = {}
        if "interventie" in per:
            sleutel["interventie"] = t.aanpak_label
        if "wijk" in per:
            sleutel |= {"wijk": t.wijk_label, "wijk_code": t.wijk_code}
        if "periode" in per:
            sleutel["periode"] = t.periode
        key = (
            t.aanpak if "interventie" in per else None,
            t.wijk_id if "wijk" in per else None,
            t.periode if "periode" in per else None,
        )
        groepen[key].append(t)
        sleutels.setdefault(key, sleutel)  # the label as the first trajectory writes it
    keys = list(groepen)
    ruw = [_ruwe_cel(groepen[key]) for key in keys]
    verborgen = aanvullend_afschermen(
        [{stat: len(waarden) for stat, waarden in r.items()} for r in ruw], _lijnen(keys, per)
    )
    gezocht = tuple(alleen.get(d) for d in SOS_INDELINGEN)
    cellen = [
        _cel(
            sleutels[key],
            ruw[i],
            # only what complementary suppression adds; the primary rule is per_eenheden's
            {stat for j, stat in verborgen if j == i and len(ruw[i][stat]) >= MIN_TRAJECTEN},
        )
        for i, key in enumerate(keys)
        if all(g is None or g == k for g, k in zip(gezocht, key, strict=True))
    ]
    return sorted(
        cellen,
        key=lambda c: ((c.interventie or "").lower(), (c.wijk or "").lower(), c.periode or 0),
    )


# --- Signs of Safety: recording and the CSV import ------------------------------------------

SOS_KOLOMMEN = {
    "traject": ("traject", "trajectcode"),
    "interventie": ("interventie", "programma", "interventie of programma", "aanpak"),
    "wijk": ("wijk", "wijkcode"),
    "moment": ("moment",),
    "perspectief": ("perspectief",),
    "score": ("score", "schaalscore"),
    "datum": ("datum",),
}
_MOMENT_ALIASSEN = {"begin": Moment.START, "eind": Moment.AFSLUITING, "einde": Moment.AFSLUITING}
_PERSPECTIEF_ALIASSEN = {
    "ouders": Perspectief.OUDER,
    "jeugdige": Perspectief.KIND,
    "kinderen": Perspectief.KIND,
    "professional": Perspectief.HULPVERLENER,
}
_DATUMFORMATEN = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
_WIJKCODE = re.compile(r"^WK\d{4}[0-9A-Z]{2}$")


@dataclass
class SosImportResultaat:
    """What an import did, or why it did nothing: `problemen` (row, column, Dutch message)."""

    rijen: int = 0
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    problemen: list[pipeline.Probleem] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def geslaagd(self) -> bool:
        return not self.problemen

    @property
    def meldingen(self) -> list[str]:
        """The problems as sentences that name the row and the column."""
        uit = []
        for p in self.problemen:
            if p.rij is not None and p.kolom:
                plaats = _("Rij %(rij)s, kolom %(kolom)s") % {"rij": p.rij, "kolom": p.kolom}
            elif p.rij is not None:
                plaats = _("Rij %(rij)s") % {"rij": p.rij}
            elif p.kolom:
                plaats = _("Kolom %(kolom)s") % {"kolom": p.kolom}
            else:
                uit.append(p.melding)
                continue
            uit.append(f"{plaats}: {p.melding}")
        return uit


@dataclass(frozen=True)
class _SosRij:
    rij: int
    traject: str
    interventie_id: int | None
    programma: str
    wijk_id: int
    moment: str
    perspectief: str
    score: int
    datum: datetime.date

    @property
    def sleutel(self) -> tuple:
        return (self.traject, self.moment, self.perspectief, self.datum)

    @property
    def hoort_bij(self) -> tuple:
        return (self.interventie_id, self.programma.lower(), self.wijk_id)


def _keuze(tekst: str, keuzes: type[models.TextChoices], aliassen: dict) -> str | None:
    sleutel = tekst.strip().lower()
    for waarde, label in keuzes.choices:
        if sleutel in (waarde, str(label).lower()):
            return waarde
    return aliassen.get(sleutel)


def _lees_datum(tekst: str) -> datetime.date | None:
    for formaat in _DATUMFORMATEN:
        try:
            return datetime.datetime.strptime(tekst.strip(), formaat).date()
        except ValueError:
            continue
    return None


def _lees_score(tekst: str) -> int | None:
    try:
        getal = Decimal(tekst.strip().replace(",", "."))
    except ArithmeticError:
        return None
    if not getal.is_finite() or getal != getal.to_integral_value():
        return None
    return int(getal)


class _Wijken:
    """Looks up a wijk of the regio by CBS code (any year) or by its current name."""

    def __init__(self, regio: Regio):
        self.regio = regio
        self.op_code = {g.code: g for g in wijken_van_regios([regio])}
        self.op_naam: dict[str, list[Gebied]] = defaultdict(list)
        for g in huidige_wijken(regio):
            if g.naam:
                self.op_naam[g.naam.strip().lower()].append(g)

    def zoek(self, tekst: str) -> tuple[Gebied | None, str | None]:
        code = tekst.strip().upper()
        if _WIJKCODE.match(code):
            if code in self.op_code:
                return self.op_code[code], None
            if Gebied.objects.filter(code=code).exists():
                return None, _("De wijk %(code)s ligt niet in %(regio)s.") % {
                    "code": code,
                    "regio": self.regio.naam,
                }
            return None, _("De wijkcode %(code)s is onbekend.") % {"code": code}
        kandidaten = self.op_naam.get(tekst.strip().lower(), [])
        if len(kandidaten) == 1:
            return kandidaten[0], None
        if len(kandidaten) > 1:
            return None, _(
                "Er zijn meer wijken met de naam '%(naam)s' in deze regio; gebruik de wijkcode "
                "(bijvoorbeeld %(code)s)."
            ) % {"naam": tekst.strip(), "code": kandidaten[0].code}
        return None, _(
            "De wijk '%(naam)s' is in %(regio)s niet bekend; gebruik de wijkcode (WK…) of de "
            "naam van een wijk in de regio."
        ) % {"naam": tekst.strip()[:60], "regio": self.regio.naam}


class _Interventies:
    """Looks up an intervention of the catalogue by code or name; anything else is a programme."""

    def __init__(self):
        self.index: dict[str, Interventie] = {}
        for i in Interventie.objects.all():
            self.index.setdefault(i.code.lower(), i)
            self.index.setdefault(i.naam.strip().lower(), i)

    def zoek(self, tekst: str) -> Interventie | None:
        return self.index.get(tekst.strip().lower())


def _kolommen(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Field → column index; and the fields that are missing."""
    genormaliseerd = [pipeline.normalise_kolom(h) for h in header]
    gevonden = {}
    for veld, namen in SOS_KOLOMMEN.items():
        for i, h in enumerate(genormaliseerd):
            if h in namen:
                gevonden[veld] = i
                break
    return gevonden, [v for v in SOS_KOLOMMEN if v not in gevonden]


def _lees_sos_rijen(
    data: bytes, regio: Regio
) -> tuple[list[_SosRij], list[pipeline.Probleem], list[str]]:
    """Read and check every cell of a score file; nothing is written here."""
    try:
        tekst = pipeline.decode(data)
        header, rijen, nummers, _sep = pipeline.lees_csv(tekst)
    except pipeline.BestandAfgewezen as fout:
        return [], fout.problemen, []
    kolommen, ontbrekend = _kolommen(header)
    if ontbrekend:
        return (
            [],
            [
                pipeline.Probleem(
                    None,
                    veld,
                    _(
                        "De kolom '%(kolom)s' ontbreekt. Verwacht worden: "
                        "traject;interventie;wijk;moment;perspectief;score;datum."
                    )
                    % {"kolom": veld},
                )
                for veld in ontbrekend
            ],
            [],
        )
    naam = {veld: header[i] for veld, i in kolommen.items()}
    wijken = _Wijken(regio)
    interventies = _Interventies()
    vandaag = timezone.localdate()
    problemen: list[pipeline.Probleem] = []
    programmas: set[str] = set()
    goed: list[_SosRij] = []
    eerder: dict[tuple, int] = {}  # key → first row
    hoort_bij: dict[str, tuple[int, tuple, str]] = {}  # traject → (row, attributes, description)

    for nummer, cellen in zip(nummers, rijen, strict=True):
        waarden = {veld: cellen[i].strip() for veld, i in kolommen.items()}
        if not any(waarden.values()):
            continue
        fouten_voor = len(problemen)

        def fout(veld: str, melding: str, nummer: int = nummer) -> None:
            problemen.append(pipeline.Probleem(nummer, naam[veld], melding))

        for veld, waarde in waarden.items():
            if pipeline.FORMULE_RE.match(cellen[kolommen[veld]]) or pipeline.FORMULE_RE.match(
                waarde
            ):
                fout(
                    veld,
                    _(
                        "'%(waarde)s' lijkt op een formule; zulke cellen worden om "
                        "veiligheidsredenen niet geïmporteerd."
                    )
                    % {"waarde": waarde[:30]},
                )
        if len(problemen) > fouten_voor:
            continue

        try:
            traject = valideer_trajectcode(waarden["traject"])
        except OngeldigeTrajectcode as e:
            traject = None
            for melding in e.messages[:-1]:  # without the closing hint, once per row is enough
                fout("traject", melding)
        interventie, programma = None, ""
        if not waarden["interventie"]:
            fout("interventie", _("Vul de interventie of het programma in."))
        elif (interventie := interventies.zoek(waarden["interventie"])) is None:
            programma = waarden["interventie"][:200]
            if persoonlijk := detect_personal_data(programma):
                for melding in persoonlijk:
                    fout("interventie", melding)
            else:
                programmas.add(programma)
        wijk, melding = wijken.zoek(waarden["wijk"]) if waarden["wijk"] else (None, None)
        if not waarden["wijk"]:
            fout("wijk", _("Vul de wijk in."))
        elif melding:
            fout("wijk", melding)
        moment = _keuze(waarden["moment"], Moment, _MOMENT_ALIASSEN)
        if moment is None:
            fout(
                "moment",
                _("'%(waarde)s' is geen moment; kies start, tussentijds of afsluiting.")
                % {"waarde": waarden["moment"][:30]},
            )
        perspectief = _keuze(waarden["perspectief"], Perspectief, _PERSPECTIEF_ALIASSEN)
        if perspectief is None:
            fout(
                "perspectief",
                _("'%(waarde)s' is geen perspectief; kies hulpverlener, ouder of kind.")
                % {"waarde": waarden["perspectief"][:30]},
            )
        score = _lees_score(waarden["score"])
        if score is None or not (SCORE_MIN <= score <= SCORE_MAX):
            fout(
                "score",
                _("'%(waarde)s' is geen score; een score is een geheel getal van 0 tot en met 10.")
                % {"waarde": waarden["score"][:30]},
            )
            score = None
        datum = _lees_datum(waarden["datum"])
        if datum is None:
            fout(
                "datum",
                _("'%(waarde)s' is geen datum; schrijf bijvoorbeeld 2026-03-01 of 01-03-2026.")
                % {"waarde": waarden["datum"][:30]},
            )
        elif datum > vandaag:
            fout("datum", _("De datum %(datum)s ligt in de toekomst.") % {"datum": _datum(datum)})
            datum = None
        if len(problemen) > fouten_voor:
            continue

        rij = _SosRij(
            nummer,
            traject,
            interventie.pk if interventie else None,
            programma,
            wijk.pk,
            moment,
            perspectief,
            score,
            datum,
        )
        if rij.sleutel in eerder:
            fout(
                "traject",
                _(
                    "Deze score staat ook in rij %(rij)s: hetzelfde traject, moment, perspectief "
                    "en dezelfde datum."
                )
                % {"rij": eerder[rij.sleutel]},
            )
            continue
        eerder[rij.sleutel] = nummer
        beschrijving = f"{interventie.naam if interventie else programma} / {wijk}"
        vorige = hoort_bij.setdefault(traject, (nummer, rij.hoort_bij, beschrijving))
        if vorige[1] != rij.hoort_bij:
            fout(
                "traject",
                _(
                    "Traject %(traject)s staat in rij %(rij)s bij %(daar)s en hier bij %(hier)s; "
                    "een traject hoort bij één interventie en één wijk."
                )
                % {"traject": traject, "rij": vorige[0], "daar": vorige[2], "hier": beschrijving},
            )
            continue
        goed.append(rij)
        if len(problemen) >= MAX_FOUTEN:
            break

    problemen += _strijdig_met_bestaande(regio, goed, hoort_bij, naam["traject"])
    waarschuwingen = [
        _(
            "'%(programma)s' staat niet in de catalogus van interventies en is als programma opgeslagen."
        )
        % {"programma": p}
        for p in sorted(programmas)
    ]
    return goed, problemen[:MAX_FOUTEN], waarschuwingen


def _strijdig_met_bestaande(
    regio: Regio, rijen: list[_SosRij], hoort_bij: dict[str, tuple], kolom: str
) -> list[pipeline.Probleem]:
    """A trajectory already recorded under another intervention or wijk, unless the file
    replaces every score it has (then the file is the correction)."""
    bestaand: dict[str, list[SosScore]] = defaultdict(list)
    for s in SosScore.objects.filter(regio=regio, traject__in=list(hoort_bij)).select_related(
        "interventie", "wijk"
    ):
        bestaand[s.traject].append(s)
    in_bestand = {r.sleutel for r in rijen}
    problemen = []
    for traject, scores in bestaand.items():
        rij, attributen, beschrijving = hoort_bij[traject]
        anders = [
            s for s in scores if (s.interventie_id, s.programma.lower(), s.wijk_id) != attributen
        ]
        if anders and not all(
            (s.traject, s.moment, s.perspectief, s.datum) in in_bestand for s in scores
        ):
            s = anders[0]
            problemen.append(
                pipeline.Probleem(
                    rij,
                    kolom,
                    _(
                        "Traject %(traject)s is eerder vastgelegd bij %(daar)s; hier staat "
                        "%(hier)s. Een traject hoort bij één interventie en één wijk."
                    )
                    % {"traject": traject, "daar": f"{s.aanpak} / {s.wijk}", "hier": beschrijving},
                )
            )
    return problemen


def import_sos_csv(
    data: bytes, regio: Regio, user: Any, bestandsnaam: str = ""
) -> SosImportResultaat:
    """Import a file of Signs of Safety scores (traject;interventie;wijk;moment;perspectief;
    score;datum) for `regio`, whole or not at all.

    The file is read like an indicator file (wijken.pipeline: UTF-8 with or without BOM, else
    cp1252; ; or , as separator) and every cell is checked first; each problem is reported with
    its file row and column in Dutch: an unknown wijk or one of another regio, a score outside
    0–10, an unknown moment or perspective, a trajectory code that may identify a family, a row
    that repeats another, a bad or future date, a cell that looks like a formula, a trajectory
    under two interventions or wijken. Only a file without any problem is written, in one
    transaction. A score that exists (same regio, trajectory, moment, perspective and date) is
    updated when it differs and left alone when not, so importing the same file twice changes
    nothing. Interventions are matched on the catalogue's code or name; other text is stored as
    a programme (a warning lists them).
    """
    _vereis(user, PERM_SCORES, regio)
    rijen, problemen, waarschuwingen = _lees_sos_rijen(data, regio)
    resultaat = SosImportResultaat(
        rijen=len(rijen), problemen=problemen, waarschuwingen=waarschuwingen
    )
    if problemen:
        return resultaat
    if not rijen:
        resultaat.problemen = [pipeline.Probleem(None, "", _("Het bestand bevat geen scores."))]
        return resultaat
    with transaction.atomic():
        bestaand = {
            (s.traject, s.moment, s.perspectief, s.datum): s
            for s in SosScore.objects.filter(
                regio=regio, traject__in={r.traject for r in rijen}
            ).select_for_update()
        }
        schrijven = []
        for r in rijen:
            oud = bestaand.get(r.sleutel)
            if oud is None:
                resultaat.nieuw += 1
            elif (oud.score, oud.interventie_id, oud.programma, oud.wijk_id) == (
                r.score,
                r.interventie_id,
                r.programma,
                r.wijk_id,
            ):
                resultaat.ongewijzigd += 1
                continue
            else:
                resultaat.gewijzigd += 1
            schrijven.append(
                SosScore(
                    regio=regio,
                    traject=r.traject,
                    interventie_id=r.interventie_id,
                    programma=r.programma,
                    wijk_id=r.wijk_id,
                    moment=r.moment,
                    perspectief=r.perspectief,
                    score=r.score,
                    datum=r.datum,
                    vastgelegd_door=user,
                )
            )
        if schrijven:
            SosScore.objects.bulk_create(
                schrijven,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["regio", "traject", "moment", "perspectief", "datum"],
                update_fields=[
                    "interventie",
                    "programma",
                    "wijk",
                    "score",
                    "vastgelegd_door",
                    "gewijzigd",
                ],
            )
        audit.log_sos_geimporteerd(
            user,
            regio,
            bestandsnaam or _("(zonder naam)"),
            nieuw=resultaat.nieuw,
            gewijzigd=resultaat.gewijzigd,
            ongewijzigd=resultaat.ongewijzigd,
        )
    return resultaat


def record_sos_score(
    regio: Regio,
    *,
    traject: str,
    wijk: Gebied,
    moment: str,
    perspectief: str,
    score: int,
    datum: datetime.date,
    interventie: Interventie | None = None,
    programma: str = "",
    user: Any,
) -> SosScore:
    """One score entered in a form, under the same rules as a row of the CSV import."""
    _vereis(user, PERM_SCORES, regio)
    traject = valideer_trajectcode(traject)
    if not wijken_van_regios([regio]).filter(pk=wijk.pk).exists():
        raise MonitoringFout(
            _("De wijk %(code)s ligt niet in %(regio)s.") % {"code": wijk.code, "regio": regio.naam}
        )
    if programma and (persoonlijk := detect_personal_data(programma)):
        raise ValidationError({"programma": persoonlijk})
    nieuw = SosScore(
        regio=regio,
        traject=traject,
        interventie=interventie,
        programma="" if interventie else programma.strip(),
        wijk=wijk,
        moment=moment,
        perspectief=perspectief,
        score=score,
        datum=datum,
        vastgelegd_door=user,
    )
    nieuw.full_clean(validate_unique=False, validate_constraints=False)
    andere = (
        SosScore.objects.filter(regio=regio, traject=traject)
        .exclude(interventie_id=nieuw.interventie_id, programma__iexact=nieuw.programma, wijk=wijk)
        .select_related("interventie", "wijk")
        .first()
    )
    if andere is not None:
        raise MonitoringFout(
            _(
                "Traject %(traject)s is eerder vastgelegd bij %(daar)s. Een traject hoort bij één "
                "interventie en één wijk."
            )
            % {"traject": traject, "daar": f"{andere.aanpak} / {andere.wijk}"}
        )
    with transaction.atomic():
        if SosScore.objects.filter(
            regio=regio, traject=traject, moment=moment, perspectief=perspectief, datum=datum
        ).exists():
            raise MonitoringFout(
                _(
                    "Voor dit traject is op deze datum al een score van dit perspectief op dit "
                    "moment vastgelegd."
                )
            )
        nieuw.save()
        audit.log_sos_vastgelegd(user, regio, nieuw.pk, moment)
    return nieuw


def delete_sos_score(score: SosScore, user: Any) -> None:
    _vereis(user, PERM_SCORES, score.regio)
    with transaction.atomic():
        audit.log_sos_verwijderd(user, score.regio, score.pk, score.moment)
        score.delete()
