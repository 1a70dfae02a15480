"""Stap 2 services: the catalogues, the regiovisie's life cycle (versions, optimistic locking,
vaststellen, the next cycle), the completeness check of wizard step 8 and the
vraag-aanbod-analyse. Plain functions; views call them with the signed-in user.

Locking: every save of a regiovisie, whatever step or child rows it touches, goes through
`bewerking`, which raises the document's `lock_version` by one in a single conditional UPDATE
(`... WHERE lock_version = <what the form was built from> AND status = concept`). A second
officer whose form was built from an older number is refused with `GelijktijdigGewijzigd` and
nothing of theirs is written. This holds across processes and machines: the database decides.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from portal import audit
from portal.models import Regio
from portal.roles import has_regio_perm
from risicofactoren.models import Schatting
from risicofactoren.services import default_model, default_year
from risicofactoren.wijkkennis import wijken_van_regios
from wijken.models import Gebied

from .models import (
    Aanbod,
    Aandachtspunt,
    AandachtspuntUitwerking,
    Actie,
    Doel,
    DoelCategorie,
    Erkenningsniveau,
    Interventie,
    Regiovisie,
    Spectrum,
    Stap,
    Status,
    Sturingsinstrument,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PREVENTIEVE_ACTIES = FIXTURES / "preventieve_acties.json"
INTERVENTIES = FIXTURES / "interventies.json"
AANDACHTSPUNTEN = FIXTURES / "aandachtspunten.json"

PERM_BEWERKEN = "portal.edit_regiovisie"
PERM_VASTSTELLEN = "portal.vaststellen_regiovisie"
AANTAL_HOOG_RISICO_WIJKEN = 5

# The fields of the document itself that the wizard writes (children have their own forms).
BEWERKBARE_VELDEN = (
    "titel",
    "jaar",
    "situatieschets",
    "visie",
    "visie_preventie",
    "visie_signaleren",
    "visie_analyseren",
    "visie_intervenieren",
    "stap",
)


# --- errors -----------------------------------------------------------------------------------


class RegiovisieFout(Exception):
    """A refusal with a Dutch message for the user (show `str(fout)`)."""


class GelijktijdigGewijzigd(RegiovisieFout):
    """Someone else saved the regiovisie since this form was opened: nothing was written."""

    def __init__(self, regiovisie: Regiovisie):
        self.regiovisie = regiovisie
        self.lock_version = regiovisie.lock_version
        door = regiovisie.gewijzigd_door
        wanneer = timezone.localtime(regiovisie.gewijzigd)
        super().__init__(
            _(
                "Uw wijzigingen zijn niet opgeslagen: %(door)s heeft deze regiovisie op "
                "%(wanneer)s ook gewijzigd. Open de stap opnieuw om de nieuwste versie te zien "
                "en voer uw wijziging daarna nog eens in."
            )
            % {
                "door": door.get_full_name() or door.get_username() if door else _("iemand anders"),
                "wanneer": date_format(wanneer, "j F Y \\o\\m H:i"),
            }
        )


class NietBewerkbaar(RegiovisieFout):
    def __init__(self, regiovisie: Regiovisie):
        self.regiovisie = regiovisie
        if regiovisie.is_vastgesteld:
            tekst = _(
                "Deze regiovisie is vastgesteld en kan niet meer worden gewijzigd. Begin een "
                "nieuwe cyclus om verder te werken."
            )
        else:
            tekst = _(
                "Deze regiovisie ligt ter vaststelling bij het bestuur en kan nu niet worden "
                "gewijzigd. Haal haar eerst terug naar concept."
            )
        super().__init__(tekst)


class OngeldigeStatus(RegiovisieFout):
    pass


class OpenVersieBestaat(RegiovisieFout):
    def __init__(self, regio: Regio):
        super().__init__(
            _(
                "Voor %(regio)s is al een regiovisie in bewerking of ter vaststelling. Werk "
                "daarin verder."
            )
            % {"regio": regio.naam}
        )


class GeenBevoegdheid(PermissionDenied):
    pass


def _vereis(user: Any, perm: str, regio: Regio) -> None:
    if user is None or not has_regio_perm(user, perm, regio):
        raise GeenBevoegdheid(_("U hebt hiervoor geen bevoegdheid in deze regio."))


# --- catalogues -------------------------------------------------------------------------------


def _model(models: Any, naam: str) -> Any:
    """The model from the migration's historical `apps` when given, else the current one."""
    return (models or django_apps).get_model("acties", naam)


