"""The regiovisie as a document: everything the print view and the PDF show, in reading order.

`document(regiovisie)` gathers the title page, the table of contents, the chapters and the open
warnings of the completeness check into one dict for `acties/_document.html` (the body, shared by
the HTML print view and the PDF). The chapters and their sections are numbered here, so the print
view, the PDF and its table of contents number them the same way.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import (
    DoelCategorie,
    Erkenningsniveau,
    Regiovisie,
    Spectrum,
    Stap,
)
from .services import controle
from .situatie import getal, situatieschets


@dataclass
class Blok:
    """A piece of running text: a paragraph, or a list of items (lines starting with - or *)."""

    soort: str  # "p" or "ul"
    regels: list[str]


@dataclass
class Tekst:
    """A text field as paragraphs and lists; renders itself as escaped HTML in a template."""

    blokken: list[Blok] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.blokken)

    def __html__(self) -> str:
        delen = []
        for blok in self.blokken:
            if blok.soort == "ul":
                items = format_html_join("", "<li>{}</li>", ((r,) for r in blok.regels))
                delen.append(format_html("<ul>{}</ul>", items))
            else:
                delen.append(format_html("<p>{}</p>", blok.regels[0]))
        return mark_safe("\n".join(delen))  # noqa: S308 - every part went through format_html

    def __str__(self) -> str:
        return self.__html__()


def alineas(tekst: str) -> Tekst:
    """Split a text field into paragraphs (blank lines) and bullet lists ("- " lines)."""
    blokken: list[Blok] = []
    for stuk in (tekst or "").replace("\r\n", "\n").split("\n\n"):
        alinea: list[str] = []
        lijst: Blok | None = None
        for regel in (r.strip() for r in stuk.split("\n")):
            if not regel:
                continue
            if regel[:2] in ("- ", "* ", "• "):
                if alinea:
                    blokken.append(Blok("p", [" ".join(alinea)]))
                    alinea = []
                if lijst is None:
                    lijst = Blok("ul", [])
                    blokken.append(lijst)
                lijst.regels.append(regel[2:].strip())
            else:
                lijst = None
                alinea.append(regel)
        if alinea:
            blokken.append(Blok("p", [" ".join(alinea)]))
    return Tekst(blokken)


@dataclass
class Kop:
    """A numbered heading: chapter (niveau 1) or section (niveau 2), with its anchor."""

    id: str
    nummer: str
    titel: str
    niveau: int = 1
    secties: list[Kop] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.nummer} {self.titel}"


class Inhoud:
    """Hands out chapter and section numbers in order and keeps the table of contents."""

    def __init__(self) -> None:
        self.hoofdstukken: list[Kop] = []

    def hoofdstuk(self, id_: str, titel: str) -> Kop:
        kop = Kop(id_, str(len(self.hoofdstukken) + 1), titel)
        self.hoofdstukken.append(kop)
        return kop

    def sectie(self, hoofdstuk: Kop, id_: str, titel: str) -> Kop:
        kop = Kop(id_, f"{hoofdstuk.nummer}.{len(hoofdstuk.secties) + 1}", titel, niveau=2)
        hoofdstuk.secties.append(kop)
        return kop

    @property
    def regels(self) -> list[Kop]:
        """The table of contents, flat: each chapter followed by its sections."""
        return [k for h in self.hoofdstukken for k in (h, *h.secties)]


def euro(bedrag: Decimal | float | None) -> str:
    if bedrag is None:
        return ""
    decimalen = 0 if Decimal(bedrag) == Decimal(bedrag).to_integral_value() else 2
    return f"€ {getal(bedrag, decimalen)}"


def waarde(getal_: Decimal | None) -> str:
    """A goal's baseline or target: no trailing zeros (40, 12,5), Dutch format."""
    if getal_ is None:
        return ""
    exponent = Decimal(getal_).normalize().as_tuple().exponent
    decimalen = min(max(0, -exponent), 2) if isinstance(exponent, int) else 0
    return getal(getal_, decimalen)


