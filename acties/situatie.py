"""The situatieschets of a regiovisie: what Stap 1 found, gathered for Stap 2.

`situatieschets(regio)` collects the figures (the wijken with the highest estimates and what drives
them, the gemeenten's totals, what wijkprofessionals and dialogue sessions recorded there, where the
aanbod falls short) and `concepttekst(schets)` turns them into a Dutch starting text that the
beleidsmedewerker edits in wizard step 2. The partial `acties/_situatieschets.html` shows the same
figures (context variable `schets`), in the wizard and in the document.

Every figure is an estimate for policy, never a statement about a family; signals and sessions are
counted and summarised per wijk, never shown with their text, author or participants.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.models import Regio
from risicofactoren.models import Dialoogsessie, Schatting, Signaal
from risicofactoren.services import default_model
from risicofactoren.wijkkennis import Balans, balans_uit_annotatie, met_balans
from wijken.models import Gebied, Soort

from .services import hoog_risico_wijken, tekorten, vraag_aanbod

AANTAL_WIJKEN = 5
AANTAL_FACTOREN = 3
AANTAL_TEKORTEN = 5
SIGNALEN_DAGEN = 365
# A factor "drives" an estimate when it raises the risk by more than half a percent (the estimate
# pages call the same factors "hoger").
DREMPEL_VERHOGING = 1.005


def voorbehoud() -> str:
    return _("Een schatting voor beleid, nooit een uitspraak over een gezin.")


def getal(waarde: float | None, decimalen: int = 0) -> str:
    """A number in the active language's format (Dutch: 1.234,5); an empty value as a dash."""
    if waarde is None:
        return "—"
    return number_format(round(float(waarde), decimalen), decimalen, force_grouping=True)


def interval(ondergrens: float | None, bovengrens: float | None) -> str:
    """An estimate's 95 % interval as it is written in the portal ("980 tot 1.250")."""
    if ondergrens is None or bovengrens is None:
        return "—"
    return _("%(a)s tot %(b)s") % {"a": getal(ondergrens), "b": getal(bovengrens)}


@dataclass(frozen=True)
class Factor:
    """A factor that raises the estimate: its share in the wijk and in NL (%), and the ratio."""

    naam: str
    aandeel: float
    landelijk: float
    ratio: float

    @property
    def label(self) -> str:
        return _("%(naam)s (%(ratio)s×)") % {"naam": self.naam, "ratio": getal(self.ratio, 2)}


@dataclass
class WijkSchets:
    """One wijk with a high estimate, and what the wijk itself knows."""

    wijk: Gebied
    gemeente: str
    jaar: int
    schatting: float
    ondergrens: float | None
    bovengrens: float | None
    per_1000: float | None
    kinderen: float | None
    factoren: list[Factor] = field(default_factory=list)
    signalen: int = 0
    signaal_themas: list[str] = field(default_factory=list)
    dialoogsessies: int = 0
    laatste_sessie: datetime.date | None = None
    balans: Balans | None = None
    conclusies: str = ""

    @property
    def naam(self) -> str:
        return self.wijk.naam or self.wijk.code

    @property
    def interval(self) -> str:
        return interval(self.ondergrens, self.bovengrens)

    @property
    def heeft_kennis(self) -> bool:
        return bool(self.signalen or self.dialoogsessies)


@dataclass
class GemeenteSchets:
    """A member gemeente of the regio with its own estimate (None when not estimated)."""

    code: str
    naam: str
    is_centrumgemeente: bool
    schatting: float | None = None
    ondergrens: float | None = None
    bovengrens: float | None = None
    per_1000: float | None = None
    kinderen: float | None = None

    @property
    def interval(self) -> str:
        return interval(self.ondergrens, self.bovengrens)


@dataclass
class Tekort:
    """A wijk where the estimated need exceeds the capacity of the aanbod reaching it."""

    wijk: Gebied
    gemeente: str
    behoefte: float
    capaciteit: float
    tekort: float
    aanbod: list[str] = field(default_factory=list)

    @property
    def naam(self) -> str:
        return self.wijk.naam or self.wijk.code


