"""The regiovisie as a document: the HTML print view and the PDF download.

Every role of the regio reads its plans (`portal.view_plannen`); a regiovisie of another regio
is not found (404), so its existence is not revealed.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from portal.roles import RegioPermissionMixin, scope_to_regios

from .document import document
from .models import Regiovisie
from .pdf import regiovisie_pdf

PERM_LEZEN = "portal.view_plannen"


class RegiovisieDocumentMixin(RegioPermissionMixin):
    permission_required = PERM_LEZEN

    def get_regiovisie(self) -> Regiovisie:
        regiovisies = scope_to_regios(
            Regiovisie.objects.select_related("regio"), self.request.user, PERM_LEZEN
        )
        return get_object_or_404(regiovisies, pk=self.kwargs["pk"])


def pdf_bestandsnaam(regiovisie: Regiovisie) -> str:
    """regiovisie-<regio>-<jaar>-versie-<n>.pdf: ASCII only, safe in a header."""
    regio = regiovisie.regio.slug or slugify(regiovisie.regio.naam)
    return f"regiovisie-{regio}-{regiovisie.jaar}-versie-{regiovisie.versie}.pdf"


class AfdrukkenView(RegiovisieDocumentMixin, TemplateView):
    """The whole regiovisie on one page, laid out for the printer (see static/css/document.css)."""

    template_name = "acties/document.html"

    def get_context_data(self, **kwargs):
        regiovisie = self.get_regiovisie()
        return super().get_context_data(regiovisie=regiovisie, doc=document(regiovisie), **kwargs)


class PdfView(RegiovisieDocumentMixin, View):
    """The regiovisie as a PDF (WeasyPrint), downloaded as a file."""

    def get(self, request, pk):
        regiovisie = self.get_regiovisie()
        inhoud = regiovisie_pdf(regiovisie, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(inhoud, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{pdf_bestandsnaam(regiovisie)}"'
        response["Cache-Control"] = "private, no-store"
        return response
