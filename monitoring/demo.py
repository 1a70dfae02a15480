"""Demo data for Stap 3: a vastgestelde regiovisie of the demo regio with progress and scores.

`make run` loads the demo regio (portal), the real CBS files (wijken) and then this, so that the
monitoring pages and the wethouder's page tell a story from the first sign-in: one goal behaald,
one op koers, one achter, one whose latest figure is old and one never measured; actions across
the prevention spectrum with one overdue and one gestopt; a steering requirement not met; Signs
of Safety scores of which one intervention has too few trajectories to be shown.

Everything is invented and says so (the title starts with "Demo —", the situatieschets opens
with a warning, every hand-entered figure names "demo" as its source). It is built through the
acties and monitoring services, so it is what a user could have made, with audit events. Dates
are relative to `vandaag`: the plan started seven quarters ago, so the demo still reads sensibly
next year. The numbers are fixed or drawn from `random.Random(SEED)`: the same every run.

Idempotent: when the demo regiovisie exists only the automatic measurements and the reminders
are refreshed; when the regio has a regiovisie of its own nothing is added (the demo never gets
in the way of real work).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone

from acties import services as acties_services
from acties.models import (
    Actie,
    Doel,
    DoelCategorie,
    Doelgroep,
    Interventie,
    OrganisatieSoort,
    Partner,
    PreventieveActie,
    Regiovisie,
    SoortSturing,
    Spectrum,
    Stap,
    Sturingsinstrument,
)
from portal.models import Regio
from risicofactoren.wijkkennis import huidige_wijken
from wijken.models import Gebied, Indicator

from . import herinneringen, services
from .models import Moment, Perspectief, SosScore, SturingsEis, VoortgangStatus

TITEL_PREFIX = "Demo — "
SEED = 7_2026
KWARTALEN = 7  # the plan started this many whole quarters before the current one
AUTOMATISCHE_INDICATOR = "leeftijd_0_15"
DEMO_BRON = "Demo (verzonnen cijfer)"
WAARSCHUWING = (
    "Let op: dit is een demonstratie. De doelen, metingen, voortgang, controles en Signs of "
    "Safety-scores in deze regiovisie zijn verzonnen demogegevens om het portaal te laten zien; "
    "ze gaan niet over echte gezinnen, professionals of afspraken. Alleen de CBS-cijfers in de "
    "automatische meting zijn echt."
)


@dataclass
class DemoResultaat:
    """What a run did: the demo regiovisie (None when skipped), whether it was made now, and
    why it was skipped."""

    regiovisie: Regiovisie | None
    aangemaakt: bool = False
    overgeslagen: str = ""
    sos_scores: int = 0
    metingen: services.Telling = field(default_factory=services.Telling)


# --- dates ----------------------------------------------------------------------------------


def kwartaal_start(jaar: int, k: int) -> datetime.date:
    return datetime.date(jaar, 3 * (k - 1) + 1, 1)


def kwartaal_eind(jaar: int, k: int) -> datetime.date:
    volgende = kwartaal_start(jaar + k // 4, k % 4 + 1)
    return volgende - datetime.timedelta(days=1)


def vorige_kwartalen(vandaag: datetime.date, aantal: int = KWARTALEN) -> list[tuple[int, int]]:
    """The `aantal` whole quarters before the one `vandaag` falls in, oldest first."""
    jaar, k = vandaag.year, (vandaag.month - 1) // 3 + 1
    uit = []
    for _i in range(aantal):
        jaar, k = (jaar, k - 1) if k > 1 else (jaar - 1, 4)
        uit.append((jaar, k))
    return uit[::-1]


def _periode(jaar: int, k: int) -> str:
    return f"{jaar}-K{k}"


def _op_lijn(doel: Doel, datum: datetime.date, aandeel_van_achterstand: Fraction) -> Decimal:
    """A value at `datum` relative to the goal's line (services.doelstatus's rule): 0 on the line,
    positive ahead of it, negative behind, in units of the whole change to be made."""
    t0, t1 = Fraction(doel.nulmeting_jaar + 1), Fraction(doel.streefjaar + 1)
    aandeel = min(max((services.jaarpositie(datum) - t0) / (t1 - t0), Fraction(0)), Fraction(1))
    nul, streef = Fraction(doel.nulmeting), Fraction(doel.streefwaarde)
    waarde = nul + (streef - nul) * (aandeel + aandeel_van_achterstand)
    return Decimal(round(waarde))


# --- the plan -------------------------------------------------------------------------------


def _pa(code: str) -> PreventieveActie | None:
    return PreventieveActie.objects.filter(code=code).first()


def _interventie(code: str) -> Interventie | None:
    return Interventie.objects.filter(code=code).first()


def _schoon(obj: Any) -> Any:
    """Validate like a form would (roles not names, end after start), then save."""
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    return obj


def _hoogste_schattingen(regio: Regio) -> list[Gebied]:
    return [s.gebied for s in acties_services.hoog_risico_wijken(regio)]


def _regiowaarde(regiovisie: Regiovisie, indicator: Indicator) -> tuple[int, Decimal] | None:
    """The newest year with a figure for every gemeente of the regio (services.regiowaarden)."""
    proef = Doel(regiovisie=regiovisie, indicator=indicator)
    waarden = services.regiowaarden(proef)
    if not waarden:
        return None
    jaar = max(waarden)
    return jaar, waarden[jaar][0]


def _vul_plan(regiovisie: Regiovisie, start: datetime.date, kw: list[tuple[int, int]]) -> dict:
    """Partners, goals, a target group, actions and steering instruments (inside the lock)."""
    regio = regiovisie.regio
    jaar = regiovisie.jaar
    p = {}
    for i, (sleutel, soort, naam, rol) in enumerate(
        [
            ("vt", OrganisatieSoort.VEILIG_THUIS, "Veilig Thuis (demo)", "aandachtsfunctionaris"),
            ("jgz", OrganisatieSoort.JGZ, "JGZ 0-18 (demo)", "coördinator JGZ 0-4"),
            ("wijkteam", OrganisatieSoort.WIJKTEAM, "Wijkteams (demo)", "teamleider wijkteam"),
            (
                "opvang",
                OrganisatieSoort.KINDEROPVANG,
                "Kinderopvangorganisaties (demo)",
                "kwaliteitsmedewerker",
            ),
            ("huisarts", OrganisatieSoort.HUISARTSEN, "Huisartsenkring (demo)", "kaderhuisarts"),
            (
                "vrouwenopvang",
                OrganisatieSoort.VROUWENOPVANG,
                "Vrouwenopvang (demo)",
                "coördinator kindbehartiging",
            ),
        ]
    ):
        p[sleutel] = _schoon(
            Partner(regiovisie=regiovisie, soort=soort, naam=naam, contactrol=rol, volgorde=i)
        )

    d = {}
    d["signalering"] = _schoon(
        Doel(
            regiovisie=regiovisie,
            categorie=DoelCategorie.SIGNALERING,
            omschrijving=(
                f"In {jaar + 2} werkt tenminste 90% van de professionals in JGZ, onderwijs en "
                "kinderopvang aantoonbaar met de meldcode en de Kindcheck."
            ),
            indicator_tekst="Percentage professionals dat de meldcode-training heeft gevolgd",
            nulmeting=Decimal("55"),
            nulmeting_jaar=jaar - 1,
            streefwaarde=Decimal("90"),
            streefjaar=jaar + 2,
            meetwijze="Halfjaarlijkse uitvraag bij de partners (demo).",
            volgorde=1,
        )
    )
    d["snelheid"] = _schoon(
        Doel(
            regiovisie=regiovisie,
            categorie=DoelCategorie.SNELHEID,
            omschrijving=(
                f"In {jaar + 1} is bij tenminste 80% van de meldingen binnen vijf werkdagen "
                "gestart met onderzoek of hulp."
            ),
            indicator_tekst="Percentage meldingen met start binnen vijf werkdagen",
            nulmeting=Decimal("60"),
            nulmeting_jaar=jaar - 1,
            streefwaarde=Decimal("80"),
            streefjaar=jaar + 1,
            meetwijze="Kwartaalcijfers van Veilig Thuis (demo).",
            volgorde=2,
        )
    )
    d["preventie"] = _schoon(
        Doel(
            regiovisie=regiovisie,
            categorie=DoelCategorie.PREVENTIE,
            omschrijving=(
                "Jaarlijks krijgen tenminste 250 gezinnen met een verhoogd risico preventieve "
                "begeleiding (VoorZorg, Home-Start)."
            ),
            indicator_tekst="Aantal gezinnen met preventieve begeleiding per jaar",
            nulmeting=Decimal("180"),
            nulmeting_jaar=jaar - 1,
            streefwaarde=Decimal("250"),
            streefjaar=jaar + 1,
            meetwijze="Registratie van de aanbieders, opgeteld per jaar (demo).",
            volgorde=3,
        )
    )
    indicator = Indicator.objects.filter(code=AUTOMATISCHE_INDICATOR).first()
    regiowaarde = _regiowaarde(regiovisie, indicator) if indicator else None
    nuljaar, nul = regiowaarde or (jaar - 1, None)
    d["registratie"] = _schoon(
        Doel(
            regiovisie=regiovisie,
            categorie=DoelCategorie.REGISTRATIE,
            omschrijving=(
                "De regio volgt jaarlijks de omvang van de jeugd van 0 tot 15 jaar als noemer "
                "voor bereik en meldingen; het plan rekent met een doelgroep die tot en met "
                f"{jaar + 2} binnen 5% blijft van {nuljaar}."
            ),
            indicator=indicator,
            nulmeting=nul,
            nulmeting_jaar=nuljaar,
            streefwaarde=nul,
            streefjaar=max(jaar + 2, nuljaar + 1),
            meetwijze=(
                "Automatisch uit de CBS-kerncijfers van de gemeenten van de regio (echte "
                "cijfers). Een jaar telt pas als alle gemeenten een cijfer hebben; na een import "
                "van nieuwere cijfers wordt de meting vanzelf bijgewerkt."
            ),
            volgorde=4,
        )
    )
    d["na_incidenten"] = _schoon(
        Doel(
            regiovisie=regiovisie,
            categorie=DoelCategorie.NA_INCIDENTEN,
            omschrijving=(
                f"Vanaf {jaar + 1} krijgt elk kind dat getuige was van huiselijk geweld binnen "
                "zes weken psycho-educatie of passende hulp."
            ),
            indicator_tekst="Percentage kinderen met hulp binnen zes weken na de melding",
            nulmeting=Decimal("40"),
            nulmeting_jaar=jaar - 1,
            streefwaarde=Decimal("90"),
            streefjaar=jaar + 2,
            meetwijze="Steekproef in de dossiers van Veilig Thuis en de wijkteams (demo).",
            volgorde=5,
        )
    )

    doelgroep = _schoon(
        Doelgroep(
            regiovisie=regiovisie,
            naam="Gezinnen met een verhoogd risico in de wijken met de hoogste schatting",
            omschrijving="Jonge ouders met weinig steun, schulden of een laag inkomen (demo).",
        )
    )
    doelgroep.wijken.set(_hoogste_schattingen(regio))

    (j3, k3), (j5, k5) = kw[3], kw[5]
    acties_def = [
        # key, preventive action, intervention, spectrum, name, projectleider, trekker, budget,
        # planned reach, start, end, goals, partners, own target group
        (
            "opvoeden",
            "geweldloos-opvoeden",
            "opvoeden-en-zo",
            Spectrum.ALLE_GEZINNEN,
            "Voorlichting over geweldloos opvoeden op consultatiebureaus",
            "coördinator JGZ 0-4",
            "wethouder Jeugd",
            Decimal("40000"),
            1200,
            start,
            kwartaal_eind(j3, k3),
            ["preventie"],
            ["jgz"],
            False,
        ),
        (
            "jgz",
            "jgz-gespreksprotocollen",
            "samenstarten",
            Spectrum.ALLE_GEZINNEN,
            "SamenStarten en Kindcheck in de JGZ",
            "coördinator JGZ 0-4",
            "wethouder Jeugd",
            Decimal("85000"),
            2000,
            start,
            start.replace(year=start.year + 3) - datetime.timedelta(days=1),
            ["signalering"],
            ["jgz", "huisarts"],
            False,
        ),
        (
            "meldcode",
            "professionals-meldcode",
            None,
            Spectrum.ALLE_GEZINNEN,
            "Meldcode-training voor kinderopvang en onderwijs",
            "beleidsadviseur kwaliteit kinderopvang",
            "wethouder Onderwijs",
            Decimal("30000"),
            None,
            start,
            kwartaal_eind(j5, k5) - datetime.timedelta(days=30),
            ["signalering"],
            ["opvang", "vt"],
            False,
        ),
        (
            "voorzorg",
            "zwangeren-hoog-risico",
            "voorzorg",
            Spectrum.VERHOOGD_RISICO,
            "VoorZorg voor zwangeren in kwetsbare situaties",
            "verpleegkundig specialist VoorZorg",
            "wethouder Zorg",
            Decimal("120000"),
            60,
            start,
            start.replace(year=start.year + 3) - datetime.timedelta(days=1),
            ["preventie"],
            ["jgz"],
            True,
        ),
        (
            "homestart",
            "opvoedondersteuning-ernstig",
            "home-start",
            Spectrum.VERHOOGD_RISICO,
            "Home-Start in de wijken met de hoogste schatting",
            "teamleider wijkteam",
            "wethouder Jeugd",
            Decimal("95000"),
            200,
            start,
            start.replace(year=start.year + 2) - datetime.timedelta(days=1),
            ["preventie", "snelheid"],
            ["wijkteam"],
            True,
        ),
        (
            "knel",
            "psycho-educatie-na-geweld",
            "kinderen-uit-de-knel",
            Spectrum.HERHALING,
            "Kinderen uit de Knel na huiselijk geweld",
            "gedragswetenschapper wijkteam",
            "wethouder Zorg",
            Decimal("60000"),
            80,
            start,
            start.replace(year=start.year + 2) - datetime.timedelta(days=1),
            ["na_incidenten", "snelheid"],
            ["wijkteam", "vt"],
            False,
        ),
        (
            "vrouwenopvang",
            "kinderen-vrouwenopvang",
            None,
            Spectrum.HERHALING,
            "Kindbehartiging in de vrouwenopvang",
            "coördinator kindbehartiging",
            "wethouder Zorg",
            Decimal("45000"),
            40,
            start,
            start.replace(year=start.year + 2) - datetime.timedelta(days=1),
            ["na_incidenten"],
            ["vrouwenopvang"],
            False,
        ),
        (
            "campagne",
            "inwoners-voorlichten",
            None,
            Spectrum.ALLE_GEZINNEN,
            "Campagne 'Waar kan ik terecht?'",
            "communicatieadviseur",
            "burgemeester",
            Decimal("25000"),
            None,
            kwartaal_start(j3, k3),
            start.replace(year=start.year + 3) - datetime.timedelta(days=1),
            ["signalering"],
            ["vt"],
            False,
        ),
    ]
    a = {}
    for volgorde, (
        sleutel,
        pa,
        interventie,
        spectrum,
        naam,
        leider,
        trekker,
        budget,
        bereik,
        van,
        tot,
        doelen,
        partners,
        met_doelgroep,
    ) in enumerate(acties_def, start=1):
        actie = _schoon(
            Actie(
                regiovisie=regiovisie,
                preventieve_actie=_pa(pa),
                interventie=_interventie(interventie) if interventie else None,
                spectrum=spectrum,
                naam=naam,
                omschrijving="Demo-actie: verzonnen opzet, bedragen en aantallen.",
                projectleider=leider,
                bestuurlijk_trekker=trekker,
                budget=budget,
                bereik_gepland=bereik,
                start=van,
                eind=tot,
                doelgroep=doelgroep if met_doelgroep else None,
                volgorde=volgorde,
            )
        )
        actie.doelen.set([d[k] for k in doelen])
        actie.partners.set([p[k] for k in partners])
        a[sleutel] = actie

    s = {}
    for sleutel, actie, soort, omschrijving in [
        (
            "jgz",
            "jgz",
            SoortSturing.KWALITEITSEIS,
            "Kwaliteitseisen in de opdracht aan de JGZ en de huisartsenkring.",
        ),
        (
            "meldcode",
            "meldcode",
            SoortSturing.SUBSIDIEVOORWAARDE,
            "Subsidievoorwaarde voor kinderopvang en voorschoolse educatie.",
        ),
        (
            "homestart",
            "homestart",
            SoortSturing.INKOOP,
            "Inkoop van erkende opvoedondersteuning via het wijkteam.",
        ),
        (
            "knel",
            "knel",
            SoortSturing.KETENREGIE,
            "Veilig Thuis en de wijkteams stemmen de hulp na een melding af.",
        ),
    ]:
        s[sleutel] = _schoon(
            Sturingsinstrument(actie=a[actie], soort=soort, omschrijving=omschrijving)
        )
    return {"partners": p, "doelen": d, "acties": a, "instrumenten": s}


# --- progress -------------------------------------------------------------------------------

# Per action, per quarter (index into the seven quarters): status, families reached, share of
# the quarter's budget spent, remark. Missing quarters: nothing recorded (not started, or over).
_VOORTGANG = {
    "opvoeden": [
        ("loopt", 260, 0.25, "Voorlichting op alle consultatiebureaus gestart."),
        ("loopt", 310, 0.25, ""),
        ("loopt", 300, 0.25, ""),
        ("afgerond", 350, 0.22, "Afgerond binnen budget; voortgezet in de reguliere JGZ."),
    ],
    "jgz": [
        ("loopt", 180, 0.08, "Eerste teams getraind in SamenStarten."),
        ("loopt", 240, 0.08, ""),
        ("loopt", 260, 0.09, ""),
        ("loopt", 250, 0.08, ""),
        ("loopt", 270, 0.08, "Kindcheck nu ook bij de huisartsenkring."),
        ("loopt", 280, 0.08, ""),
        ("loopt", 290, 0.08, ""),
    ],
    "meldcode": [
        ("gepland", None, 0.0, "Trainers gecontracteerd."),
        ("loopt", None, 0.15, "Eerste trainingen gegeven."),
        ("loopt", None, 0.15, ""),
        ("loopt", None, 0.12, ""),
        ("loopt", None, 0.12, "Kinderopvang loopt achter met inschrijven."),
        ("loopt", None, 0.10, ""),
        (
            "loopt",
            None,
            0.08,
            "De einddatum is verstreken; nog een derde van de medewerkers moet de training volgen.",
        ),
    ],
    "voorzorg": [
        ("loopt", 6, 0.07, ""),
        ("loopt", 8, 0.08, ""),
        ("loopt", 9, 0.08, ""),
        ("loopt", 7, 0.08, ""),
        ("loopt", 9, 0.08, ""),
        ("loopt", 8, 0.08, ""),
        ("loopt", 9, 0.08, ""),
    ],
    "homestart": [
        ("loopt", 12, 0.10, "Vrijwilligers geworven in de wijken met de hoogste schatting."),
        ("loopt", 18, 0.11, ""),
        ("loopt", 20, 0.12, ""),
        ("loopt", 17, 0.12, "Minder aanmeldingen dan verwacht; toeleiding via de JGZ versterkt."),
        ("loopt", 19, 0.12, ""),
        ("loopt", 21, 0.12, ""),
        ("loopt", 22, 0.12, ""),
    ],
    "knel": [
        ("loopt", 6, 0.10, ""),
        ("loopt", 9, 0.12, ""),
        ("loopt", 10, 0.12, ""),
        ("loopt", 8, 0.12, ""),
        ("loopt", 11, 0.12, ""),
        ("loopt", 12, 0.12, ""),
        ("loopt", 10, 0.12, ""),
    ],
    "vrouwenopvang": [
        ("loopt", 5, 0.12, ""),
        ("loopt", 6, 0.12, ""),
        (
            "gestopt",
            2,
            0.05,
            "Gestopt: de vrouwenopvang heeft kindbehartiging in het reguliere "
            "aanbod opgenomen, zonder aparte financiering.",
        ),
    ],
    "campagne": [
        None,
        None,
        None,
        ("gepland", None, 0.0, "Campagnebureau gekozen."),
        ("loopt", None, 0.40, "Campagne op social media en in huisartsenpraktijken."),
        ("loopt", None, 0.20, ""),
        ("loopt", None, 0.10, ""),
    ],
}


def _voortgang(plan: dict, kw: list[tuple[int, int]], user: Any) -> None:
    for sleutel, rijen in _VOORTGANG.items():
        actie = plan["acties"][sleutel]
        for (jaar, k), rij in zip(kw, rijen, strict=False):
            if rij is None:
                continue
            status, bereik, aandeel, opmerking = rij
            services.record_voortgang(
                actie,
                periode=_periode(jaar, k),
                status=VoortgangStatus(status),
                bereik=bereik,
                budget_besteed=(actie.budget * Decimal(str(aandeel))).quantize(Decimal("1")),
                opmerking=opmerking,
                user=user,
            )


def _metingen(plan: dict, kw: list[tuple[int, int]], user: Any) -> None:
    """Hand-entered measurements that put each goal where the story needs it."""
    d = plan["doelen"]
    eind = [kwartaal_eind(j, k) for j, k in kw]
    reeksen = {
        # goal: (quarter index, position relative to the line as a share of the whole change)
        "signalering": [(1, Fraction(1, 50)), (3, Fraction(1, 25)), (5, Fraction(3, 50))],
        "snelheid": [(1, Fraction(-1, 20)), (3, Fraction(-3, 20)), (6, Fraction(-3, 10))],
        "preventie": [(3, Fraction(-1, 25)), (6, Fraction(1, 2))],
    }
    for sleutel, punten in reeksen.items():
        doel = d[sleutel]
        for index, positie in punten:
            services.record_meting(
                doel,
                waarde=_op_lijn(doel, eind[index], positie),
                datum=eind[index],
                bron=DEMO_BRON,
                opmerking="Demo: verzonnen meting.",
                user=user,
            )


def _sturing(plan: dict, kw: list[tuple[int, int]], user: Any) -> None:
    p, s = plan["partners"], plan["instrumenten"]
    eind = [kwartaal_eind(j, k) for j, k in kw]
    eisen = [
        ("jgz", "jgz", "Kindcheck uitgevoerd bij elk gezin in beeld", [(3, True), (6, True)]),
        (
            "jgz",
            "huisarts",
            "Kindcheck uitgevoerd bij volwassen patiënten met zorgen thuis",
            [(4, False), (6, True)],
        ),
        (
            "meldcode",
            "opvang",
            "meldcode-training gevolgd door alle pedagogisch medewerkers",
            [(3, False), (6, False)],
        ),
        (
            "homestart",
            None,
            "Werkt met een erkende interventie uit de Databank Effectieve Jeugdinterventies",
            [(2, True), (6, True)],
        ),
        (
            "knel",
            "vt",
            "Signs of Safety-scores per kwartaal aangeleverd",
            [(4, True), (6, True)],
        ),
    ]
    opmerkingen = {
        False: "Demo: bij de controle niet voldaan; afspraken gemaakt over herstel.",
        True: "Demo: voldaan bij de controle.",
    }
    for instrument, partner, tekst, checks in eisen:
        eis = _schoon(
            SturingsEis(
                instrument=s[instrument],
                partner=p[partner] if partner else None,
                eis=tekst,
                toelichting="Demo-afspraak.",
            )
        )
        for index, voldaan in checks:
            opmerking = opmerkingen[voldaan]
            if not voldaan and index == checks[-1][0]:
                opmerking = "Demo: 62% van de medewerkers heeft de training gevolgd; eis is 100%."
            services.record_sturingscheck(
                eis, datum=eind[index], voldaan=voldaan, opmerking=opmerking, user=user
            )


def _evaluaties(regiovisie: Regiovisie, plan: dict, user: Any) -> None:
    d, a = plan["doelen"], plan["acties"]
    services.record_evaluatie(
        regiovisie,
        wat_ging_goed="Demo: de ketenpartners kennen elkaars rol en leveren hun cijfers op tijd.",
        wat_kan_beter="Demo: de snelheid na een melding blijft achter; de wachttijd bij de "
        "wijkteams is te lang.",
        hoe_ontwikkelen="Demo: in de volgende cyclus een gezamenlijke intake van Veilig Thuis "
        "en de wijkteams.",
        user=user,
    )
    services.record_evaluatie(
        regiovisie,
        doel=d["snelheid"],
        wat_ging_goed="Demo: Veilig Thuis levert elk kwartaal de doorlooptijden.",
        wat_kan_beter="Demo: het aandeel meldingen met een snelle start daalde door "
        "personeelstekort.",
        hoe_ontwikkelen="Demo: extra capaciteit in de wijkteams met de hoogste schatting.",
        user=user,
    )
    services.record_evaluatie(
        regiovisie,
        actie=a["meldcode"],
        wat_ging_goed="Demo: het onderwijs is vrijwel volledig getraind.",
        wat_kan_beter="Demo: de kinderopvang haalt de eis niet; roosters laten weinig ruimte.",
        hoe_ontwikkelen="Demo: e-learning en training op locatie in de avond.",
        user=user,
    )
    services.record_evaluatie(
        regiovisie,
        actie=a["vrouwenopvang"],
        wat_ging_goed="Demo: kindbehartiging is nu vast onderdeel van de vrouwenopvang.",
        wat_kan_beter="Demo: het bereik was klein; de actie is daarom gestopt.",
        hoe_ontwikkelen="Demo: volgen via de reguliere verantwoording van de opvang.",
        user=user,
    )


# --- Signs of Safety ------------------------------------------------------------------------

# intervention code, number of trajectories, of which closed, mean start score, mean gain.
# VoorZorg has too few trajectories to be shown ("< 5"); the wijkteams' own Signs of Safety
# aanpak, the smallest of the others, is then hidden too ("afgeschermd"), so VoorZorg cannot be
# worked back from the regio total (complementary suppression, portal.disclosure).
_SOS = [
    ("home-start", 10, 8, 4.0, 3.0),
    ("kinderen-uit-de-knel", 8, 6, 3.5, 2.5),
    ("signs-of-safety", 5, 4, 4.5, 2.0),
    ("voorzorg", 3, 2, 5.0, 2.0),
]


def _begrens(score: float) -> int:
    return max(0, min(10, round(score)))


def sos_csv(start: datetime.date, vandaag: datetime.date, wijken: list[Gebied]) -> bytes:
    """The demo's Signs of Safety scores as a CSV of the import (deterministic).

    Per trajectory a start, a tussentijds and (when closed) an afsluiting score from the
    hulpverlener and the ouder, and from the kind in two of three trajectories; the scores rise
    plausibly, the ouder a little more hopeful at the start than the hulpverlener."""
    rnd = random.Random(SEED)
    regels = ["traject;interventie;wijk;moment;perspectief;score;datum"]
    nummer = 0
    laatste = vandaag - datetime.timedelta(days=7)
    for code, aantal, gesloten, begin, winst in _SOS:
        for i in range(aantal):
            nummer += 1
            traject = f"DEMO-{nummer:04d}"
            # Most trajectories in the first wijk, so one wijk has enough to be shown.
            overige = wijken[1:] or wijken
            wijk = wijken[0] if i < aantal * 6 // 10 else overige[i % len(overige)]
            dag0 = start + datetime.timedelta(days=20 + rnd.randrange(0, 240))
            momenten = [
                (Moment.START, dag0, 0.0),
                (
                    Moment.TUSSENTIJDS,
                    dag0 + datetime.timedelta(days=90 + rnd.randrange(0, 30)),
                    0.5,
                ),
            ]
            if i < gesloten:
                momenten.append(
                    (
                        Moment.AFSLUITING,
                        dag0 + datetime.timedelta(days=180 + rnd.randrange(0, 60)),
                        1.0,
                    )
                )
            basis = begin + rnd.uniform(-1.2, 1.2)
            eigen_winst = winst + rnd.uniform(-1.0, 1.0)
            met_kind = i % 3 != 2
            for moment, datum, deel in momenten:
                datum = min(datum, laatste)
                waarde = basis + eigen_winst * deel
                scores = {
                    Perspectief.HULPVERLENER: waarde,
                    Perspectief.OUDER: waarde + (1.0 - deel) * 1.2 + rnd.uniform(-0.6, 0.6),
                }
                if met_kind:
                    scores[Perspectief.KIND] = waarde + rnd.uniform(-1.0, 0.8)
                for perspectief, score in scores.items():
                    regels.append(
                        f"{traject};{code};{wijk.code};{moment.value};{perspectief.value};"
                        f"{_begrens(score)};{datum.isoformat()}"
                    )
    return ("\n".join(regels) + "\n").encode("utf-8")


def _sos(regio: Regio, start: datetime.date, vandaag: datetime.date, user: Any) -> int:
    hoogste = _hoogste_schattingen(regio)
    overige = [g for g in huidige_wijken(regio) if g not in hoogste]
    wijken = (hoogste + overige)[:4]
    if not wijken or not all(Interventie.objects.filter(code=c).exists() for c, *_r in _SOS):
        return 0
    resultaat = services.import_sos_csv(
        sos_csv(start, vandaag, wijken), regio, user, "demo-signs-of-safety.csv"
    )
    if not resultaat.geslaagd:
        raise RuntimeError("; ".join(resultaat.meldingen))
    return resultaat.nieuw + resultaat.gewijzigd + resultaat.ongewijzigd


# --- entry point ----------------------------------------------------------------------------


def demo_regiovisie(regio: Regio) -> Regiovisie | None:
    return Regiovisie.objects.filter(regio=regio, titel__startswith=TITEL_PREFIX).first()


def laad_demo_monitoring(
    regio: Regio,
    *,
    beleidsmedewerker: Any,
    bestuurder: Any,
    wijkprofessional: Any,
    vandaag: datetime.date | None = None,
) -> DemoResultaat:
    """Create the demo's vastgestelde regiovisie with progress and scores, once (see module)."""
    vandaag = vandaag or timezone.localdate()
    bestaand = demo_regiovisie(regio)
    if bestaand is None and regio.regiovisies.exists():
        return DemoResultaat(
            None,
            overgeslagen="De regio heeft al een eigen regiovisie; er is geen demo toegevoegd.",
        )
    aangemaakt = False
    sos = 0
    if bestaand is None:
        kw = vorige_kwartalen(vandaag)
        start = kwartaal_start(*kw[0])
        with transaction.atomic():
            regiovisie = acties_services.nieuwe_regiovisie(
                regio,
                beleidsmedewerker,
                jaar=start.year,
                titel=f"{TITEL_PREFIX}Regiovisie huiselijk geweld en kindermishandeling "
                f"{regio.naam} {start.year}–{start.year + 2}",
            )
            with acties_services.bewerking(
                regiovisie.pk,
                regiovisie.lock_version,
                beleidsmedewerker,
                onderdelen=["partners", "doelen", "acties", "visie", "sturing"],
            ) as regiovisie:
                plan = _vul_plan(regiovisie, start, kw)
                regiovisie.situatieschets = (
                    WAARSCHUWING
                    + "\n\nDe regio telt wijken met een hoge geschatte kans op kindermishandeling "
                    "in Almere, Amsterdam en Den Haag; de wijkteams zien daar vooral jonge ouders "
                    "met schulden en weinig steun in hun omgeving."
                )
                regiovisie.visie = (
                    "Demo: ieder kind in de regio groeit veilig op. We voorkomen geweld waar het "
                    "kan, zien het eerder waar het toch gebeurt en stoppen het samen."
                )
                regiovisie.visie_preventie = "Demo: voorlichting en steun voor alle ouders."
                regiovisie.visie_signaleren = "Demo: meldcode en Kindcheck bij alle partners."
                regiovisie.visie_analyseren = "Demo: Veilig Thuis en wijkteams onderzoeken samen."
                regiovisie.visie_intervenieren = "Demo: hulp voor kinderen na huiselijk geweld."
                regiovisie.stap = max(Stap.values)
                regiovisie.save(
                    update_fields=[
                        "situatieschets",
                        "visie",
                        "visie_preventie",
                        "visie_signaleren",
                        "visie_analyseren",
                        "visie_intervenieren",
                        "stap",
                    ]
                )
                regiovisie.aandachtspunten.update(tekst="Demo: uitgewerkt in de acties.")
            regiovisie = acties_services.ter_vaststelling_aanbieden(regiovisie, beleidsmedewerker)
            regiovisie = acties_services.vaststellen(regiovisie, bestuurder)
            # Backdated: the demo plan was adopted at its start, so reminders have had time.
            op = timezone.make_aware(
                datetime.datetime.combine(start + datetime.timedelta(days=20), datetime.time(10))
            )
            Regiovisie.objects.filter(pk=regiovisie.pk).update(
                vastgesteld_op=op, aangemaakt=op - datetime.timedelta(days=60)
            )
            regiovisie.refresh_from_db()
            _voortgang(plan, kw, beleidsmedewerker)
            _metingen(plan, kw, beleidsmedewerker)
            _sturing(plan, kw, beleidsmedewerker)
            _evaluaties(regiovisie, plan, beleidsmedewerker)
            sos = _sos(regio, start, vandaag, wijkprofessional)
        aangemaakt = True
    else:
        regiovisie = bestaand
        sos = SosScore.objects.filter(regio=regio, traject__startswith="DEMO-").count()
    metingen = services.automatische_metingen_voor(regiovisie)
    # Without Celery beat (`make run`) the reminders would not appear until someone runs the job.
    herinneringen.herinneringen_bijwerken(vandaag)
    return DemoResultaat(regiovisie, aangemaakt=aangemaakt, sos_scores=sos, metingen=metingen)
