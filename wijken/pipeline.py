"""Reading indicator files: bytes in, one long table out, every problem collected in Dutch.

reader (encoding, separator, title/footer lines, header) → detect format → normalise to
(rij, kolom, gebied_code, periode, voorlopig, waarde, status) → checks. No database access here:
the caller passes the catalogue's column map; services.py writes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

import numpy as np
import pandas as pd

MAX_FOUTEN = 500


class Formaat:
    STATLINE = "CBS StatLine (gelabelde CSV)"
    STATLINE_SYMBOLEN = "CBS StatLine (CSV met statistische symbolen)"
    ODATA = "CBS OData (kolomsleutels)"
    LEEFBAROMETER = "Leefbarometer"
    LANG = "Lang formaat (gebiedcode;indicator;periode;waarde)"
    GEOJSON = "GeoJSON (gebiedsgrenzen)"


@dataclass
class Probleem:
    rij: int | None
    kolom: str
    melding: str

    def as_dict(self) -> dict:
        return {"rij": self.rij, "kolom": self.kolom, "melding": self.melding}


class BestandAfgewezen(Exception):
    """The file cannot be read at all; `problemen` says why, in Dutch."""

    def __init__(self, problemen: list[Probleem]):
        super().__init__("; ".join(p.melding for p in problemen))
        self.problemen = problemen


@dataclass
class Gelezen:
    formaat: str
    # rij, kolom, indicator, gebied_code, periode, voorlopig, waarde, status; kolom, indicator,
    # gebied_code and status are categoricals (status: categories STATUSSEN)
    waarden: pd.DataFrame
    gebieden: pd.DataFrame  # gebied_code, naam, periode
    perioden: list[int]
    onbekende_kolommen: list[str]
    gekoppelde_kolommen: dict[str, str]  # file column → indicator code
    problemen: list[Probleem] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    eerste_rijen: list[list[str]] = field(default_factory=list)
    kolommen: list[str] = field(default_factory=list)
    periode_uit_bestandsnaam: bool = False


CODE_RE = re.compile(r"^(NL0{1,2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")
SUFFIX_RE = re.compile(r"_\d+$")
JAAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
LEEG_WAARDEN = {"", "NA", "N/A", "NaN", "nan", "x", "-", "?"}


def normalise_kolom(naam: str, odata: bool = False) -> str:
    """Key under which a column is looked up in the catalogue."""
    key = re.sub(r"\s+", " ", naam.replace("\u00a0", " ")).strip().lower()
    if odata:
        key = SUFFIX_RE.sub("", key)
    return key


def soort_van_code(code: str) -> str:
    return {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}[code[:2]]


def parent_code(code: str) -> str | None:
    """The code of the area a CBS code lies in (BU → WK → GM → NL)."""
    if code.startswith("BU"):
        return "WK" + code[2:8]
    if code.startswith("WK"):
        return "GM" + code[2:6]
    if code.startswith("GM"):
        return "NL00"
    return None


# --- reading bytes ------------------------------------------------------------------------


def decode(data: bytes) -> str:
    if not data.strip():
        raise BestandAfgewezen([Probleem(None, "", "Het bestand is leeg.")])
    head = data[:8192]
    if (
        head.startswith((b"PK\x03\x04", b"\x1f\x8b", b"%PDF", b"\xd0\xcf\x11\xe0"))
        or b"\x00" in head
    ):
        raise BestandAfgewezen(
            [
                Probleem(
                    None,
                    "",
                    (
                        "Dit is geen tekstbestand maar een binair bestand (bijvoorbeeld Excel, zip of pdf). "
                        "Exporteer de tabel als CSV (puntkomma-gescheiden) of GeoJSON."
                    ),
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise BestandAfgewezen(
            [
                Probleem(
                    None,
                    "",
                    (
                        f"De tekens in het bestand zijn niet te lezen (geen UTF-8 of Windows-1252, "
                        f"positie {exc.start})."
                    ),
                )
            ]
        ) from None


def _kies_scheidingsteken(regels: list[str]) -> str:
    beste, beste_score = ";", -1
    for sep in (";", ",", "\t", "|"):
        counts = [len(r) for r in csv.reader(regels, delimiter=sep) if r]
        if not counts:
            continue
        modus, aantal = Counter(counts).most_common(1)[0]
        score = aantal if modus > 1 else 0
        if score > beste_score or (score == beste_score and modus > 1 and sep == ";"):
            beste, beste_score = sep, score
    return beste


def lees_csv(tekst: str) -> tuple[list[str], list[list[str]], list[int], str]:
    """Header, data rows (cells as read, unstripped), their file line numbers, separator.

    The caller strips the cells: lees_tabel does that once per distinct cell text.

    Title lines before and footer lines after the table ("Bron: CBS") are skipped; ragged rows
    and broken quoting inside the table are rejected with their line number.
    """
    regels = tekst.splitlines()
    voorbeeld = [r for r in regels[:60] if r.strip()]
    sep = _kies_scheidingsteken(voorbeeld)
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep, strict=True)
    rijen: list[list[str]] = []
    nummers: list[int] = []
    try:
        for rij in reader:
            rijen.append(rij)
            nummers.append(reader.line_num)
    except csv.Error as exc:
        raise BestandAfgewezen(
            [
                Probleem(
                    reader.line_num + 1,
                    "",
                    (
                        f"Rij {reader.line_num + 1}: de aanhalingstekens kloppen niet ({exc}). "
                        'Controleer of elk veld dat met " begint ook met " eindigt.'
                    ),
                )
            ]
        ) from None
    lengtes = Counter(len(r) for r in rijen if len(r) > 1)
    if not lengtes:
        raise BestandAfgewezen(
            [
                Probleem(
                    None,
                    "",
                    (
                        "Er is geen tabel gevonden: het bestand heeft maar één kolom. Gebruik ; of , als "
                        "scheidingsteken tussen de kolommen."
                    ),
                )
            ]
        )
    breedte = lengtes.most_common(1)[0][0]
    start = next(i for i, r in enumerate(rijen) if len(r) == breedte)
    einde = max(i for i, r in enumerate(rijen) if len(r) == breedte) + 1
    problemen = []
    for i in range(start, einde):
        r = rijen[i]
        if len(r) != breedte and any(c.strip() for c in r):
            problemen.append(
                Probleem(
                    nummers[i],
                    "",
                    (f"Rij {nummers[i]} heeft {len(r)} kolommen, de kop heeft er {breedte}."),
                )
            )
    if problemen:
        raise BestandAfgewezen(problemen[:MAX_FOUTEN])
    header = [h.replace("\u00a0", " ").strip() for h in rijen[start]]
    data = [r for r in rijen[start + 1 : einde] if len(r) == breedte]
    data_nummers = [
        n
        for n, r in zip(nummers[start + 1 : einde], rijen[start + 1 : einde], strict=True)
        if len(r) == breedte
    ]
    dubbel = [h for h, n in Counter(header).items() if n > 1]
    if dubbel:
        raise BestandAfgewezen(
            [
                Probleem(
                    nummers[start],
                    h,
                    (f"De kolomnaam '{h}' komt meer dan één keer voor in de kop."),
                )
                for h in dubbel
            ]
        )
    if not data:
        raise BestandAfgewezen(
            [Probleem(None, "", "Het bestand heeft een kop maar geen gegevens.")]
        )
    return header, data, data_nummers, sep


# --- formats ------------------------------------------------------------------------------


def _vind(header: list[str], *patronen: str) -> str | None:
    for patroon in patronen:
        for h in header:
            if re.search(patroon, h, flags=re.IGNORECASE):
                return h
    return None


@dataclass
class Indeling:
    """Where gebied, name and period sit in a file of a given format."""

    formaat: str
    code: str
    naam: str | None
    periode: str | None
    metadata: set[str]
    odata: bool = False
    lang: bool = False
    indeling: str | None = None


def herken_formaat(header: list[str], eerste_regel: str) -> Indeling:
    lower = {h.lower(): h for h in header}
    if {"indicator", "periode", "waarde"} <= set(lower) and (
        code := next(
            (lower[k] for k in ("gebiedcode", "gebied_code", "gebiedscode", "code") if k in lower),
            None,
        )
    ):
        naam = lower.get("gebiednaam") or lower.get("naam")
        return Indeling(
            Formaat.LANG,
            code,
            naam,
            lower["periode"],
            {code, naam, lower["periode"]} - {None},
            lang=True,
        )
    if "lbm" in lower and (code := _vind(header, r"^(wk|bu|gm)_code$")):
        naam = _vind(header, r"^(wk|bu|gm)_naam$")
        periode = lower.get("jaar")
        eerste = header[0] if re.fullmatch(r"\d*", header[0]) else None
        return Indeling(
            Formaat.LEEFBAROMETER, code, naam, periode, {code, naam, periode, eerste} - {None}
        )
    code = _vind(header, r"^Codering_\d+$")
    if code:
        naam = _vind(header, r"^WijkenEnBuurten$")
        periode = _vind(header, r"^Perioden$", r"^Peildatum$")
        meta = {
            h
            for h in header
            if re.match(
                r"^(ID|Peildatum|Perioden|WijkenEnBuurten|Gemeentenaam_\d+|SoortRegio_\d+|Codering_\d+|"
                r"IndelingswijzigingGemeenteWijkBuurt_\d+|MeestVoorkomendePostcode_\d+|Dekkingspercentage_\d+)$",
                h,
            )
        }
        return Indeling(
            Formaat.ODATA,
            code,
            naam,
            periode,
            meta,
            odata=True,
            indeling=_vind(header, r"^IndelingswijzigingGemeenteWijkBuurt_\d+$"),
        )
    code = _vind(header, r"codering \(code\)$", r"^regiocode.*\(code\)$", r"\(code\)$")
    if code:
        naam = _vind(header, r"^Wijken en buurten$", r"^Regio'?s?$")
        periode = _vind(header, r"^Perioden$")
        meta = {h for h in header if h in (naam, periode, code) or h.startswith("Regioaanduiding/")}
        symbolen = bool(re.match(r'^"[^"]*"([;,]"[^"]*")*$', eerste_regel.strip()))
        return Indeling(
            Formaat.STATLINE_SYMBOLEN if symbolen else Formaat.STATLINE,
            code,
            naam,
            periode,
            meta,
            indeling=_vind(header, r"^Regioaanduiding/Indelingswijziging"),
        )
    raise BestandAfgewezen(
        [
            Probleem(
                1,
                "",
                (
                    "Het formaat van dit bestand is niet herkend. Verwacht: een CBS-export (StatLine of "
                    "OData) met een kolom met gebiedscodes, een Leefbarometer-bestand, of het lange formaat "
                    "met de kolommen gebiedcode;indicator;periode;waarde."
                ),
            )
        ]
    )


def _parse_perioden(ruw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'2024', '2024*', '2019JJ00', '1-1-2025' → year and provisional mark; NaN when unreadable."""
    s = ruw.astype(str).str.strip()
    voorlopig = s.str.endswith("*")
    s = s.str.rstrip("*").str.strip()
    jaar = s.str.extract(r"^(\d{4})(?:JJ00)?$")[0]
    datum = s.str.extract(r"^\d{1,2}-\d{1,2}-(\d{4})$")[0]
    return pd.to_numeric(jaar.fillna(datum), errors="coerce"), voorlopig


