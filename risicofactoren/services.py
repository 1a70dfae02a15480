"""Stap 1 analysis services: the factor catalogue, model versions and the prevalence estimate."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from wijken.models import (
    Gebied,
    ImportJob,
    ImportSoort,
    ImportStatus,
    Indicator,
    IndicatorWaarde,
    Soort,
    WaardeStatus,
)

from . import dashboard_cache
from .models import ModelFactor, PrevalentieModel, Risicofactor, Schatting

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CATALOGUS = FIXTURES / "risicofactoren.json"
MODELLEN = FIXTURES / "prevalentiemodellen.json"


# --- catalogue and model versions -----------------------------------------------------------


def load_risicofactoren(path: Path = CATALOGUS, models: Any = None) -> int:
    """Create or update the shipped factors (a beheerder's later edits of other fields stay)."""
    FactorM = models.get_model("risicofactoren", "Risicofactor") if models else Risicofactor
    IndicatorM = models.get_model("wijken", "Indicator") if models else None
    if IndicatorM is None:
        from wijken.models import Indicator as IndicatorM
    data = json.loads(path.read_text(encoding="utf-8"))
    velden = (
        "naam", "soort", "niveau", "cluster", "toelichting", "relatief_risico",
        "rr_ondergrens", "rr_bovengrens", "bron", "volgorde",
    )  # fmt: skip
    for item in data["risicofactoren"]:
        factor, _ = FactorM.objects.update_or_create(
            code=item["code"], defaults={k: item.get(k) for k in velden if k in item}
        )
        factor.proxy_indicatoren.set(
            IndicatorM.objects.filter(code__in=item.get("indicatoren", []))
        )
    return len(data["risicofactoren"])


def load_modellen(path: Path = MODELLEN, models: Any = None) -> int:
    """Create or update the shipped model versions with their factors."""
    ModelM = models.get_model("risicofactoren", "PrevalentieModel") if models else PrevalentieModel
    FactorM = models.get_model("risicofactoren", "ModelFactor") if models else ModelFactor
    RisicoM = models.get_model("risicofactoren", "Risicofactor") if models else Risicofactor
    data = json.loads(path.read_text(encoding="utf-8"))
    factoren_per_model: dict[str, list[dict]] = {}
    for item in data["modellen"]:
        factoren = item.get("factoren") or factoren_per_model[item["factoren_van"]]
        factoren_per_model[item["naam"]] = factoren
        velden = {k: v for k, v in item.items() if k not in ("naam", "factoren", "factoren_van")}
        if velden.get("is_standaard"):
            ModelM.objects.exclude(naam=item["naam"]).update(is_standaard=False)
        model, _ = ModelM.objects.update_or_create(naam=item["naam"], defaults=velden)
        for f in factoren:
            rest = {k: v for k, v in f.items() if k != "risicofactor"}
            FactorM.objects.update_or_create(
                model=model, risicofactor=RisicoM.objects.get(code=f["risicofactor"]), defaults=rest
            )
    return len(data["modellen"])


# --- the estimate ---------------------------------------------------------------------------

Z95 = 1.959964
KINDEREN_0_17 = "kinderen_0_17"  # a catalogue indicator with a better count, when imported
LEEFTIJD_0_15 = "leeftijd_0_15"
LEEFTIJD_15_25 = "leeftijd_15_25"
BRON_GEIMPORTEERD = "geïmporteerd aantal kinderen van 0 tot 18 jaar"
BRON_LEEFTIJDSGROEPEN = "0–15 jaar plus 3/10 van 15–25 jaar (CBS-leeftijdsgroepen)"
HERKOMST_LABEL = {
    "eigen": "eigen waarde",
    "wijk": "waarde van de wijk",
    "gemeente": "waarde van de gemeente",
    "land": "landelijke waarde",
}
NIVEAUS = ["gemeente", "wijk", "buurt"]


@dataclass(frozen=True)
class FactorParams:
    code: str
    naam: str
    rr: float
    rr_onder: float
    rr_boven: float
    teller: tuple[str, ...]
    noemer: tuple[str, ...]
    landelijk: float


@dataclass(frozen=True)
class ModelParams:
    """A model version as plain data, so the estimate itself needs no database."""

    basis: float
    basis_onder: float
    basis_boven: float
    trekkingen: int
    min_kinderen: int
    toeslag: float
    seed: int
    factoren: tuple[FactorParams, ...]

    @classmethod
    def from_model(cls, model: PrevalentieModel) -> ModelParams:
        factoren = tuple(
            FactorParams(
                code=f.risicofactor.code,
                naam=f.risicofactor.naam,
                rr=f.relatief_risico,
                rr_onder=f.rr_ondergrens,
                rr_boven=f.rr_bovengrens,
                teller=tuple(f.teller),
                noemer=tuple(f.noemer or ()),
                landelijk=f.landelijk_aandeel,
            )
            for f in model.factoren.select_related("risicofactor").order_by("pk")
        )
        return cls(
            basis=model.basis_per_1000,
            basis_onder=model.basis_ondergrens,
            basis_boven=model.basis_bovengrens,
            trekkingen=model.trekkingen,
            min_kinderen=model.min_kinderen,
            toeslag=model.toeslag_onzekerheid,
            seed=model.seed,
            factoren=factoren,
        )

    def indicator_codes(self) -> set[str]:
        codes = {KINDEREN_0_17, LEEFTIJD_0_15, LEEFTIJD_15_25}
        for f in self.factoren:
            codes.update(f.teller, f.noemer)
        return codes


def _log_sd(onder: float, boven: float) -> float:
    """Standard deviation on the log scale of a 95 % interval."""
    return (np.log(boven) - np.log(onder)) / (2 * Z95)


def _shares(waarden: pd.DataFrame, factor: FactorParams) -> pd.Series:
    """sum(teller) / sum(noemer) per gebied; NaN where any part is missing or secret."""
    if not all(c in waarden for c in (*factor.teller, *factor.noemer)):
        return pd.Series(np.nan, index=waarden.index)
    teller = waarden[list(factor.teller)].sum(axis=1, min_count=len(factor.teller))
    if not factor.noemer:
        return (teller / 100.0).clip(0, 1)
    noemer = waarden[list(factor.noemer)].sum(axis=1, min_count=len(factor.noemer))
    aandeel = teller / noemer.where(noemer > 0)
    return aandeel.clip(0, 1)


def children(waarden: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Children 0–17 per gebied and where that number comes from."""
    leeg = pd.Series(np.nan, index=waarden.index)
    jong = waarden.get(LEEFTIJD_0_15, leeg)
    tiener = waarden.get(LEEFTIJD_15_25, leeg)
    afgeleid = jong + 0.3 * tiener
    bron = pd.Series(np.where(afgeleid.notna(), BRON_LEEFTIJDSGROEPEN, ""), index=waarden.index)
    if KINDEREN_0_17 in waarden:
        geteld = waarden[KINDEREN_0_17]
        bron = bron.mask(geteld.notna(), BRON_GEIMPORTEERD)
        afgeleid = geteld.fillna(afgeleid)
    return afgeleid, bron


def _sibling_calibrated_rates(
    r: np.ndarray, kinderen: np.ndarray, groep: np.ndarray, ouder_rate: np.ndarray
) -> np.ndarray:
    """rate = parent's rate × r / (children-weighted mean r of the siblings), per draw.

    r: (n, d); kinderen: (n,); groep: (n,) index into ouder_rate (m, d). Siblings are the gebieden
    of the same level with the same parent; gebieden without children do not weigh.
    """
    m = ouder_rate.shape[0]
    gewicht = np.nan_to_num(kinderen)
    volgorde = np.argsort(groep, kind="stable")
    gesorteerd = groep[volgorde]
    starts = np.flatnonzero(np.r_[True, gesorteerd[1:] != gesorteerd[:-1]])
    som_kr = np.zeros((m, r.shape[1]), dtype=r.dtype)
    som_kr[gesorteerd[starts]] = np.add.reduceat(
        (r * gewicht[:, None].astype(r.dtype))[volgorde], starts, axis=0
    )
    som_k = np.bincount(groep, weights=gewicht, minlength=m)
    with np.errstate(invalid="ignore", divide="ignore"):
        gemiddeld = som_kr / np.where(som_k > 0, som_k, np.nan)[:, None]
        return ouder_rate[groep] * r / gemiddeld[groep]


def estimate(gebieden: pd.DataFrame, waarden: pd.DataFrame, params: ModelParams) -> pd.DataFrame:
    """The prevalence estimate for every gebied of one year, vectorised over gebieden and draws.

    gebieden: index gebied id; columns code, soort (land/gemeente/wijk/buurt), parent (id or
    NaN), gemeente (id or NaN). waarden: index gebied id, one column per indicator code (NaN
    where missing or secret). Returns one row per gebied with the columns of `Schatting`.

    Method (DESIGN.md; stated on the methodology page): per factor the ratio
    (1 + p·(RR−1)) / (1 + p_NL·(RR−1)); the factors overlap, so their ratios are combined by a
    geometric mean instead of a product. Gemeenten are calibrated so that their total equals
    the base rate × all children (when the year has the whole country), wijken to their gemeente
    and buurten to their wijk. Uncertainty of the base rate, the relative risks and of shares
    taken from a larger area is carried through by simulation.
    """
    gebieden = gebieden.copy()
    waarden = waarden.reindex(gebieden.index)
    kinderen, kinderen_bron = children(waarden)
    soort = gebieden["soort"]
    land = gebieden.index[soort == "land"]
    nl_id = land[0] if len(land) else None
    ids = gebieden.index
    pos = pd.Series(np.arange(len(ids)), index=ids)

    # Shares per factor, filled from the wijk, the gemeente, then the country.
    factoren = params.factoren
    n, f_aantal = len(ids), len(factoren)
    aandeel = np.full((n, f_aantal), np.nan)
    herkomst = np.empty((n, f_aantal), dtype=object)
    landelijk = np.empty(f_aantal)
    landelijk_bron = []
    for j, factor in enumerate(factoren):
        eigen = _shares(waarden, factor)
        nl_waarde = eigen.get(nl_id, np.nan) if nl_id is not None else np.nan
        if np.isnan(nl_waarde):
            landelijk[j], bron_nl = factor.landelijk, "model"
        else:
            landelijk[j], bron_nl = nl_waarde, "import"
        landelijk_bron.append(bron_nl)
        gevuld = eigen.copy()
        labels = pd.Series(np.where(eigen.notna(), "eigen", ""), index=ids, dtype=object)
        for kolom, label in (("parent", "wijk"), ("gemeente", "gemeente")):
            ouder = gebieden[kolom]
            van_ouder = ouder.map(eigen)
            if kolom == "parent":  # only buurten take their wijk's value
                van_ouder = van_ouder.where(soort == "buurt")
            nodig = gevuld.isna() & van_ouder.notna()
            gevuld[nodig] = van_ouder[nodig]
            labels[nodig] = label
        nodig = gevuld.isna()
        gevuld[nodig] = landelijk[j]
        labels[nodig] = "land"
        aandeel[:, j] = gevuld.to_numpy()
        herkomst[:, j] = labels.to_numpy()

    rr = np.array([f.rr for f in factoren])
    rr_sd = np.array([_log_sd(f.rr_onder, f.rr_boven) for f in factoren])
    basis_sd = _log_sd(params.basis_onder, params.basis_boven)

    def ratios(p: np.ndarray, rr_: np.ndarray) -> np.ndarray:
        # p: (n, f, d) or (n, f); rr_: (f, d) or (f,)
        if p.ndim == 3:
            teller = 1 + p * (rr_[None, :, :] - 1)
            noemer = 1 + landelijk[None, :, None] * (rr_[None, :, :] - 1)
        else:
            teller = 1 + p * (rr_[None, :] - 1)
            noemer = 1 + landelijk[None, :] * (rr_[None, :] - 1)
        return teller / noemer

    def rates(r: np.ndarray, basis: np.ndarray, gekalibreerd: bool) -> np.ndarray:
        """Rates per 1000 for every gebied; r (n, d), basis (d,)."""
        d = r.shape[1]
        rate = np.full((n, d), np.nan, dtype=r.dtype)
        if nl_id is not None:
            rate[pos[nl_id]] = basis
        for niveau in NIVEAUS:
            rij = np.flatnonzero(soort.to_numpy() == niveau)
            if not len(rij):
                continue
            ouders = gebieden["parent"].to_numpy()[rij]
            if niveau == "gemeente" and gekalibreerd:
                groep = np.zeros(len(rij), dtype=np.int64)
                rate[rij] = _sibling_calibrated_rates(
                    r[rij], kinderen.to_numpy()[rij], groep, basis[None, :]
                )
                continue
            if niveau == "gemeente":
                rate[rij] = basis[None, :] * r[rij]
                continue
            ouder_pos = pd.Series(ouders).map(pos).to_numpy()
            heeft_ouder = ~np.isnan(ouder_pos)
            # A gebied whose parent has no rate takes the uncalibrated rate.
            rate[rij] = basis[None, :] * r[rij]
            if heeft_ouder.any():
                sub = rij[heeft_ouder]
                ouder_idx = ouder_pos[heeft_ouder].astype(np.int64)
                uniek, groep = np.unique(ouder_idx, return_inverse=True)
                ouder_rate = rate[uniek]
                kalibreer = ~np.isnan(ouder_rate[:, 0])
                berekend = _sibling_calibrated_rates(
                    r[sub], kinderen.to_numpy()[sub], groep, ouder_rate
                )
                goed = kalibreer[groep]
                rate[sub[goed]] = berekend[goed]
        return rate

    gekalibreerd = nl_id is not None and not np.isnan(kinderen.get(nl_id, np.nan))

    # Point estimate: the point parameters, no noise.
    ln_ratio = np.log(ratios(aandeel, rr))  # (n, f)
    r_punt = np.exp(ln_ratio.mean(axis=1))
    rate_punt = rates(r_punt[:, None], np.array([params.basis]), gekalibreerd)[:, 0]

    # Simulation, in chunks of draws to bound memory; float32 is precise enough for draws.
    rng = np.random.default_rng(params.seed)
    d_totaal = params.trekkingen
    k = kinderen.to_numpy()
    geldige_k = ~np.isnan(k)
    geschat = np.empty((int(geldige_k.sum()), d_totaal), dtype=np.float32)
    overgenomen = herkomst != "eigen"
    stap = max(1, min(d_totaal, 250))
    for begin in range(0, d_totaal, stap):
        d = min(stap, d_totaal - begin)
        basis_d = params.basis * np.exp(rng.normal(0, basis_sd, d))
        rr_d = rr[:, None] * np.exp(rng.normal(0, 1, (f_aantal, d)) * rr_sd[:, None])
        som = np.zeros((n, d), dtype=np.float32)
        for j in range(f_aantal):
            helling = (rr_d[j] - 1).astype(np.float32)[None, :]
            noemer = (1 + landelijk[j] * (rr_d[j] - 1)).astype(np.float32)[None, :]
            p = np.repeat(aandeel[:, j, None].astype(np.float32), d, axis=1)
            rij = np.flatnonzero(overgenomen[:, j])
            if params.toeslag > 0 and len(rij):
                ruis = rng.standard_normal((len(rij), d), dtype=np.float32)
                ruis *= params.toeslag
                ruis -= params.toeslag**2 / 2
                np.exp(ruis, out=ruis)
                ruis *= p[rij]
                p[rij] = np.clip(ruis, 0, 1)
            p *= helling
            p += 1
            p /= noemer
            np.log(p, out=p)
            som += p
        som /= f_aantal
        np.exp(som, out=som)
        geschat[:, begin : begin + d] = rates(som, basis_d, gekalibreerd)[geldige_k]
    onder = np.full(n, np.nan)
    boven = np.full(n, np.nan)
    if len(geschat):
        with np.errstate(invalid="ignore"):
            grenzen = np.quantile(geschat, [0.025, 0.975], axis=1)
        onder[geldige_k] = grenzen[0] * k[geldige_k] / 1000.0
        boven[geldige_k] = grenzen[1] * k[geldige_k] / 1000.0
    punt = rate_punt * k / 1000.0
    onder = np.fmin(onder, punt)
    boven = np.fmax(boven, punt)

    namen = [f.naam for f in factoren]
    soorten = soort.to_numpy()
    bronnen = kinderen_bron.to_numpy()
    rijen = []
    ratio_factor = np.exp(ln_ratio)
    for i, gebied_id in enumerate(ids):
        opmerkingen: list[str] = []
        reden = ""
        if np.isnan(k[i]):
            reden = "Geen aantal inwoners naar leeftijd voor dit jaar: geen schatting."
        elif k[i] < params.min_kinderen:
            reden = (
                f"Minder dan {params.min_kinderen} kinderen: te weinig voor een betrouwbare "
                "schatting."
            )
        elif np.isnan(rate_punt[i]):
            reden = "Geen schatting mogelijk: de kinderen van het hogere gebied zijn onbekend."
        factoren_json = {}
        for j, factor in enumerate(factoren):
            h = herkomst[i, j]
            factoren_json[factor.code] = {
                "naam": namen[j],
                "aandeel": round(float(aandeel[i, j]), 4),
                "landelijk": round(float(landelijk[j]), 4),
                "ratio": round(float(ratio_factor[i, j]), 4),
                "herkomst": h,
            }
            if h != "eigen" and soorten[i] != "land":
                opmerkingen.append(
                    f"{namen[j]}: geen eigen cijfer; {HERKOMST_LABEL[h]} gebruikt "
                    "(de marge is daardoor breder)."
                )
        if not gekalibreerd and soorten[i] != "land":
            opmerkingen.append(
                "Voor dit jaar zijn geen cijfers van heel Nederland geïmporteerd: de schatting "
                "is niet gekalibreerd op het landelijke totaal."
            )
        geldig = not reden
        rijen.append(
            {
                "gebied_id": gebied_id,
                "kinderen": None if np.isnan(k[i]) else float(k[i]),
                "kinderen_bron": bronnen[i],
                "schatting": float(punt[i]) if geldig else None,
                "ondergrens": float(onder[i]) if geldig else None,
                "bovengrens": float(boven[i]) if geldig else None,
                "per_1000": float(rate_punt[i]) if geldig else None,
                "ratio": float(rate_punt[i] / params.basis) if geldig else None,
                "factoren": factoren_json,
                "opmerkingen": opmerkingen,
                "reden": reden,
            }
        )
    return pd.DataFrame(rijen).set_index("gebied_id")


# --- inputs from and results to the database ------------------------------------------------


def load_inputs(jaar: int, params: ModelParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gebieden and indicator values (status ok only) that the estimate of `jaar` needs."""
    codes = dict(
        Indicator.objects.filter(code__in=params.indicator_codes()).values_list("id", "code")
    )
    # Plain tuples, not model instances: this reads every gebied of the country.
    qs = IndicatorWaarde.objects.filter(
        periode=jaar, indicator_id__in=list(codes), status=WaardeStatus.OK
    ).values_list("gebied_id", "indicator_id", "waarde")
    sql, sql_params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute(sql, sql_params)
        lang = pd.DataFrame(cur.fetchall(), columns=["gebied", "indicator", "waarde"])
    lang["indicator"] = lang["indicator"].map(codes)
    waarden = lang.pivot(index="gebied", columns="indicator", values="waarde").astype(float)
    ids = set(waarden.index)
    velden = ("id", "code", "soort", "parent_id", "gemeente_id")
    gebieden = pd.DataFrame(
        list(Gebied.objects.filter(id__in=ids).values_list(*velden)), columns=velden
    )
    # Parents, their gemeenten and the country take part even without values of their own.
    extra = (
        set(gebieden["parent_id"].dropna().astype(int))
        | set(gebieden["gemeente_id"].dropna().astype(int))
    ) - ids
    qs = Gebied.objects.filter(Q(id__in=extra) | Q(soort=Soort.LAND)).exclude(id__in=ids)
    gebieden = pd.concat(
        [gebieden, pd.DataFrame(list(qs.values_list(*velden)), columns=velden)],
        ignore_index=True,
    )
    gebieden = gebieden.rename(columns={"parent_id": "parent", "gemeente_id": "gemeente"})
    gebieden = gebieden.set_index("id").astype({"parent": "float64", "gemeente": "float64"})
    return gebieden, waarden


def years_with_children() -> list[int]:
    return sorted(
        IndicatorWaarde.objects.filter(
            indicator__code__in=[KINDEREN_0_17, LEEFTIJD_0_15], status=WaardeStatus.OK
        )
        .values_list("periode", flat=True)
        .distinct()
    )


def default_model() -> PrevalentieModel | None:
    return PrevalentieModel.objects.filter(is_standaard=True).first()


def _nullable(waarde: Any) -> Any:
    return None if waarde is None or (isinstance(waarde, float) and np.isnan(waarde)) else waarde


def _insert_estimates(uitkomst: pd.DataFrame, jaar: int, model: PrevalentieModel) -> None:
    """One executemany instead of bulk_create: building model instances and their SQL is most
    of the time for the 18,310 gebieden of a national year."""
    velden = [
        "gebied_id", "jaar", "model_id", "kinderen", "kinderen_bron", "schatting", "ondergrens",
        "bovengrens", "per_1000", "ratio", "factoren", "opmerkingen", "reden", "berekend",
    ]  # fmt: skip
    nu = timezone.now()
    rijen = [
        (
            int(gebied_id),
            jaar,
            model.pk,
            _nullable(r["kinderen"]),
            r["kinderen_bron"],
            _nullable(r["schatting"]),
            _nullable(r["ondergrens"]),
            _nullable(r["bovengrens"]),
            _nullable(r["per_1000"]),
            _nullable(r["ratio"]),
            json.dumps(r["factoren"]),
            json.dumps(r["opmerkingen"]),
            r["reden"],
            nu,
        )  # fmt: skip
        for gebied_id, r in zip(uitkomst.index, uitkomst.to_dict("records"), strict=True)
    ]
    tabel = connection.ops.quote_name(Schatting._meta.db_table)
    kolommen = ", ".join(connection.ops.quote_name(v) for v in velden)
    plekken = ", ".join(["%s"] * len(velden))
    with connection.cursor() as cur:
        cur.executemany(f"INSERT INTO {tabel} ({kolommen}) VALUES ({plekken})", rijen)  # noqa: S608


def estimate_year(jaar: int, model: PrevalentieModel) -> dict[str, Any]:
    """Compute and store the estimates of one year and model version (replacing the old ones)."""
    params = ModelParams.from_model(model)
    gebieden, waarden = load_inputs(jaar, params)
    if waarden.empty:
        with transaction.atomic():
            Schatting.objects.filter(model=model, jaar=jaar).delete()
        return {"jaar": jaar, "model": model.naam, "geschat": 0, "nl_totaal": None}
    uitkomst = estimate(gebieden, waarden, params)
    with transaction.atomic():
        Schatting.objects.filter(model=model, jaar=jaar).delete()
        _insert_estimates(uitkomst, jaar, model)
        transaction.on_commit(dashboard_cache.invalidate)
    gemeenten = uitkomst[gebieden.loc[uitkomst.index, "soort"] == Soort.GEMEENTE]
    land = uitkomst[gebieden.loc[uitkomst.index, "soort"] == Soort.LAND]
    resultaat: dict[str, Any] = {
        "jaar": jaar,
        "model": model.naam,
        "geschat": int(uitkomst["schatting"].notna().sum()),
        "zonder": int(uitkomst["schatting"].isna().sum()),
        "nl_totaal": None,
    }
    if len(land) and land["kinderen"].notna().any():
        nl = land.iloc[0]
        resultaat |= {
            "nl_totaal": float(gemeenten["schatting"].sum()),
            "nl_kinderen": float(nl["kinderen"]),
            "nl_ondergrens": float(nl["ondergrens"]),
            "nl_bovengrens": float(nl["bovengrens"]),
        }
    return resultaat


def estimate_prevalence(
    jaren: list[int] | None = None, modellen: list[PrevalentieModel] | None = None
) -> list[dict[str, Any]]:
    """Recompute the estimates; idempotent: the same inputs give the same stored estimates."""
    jaren = jaren if jaren is not None else years_with_children()
    modellen = modellen if modellen is not None else list(PrevalentieModel.objects.all())
    return [estimate_year(jaar, model) for model in modellen for jaar in jaren]


def recompute_after_import(job_id: int) -> list[dict[str, Any]]:
    """After an import: recompute the years it wrote, if it touched an input of any model."""
    job = (
        ImportJob.objects.filter(pk=job_id, status=ImportStatus.VOLTOOID)
        .exclude(soort=ImportSoort.GRENZEN)
        .first()
    )
    if job is None:
        return []
    jaren = sorted({int(j) for j in job.voorbeeld.get("perioden", [])})
    # Long-format files name their indicators in the rows: then any import may be an input.
    codes = set((job.voorbeeld.get("kolommen_gekoppeld") or {}).values())
    invoer = set()
    for model in PrevalentieModel.objects.all():
        invoer |= ModelParams.from_model(model).indicator_codes()
    if codes and not codes & invoer:
        return []
    return estimate_prevalence(jaren=jaren or None)


# --- reading the estimates --------------------------------------------------------------------


def model_by_name(naam: str | None) -> PrevalentieModel | None:
    """The named model version, or the default one when no name is given."""
    if not naam:
        return default_model()
    return PrevalentieModel.objects.filter(naam=naam).first()


def default_year(model: PrevalentieModel, wijken: Any, jaren: Any = None) -> int | None:
    """The year to show by default for these wijken: the most recent in which they have figures
    of their own, preferring one calibrated on the whole country. A year in which every wijk sits
    at the national level (no proxy of its own, e.g. Den Haag 2024) says less than an older one
    with real figures (Den Haag 2019). `jaren` limits the choice; default: years with estimates.
    """
    schattingen = Schatting.objects.filter(model=model, gebied__in=wijken)
    if jaren is None:
        jaren = schattingen.filter(schatting__isnull=False).values_list("jaar", flat=True)
    jaren = set(jaren)
    if not jaren:
        return None
    landelijk = set(
        Schatting.objects.filter(
            model=model, gebied__soort=Soort.LAND, schatting__isnull=False
        ).values_list("jaar", flat=True)
    )
    eigen = {
        jaar
        for jaar, factoren in schattingen.values_list("jaar", "factoren")
        if any(f.get("herkomst") == "eigen" for f in (factoren or {}).values())
    }
    return max(jaren, key=lambda j: (j in eigen, j in landelijk, j))


def years_estimated(gemeente: Gebied, model: PrevalentieModel) -> list[int]:
    return sorted(
        Schatting.objects.filter(model=model, gebied=gemeente)
        .values_list("jaar", flat=True)
        .distinct()
    )


def estimates_for_gemeente(
    gemeente: Gebied, jaar: int, model: PrevalentieModel, niveau: str = Soort.WIJK
) -> tuple[Schatting | None, list[Schatting]]:
    """The gemeente's own estimate and those of its wijken (or buurten), highest rate first."""
    qs = Schatting.objects.filter(model=model, jaar=jaar).select_related("gebied")
    eigen = qs.filter(gebied=gemeente).first()
    delen = list(qs.filter(gebied__gemeente=gemeente, gebied__soort=niveau))
    delen.sort(key=lambda s: (s.per_1000 is None, -(s.per_1000 or 0), s.gebied.code))
    return eigen, delen


def _getal(waarde: float | None, decimalen: int = 1) -> str:
    """Dutch decimal comma, as Dutch spreadsheets read it with `;` as separator."""
    if waarde is None:
        return ""
    return f"{waarde:.{decimalen}f}".replace(".", ",")


def estimates_table(
    schattingen: list[Schatting], model: PrevalentieModel
) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the estimates CSV (command line and browser download)."""
    codes = [f.risicofactor.code for f in model.factoren.select_related("risicofactor")]
    header = [
        "gebied_code", "gebied_naam", "soort", "jaar", "model", "kinderen_0_17", "kinderen_bron",
        "schatting", "ondergrens", "bovengrens", "per_1000", "verhouding_nl",
    ]  # fmt: skip
    for code in codes:
        header += [f"{code}_aandeel", f"{code}_verhouding", f"{code}_herkomst"]
    header += ["opmerkingen", "reden_geen_schatting"]
    rijen: list[list[object]] = []
    for s in schattingen:
        rij: list[object] = [
            s.gebied.code,
            s.gebied.naam,
            s.gebied.soort,
            s.jaar,
            model.naam,
            _getal(s.kinderen, 0),
            s.kinderen_bron,
            _getal(s.schatting),
            _getal(s.ondergrens),
            _getal(s.bovengrens),
            _getal(s.per_1000),
            _getal(s.ratio, 2),
        ]
        for code in codes:
            f = s.factoren.get(code, {})
            rij += [_getal(f.get("aandeel"), 3), _getal(f.get("ratio"), 3), f.get("herkomst", "")]
        rij += [" ".join(s.opmerkingen), s.reden]
        rijen.append(rij)
    return header, rijen


def missing_inputs(schattingen: list[Schatting], model: PrevalentieModel) -> list[dict[str, Any]]:
    """Per factor: for how many of these gebieden the share was taken from a larger area."""
    uit: list[dict[str, Any]] = []
    for f in model.factoren.select_related("risicofactor"):
        code = f.risicofactor.code
        herkomst = [s.factoren.get(code, {}).get("herkomst") for s in schattingen]
        uit.append(
            {
                "naam": f.risicofactor.naam,
                "eigen": herkomst.count("eigen"),
                "gemeente": herkomst.count("gemeente") + herkomst.count("wijk"),
                "land": herkomst.count("land"),
                "totaal": len(herkomst),
            }
        )
    return uit


def factor_rows(schatting: Schatting, model: PrevalentieModel) -> list[dict[str, Any]]:
    """The factors behind one estimate, strongest first, with the model's relative risks."""
    rijen = []
    for f in model.factoren.select_related("risicofactor"):
        data = schatting.factoren.get(f.risicofactor.code)
        if not data:
            continue
        rijen.append(
            {
                "naam": f.risicofactor.naam,
                "aandeel": data["aandeel"] * 100,
                "landelijk": data["landelijk"] * 100,
                "ratio": data["ratio"],
                "herkomst": HERKOMST_LABEL.get(data["herkomst"], data["herkomst"]),
                "eigen": data["herkomst"] == "eigen",
                "rr": f.relatief_risico,
                "verhoogd": data["ratio"] > 1.005,
                "verlaagd": data["ratio"] < 0.995,
            }
        )
    rijen.sort(key=lambda r: -r["ratio"])
    return rijen