def load_preventieve_acties(path: Path = PREVENTIEVE_ACTIES, models: Any = None) -> int:
    """Create or update the ten preventive actions of the guidance."""
    PreventieveActieM = _model(models, "PreventieveActie")
    data = json.loads(path.read_text(encoding="utf-8"))["preventieve_acties"]
    for item in data:
        rest = {k: v for k, v in item.items() if k != "code"}
        PreventieveActieM.objects.update_or_create(code=item["code"], defaults=rest)
    return len(data)


def load_aandachtspunten(path: Path = AANDACHTSPUNTEN, models: Any = None) -> int:
    AandachtspuntM = _model(models, "Aandachtspunt")
    data = json.loads(path.read_text(encoding="utf-8"))["aandachtspunten"]
    for item in data:
        rest = {k: v for k, v in item.items() if k != "code"}
        AandachtspuntM.objects.update_or_create(code=item["code"], defaults=rest)
    return len(data)


def erkenningsniveau_uit_code(code: str | None) -> int | None:
    """'goed_onderbouwd' → Erkenningsniveau.GOED_ONDERBOUWD; None stays None (unknown)."""
    if code is None:
        return None
    return Erkenningsniveau[code.upper()].value


def load_interventies(path: Path = INTERVENTIES, models: Any = None) -> int:
    """Create or update the shipped interventions (after the preventive actions)."""
    InterventieM = _model(models, "Interventie")
    PreventieveActieM = _model(models, "PreventieveActie")
    data = json.loads(path.read_text(encoding="utf-8"))["interventies"]
    for item in data:
        rest = {k: v for k, v in item.items() if k not in ("code", "preventieve_acties")}
        rest["erkenningsniveau"] = erkenningsniveau_uit_code(rest.get("erkenningsniveau"))
        interventie, _ = InterventieM.objects.update_or_create(code=item["code"], defaults=rest)
        acties = PreventieveActieM.objects.filter(code__in=item["preventieve_acties"])
        if acties.count() != len(item["preventieve_acties"]):
            raise ValueError(f"Onbekende preventieve actie bij {item['code']}")
        interventie.preventieve_acties.set(acties)
    return len(data)


def load_catalogus(models: Any = None) -> dict[str, int]:
    return {
        "preventieve_acties": load_preventieve_acties(models=models),
        "aandachtspunten": load_aandachtspunten(models=models),
        "interventies": load_interventies(models=models),
    }


# --- versions ---------------------------------------------------------------------------------


def open_regiovisie(regio: Regio) -> Regiovisie | None:
    """The version in progress (concept or ter vaststelling), if any."""
    return Regiovisie.objects.filter(
        regio=regio, status__in=[Status.CONCEPT, Status.TER_VASTSTELLING]
    ).first()


def laatst_vastgestelde(regio: Regio) -> Regiovisie | None:
    return (
        Regiovisie.objects.filter(regio=regio, status=Status.VASTGESTELD)
        .order_by("-versie")
        .first()
    )


def _volgend_versienummer(regio: Regio) -> int:
    hoogste = Regiovisie.objects.filter(regio=regio).aggregate(m=Max("versie"))["m"]
    return (hoogste or 0) + 1


def _standaardtitel(regio: Regio, jaar: int) -> str:
    return _("Regiovisie huiselijk geweld en kindermishandeling %(regio)s %(jaar)s") % {
        "regio": regio.naam,
        "jaar": jaar,
    }


def _maak_versie(regio: Regio, user: Any, **velden: Any) -> Regiovisie:
    """Create the next version; two officers starting at once get one draft, not two."""
    if open_regiovisie(regio) is not None:
        raise OpenVersieBestaat(regio)
    try:
        with transaction.atomic():
            return Regiovisie.objects.create(
                regio=regio,
                versie=_volgend_versienummer(regio),
                aangemaakt_door=user,
                gewijzigd_door=user,
                **velden,
            )
    except IntegrityError:
        raise OpenVersieBestaat(regio) from None