@dataclass
class Situatieschets:
    regio: Regio
    jaar: int | None
    model_naam: str = ""
    model_titel: str = ""
    wijken: list[WijkSchets] = field(default_factory=list)
    gemeenten: list[GemeenteSchets] = field(default_factory=list)
    tekorten: list[Tekort] = field(default_factory=list)
    signalen_sinds: datetime.date | None = None
    voorbehoud: str = ""

    @property
    def heeft_cijfers(self) -> bool:
        return bool(self.wijken)

    @property
    def geschatte_gemeenten(self) -> list[GemeenteSchets]:
        return [g for g in self.gemeenten if g.schatting is not None]

    @property
    def totaal(self) -> float | None:
        """The sum of the gemeenten's estimates (only when every member gemeente has one)."""
        if not self.gemeenten or len(self.geschatte_gemeenten) < len(self.gemeenten):
            return None
        return sum(g.schatting for g in self.gemeenten)

    @property
    def totaal_kinderen(self) -> float | None:
        if self.totaal is None or any(g.kinderen is None for g in self.gemeenten):
            return None
        return sum(g.kinderen for g in self.gemeenten)

    @property
    def wijken_met_kennis(self) -> list[WijkSchets]:
        return [w for w in self.wijken if w.heeft_kennis]


def _factoren(schatting: Schatting) -> list[Factor]:
    """The factors that raise this estimate, strongest first (as stored with the estimate)."""
    uit = [
        Factor(
            naam=data.get("naam") or code,
            aandeel=(data.get("aandeel") or 0.0) * 100,
            landelijk=(data.get("landelijk") or 0.0) * 100,
            ratio=data["ratio"],
        )
        for code, data in (schatting.factoren or {}).items()
        if data.get("ratio") is not None and data["ratio"] > DREMPEL_VERHOGING
    ]
    uit.sort(key=lambda f: (-f.ratio, f.naam))
    return uit[:AANTAL_FACTOREN]


def _gemeente_naam(wijk: Gebied, namen: dict[str, str]) -> str:
    if wijk.gemeente is None:
        return ""
    return namen.get(wijk.gemeente.code) or wijk.gemeente.naam or wijk.gemeente.code


def _wijkkennis(regio: Regio, rijen: list[WijkSchets], sinds: datetime.date) -> None:
    """Counts of recent signals (with their themes) and of dialogue sessions, the latest
    session's balance and conclusions. Never a signal's text, author or the participants."""
    per_id = {r.wijk.pk: r for r in rijen}
    signalen = Signaal.objects.filter(regio=regio, gebied_id__in=per_id, datum__gte=sinds)
    themas: dict[int, Counter] = {}
    for rij in signalen.values("gebied_id", "thema__naam").annotate(n=Count("id")):
        themas.setdefault(rij["gebied_id"], Counter())[rij["thema__naam"]] += rij["n"]
    for gebied_id, teller in themas.items():
        per_id[gebied_id].signalen = sum(teller.values())
        per_id[gebied_id].signaal_themas = [
            naam for naam, _n in sorted(teller.items(), key=lambda t: (-t[1], t[0]))[:3]
        ]
    sessies = Dialoogsessie.objects.filter(regio=regio, gebied_id__in=per_id)
    for rij in sessies.values("gebied_id").annotate(n=Count("id")):
        per_id[rij["gebied_id"]].dialoogsessies = rij["n"]
    for sessie in met_balans(sessies.order_by("gebied_id", "-datum", "-aangemaakt")):
        wijk = per_id[sessie.gebied_id]
        if wijk.laatste_sessie is None:
            wijk.laatste_sessie = sessie.datum
            wijk.balans = balans_uit_annotatie(sessie)
            wijk.conclusies = sessie.conclusies.strip()


