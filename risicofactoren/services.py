"""Stap 1 analysis services: the factor catalogue, model versions and the prevalence estimate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import ModelFactor, PrevalentieModel, Risicofactor

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