STATUSSEN = ["ok", "geheim", "ontbreekt"]  # Gelezen.waarden["status"]: categories in this order


def _uniek(cellen) -> tuple[np.ndarray, pd.Series]:
    """Each cell's index into the distinct texts, and those texts stripped of whitespace.

    Work per cell (strip, regular expressions, number parsing) is done once per distinct text:
    a national file has 1.8 million cells but a few ten thousand distinct texts."""
    codes, uniek = pd.factorize(np.asarray(cellen, dtype=object))
    return codes, pd.Series([u.strip() for u in uniek], dtype="str")


def _gestript(cellen) -> np.ndarray:
    codes, uniek = _uniek(cellen)
    return uniek.to_numpy(dtype=object)[codes]


def lees_tabel(
    data: bytes,
    bestandsnaam: str,
    kolom_map: dict[str, str],
    eenheden: dict[str, str],
    overslaan: list[str] | None = None,
    periode: int | None = None,
) -> Gelezen:
    """Read a CSV export into one long table. `kolom_map`: normalised column name → indicator.

    Vectorised: cells are codes into their distinct texts (see _uniek), and the long table is
    built with numpy from the wide one, column after column as a melt would.
    """
    tekst = decode(data)
    header, rijen, nummers, sep = lees_csv(tekst)
    eerste_data = next((r for r in tekst.splitlines()[1:] if r.strip()), "")
    indeling = herken_formaat(header, eerste_data)
    eerste_rijen = [[c.strip() for c in r] for r in rijen[:5]]
    cellen = np.array(rijen, dtype=object)  # rows × columns, as read (all rows are as wide)
    del rijen
    kolommen = {h: cellen[:, j] for j, h in enumerate(header)}
    n = len(nummers)
    rij = np.asarray(nummers, dtype=np.int64)
    problemen: list[Probleem] = []
    waarschuwingen: list[str] = []

    # Gebied codes: gebied_idx indexes gebied_cats, the distinct normalised codes.
    c_codes, c_uniek = _uniek(kolommen[indeling.code])
    normaal = c_uniek.str.upper().str.replace(" ", "", regex=False)
    gebied_idx_u, gebied_cats = pd.factorize(normaal.to_numpy(dtype=object))
    gebied_idx = gebied_idx_u[c_codes]
    fout = ~normaal.str.match(CODE_RE).to_numpy(dtype=bool)[c_codes]
    # Only the first MAX_FOUTEN problems are kept, in this order: stop collecting there.
    for i in np.flatnonzero(fout)[:MAX_FOUTEN]:
        problemen.append(
            Probleem(
                int(rij[i]),
                indeling.code,
                (
                    f"'{gebied_cats[gebied_idx[i]]}' is geen CBS-code van een Nederlands gebied "
                    "(verwacht NL00, GM0034, WK003401 of BU00340101)."
                ),
            )
        )

    # Periods: a column, else the file name (e.g. kwb2019_…), else the value given.
    uit_naam = False
    if indeling.periode:
        p_codes, p_uniek = _uniek(kolommen[indeling.periode])
        jaar, voorlopig = _parse_perioden(p_uniek)
        onleesbaar = jaar.isna().to_numpy(dtype=bool)[p_codes]
        for i in np.flatnonzero(onleesbaar)[: max(MAX_FOUTEN - len(problemen), 0)]:
            problemen.append(
                Probleem(
                    int(rij[i]),
                    indeling.periode,
                    (
                        f"De periode '{p_uniek.iloc[p_codes[i]]}' is niet te lezen; verwacht een "
                        "jaar zoals 2024, 2024* of 1-1-2024."
                    ),
                )
            )
        periode_rij = jaar.fillna(0).astype(np.int64).to_numpy()[p_codes]
        voorlopig_rij = voorlopig.to_numpy(dtype=bool)[p_codes]
    else:
        if periode is None:
            match = JAAR_RE.search(PurePath(bestandsnaam).name)
            if match is None:
                raise BestandAfgewezen(
                    [
                        Probleem(
                            None,
                            "",
                            (
                                "Het bestand heeft geen kolom Perioden of Peildatum en de bestandsnaam noemt "
                                "geen jaar. Geef het jaar op bij het uploaden."
                            ),
                        )
                    ]
                )
            periode, uit_naam = int(match.group(1)), True
        periode_rij = np.full(n, int(periode), dtype=np.int64)
        voorlopig_rij = np.zeros(n, dtype=bool)

    # Columns → indicators.
    overslaan = set(overslaan or [])
    waarde_kolommen = [h for h in header if h not in indeling.metadata]
    gekoppeld: dict[str, str] = {}
    onbekend: list[str] = []
    for h in waarde_kolommen:
        if h in overslaan:
            continue
        ind = kolom_map.get(normalise_kolom(h, odata=indeling.odata))
        if ind:
            gekoppeld[h] = ind
        else:
            onbekend.append(h)
    if indeling.lang:
        gekoppeld, onbekend = {}, []

    # One row per gebied and period (the first), valid codes only.
    eerste = ~pd.DataFrame({"g": gebied_idx, "p": periode_rij}).duplicated().to_numpy()
    g_rijen = np.flatnonzero(~fout & eerste)
    gebieden = pd.DataFrame(
        {
            "gebied_code": gebied_cats[gebied_idx[g_rijen]],
            "naam": _gestript(kolommen[indeling.naam])[g_rijen] if indeling.naam else "",
            "periode": periode_rij[g_rijen],
            "indelingswijziging": (
                _gestript(kolommen[indeling.indeling])[g_rijen] if indeling.indeling else ""
            ),
        },
        index=g_rijen,
    )

    # Long table: per cell its file row, column, indicator, gebied, period and raw text.
    if indeling.lang:
        ind_kolom = (
            "indicator"
            if "indicator" in kolommen
            else next(h for h in header if h.lower() == "indicator")
        )
        waarde_kol = next(h for h in header if h.lower() == "waarde")
        i_codes, i_uniek = _uniek(kolommen[ind_kolom])
        ind_u = np.array([kolom_map.get(normalise_kolom(s)) for s in i_uniek], dtype=object)
        ind_idx_u, ind_cats = pd.factorize(ind_u)  # unknown (None) → -1
        ind_idx = ind_idx_u[i_codes]
        ruimte = max(MAX_FOUTEN - len(problemen), 0)
        for i in np.flatnonzero(ind_idx < 0)[:ruimte]:
            problemen.append(
                Probleem(
                    int(rij[i]),
                    "indicator",
                    (
                        f"De indicator '{i_uniek.iloc[i_codes[i]]}' staat niet in de catalogus. "
                        "Voeg hem toe in Beheer → Indicatoren, of corrigeer de naam."
                    ),
                )
            )
        onbekend = sorted(set(i_uniek[ind_idx_u < 0]))
        bekend = np.flatnonzero(ind_idx >= 0)
        kolom_cats = [waarde_kol]
        kolom_l = np.zeros(len(bekend), dtype=np.int64)
        ind_l = ind_idx[bekend]
        rij_l, gebied_l = rij[bekend], gebied_idx[bekend]
        periode_l, voorlopig_l = periode_rij[bekend], voorlopig_rij[bekend]
        r_codes, r_uniek = _uniek(kolommen[waarde_kol][bekend])
    else:
        kolom_cats = list(gekoppeld)
        k = len(kolom_cats)
        ind_kol, ind_cats = pd.factorize(np.array([gekoppeld[h] for h in kolom_cats], dtype=object))
        positie = [header.index(h) for h in kolom_cats]
        # Column after column, as melt orders it.
        r_codes, r_uniek = _uniek(cellen[:, positie].T.ravel())
        kolom_l = np.repeat(np.arange(k, dtype=np.int64), n)
        ind_l = ind_kol[kolom_l]
        rij_l, gebied_l = np.tile(rij, k), np.tile(gebied_idx, k)
        periode_l, voorlopig_l = np.tile(periode_rij, k), np.tile(voorlopig_rij, k)
        if indeling.periode and k:
            # In stacked multi-year files a column that is empty for a whole year does not
            # belong to that year (its key changed): drop those cells, keep real gaps.
            per_idx, per_waarden = pd.factorize(periode_l)
            groep = kolom_l * len(per_waarden) + per_idx
            leeg = r_uniek.eq("").to_numpy(dtype=bool)[r_codes]
            gevuld = np.bincount(groep[~leeg], minlength=k * len(per_waarden))
            houden = gevuld[groep] > 0
            if not houden.all():
                kolom_l, ind_l, rij_l, gebied_l = (
                    kolom_l[houden],
                    ind_l[houden],
                    rij_l[houden],
                    gebied_l[houden],
                )
                periode_l, voorlopig_l = periode_l[houden], voorlopig_l[houden]
                r_codes = r_codes[houden]
    del kolommen, cellen

    lang = {
        "rij": rij_l,
        "kolom": pd.Categorical.from_codes(kolom_l, categories=kolom_cats, validate=False),
        "indicator": pd.Categorical.from_codes(ind_l, categories=ind_cats, validate=False),
        "gebied_code": pd.Categorical.from_codes(gebied_l, categories=gebied_cats, validate=False),
        "periode": periode_l,
        "voorlopig": voorlopig_l,
    }
    waarden, p, w = _parse_waarden(
        lang, r_codes, r_uniek, eenheden, max(MAX_FOUTEN - len(problemen), 0)
    )
    problemen.extend(p)
    waarschuwingen.extend(w)

    # Duplicate keys inside one file. A wide file whose rows have distinct gebied and period
    # and whose columns distinct indicators has none: then there is nothing to look for.
    if indeling.lang or not eerste.all() or len(set(gekoppeld.values())) < len(gekoppeld):
        dubbel = (
            pd.DataFrame({"g": gebied_l, "i": ind_l, "p": periode_l})
            .duplicated(keep=False)
            .to_numpy()
        )
    else:
        dubbel = np.zeros(len(gebied_l), dtype=bool)
    if dubbel.any():
        d = waarden.loc[dubbel, ["gebied_code", "indicator", "periode", "rij", "kolom"]].astype(
            {"gebied_code": str, "indicator": str, "kolom": str}
        )
        for (code, ind, per), groep in d.groupby(["gebied_code", "indicator", "periode"]):
            rijen_txt = ", ".join(str(r) for r in groep["rij"].head(5))
            problemen.append(
                Probleem(
                    int(groep["rij"].iloc[1]),
                    str(groep["kolom"].iloc[0]),
                    (f"{code}, {ind}, {per} komt meer dan één keer voor (rijen {rijen_txt})."),
                )
            )
            if len(problemen) > MAX_FOUTEN:
                break

    perioden = sorted(int(x) for x in np.unique(periode_rij) if x)
    return Gelezen(
        formaat=indeling.formaat,
        waarden=waarden,
        gebieden=gebieden,
        perioden=perioden,
        onbekende_kolommen=onbekend,
        gekoppelde_kolommen=gekoppeld,
        problemen=problemen[:MAX_FOUTEN],
        waarschuwingen=waarschuwingen,
        eerste_rijen=eerste_rijen,
        kolommen=header,
        periode_uit_bestandsnaam=uit_naam,
    )


