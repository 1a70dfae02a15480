"""Recognise personal data of families in free text, so that it is never stored.

What the wijk knows is recorded about the wijk, never about a family: a signal or a dialogue
session that names a person, an address, a BSN or a date of birth is refused with a warning. The
checks are heuristics tuned to catch the usual slips while leaving ordinary professional Dutch
alone ("Veel jonge moeders in de Stationsbuurt melden geldzorgen" passes); they are not proof
that a text is anonymous.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# --- building blocks --------------------------------------------------------------------------

_MAANDEN = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATUM = re.compile(
    rf"(?<!\d)(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}\s+(?:{_MAANDEN})\.?\s+\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_GEBOREN = re.compile(r"\b(?:geboren|geb\.|geb\b|geboortedatum|geboortedag)", re.IGNORECASE)

# Nine digits (also written 1234.56.789 or 123 456 789), not part of a longer or decimal number.
_BSN = re.compile(
    r"(?<!\d)(?<!\d[.,])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[. ]\d{3}[. ]\d{3})(?!\d|[.,]\d)"
)
_POSTCODE = re.compile(r"(?<!\d)[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b")
_STRAATSUFFIX = (
    "straat|straatweg|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|pad|plantsoen|"
    "boulevard|allee|baan|hof|markt|wal|burgwal|promenade|passage|erf"
)
_HUISNUMMER = r"(?:nr\.?\s*|nummer\s+)?\d{1,4}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:-\d{1,4})?(?!\d)"
_ADRES = re.compile(rf"\b[A-Z][a-zà-ÿ'’-]+(?:{_STRAATSUFFIX})\s+{_HUISNUMMER}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
_TELEFOON = re.compile(r"(?<![\d+])(?:\+31|0031|0)(?:[\s-]?\(?0?\)?)?(?:[\s-]?\d){9}(?!\d)")
_IBAN = re.compile(r"\bNL\s?\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b")

# Names: the patterns look ahead (zero width) so that overlapping candidates are all tried;
# group 1 is what precedes the name, group 2 the name itself.
_TUSSENVOEGSEL = r"(?i:(?:van|de|der|den|ter|ten|'t|el|al|von|da|dos)\s+){0,3}"
_NAAM = r"[A-Z][a-zà-ÿ'’-]+"
_TITELS = re.compile(
    r"(?<![\w.])(?=((?i:mevrouw|mevr\.|mw\.|meneer|mijnheer|mnr\.|dhr\.|de\s+heer|mr\.|dr\.|"
    r"juf|meester|familie|fam\.))\s+"
    rf"({_TUSSENVOEGSEL}{_NAAM}))"
)
_VERWANTEN = re.compile(
    r"(?<![\w.])(?=((?i:moeder|vader|zoon|zoontje|dochter|dochtertje|kind|broer|broertje|zus|"
    r"zusje|oma|opa|tante|oom|buurman|buurvrouw|stiefvader|stiefmoeder|pleegmoeder|pleegvader|"
    r"baby|peuter|kleuter|jongen|meisje|gezin|cliënt|client))\s+"
    rf"({_TUSSENVOEGSEL}{_NAAM}))"
)
_INITIALEN = re.compile(rf"(?<![\w.])(?=((?:[A-Z]\.\s?){{1,4}})\s*({_TUSSENVOEGSEL}{_NAAM}))")
_TWEE_WOORDEN = re.compile(rf"(?<![\w-])(?=({_NAAM})\s+({_TUSSENVOEGSEL}{_NAAM}))")


def _woorden(tekst: str) -> list[str]:
    return tekst.lower().split()


# Capitalised words that start a sentence or name a place type, never a person.
_GEEN_NAAM = set(
    _woorden(
        "De Het Een In Op Met Voor Na Bij Er Ze Zij Hij Wij We Dit Dat Die Deze En Of Maar Ook Veel "
        "Weinig Geen Alle Als Nu Toen Wel Niet Nog Al Om Te Aan Uit Door Over Tot Naar Zonder Sinds "
        "Tijdens Daarna Daarom Verder Vooral Meer Minder Soms Vaak Steeds Iedereen Niemand Hier Daar "
        "Waar Wat Wie Hoe Wanneer Ouders Kinderen Moeders Vaders Gezinnen Jongeren Wijk Buurt "
        "School Wijkteam Gemeente Noord Zuid Oost West Centrum Haven Stad Buiten Poort Jeugd Gezin "
        "Thuis Veilig Zorg Welzijn Stichting Sociaal Maatschappelijk Januari Februari Maart April Mei "
        "Juni Juli Augustus September Oktober November December Maandag Dinsdag Woensdag Donderdag "
        "Vrijdag Zaterdag Zondag Kerst Pasen Ramadan Suikerfeest Montessori Dalton Jenaplan"
    )
)
# A second word ending like this names a place or an institution ("Anne Frankschool").
_INSTELLING = re.compile(
    rf"(?:{_STRAATSUFFIX}|school|college|huis|kerk|moskee|centrum|court|zaal|bibliotheek|"
    r"ziekenhuis|kliniek|praktijk|team|stichting|vereniging|fonds|prijs|dag|week|jaar|plan)$",
    re.IGNORECASE,
)

# A selection of common first names in the Netherlands (several generations and origins):
# a capitalised pair starting with one of these is taken for first name + surname.
VOORNAMEN = frozenset(
    _woorden(
        """
    aaron abdel abdelkader abdul abdullah adam adriaan adrianus ahmed ahmet aicha aisha ayse ayşe
    albert alex alexander ali alice amber amina amir amira amy ana andre andré andrea anja anna
    anne anneke annemarie annie anouk anton arie arjen arjan aron astrid ayoub aziz bart bas
    bastiaan bayram bea ben benjamin bert bianca bilal bo bob boris bram brenda britt bryan burak
    carla carlos caroline casper cees charlotte chantal chris christiaan cindy claudia cornelia
    cornelis daan daniel daniël danny david debora dennis dewi dick dirk djamila dominique dylan
    eddy edwin elif elisabeth elise ella ellen els emma emre enzo erik esra esther eva evelien
    fadoua farah fatima fatma fatiha femke finn fleur floor floris frank frans freek frits gerard
    gerrit gert gijs gerda hamza hanna hannah hans hasan hassan hatice hendrik henk henri hidde
    hilde houda hugo hussein ibrahim ilse imane inge ingrid iris isa isabel ismail ivo jaap jacob
    jacobus jamal jan janneke jannes jasmijn jasper jayden jelle jeroen jesse jessica joost johan
    johanna johannes jolanda joris jos josé joyce julia julian julie juliette justin kaoutar karim
    karin kees kevin khadija kim koen lars laura lauren lea leen lena levi liam lieke linda lisa
    lisanne lize lotte louise luca lucas luuk maarten mahmoud malika manon marco marcel maria
    marianne marieke marije mariska mark marloes martijn martin marwa maryam mats max maxime mees
    mehmet melissa meryem michael michel mila milan mohamed mohammed monique mustafa myrthe nadia
    naima najib nathalie nicole niels nienke nina noah noor nora nouri nour olivia omar patrick
    paul pauline peter petra piet pieter priscilla priya rachid rajesh ramon rens rianne richard
    rick rik rob robert robin roel roos rosa ruben rutger ruud said salma sam samira samuel sander
    sandra sanne sara sarah saskia sem sevda shanti silvia simon sofia sophie stefan stephanie
    stijn suzanne sven tamara tess teun thijs thomas tim timo tom tommy ton tygo vera victor
    wendy willem wilhelmina wim wouter yara yasmina yasmine yusuf youssef zakaria zeynep zoë zoe
    """
    )
)

_AFKORTINGEN = {"N.B.", "P.S.", "A.U.B.", "S.V.P.", "O.A.", "T.A.V.", "I.V.M.", "Z.S.M.", "E.D."}


def _fragment(text: str) -> str:
    return f"„{' '.join(text.split())}”"


def elfproef(cijfers: str) -> bool:
    """The BSN check: 9A + 8B + … + 2H − I must be divisible by 11 (and not all zeros)."""
    if len(cijfers) != 9 or not cijfers.isdigit() or int(cijfers) == 0:
        return False
    som = sum(int(c) * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True))
    return (som - int(cijfers[8])) % 11 == 0


def _is_naam(woord: str) -> bool:
    return woord.lower() not in _GEEN_NAAM


def _bsn(text: str) -> list[str]:
    return [
        _("Er staat een nummer in dat een burgerservicenummer (BSN) kan zijn: %(fragment)s.")
        % {"fragment": _fragment(m.group())}
        for m in _BSN.finditer(text)
        if elfproef(re.sub(r"\D", "", m.group()))
    ]


def _geboortedatum(text: str) -> list[str]:
    gevonden = []
    for m in _DATUM.finditer(text):
        omgeving = text[max(0, m.start() - 30) : m.end() + 15]
        if _GEBOREN.search(omgeving):
            gevonden.append(
                _("Er staat een geboortedatum in: %(fragment)s.")
                % {"fragment": _fragment(m.group())}
            )
    return gevonden


def _adres(text: str) -> list[str]:
    gevonden = [
        _("Er staat een postcode in: %(fragment)s.") % {"fragment": _fragment(m.group())}
        for m in _POSTCODE.finditer(text)
    ]
    gevonden += [
        _("Er staat een adres (straat en huisnummer) in: %(fragment)s.")
        % {"fragment": _fragment(m.group())}
        for m in _ADRES.finditer(text)
    ]
    return gevonden


def _contact(text: str) -> list[str]:
    gevonden = [
        _("Er staat een e-mailadres in: %(fragment)s.") % {"fragment": _fragment(m.group())}
        for m in _EMAIL.finditer(text)
    ]
    gevonden += [
        _("Er staat een rekeningnummer (IBAN) in: %(fragment)s.")
        % {"fragment": _fragment(m.group())}
        for m in _IBAN.finditer(text)
    ]
    rest = _IBAN.sub(" ", _EMAIL.sub(" ", text))
    gevonden += [
        _("Er staat een telefoonnummer in: %(fragment)s.") % {"fragment": _fragment(m.group())}
        for m in _TELEFOON.finditer(rest)
    ]
    return gevonden


def _namen(text: str) -> list[str]:
    gevonden: dict[int, str] = {}
    bezet: list[range] = []

    def voeg_toe(m: re.Match) -> None:
        begin, eind = m.start(1), m.end(2)
        if any(begin in r or eind - 1 in r for r in bezet):
            return
        bezet.append(range(begin, eind))
        gevonden[begin] = text[begin:eind]

    def achternaam(m: re.Match) -> str:
        return m.group(2).split()[-1]

    for m in _TITELS.finditer(text):
        if _is_naam(achternaam(m)):
            voeg_toe(m)
    for m in _VERWANTEN.finditer(text):
        if _is_naam(achternaam(m)) and not _INSTELLING.search(achternaam(m)):
            voeg_toe(m)
    for m in _INITIALEN.finditer(text):
        if m.group(1).replace(" ", "").upper() not in _AFKORTINGEN and _is_naam(achternaam(m)):
            voeg_toe(m)
    for m in _TWEE_WOORDEN.finditer(text):
        if (
            m.group(1).lower() in VOORNAMEN
            and _is_naam(achternaam(m))
            and not _INSTELLING.search(achternaam(m))
        ):
            voeg_toe(m)
    return [
        _("Er staat een naam van een persoon in: %(fragment)s.") % {"fragment": _fragment(tekst)}
        for _begin, tekst in sorted(gevonden.items())
    ]


def detect_personal_data(text: str) -> list[str]:
    """Dutch warnings, one per fragment that looks like personal data; empty when none is found."""
    if not text or not text.strip():
        return []
    warnings = [
        *_bsn(text),
        *_geboortedatum(text),
        *_adres(text),
        *_contact(text),
        *_namen(text),
    ]
    return list(dict.fromkeys(warnings))
