"""The bestuurlijk overzicht as a real PDF (WeasyPrint), read back with pypdf."""

import io

import pytest
from django.urls import reverse

from portal.models import Rol
from tests.acties.test_pdf import weasyprint_nodig  # noqa: F401  (fixture: skip without pango)

from .bestuur_scenario import scenario  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def pdf_tekst(inhoud: bytes) -> str:
    from pypdf import PdfReader

    lezer = PdfReader(io.BytesIO(inhoud))
    return "\n".join(p.extract_text() for p in lezer.pages)


def test_pdf_van_het_overzicht(client, lid, scenario):  # noqa: F811
    client.force_login(lid(Rol.BESTUURDER))
    response = client.get(reverse("monitoring:bestuur_pdf", args=[scenario.plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="bestuurlijk-overzicht-'
    )
    inhoud = response.content
    assert inhoud.startswith(b"%PDF")
    tekst = " ".join(pdf_tekst(inhoud).split())
    assert "Bestuurlijk overzicht Regio Eigen" in tekst
    assert "Meer gezinnen krijgen steun van Home-Start" in tekst
    assert "Oudercursus Stevig Ouderschap" in tekst
    assert "Wat vraagt een besluit?" in tekst
    assert "+3,2" in tekst
    assert "Kleine Aanpak" in tekst and "Minder dan 5 trajecten" in tekst
    assert "7,0" not in tekst and "+7" not in tekst and "+2,0" not in tekst
    assert "pagina 1 van" in tekst