def datum(d: datetime.date | datetime.datetime | None) -> str:
    if d is None:
        return ""
    if isinstance(d, datetime.datetime):
        d = timezone.localtime(d).date()
    return date_format(d, "j F Y")


def looptijd(start: datetime.date | None, eind: datetime.date | None) -> str:
    if start and eind:
        return _("%(start)s tot en met %(eind)s") % {"start": datum(start), "eind": datum(eind)}
    if start:
        return _("vanaf %(start)s") % {"start": datum(start)}
    if eind:
        return _("tot en met %(eind)s") % {"eind": datum(eind)}
    return ""


def _gebruiker(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _doel(doel: Any) -> dict[str, Any]:
    indicator = doel.indicator.naam if doel.indicator_id else doel.indicator_tekst.strip()
    nulmeting = waarde(doel.nulmeting)
    if nulmeting and doel.nulmeting_jaar:
        nulmeting = _("%(waarde)s (%(jaar)s)") % {"waarde": nulmeting, "jaar": doel.nulmeting_jaar}
    streef = waarde(doel.streefwaarde)
    if streef and doel.streefjaar:
        streef = _("%(waarde)s in %(jaar)s") % {"waarde": streef, "jaar": doel.streefjaar}
    return {
        "doel": doel,
        "nummer": "",
        "omschrijving": doel.omschrijving,
        "indicator": indicator,
        "nulmeting": nulmeting,
        "streefwaarde": streef,
        "meetwijze": doel.meetwijze.strip(),
    }


def _actie(actie: Any, nummers: dict[int, str]) -> dict[str, Any]:
    interventie = actie.interventie
    if interventie is not None:
        niveau = (
            Erkenningsniveau(interventie.erkenningsniveau).label
            if interventie.erkenningsniveau
            else _("niet erkend of onbekend")
        )
    else:
        niveau = ""
    wijken = sorted(w.naam or w.code for w in actie.wijken.all())
    return {
        "actie": actie,
        "naam": actie.naam,
        "omschrijving": alineas(actie.omschrijving),
        "preventieve_actie": str(actie.preventieve_actie) if actie.preventieve_actie_id else "",
        "spectrum": actie.get_spectrum_display(),
        "doelgroep": actie.doelgroep.naam if actie.doelgroep_id else "",
        "wijken": ", ".join(wijken) if wijken else _("de hele regio"),
        "interventie": interventie.naam if interventie else "",
        "erkenningsniveau": str(niveau),
        "projectleider": actie.projectleider.strip(),
        "bestuurlijk_trekker": actie.bestuurlijk_trekker.strip(),
        "partners": ", ".join(p.naam for p in actie.partners.all()),
        "budget": euro(actie.budget),
        "bereik": (
            _("%(n)s gezinnen") % {"n": getal(actie.bereik_gepland)}
            if actie.bereik_gepland is not None
            else ""
        ),
        "looptijd": looptijd(actie.start, actie.eind),
        "doelen": [nummers[d.pk] for d in actie.doelen.all() if d.pk in nummers],
        "sturingsinstrumenten": [
            {"soort": s.get_soort_display(), "omschrijving": s.omschrijving.strip()}
            for s in actie.sturingsinstrumenten.all()
        ],
    }


def document(regiovisie: Regiovisie) -> dict[str, Any]:
    """Everything the document of this regiovisie shows, in reading order (see the module)."""
    rv = (
        Regiovisie.objects.select_related("regio", "vastgesteld_door", "gewijzigd_door")
        .prefetch_related("regio__gemeenten")
        .get(pk=regiovisie.pk)
    )
    regio = rv.regio
    gemeenten = list(regio.gemeenten.order_by("-is_centrumgemeente", "naam"))
    inhoud = Inhoud()

    # 1. Inleiding: regio, gemeenten and partners.
    h_inleiding = inhoud.hoofdstuk("inleiding", _("Inleiding"))
    s_regio = inhoud.sectie(h_inleiding, "regio", _("Regio en gemeenten"))
    s_partners = inhoud.sectie(h_inleiding, "partners", _("Partners in de ketenaanpak"))
    partners = [
        {"naam": p.naam, "soort": p.get_soort_display(), "contactrol": p.contactrol.strip()}
        for p in rv.partners.all()
    ]

    # 2. Situatieschets: the text of step 2 and the figures of Stap 1.
    h_situatie = inhoud.hoofdstuk("situatieschets", _("Situatieschets"))
    s_beschrijving = inhoud.sectie(h_situatie, "situatie-beschrijving", _("Beschrijving"))
    s_cijfers = inhoud.sectie(h_situatie, "situatie-cijfers", _("Cijfers per wijk"))
    schets = situatieschets(regio)

    # 3. Visie en sporen.
    h_visie = inhoud.hoofdstuk("visie", _("Visie en ambitie"))
    sporen = [
        {"kop": inhoud.sectie(h_visie, f"spoor-{veld}", titel), "tekst": alineas(tekst)}
        for veld, titel, tekst in (
            ("preventie", _("Spoor preventie"), rv.visie_preventie),
            ("signaleren", _("Spoor signaleren en melden"), rv.visie_signaleren),
            ("analyseren", _("Spoor analyseren en onderzoeken"), rv.visie_analyseren),
            ("intervenieren", _("Spoor interveniëren en nazorg"), rv.visie_intervenieren),
        )
    ]

    # 4. Doelen (numbered D1, D2, … so actions and monitoring can refer to them) and doelgroepen.
    h_doelen = inhoud.hoofdstuk("doelen", _("Doelen en doelgroepen"))
    s_doelen = inhoud.sectie(h_doelen, "doelen-smart", _("Doelen"))
    s_doelgroepen = inhoud.sectie(h_doelen, "doelgroepen", _("Doelgroepen"))
    doelen = list(rv.doelen.select_related("indicator"))
    volgorde = {c: i for i, c in enumerate(DoelCategorie.values)}
    doelen.sort(key=lambda d: (volgorde.get(d.categorie, 99), d.volgorde, d.pk))
    nummers = {d.pk: f"D{i}" for i, d in enumerate(doelen, start=1)}
    doelen_per_categorie = []
    for categorie in DoelCategorie:
        rijen = [_doel(d) for d in doelen if d.categorie == categorie]
        for rij in rijen:
            rij["nummer"] = nummers[rij["doel"].pk]
        if rijen:
            doelen_per_categorie.append({"categorie": categorie.label, "doelen": rijen})
    doelgroepen = [
        {
            "naam": g.naam,
            "omschrijving": alineas(g.omschrijving),
            "risicofactoren": ", ".join(f.naam for f in g.risicofactoren.all()),
            "wijken": ", ".join(sorted(w.naam or w.code for w in g.wijken.all())),
        }
        for g in rv.doelgroepen.prefetch_related("risicofactoren", "wijken")
    ]

    # 5. Acties per level of the prevention spectrum.
    h_acties = inhoud.hoofdstuk("acties", _("Acties"))
    acties = list(
        rv.acties.select_related("preventieve_actie", "interventie", "doelgroep").prefetch_related(
            "wijken", "partners", "sturingsinstrumenten", "doelen"
        )
    )
    acties_per_spectrum = []
    for spectrum in Spectrum:
        kop = inhoud.sectie(h_acties, f"acties-{spectrum.value}", spectrum.label)
        rijen = [_actie(a, nummers) for a in acties if a.spectrum == spectrum]
        for i, rij in enumerate(rijen, start=1):
            rij["nummer"] = f"{kop.nummer}.{i}"
        acties_per_spectrum.append({"kop": kop, "spectrum": spectrum.value, "acties": rijen})
    budgetten = [a.budget for a in acties if a.budget is not None]
    bereik = [a.bereik_gepland for a in acties if a.bereik_gepland is not None]

    # 6. Aandachtspunten.
    h_aandacht = inhoud.hoofdstuk("aandachtspunten", _("Aandachtspunten"))
    aandachtspunten = [
        {
            "nummer": u.aandachtspunt.nummer,
            "titel": u.aandachtspunt.titel,
            "toelichting": u.aandachtspunt.toelichting,
            "tekst": alineas(u.tekst),
        }
        for u in rv.aandachtspunten.select_related("aandachtspunt")
    ]

    # 7. Sturing en monitoring.
    h_sturing = inhoud.hoofdstuk("sturing", _("Sturing en monitoring"))
    s_instrumenten = inhoud.sectie(h_sturing, "sturingsinstrumenten", _("Sturingsinstrumenten"))
    s_monitoring = inhoud.sectie(h_sturing, "monitoring", _("Monitoring van de doelen"))
    sturing = [
        {"nummer": rij["nummer"], "naam": rij["naam"], "instrumenten": rij["sturingsinstrumenten"]}
        for groep in acties_per_spectrum
        for rij in groep["acties"]
        if rij["sturingsinstrumenten"]
    ]
    monitoring = [rij for groep in doelen_per_categorie for rij in groep["doelen"]]

    # 8. What the check still misses (not in a vastgestelde version: that is the record).
    waarschuwingen = []
    h_open = None
    if not rv.is_vastgesteld:
        h_open = inhoud.hoofdstuk("openstaande-punten", _("Openstaande punten"))
        waarschuwingen = [
            {"stap": Stap(w.stap).label, "stapnummer": w.stap, "tekst": w.tekst}
            for w in controle(rv)
        ]

    centrum = next((g for g in gemeenten if g.is_centrumgemeente), None)
    return {
        "regiovisie": rv,
        "titel": rv.titel,
        "regio": regio,
        "gemeenten": gemeenten,
        "centrumgemeente": centrum,
        "versie": rv.versie,
        "status": rv.status,
        "status_label": rv.get_status_display(),
        "is_vastgesteld": rv.is_vastgesteld,
        "jaar": rv.jaar,
        "vastgesteld_door": _gebruiker(rv.vastgesteld_door),
        "vastgesteld_op": datum(rv.vastgesteld_op),
        "gewijzigd_op": datum(rv.gewijzigd),
        "gemaakt_op": datum(timezone.now()),
        "inhoud": inhoud.regels,
        "koppen": {
            "inleiding": h_inleiding,
            "regio": s_regio,
            "partners": s_partners,
            "situatie": h_situatie,
            "beschrijving": s_beschrijving,
            "cijfers": s_cijfers,
            "visie": h_visie,
            "doelen": h_doelen,
            "doelen_smart": s_doelen,
            "doelgroepen": s_doelgroepen,
            "acties": h_acties,
            "aandachtspunten": h_aandacht,
            "sturing": h_sturing,
            "instrumenten": s_instrumenten,
            "monitoring": s_monitoring,
            "open": h_open,
        },
        "partners": partners,
        "situatieschets": alineas(rv.situatieschets),
        "schets": schets,
        "visie": alineas(rv.visie),
        "sporen": sporen,
        "doelen_per_categorie": doelen_per_categorie,
        "aantal_doelen": len(doelen),
        "doelgroepen": doelgroepen,
        "acties_per_spectrum": acties_per_spectrum,
        "aantal_acties": len(acties),
        "totaal_budget": euro(sum(budgetten)) if budgetten else "",
        "totaal_bereik": getal(sum(bereik)) if bereik else "",
        "aandachtspunten": aandachtspunten,
        "sturing": sturing,
        "monitoring": monitoring,
        "waarschuwingen": waarschuwingen,
    }
