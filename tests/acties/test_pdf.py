"""The regiovisie as a real PDF (WeasyPrint), read back with pypdf."""

import io
import re

import pytest
from django.urls import reverse

from acties import pdf
from portal.models import Rol
from tests.acties.test_document import vul_regiovisie
from tests.conftest import require_service

pytestmark = pytest.mark.django_db


def _weasyprint_werkt() -> bool:
    try:
        import weasyprint  # noqa: F401  (loads pango through cffi)
    except OSError:
        return False
    return True


@pytest.fixture(autouse=True)
def weasyprint_nodig():
    require_service(_weasyprint_werkt(), "WeasyPrint with pango (libpango-1.0-0, libpangoft2)")


@pytest.fixture
def plan(regio, almere):
    return vul_regiovisie(regio, almere)


def tekst_per_pagina(inhoud: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages]


def test_the_pdf_is_a_document_with_title_page_contents_and_figures(plan):
    inhoud = pdf.regiovisie_pdf(plan, "http://testserver/")
    assert inhoud.startswith(b"%PDF")
    paginas = tekst_per_pagina(inhoud)
    assert len(paginas) >= 3
    alles = "\n".join(paginas)
    titel, inhoudsopgave = paginas[0], paginas[1]
    assert "Regio Eigen" in titel and "Regiovisie huiselijk geweld" in titel
    assert "Almere (centrumgemeente)" in titel
    assert "Inhoud" in inhoudsopgave
    # Contents with page numbers: "2 Situatieschets ...... 4".
    regels = [r.strip() for r in inhoudsopgave.splitlines()]
    assert any(re.fullmatch(r"2\s+Situatieschets[\s.]+\d+", r) for r in regels), regels
    assert any(re.fullmatch(r"5\.2\s+Gezinnen met een verhoogd risico[\s.]+\d+", r) for r in regels)
    # A wijk with its estimate (60 a year, 95%-interval 6 to 15) and its rate.
    assert re.search(r"Wijk\s+1\s+Almere\s+60\s+6 tot 15\s+12,3\s+4\.880", alles), alles
    # Footer and header on the pages after the title page.
    assert f"pagina 2 van {len(paginas)}" in inhoudsopgave
    assert "pagina 1 van" not in titel
    assert "Regio Eigen" in paginas[2]
    for kop in ("1 Inleiding", "3 Visie en ambitie", "6 Aandachtspunten", "8 Openstaande punten"):
        assert kop in alles


def test_the_pdf_uses_the_machines_font_and_fetches_nothing_else(plan):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf.regiovisie_pdf(plan)))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for pagina in reader.pages
        for font in (pagina["/Resources"].get("/Font") or {}).values()
    }
    assert fonts and all(f.startswith("/DejaVu-Sans") or f.startswith("DejaVu-Sans") for f in fonts)


def test_the_url_fetcher_serves_only_static_files():
    basis = "http://testserver/"
    assert pdf.statisch_bestand("http://testserver/static/css/document.css", basis).is_file()
    assert pdf.statisch_bestand("http://testserver/static/img/logo.svg", basis).is_file()
    assert pdf.statisch_bestand("https://cdn.example.org/static/css/document.css", basis) is None
    assert pdf.statisch_bestand("http://testserver/media/geheim.csv", basis) is None
    assert pdf.statisch_bestand("http://testserver/static/../../etc/passwd", basis) is None
    assert pdf.statisch_bestand("file:///etc/passwd", basis) is None
    fetcher = pdf._fetcher_class()(basis)
    with pytest.raises(ValueError, match="Geweigerd"):
        fetcher.fetch("https://fonts.example.org/font.woff2")
    antwoord = fetcher.fetch("http://testserver/static/css/document.css")
    assert antwoord.content_type == "text/css" and b".regiovisie-document" in antwoord.read()


def test_download_is_an_attachment_named_after_regio_year_and_version(client, lid, plan):
    client.force_login(lid(Rol.LEZER))
    response = client.get(reverse("acties:pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="regiovisie-eigen-2026-versie-{plan.versie}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    assert "Regio Eigen" in tekst_per_pagina(response.content)[0]