def _aandachtspunten_aanvullen(regiovisie: Regiovisie) -> None:
    """One (empty) uitwerking per aandachtspunt, so step 6 shows every point."""
    bestaand = set(regiovisie.aandachtspunten.values_list("aandachtspunt_id", flat=True))
    AandachtspuntUitwerking.objects.bulk_create(
        AandachtspuntUitwerking(regiovisie=regiovisie, aandachtspunt=punt)
        for punt in Aandachtspunt.objects.exclude(pk__in=bestaand)
    )


def nieuwe_regiovisie(
    regio: Regio, user: Any, *, jaar: int | None = None, titel: str = ""
) -> Regiovisie:
    """Start a regiovisie from scratch (the first cycle, or a fresh start)."""
    _vereis(user, PERM_BEWERKEN, regio)
    jaar = jaar or timezone.localdate().year
    with transaction.atomic():
        regiovisie = _maak_versie(
            regio, user, jaar=jaar, titel=titel or _standaardtitel(regio, jaar)
        )
        _aandachtspunten_aanvullen(regiovisie)
        audit.log_regiovisie_aangemaakt(user, regio, regiovisie.pk, regiovisie.versie)
    return regiovisie


def volgende_cyclus(regiovisie: Regiovisie, user: Any, *, jaar: int | None = None) -> Regiovisie:
    """Start the next cycle as a concept copy of a vastgestelde version, children included.

    Goals and actions remember what they were copied from (`overgenomen_van`), so progress can
    be followed across cycles; the wizard starts again at step 1 (`stap` = 0).
    """
    _vereis(user, PERM_BEWERKEN, regiovisie.regio)
    if not regiovisie.is_vastgesteld:
        raise OngeldigeStatus(
            _("Alleen een vastgestelde regiovisie kan de basis zijn voor een nieuwe cyclus.")
        )
    jaar = jaar or regiovisie.jaar + 1
    oud = regiovisie
    with transaction.atomic():
        nieuw = _maak_versie(
            oud.regio,
            user,
            jaar=jaar,
            titel=_standaardtitel(oud.regio, jaar),
            vorige=oud,
            situatieschets=oud.situatieschets,
            visie=oud.visie,
            visie_preventie=oud.visie_preventie,
            visie_signaleren=oud.visie_signaleren,
            visie_analyseren=oud.visie_analyseren,
            visie_intervenieren=oud.visie_intervenieren,
        )
        _kopieer_inhoud(oud, nieuw)
        _aandachtspunten_aanvullen(nieuw)
        audit.log_regiovisie_aangemaakt(user, nieuw.regio, nieuw.pk, nieuw.versie, vorige=oud)
    return nieuw


def _kopie(obj: Any, **velden: Any) -> Any:
    """An unsaved copy of a model instance with some fields replaced."""
    waarden = {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key
    }
    waarden.update(velden)
    return type(obj)(**waarden)


def _kopieer_inhoud(oud: Regiovisie, nieuw: Regiovisie) -> None:
    partners = {}
    for p in oud.partners.all():
        partners[p.pk] = _kopie(p, regiovisie_id=nieuw.pk)
        partners[p.pk].save()
    doelen = {}
    for d in oud.doelen.all():
        doelen[d.pk] = _kopie(d, regiovisie_id=nieuw.pk, overgenomen_van_id=d.pk)
        doelen[d.pk].save()
    doelgroepen = {}
    for g in oud.doelgroepen.prefetch_related("risicofactoren", "wijken"):
        doelgroepen[g.pk] = kopie = _kopie(g, regiovisie_id=nieuw.pk)
        kopie.save()
        kopie.risicofactoren.set(g.risicofactoren.all())
        kopie.wijken.set(g.wijken.all())
    for a in oud.acties.prefetch_related("doelen", "wijken", "partners", "sturingsinstrumenten"):
        kopie = _kopie(
            a,
            regiovisie_id=nieuw.pk,
            doelgroep_id=doelgroepen[a.doelgroep_id].pk if a.doelgroep_id else None,
            overgenomen_van_id=a.pk,
        )
        kopie.save()
        kopie.doelen.set([doelen[d.pk] for d in a.doelen.all()])
        kopie.wijken.set(a.wijken.all())
        kopie.partners.set([partners[p.pk] for p in a.partners.all()])
        Sturingsinstrument.objects.bulk_create(
            _kopie(s, actie_id=kopie.pk) for s in a.sturingsinstrumenten.all()
        )
    AandachtspuntUitwerking.objects.bulk_create(
        _kopie(u, regiovisie_id=nieuw.pk) for u in oud.aandachtspunten.all()
    )