FORMULE_RE = re.compile(r"^(=|@|\+(?![\d.])|-(?![\d.])|\t|\r)")
TEKEN_EENHEDEN = ["aantal", "procent", "per_1000", "euro"]  # cannot be negative


def _parse_waarden(
    lang: dict, codes: np.ndarray, uniek: pd.Series, eenheden: dict[str, str], ruimte: int
):
    """Strings → numbers with status; `.` is secret (never 0), NA/empty missing.

    `lang`: the cells' rij, kolom, indicator, gebied_code, periode, voorlopig; `codes`: each
    cell's index into `uniek`, the distinct stripped texts, which are tested and parsed once
    each. At most `ruimte` problems are reported (the first ones, in cell order per check).
    """
    problemen: list[Probleem] = []
    waarschuwingen: list[str] = []
    geheim = uniek.eq(".").to_numpy(dtype=bool)
    ontbreekt = uniek.isin(LEEG_WAARDEN).to_numpy(dtype=bool)
    getal = ~(geheim | ontbreekt)
    formule = getal & uniek.str.match(FORMULE_RE).to_numpy(dtype=bool)
    # Only texts that occur are in `uniek`, apart from ones that strip to "" (never numbers).
    komma = uniek[getal].str.contains(r"^-?\d+,\d+$", regex=True).any()
    punt = uniek[getal].str.contains(r"^-?\d+\.\d+$", regex=True).any()
    tekst = uniek.where(getal, "")
    if komma and not punt:
        tekst = tekst.str.replace(",", ".", regex=False)
    getallen = pd.to_numeric(tekst.where(getal & ~formule, None), errors="coerce")
    getallen = getallen.to_numpy(dtype=np.float64)
    onleesbaar = getal & ~formule & np.isnan(getallen)
    status_u = np.where(geheim, 1, np.where(ontbreekt, 2, 0)).astype(np.int8)

    waarde = getallen[codes]
    status = status_u[codes]
    indicator = lang["indicator"]
    eenheid = pd.Index([eenheden.get(c) for c in indicator.categories], dtype=object)
    teken = eenheid.isin(TEKEN_EENHEDEN)[indicator.codes]
    procent = (eenheid == "procent")[indicator.codes]
    kolom = lang["kolom"]
    for masker, tekst_fn in (
        (
            formule[codes] if formule.any() else None,
            lambda v: (
                f"'{v[:30]}' lijkt op een formule; zulke cellen worden om veiligheidsredenen niet "
                "geïmporteerd."
            ),
        ),
        (onleesbaar[codes] if onleesbaar.any() else None, lambda v: f"'{v[:30]}' is geen getal."),
        (
            (waarde < 0) & teken,
            lambda v: f"{v} is negatief; een aantal of percentage kan niet negatief zijn.",
        ),
        ((waarde > 100) & procent, lambda v: f"{v} is meer dan 100%."),
    ):
        if masker is None:
            continue
        for i in np.flatnonzero(masker)[: max(ruimte - len(problemen), 0)]:
            problemen.append(
                Probleem(
                    int(lang["rij"][i]),
                    str(kolom.categories[kolom.codes[i]]),
                    tekst_fn(uniek.iloc[codes[i]]),
                )
            )
    result = pd.DataFrame(
        {
            **lang,
            "waarde": waarde,
            "status": pd.Categorical.from_codes(status, categories=STATUSSEN, validate=False),
        }
    )
    return result, problemen, waarschuwingen


