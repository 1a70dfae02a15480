"""The annual monitor report: a real PDF with title page, contents, results per goal and action,
Stap 1 then and now, the steering register, Signs of Safety (suppressed under 5) and lessons."""

import pytest
from django.urls import reverse

from portal.models import Rol
from tests.acties.test_pdf import tekst_per_pagina, weasyprint_nodig  # noqa: F401

from .bestuur_scenario import scenario  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _rapport(client, lid, plan, rol=Rol.LEZER) -> list[str]:
    client.force_login(lid(rol))
    response = client.get(reverse("monitoring:jaarrapport", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="jaarrapport-eigen-2025-'
    )
    assert response.content.startswith(b"%PDF")
    return [" ".join(p.split()) for p in tekst_per_pagina(response.content)]


def test_jaarrapport_leest_als_rapport(client, lid, scenario):  # noqa: F811
    paginas = _rapport(client, lid, scenario.plan)
    titel, inhoud = paginas[0], paginas[1]
    assert "jaarrapport monitoring" in titel.lower() and "Regio Eigen" in titel
    assert "pagina" not in titel
    for hoofdstuk in (
        "Resultaten per doel",
        "Resultaten per actie",
        "De cijfers van Stap 1: toen en nu",
        "Sturingsregister",
        "Signs of Safety",
        "Lessen voor de volgende cyclus",
    ):
        assert hoofdstuk in inhoud
    alles = " ".join(paginas)
    assert "pagina 2 van" in alles
    # goals with their baseline, target, measurements and status
    assert "Meer gezinnen krijgen steun van Home-Start in de wijk" in alles
    assert "40 (2024)" in alles and "80 in 2026" in alles
    assert "31 december 2025" in alles
    # actions per quarter, with reach and budget
    assert "2025 K2" in alles and "Bereikt: 90 van 100 geplande gezinnen" in alles
    # Stap 1 then and now: the gemeente's estimate of the plan's starting year and the newest
    assert "980" in alles and "1.010" in alles
    # the steering register and the lessons
    assert "Meldcode-training gevolgd door alle medewerkers" in alles and "niet voldaan" in alles
    assert "Het bereik van de oudercursus bleef achter." in alles
    # Signs of Safety: Cel values only; the intervention with 3 trajectories has no number
    assert "+3,2" in alles
    assert "7,0" not in alles and "+7" not in alles and "+2,0" not in alles


def test_jaarrapport_van_een_concept(client, lid, regio):
    from tests.factories import RegiovisieFactory

    paginas = _rapport(client, lid, RegiovisieFactory(regio=regio, jaar=2025))
    assert "begint na de vaststelling" in " ".join(paginas)


def test_stap1_toen_en_nu(client, lid, scenario, almere, wijken):  # noqa: F811
    """Toen: the newest estimate up to the nulmeting (2024); nu: the newest year (2025)."""
    from tests.factories import SchattingFactory

    SchattingFactory(
        gebied=almere,
        jaar=2025,
        schatting=1234.0,
        ondergrens=1000.0,
        bovengrens=1500.0,
        kinderen=61000.0,
    )
    for jaar in (2024, 2025):
        SchattingFactory(gebied=wijken[0], jaar=jaar, schatting=77.0)
    paginas = _rapport(client, lid, scenario.plan)
    stap1 = next(p for p in paginas[2:] if "4 De cijfers van Stap 1: toen en nu" in p)
    assert "per gemeente: 2024 en 2025" in stap1
    assert "Almere 1.010 810 tot 1.260 1.234 1.000 tot 1.500" in stap1
    assert "De situatie in 2025" in stap1