# --- editing with optimistic locking ----------------------------------------------------------


def _weigering(regiovisie_id: int) -> RegiovisieFout:
    """Why a conditional update touched no row: frozen, or someone else saved first."""
    regiovisie = Regiovisie.objects.select_related("gewijzigd_door").get(pk=regiovisie_id)
    if not regiovisie.is_bewerkbaar:
        return NietBewerkbaar(regiovisie)
    return GelijktijdigGewijzigd(regiovisie)


@contextmanager
def bewerking(
    regiovisie_id: int, lock_version: int, user: Any, *, onderdelen: Iterable[str] = ()
) -> Iterator[Regiovisie]:
    """Edit a concept regiovisie and its children as one unit, or not at all.

    Raises the lock first (refusing a stale `lock_version` or a frozen version), then yields the
    regiovisie inside the transaction: the caller saves its forms and formsets there. An error
    in the block rolls back the children and the raised lock together. `onderdelen` names what
    changed, for the audit log (never the text itself).
    """
    regio = Regiovisie.objects.select_related("regio").get(pk=regiovisie_id).regio
    _vereis(user, PERM_BEWERKEN, regio)
    with transaction.atomic():
        geraakt = Regiovisie.objects.filter(
            pk=regiovisie_id, lock_version=lock_version, status=Status.CONCEPT
        ).update(lock_version=F("lock_version") + 1, gewijzigd=timezone.now(), gewijzigd_door=user)
        if not geraakt:
            raise _weigering(regiovisie_id)
        regiovisie = Regiovisie.objects.select_related("regio").get(pk=regiovisie_id)
        yield regiovisie
        audit.log_regiovisie_gewijzigd(
            user, regio, regiovisie.pk, regiovisie.versie, sorted(set(onderdelen))
        )


def opslaan(
    regiovisie_id: int, lock_version: int, velden: Mapping[str, Any], user: Any
) -> Regiovisie:
    """Save fields of the document itself (the wizard's text steps) with optimistic locking.

    Returns the regiovisie with its new `lock_version`, which the next form must carry. `stap`
    only moves forward: going back to an earlier step does not undo the progress.
    Raises GelijktijdigGewijzigd, NietBewerkbaar, GeenBevoegdheid or a ValidationError.
    """
    onbekend = set(velden) - set(BEWERKBARE_VELDEN)
    if onbekend:
        raise ValueError(f"Geen bewerkbare velden van een regiovisie: {sorted(onbekend)}")
    with bewerking(regiovisie_id, lock_version, user, onderdelen=velden) as regiovisie:
        for naam, waarde in velden.items():
            if naam == "stap":
                waarde = max(regiovisie.stap, int(waarde))
            setattr(regiovisie, naam, waarde)
        regiovisie.full_clean(
            exclude=[f.name for f in Regiovisie._meta.fields if f.name not in velden],
            validate_unique=False,
            validate_constraints=False,
        )
        regiovisie.save(update_fields=list(velden))
    return regiovisie


def _zet_status(
    regiovisie: Regiovisie,
    user: Any,
    van: str,
    naar: str,
    lock_version: int | None,
    **velden: Any,
) -> Regiovisie:
    filter_ = Q(pk=regiovisie.pk, status=van)
    if lock_version is not None:
        filter_ &= Q(lock_version=lock_version)
    with transaction.atomic():
        geraakt = Regiovisie.objects.filter(filter_).update(
            status=naar,
            lock_version=F("lock_version") + 1,
            gewijzigd=timezone.now(),
            gewijzigd_door=user,
            **velden,
        )
        if not geraakt:
            huidig = Regiovisie.objects.select_related("gewijzigd_door").get(pk=regiovisie.pk)
            if huidig.status != van:
                raise OngeldigeStatus(
                    _("Dit kan niet: de regiovisie heeft de status '%(status)s'.")
                    % {"status": huidig.get_status_display().lower()}
                )
            raise GelijktijdigGewijzigd(huidig)
        if naar == Status.VASTGESTELD:
            audit.log_regiovisie_vastgesteld(
                user, regiovisie.regio, regiovisie.pk, regiovisie.versie
            )
        else:
            audit.log_regiovisie_status(
                user, regiovisie.regio, regiovisie.pk, regiovisie.versie, van, naar
            )
    regiovisie.refresh_from_db()
    return regiovisie