# --- GeoJSON ------------------------------------------------------------------------------


def lees_geojson(data: bytes) -> tuple[list[dict], list[Probleem], int | None]:
    """Features → [{code, naam, gemeente_code, geometrie}], problems, the year in its metadata."""
    tekst = decode(data)
    try:
        doc = json.loads(tekst)
    except json.JSONDecodeError as exc:
        raise BestandAfgewezen(
            [
                Probleem(
                    exc.lineno,
                    "",
                    (
                        f"Dit is geen geldige GeoJSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})."
                    ),
                )
            ]
        ) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise BestandAfgewezen(
            [Probleem(None, "", ("Verwacht een GeoJSON FeatureCollection met gebiedsgrenzen."))]
        )
    jaar = (doc.get("metadata") or {}).get("year")
    uit, problemen = [], []
    for i, feat in enumerate(doc.get("features") or [], start=1):
        props = (feat or {}).get("properties") or {}
        code = next(
            (
                props[k]
                for k in ("buurtcode", "wijkcode", "gemeentecode", "statcode", "code")
                if props.get(k)
            ),
            None,
        )
        naam = next(
            (
                props[k]
                for k in ("buurtnaam", "wijknaam", "gemeentenaam", "statnaam", "naam")
                if props.get(k)
            ),
            "",
        )
        geometrie = (feat or {}).get("geometry")
        code = str(code or "").strip().upper()
        if not CODE_RE.match(code):
            problemen.append(
                Probleem(i, "properties", (f"Object {i}: '{code}' is geen CBS-gebiedscode."))
            )
            continue
        if not isinstance(geometrie, dict) or geometrie.get("type") not in (
            "Polygon",
            "MultiPolygon",
        ):
            problemen.append(
                Probleem(i, "geometry", f"Object {i} ({code}) heeft geen vlak als grens.")
            )
            continue
        uit.append(
            {
                "code": code,
                "naam": str(naam).strip(),
                "gemeente_code": str(props.get("gemeentecode") or "").strip().upper(),
                "geometrie": geometrie,
            }
        )
    if not uit and not problemen:
        problemen.append(Probleem(None, "", "De GeoJSON bevat geen gebieden."))
    return (
        uit,
        problemen[:MAX_FOUTEN],
        int(jaar) if isinstance(jaar, int | str) and str(jaar).isdigit() else None,
    )
