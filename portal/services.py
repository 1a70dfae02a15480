"""Portal services: plain functions that take and return data, no request objects."""

import json
import secrets
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Lidmaatschap, Regio, RegioGemeente

DEMO_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "demo_regios.json"


def generate_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def load_demo(password: str, fixture: Path = DEMO_FIXTURE) -> list[dict[str, Any]]:
    """Create or update the demo regio's and one user per role; safe to run again.

    Returns the demo sign-ins (username, role, regio). Every demo user gets `password`.
    """
    data = json.loads(fixture.read_text(encoding="utf-8"))
    User = get_user_model()
    sign_ins = []
    for r in data["regios"]:
        regio, _ = Regio.objects.update_or_create(
            slug=r["slug"], defaults={"naam": r["naam"], "omschrijving": r["omschrijving"]}
        )
        for g in r["gemeenten"]:
            RegioGemeente.objects.update_or_create(
                regio=regio,
                code=g["code"],
                defaults={"naam": g["naam"], "is_centrumgemeente": g.get("centrumgemeente", False)},
            )
        for u in r["gebruikers"]:
            user, _ = User.objects.update_or_create(
                username=u["gebruikersnaam"],
                defaults={
                    "first_name": u["voornaam"],
                    "last_name": u["achternaam"],
                    "is_active": True,
                },
            )
            user.set_password(password)
            user.save(update_fields=["password"])
            Lidmaatschap.objects.get_or_create(user=user, regio=regio, rol=u["rol"])
            sign_ins.append({"gebruikersnaam": user.username, "rol": u["rol"], "regio": regio.naam})
    return sign_ins