def ter_vaststelling_aanbieden(
    regiovisie: Regiovisie, user: Any, *, lock_version: int | None = None
) -> Regiovisie:
    """The beleidsmedewerker hands the concept to the bestuur; it is frozen from then on."""
    _vereis(user, PERM_BEWERKEN, regiovisie.regio)
    return _zet_status(regiovisie, user, Status.CONCEPT, Status.TER_VASTSTELLING, lock_version)


def terug_naar_concept(regiovisie: Regiovisie, user: Any) -> Regiovisie:
    """Back to concept for changes: by the officers or by the bestuurder who sends it back."""
    regio = regiovisie.regio
    if not (
        has_regio_perm(user, PERM_BEWERKEN, regio) or has_regio_perm(user, PERM_VASTSTELLEN, regio)
    ):
        raise GeenBevoegdheid(_("U hebt hiervoor geen bevoegdheid in deze regio."))
    return _zet_status(regiovisie, user, Status.TER_VASTSTELLING, Status.CONCEPT, None)


def vaststellen(
    regiovisie: Regiovisie, user: Any, *, lock_version: int | None = None
) -> Regiovisie:
    """A bestuurder sets the version that lies ter vaststelling; it is read-only from then on.

    Pass the `lock_version` the bestuurder read, so that a version changed (sent back, edited
    and offered again) after they read it is not set unseen.
    """
    _vereis(user, PERM_VASTSTELLEN, regiovisie.regio)
    return _zet_status(
        regiovisie,
        user,
        Status.TER_VASTSTELLING,
        Status.VASTGESTELD,
        lock_version,
        vastgesteld_door=user,
        vastgesteld_op=timezone.now(),
    )


# --- starting points of the handreiking (wizard step 4) -------------------------------------

# Example goals in the spirit of the handreiking, one or two per category: the officer adapts the
# placeholders ([jaar], N) to the regio. A starting point, never a default: nothing is filled in
# unless the officer picks one.
VOORBEELDDOELEN: tuple[tuple[str, str], ...] = (
    (
        DoelCategorie.PREVENTIE,
        _(
            "In [jaar] is een analyse gemaakt van de vier belangrijkste risicogroepen in de regio "
            "en van de wijken waar zij wonen."
        ),
    ),
    (
        DoelCategorie.PREVENTIE,
        _(
            "Jaarlijks krijgen tenminste N gezinnen met een verhoogd risico preventieve begeleiding."
        ),
    ),
    (
        DoelCategorie.SIGNALERING,
        _(
            "In [jaar] werkt tenminste N% van de professionals in JGZ, onderwijs en kinderopvang "
            "aantoonbaar met de meldcode en de Kindcheck."
        ),
    ),
    (
        DoelCategorie.NA_INCIDENTEN,
        _(
            "Vanaf [jaar] krijgt elk kind dat getuige was van huiselijk geweld binnen N weken "
            "psycho-educatie of passende hulp."
        ),
    ),
    (
        DoelCategorie.SNELHEID,
        _(
            "In [jaar] is bij tenminste N% van de meldingen binnen vijf werkdagen na de melding "
            "gestart met onderzoek of hulp."
        ),
    ),
    (
        DoelCategorie.EEN_GEZIN,
        _(
            "In [jaar] heeft elk gezin waarin huiselijk geweld of kindermishandeling speelt één "
            "plan en één regisseur."
        ),
    ),
    (
        DoelCategorie.REGISTRATIE,
        _(
            "Vanaf [jaar] registreren alle ketenpartners meldingen, interventies en uitkomsten op "
            "dezelfde manier, zodat de regio jaarlijks over de voortgang kan rapporteren."
        ),
    ),
)


def doel_uit_voorbeeld(regiovisie_id: int, lock_version: int, user: Any, index: int) -> Regiovisie:
    """Add an example goal of the handreiking as a new goal the officer then makes SMART."""
    try:
        categorie, tekst = VOORBEELDDOELEN[index]
    except IndexError:
        raise RegiovisieFout(_("Dit voorbeeld bestaat niet.")) from None
    with bewerking(regiovisie_id, lock_version, user, onderdelen=["doelen"]) as regiovisie:
        volgorde = regiovisie.doelen.aggregate(m=Max("volgorde"))["m"]
        Doel.objects.create(
            regiovisie=regiovisie,
            categorie=categorie,
            omschrijving=str(tekst),
            volgorde=(volgorde or 0) + 1,
        )
    return regiovisie


