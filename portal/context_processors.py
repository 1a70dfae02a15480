from django.urls import reverse
from django.utils.translation import gettext as _

from . import roles

# URL namespace or name → navigation section.
_SECTIES = {
    "beheer-imports": "beheer",
    "wijken": "stap1",
    "risicofactoren": "stap1",
    "catalogus": "stap1",
    "schatting": "stap1",
    "dashboard": "stap1",
    "acties": "stap2",
    "monitoring": "stap3",
    "beheer": "beheer",
}


def _sectie(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    return _SECTIES.get(match.namespace) or _SECTIES.get(match.url_name) or match.url_name


def shell(request) -> dict:
    """What the base template shows of the signed-in user: active regio, role(s), navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    regio = roles.active_regio(user, request.session)
    leden = list(roles.lidmaatschappen(user))
    sectie = _sectie(request)
    navigatie = [
        {"id": "home", "url": reverse("home"), "label": _("Overzicht")},
        {
            "id": "stap1",
            "url": reverse("wijken:stap"),
            "label": _("Situatie in de wijken"),
            "stap": 1,
        },
        {
            "id": "stap2",
            "url": reverse("acties:stap"),
            "label": _("Regiovisie en acties"),
            "stap": 2,
        },
        {
            "id": "stap3",
            "url": reverse("monitoring:stap"),
            "label": _("Sturen en monitoren"),
            "stap": 3,
        },
    ]
    toon_beheer = roles.has_regio_perm(user, "portal.view_audit")
    if toon_beheer:
        navigatie.append(
            {"id": "beheer", "url": reverse("beheer"), "label": _("Beheer"), "rechts": True}
        )
    for item in navigatie:
        item["actief"] = item["id"] == sectie
    return {
        "actieve_regio": regio,
        "actieve_rollen": [lid for lid in leden if regio and lid.regio_id == regio.pk],
        "mijn_regios": sorted({lid.regio for lid in leden}, key=lambda r: r.naam),
        "navigatie": navigatie,
        "toon_beheer": toon_beheer,
    }