def situatieschets(regio: Regio, jaar: int | None = None) -> Situatieschets:
    """What Stap 1 says about the regio: see the module docstring. Figures of the default model,
    its latest year with estimates for the regio's wijken unless `jaar` is given."""
    model = default_model()
    schets = Situatieschets(
        regio=regio,
        jaar=jaar,
        model_naam=model.naam if model else "",
        model_titel=model.titel if model else "",
        voorbehoud=voorbehoud(),
    )
    leden = list(regio.gemeenten.order_by("-is_centrumgemeente", "naam"))
    namen = {g.code: g.naam for g in leden}
    schets.gemeenten = [GemeenteSchets(g.code, g.naam, g.is_centrumgemeente) for g in leden]
    schattingen = hoog_risico_wijken(regio, AANTAL_WIJKEN, jaar=jaar)
    if not schattingen:
        return schets
    schets.jaar = jaar = schattingen[0].jaar
    schets.wijken = [
        WijkSchets(
            wijk=s.gebied,
            gemeente=_gemeente_naam(s.gebied, namen),
            jaar=s.jaar,
            schatting=s.schatting,
            ondergrens=s.ondergrens,
            bovengrens=s.bovengrens,
            per_1000=s.per_1000,
            kinderen=s.kinderen,
            factoren=_factoren(s),
        )
        for s in schattingen
    ]
    # The gemeenten's own estimates: one query.
    eigen = {
        s.gebied.code: s
        for s in Schatting.objects.filter(
            model=model, jaar=jaar, gebied__soort=Soort.GEMEENTE, gebied__code__in=list(namen)
        ).select_related("gebied")
    }
    for g in schets.gemeenten:
        if (s := eigen.get(g.code)) is not None and s.schatting is not None:
            g.schatting, g.ondergrens, g.bovengrens = s.schatting, s.ondergrens, s.bovengrens
            g.per_1000, g.kinderen = s.per_1000, s.kinderen
    schets.signalen_sinds = timezone.localdate() - datetime.timedelta(days=SIGNALEN_DAGEN)
    _wijkkennis(regio, schets.wijken, schets.signalen_sinds)
    schets.tekorten = [
        Tekort(
            wijk=r.wijk,
            gemeente=_gemeente_naam(r.wijk, namen),
            behoefte=r.behoefte,
            capaciteit=r.capaciteit,
            tekort=r.tekort,
            aanbod=sorted(set(r.aanbod)),
        )
        for r in tekorten(vraag_aanbod(regio, jaar))[:AANTAL_TEKORTEN]
    ]
    return schets


# --- the starting text --------------------------------------------------------------------------


def _lijst(items: list[str]) -> str:
    return str(get_text_list(items, _("en")))


def _wijkzin(w: WijkSchets) -> str:
    zin = _(
        "%(wijk)s (%(gemeente)s): naar schatting %(n)s kinderen per jaar (95%%-interval "
        "%(interval)s), %(per1000)s per 1000 van de %(kinderen)s kinderen"
    ) % {
        "wijk": w.naam,
        "gemeente": w.gemeente,
        "n": getal(w.schatting),
        "interval": w.interval,
        "per1000": getal(w.per_1000, 1),
        "kinderen": getal(w.kinderen),
    }
    if w.factoren:
        zin += _("; vooral door %(factoren)s") % {
            "factoren": _lijst(
                [
                    _("%(naam)s (%(aandeel)s%% tegen %(landelijk)s%% landelijk)")
                    % {
                        "naam": f.naam.lower(),
                        "aandeel": getal(f.aandeel, 1),
                        "landelijk": getal(f.landelijk, 1),
                    }
                    for f in w.factoren
                ]
            )
        }
    return zin + "."