def actie_verwijderen(regiovisie_id: int, lock_version: int, user: Any, actie_id: int) -> None:
    with bewerking(regiovisie_id, lock_version, user, onderdelen=["acties"]) as regiovisie:
        regiovisie.acties.filter(pk=actie_id).delete()


# --- the completeness check (wizard step 8) ---------------------------------------------------


@dataclass(frozen=True)
class Waarschuwing:
    """A concrete gap in the plan; `stap` is the wizard step where it is fixed and `object_type`
    with `object_id` what it is about ("actie", "doel", "wijk" (a CBS code), "spectrum")."""

    code: str
    stap: int
    tekst: str
    object_type: str = ""
    object_id: int | str | None = None


def hoog_risico_wijken(
    regio: Regio, aantal: int = AANTAL_HOOG_RISICO_WIJKEN, jaar: int | None = None
) -> list[Schatting]:
    """The wijken of the regio with the highest estimated number of maltreated children.

    Default model, the default year of the dashboards (`default_year`) or `jaar`.
    """
    model = default_model()
    if model is None:
        return []
    wijken = wijken_van_regios([regio])
    schattingen = Schatting.objects.filter(model=model, gebied__in=wijken, schatting__isnull=False)
    jaar = jaar or default_year(model, wijken)
    if jaar is None:
        return []
    return list(
        schattingen.filter(jaar=jaar)
        .select_related("gebied", "gebied__gemeente")
        .order_by("-schatting", "gebied__code")[:aantal]
    )


def _wijken_bereikt(acties: list[Actie]) -> set[int]:
    """Wijken an action names, itself or through its doelgroep. A regio-wide action (no wijken)
    does not count: the check asks whether the high-risk wijken are targeted explicitly."""
    bereikt: set[int] = set()
    for actie in acties:
        bereikt.update(w.pk for w in actie.wijken.all())
        if actie.doelgroep is not None:
            bereikt.update(w.pk for w in actie.doelgroep.wijken.all())
    return bereikt


def _betere_interventies(actie: Actie) -> list[Interventie]:
    """Recognised (goed onderbouwd or higher) alternatives for the same preventive action."""
    interventie = actie.interventie
    if actie.preventieve_actie_id:
        preventief = [actie.preventieve_actie_id]
    else:
        preventief = [p.pk for p in interventie.preventieve_acties.all()]
    if not preventief:
        return []
    drempel = max(Erkenningsniveau.GOED_ONDERBOUWD, (interventie.erkenningsniveau or 0) + 1)
    return list(
        Interventie.objects.filter(preventieve_acties__in=preventief, erkenningsniveau__gte=drempel)
        .exclude(pk=interventie.pk)
        .distinct()
        .order_by("-erkenningsniveau", "naam")
    )


def controle(regiovisie: Regiovisie) -> list[Waarschuwing]:
    """The completeness check of step 8: what the guidance asks that the plan does not yet do.

    - a level of the prevention spectrum without actions ("herhaling voorkomen" has its own,
      sharper warning);
    - a high-risk wijk (the top 5 of the estimates) that no action names;
    - a wijk among the 5 largest gaps of the vraag-aanbod-analyse that no action names (only
      once the regio has inventoried its aanbod);
    - an action without projectleider or without bestuurlijk trekker;
    - a goal without indicator, or without target (streefwaarde and streefjaar);
    - an intervention below goed onderbouwd where the catalogue has a better one for the same
      preventive action.
    """
    acties = list(
        regiovisie.acties.select_related(
            "interventie", "preventieve_actie", "doelgroep"
        ).prefetch_related("wijken", "doelgroep__wijken", "interventie__preventieve_acties")
    )
    uit: list[Waarschuwing] = []

    niveaus = {a.spectrum for a in acties}
    for niveau in (Spectrum.ALLE_GEZINNEN, Spectrum.VERHOOGD_RISICO):
        if niveau not in niveaus:
            uit.append(
                Waarschuwing(
                    "spectrum_zonder_actie",
                    Stap.ACTIES,
                    _(
                        "Er is geen actie voor '%(niveau)s'. Het plan moet het hele "
                        "preventiespectrum dekken."
                    )
                    % {"niveau": niveau.label},
                    "spectrum",
                    niveau.value,
                )
            )
    if Spectrum.HERHALING not in niveaus:
        uit.append(
            Waarschuwing(
                "geen_actie_herhaling",
                Stap.ACTIES,
                _(
                    "Er is geen actie om herhaling te voorkomen. Denk aan psycho-educatie na "
                    "huiselijk geweld of zorg voor kinderen in de vrouwenopvang."
                ),
                "spectrum",
                Spectrum.HERHALING.value,
            )
        )

    bereikt = _wijken_bereikt(acties)
    for schatting in hoog_risico_wijken(regiovisie.regio):
        if schatting.gebied_id not in bereikt:
            wijk = schatting.gebied
            uit.append(
                Waarschuwing(
                    "wijk_zonder_actie",
                    Stap.ACTIES,
                    _(
                        "%(wijk)s (%(gemeente)s) hoort bij de wijken met de hoogste schatting "
                        "(%(jaar)s), maar geen actie is op deze wijk gericht."
                    )
                    % {
                        "wijk": wijk.naam or wijk.code,
                        "gemeente": wijk.gemeente.naam if wijk.gemeente else "",
                        "jaar": schatting.jaar,
                    },
                    "wijk",
                    wijk.code,
                )
            )

    if Aanbod.objects.filter(regio=regiovisie.regio).exists():
        # Only once the aanbod is inventoried: without it every wijk shows a gap.
        for regel in tekorten(vraag_aanbod(regiovisie.regio))[:AANTAL_HOOG_RISICO_WIJKEN]:
            if regel.wijk.pk in bereikt:
                continue
            uit.append(
                Waarschuwing(
                    "tekort_zonder_actie",
                    Stap.ACTIES,
                    _(
                        "In %(wijk)s is het aanbod naar schatting kleiner dan de behoefte (tekort "
                        "%(tekort)s per jaar, %(jaar)s, zie de vraag-aanbodanalyse), maar geen "
                        "actie is op deze wijk gericht."
                    )
                    % {
                        "wijk": regel.wijk.naam or regel.wijk.code,
                        "tekort": number_format(regel.tekort, 0),
                        "jaar": regel.jaar,
                    },
                    "wijk",
                    regel.wijk.code,
                )
            )

    for actie in acties:
        if not actie.projectleider.strip():
            uit.append(
                Waarschuwing(
                    "actie_zonder_projectleider",
                    Stap.ACTIES,
                    _("Actie '%(actie)s' heeft geen projectleider die haar trekt.")
                    % {"actie": actie.naam},
                    "actie",
                    actie.pk,
                )
            )
        if not actie.bestuurlijk_trekker.strip():
            uit.append(
                Waarschuwing(
                    "actie_zonder_bestuurlijk_trekker",
                    Stap.ACTIES,
                    _("Actie '%(actie)s' heeft geen bestuurlijk trekker.") % {"actie": actie.naam},
                    "actie",
                    actie.pk,
                )
            )

    for doel in regiovisie.doelen.all():
        if not doel.heeft_indicator:
            uit.append(
                Waarschuwing(
                    "doel_zonder_indicator",
                    Stap.DOELEN,
                    _(
                        "Doel '%(doel)s' heeft geen indicator: zo is niet te meten of het "
                        "gehaald wordt."
                    )
                    % {"doel": str(doel)},
                    "doel",
                    doel.pk,
                )
            )
        if doel.streefwaarde is None or doel.streefjaar is None:
            uit.append(
                Waarschuwing(
                    "doel_zonder_streefwaarde",
                    Stap.DOELEN,
                    _("Doel '%(doel)s' heeft geen streefwaarde met een streefjaar.")
                    % {"doel": str(doel)},
                    "doel",
                    doel.pk,
                )
            )

    for actie in acties:
        if actie.interventie is None or not actie.interventie.onder_goed_onderbouwd:
            continue
        beter = _betere_interventies(actie)
        if beter:
            niveau = actie.interventie.get_erkenningsniveau_display() or _("niet erkend")
            uit.append(
                Waarschuwing(
                    "interventie_onder_goed_onderbouwd",
                    Stap.ACTIES,
                    _(
                        "Actie '%(actie)s' gebruikt %(interventie)s (%(niveau)s). Voor dezelfde "
                        "preventieve actie zijn er interventies die minstens goed onderbouwd zijn, "
                        "zoals %(beter)s."
                    )
                    % {
                        "actie": actie.naam,
                        "interventie": actie.interventie.naam,
                        "niveau": str(niveau).lower(),
                        "beter": ", ".join(
                            f"{i.naam} ({i.get_erkenningsniveau_display().lower()})"
                            for i in beter[:3]
                        ),
                    },
                    "actie",
                    actie.pk,
                )
            )
    return uit