def _kenniszinnen(w: WijkSchets, sinds: datetime.date | None) -> list[str]:
    zinnen = []
    if w.signalen:
        zin = ngettext(
            "In %(wijk)s legden professionals sinds %(sinds)s %(n)s signaal vast",
            "In %(wijk)s legden professionals sinds %(sinds)s %(n)s signalen vast",
            w.signalen,
        ) % {
            "wijk": w.naam,
            "sinds": date_format(sinds, "j F Y") if sinds else "",
            "n": getal(w.signalen),
        }
        if w.signaal_themas:
            zin += _(", vooral over %(themas)s") % {
                "themas": _lijst([t.lower() for t in w.signaal_themas])
            }
        zinnen.append(zin + ".")
    if w.dialoogsessies and w.laatste_sessie:
        zin = _("De laatste dialoogsessie over %(wijk)s (%(datum)s) kwam uit op: %(balans)s.") % {
            "wijk": w.naam,
            "datum": date_format(w.laatste_sessie, "j F Y"),
            "balans": w.balans.samenvatting if w.balans else _("niets gewogen"),
        }
        if w.conclusies:
            zin += " " + _("Conclusie: %(conclusies)s") % {"conclusies": w.conclusies}
        zinnen.append(zin)
    return zinnen


def concepttekst(schets: Situatieschets) -> str:
    """A Dutch starting text for the situatieschets field, built from the figures; paragraphs
    are separated by a blank line and list items start with "- "."""
    regio = schets.regio.naam
    if not schets.heeft_cijfers:
        return "\n\n".join(
            [
                _(
                    "Voor de wijken van %(regio)s zijn nog geen schattingen berekend. Laad in "
                    "Stap 1 de cijfers van het CBS om de situatie per wijk te beschrijven."
                )
                % {"regio": regio},
                schets.voorbehoud,
            ]
        )
    delen = []
    gemeenten = _lijst([g.naam for g in schets.gemeenten])
    if schets.totaal is not None and schets.totaal_kinderen is not None:
        delen.append(
            _(
                "In %(regio)s (%(gemeenten)s) worden naar schatting jaarlijks %(n)s van de "
                "%(kinderen)s kinderen van 0 tot en met 17 jaar mishandeld (%(jaar)s, %(model)s)."
            )
            % {
                "regio": regio,
                "gemeenten": gemeenten,
                "n": getal(schets.totaal),
                "kinderen": getal(schets.totaal_kinderen),
                "jaar": schets.jaar,
                "model": schets.model_titel,
            }
        )
    kop = ngettext(
        "De wijk met het hoogste geschatte aantal mishandelde kinderen (%(jaar)s):",
        "De %(n)s wijken met de hoogste geschatte aantallen mishandelde kinderen (%(jaar)s):",
        len(schets.wijken),
    ) % {"n": len(schets.wijken), "jaar": schets.jaar}
    delen.append("\n".join([kop] + [f"- {_wijkzin(w)}" for w in schets.wijken]))
    kennis = [z for w in schets.wijken for z in _kenniszinnen(w, schets.signalen_sinds)]
    if kennis:
        delen.append(" ".join(kennis))
    if schets.tekorten:
        delen.append(
            "\n".join(
                [
                    _(
                        "Het aanbod is naar schatting niet genoeg in deze wijken (geschatte "
                        "behoefte tegenover de capaciteit in gezinnen per jaar):"
                    )
                ]
                + [
                    "- "
                    + _("%(wijk)s (%(gemeente)s): behoefte %(b)s, capaciteit %(c)s, tekort %(t)s.")
                    % {
                        "wijk": t.naam,
                        "gemeente": t.gemeente,
                        "b": getal(t.behoefte),
                        "c": getal(t.capaciteit),
                        "t": getal(t.tekort),
                    }
                    for t in schets.tekorten
                ]
            )
        )
    delen.append(
        _(
            "De aantallen zijn geschat uit openbare cijfers over de wijken en landelijk "
            "onderzoek, niet uit meldingen. %(voorbehoud)s"
        )
        % {"voorbehoud": schets.voorbehoud}
    )
    return "\n\n".join(delen)