# --- the vraag-aanbod-analyse -----------------------------------------------------------------


@dataclass
class VraagAanbodRegel:
    """One wijk: the estimated need next to the capacity of the aanbod that reaches it.

    `behoefte` is the estimated number of maltreated children a year (an estimate for policy,
    never about a family); `capaciteit` is in families a year, the share of each aanbod that
    falls to this wijk. A family may have several children, so the comparison is indicative.
    """

    wijk: Gebied
    jaar: int
    behoefte: float | None
    ondergrens: float | None
    bovengrens: float | None
    capaciteit: float = 0.0
    aanbod: list[str] = field(default_factory=list)

    @property
    def tekort(self) -> float | None:
        if self.behoefte is None:
            return None
        return max(self.behoefte - self.capaciteit, 0.0)

    @property
    def dekking(self) -> float | None:
        """Capacity as a share of the need (1.0 = enough)."""
        if not self.behoefte:
            return None
        return self.capaciteit / self.behoefte


def vraag_aanbod(regio: Regio, jaar: int | None = None) -> list[VraagAanbodRegel]:
    """Per wijk of the regio: estimated need, capacity reaching it, and the gap; largest gap first.

    An aanbod serving several wijken (none named: the whole regio) is shared out over them in
    proportion to their estimated need, equally when no need is known, so capacity is counted
    once and not once per wijk. Aanbod is counted when its years cover `jaar` (default: the
    dashboards' default year for the regio's wijken, `default_year`).
    """
    model = default_model()
    wijken = wijken_van_regios([regio])
    schattingen = Schatting.objects.filter(gebied__in=wijken)
    schattingen = schattingen.filter(model=model) if model else schattingen.none()
    if jaar is None and model is not None:
        jaar = default_year(model, wijken)
    if jaar is None:
        return []
    regels: dict[int, VraagAanbodRegel] = {
        s.gebied_id: VraagAanbodRegel(
            wijk=s.gebied,
            jaar=jaar,
            behoefte=s.schatting,
            ondergrens=s.ondergrens,
            bovengrens=s.bovengrens,
        )
        for s in schattingen.filter(jaar=jaar).select_related("gebied", "gebied__gemeente")
    }
    aanbod = (
        Aanbod.objects.filter(regio=regio)
        .filter(Q(vanaf_jaar__isnull=True) | Q(vanaf_jaar__lte=jaar))
        .filter(Q(tot_jaar__isnull=True) | Q(tot_jaar__gte=jaar))
        .select_related("interventie")
        .prefetch_related("wijken")
    )
    regio_wijken = {w.pk: w for w in wijken}
    geschat = list(regels)  # the whole regio: the wijken with an estimate this year
    for item in aanbod:
        doel = [w for w in item.wijken.all() if w.pk in regio_wijken] or None
        if doel is None:
            ids = geschat
        else:
            for w in doel:  # a wijk without an estimate still shows its capacity
                regels.setdefault(
                    w.pk, VraagAanbodRegel(w, jaar, behoefte=None, ondergrens=None, bovengrens=None)
                )
            ids = [w.pk for w in doel]
        if not ids:
            continue
        gewichten = [regels[i].behoefte or 0.0 for i in ids]
        totaal = sum(gewichten)
        if totaal <= 0:
            gewichten, totaal = [1.0] * len(ids), float(len(ids))
        for i, gewicht in zip(ids, gewichten, strict=True):
            if gewicht > 0:
                regels[i].capaciteit += item.capaciteit_per_jaar * gewicht / totaal
                regels[i].aanbod.append(item.naam)
    return sorted(
        regels.values(),
        key=lambda r: (r.tekort is None, -(r.tekort or 0.0), r.wijk.code),
    )


def tekorten(regels: Iterable[VraagAanbodRegel]) -> list[VraagAanbodRegel]:
    """The wijken where the estimated need exceeds the capacity reaching them."""
    return [r for r in regels if r.tekort]
