"""The wethouder's one page (bestuurlijk overzicht), its PDF, and the annual monitor report.

Every role of the regio reads them (`portal.view_plannen`, through acties' document mixin); a
regiovisie of another regio is a 404. The data comes from monitoring.bestuur; the PDFs are
rendered by WeasyPrint through acties.pdf.html_naar_pdf (static files only, no network), with
tables instead of charts: WeasyPrint cannot run plotly.js.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from acties.document import datum
from acties.models import Regiovisie
from acties.pdf import html_naar_pdf
from acties.views_document import RegiovisieDocumentMixin
from portal.charts import figure_json

from . import charts, charts_sos
from .bestuur import bestuurlijk_overzicht, jaarrapport


def _bestandsnaam(soort: str, regiovisie: Regiovisie, vandaag) -> str:
    """<soort>-<regio>-<jaar>-<datum>.pdf: ASCII only, safe in a header."""
    regio = regiovisie.regio.slug or slugify(regiovisie.regio.naam)
    return f"{soort}-{regio}-{regiovisie.jaar}-{vandaag.isoformat()}.pdf"


def _pdf_response(inhoud: bytes, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["Cache-Control"] = "private, no-store"
    return response


class BestuurView(RegiovisieDocumentMixin, TemplateView):
    """One page for the wethouder: where the plan stands and what needs a decision."""

    template_name = "monitoring/bestuur/overzicht.html"

    def get_context_data(self, **kwargs):
        regiovisie = self.get_regiovisie()
        overzicht = bestuurlijk_overzicht(regiovisie, timezone.localdate())
        figuren = {}
        if len(overzicht.trend.punten) > 1:  # one year is a sentence and a table, no chart
            figuren["trend"] = figure_json(
                charts.schattingstrend(overzicht.trend.punten, overzicht.trend.naam)
            )
        if overzicht.trend.gemeente_met_trend:
            figuren["trend_gemeenten"] = figure_json(
                charts.schattingstrend_per_gemeente(overzicht.trend.per_gemeente)
            )
        if overzicht.met_bereikplan:
            figuren["bereik"] = figure_json(charts.bereik_per_actie(overzicht.acties))
        if charts_sos.met_verandering(overzicht.sos):
            figuren["sos"] = figure_json(charts_sos.verandering_figuur(overzicht.sos))
        return super().get_context_data(
            regiovisie=regiovisie, o=overzicht, figuren=figuren, **kwargs
        )


class BestuurPdfView(RegiovisieDocumentMixin, View):
    """The same page as a PDF (tables instead of charts)."""

    def get(self, request, pk):
        regiovisie = self.get_regiovisie()
        vandaag = timezone.localdate()
        html = render_to_string(
            "monitoring/bestuur/overzicht_pdf.html",
            {"o": bestuurlijk_overzicht(regiovisie, vandaag), "gemaakt_op": datum(vandaag)},
            request=request,
        )
        inhoud = html_naar_pdf(html, base_url=request.build_absolute_uri("/"))
        return _pdf_response(inhoud, _bestandsnaam("bestuurlijk-overzicht", regiovisie, vandaag))


class JaarrapportView(RegiovisieDocumentMixin, View):
    """The annual monitor report of the cycle as a PDF."""

    def get(self, request, pk):
        regiovisie = self.get_regiovisie()
        vandaag = timezone.localdate()
        html = render_to_string(
            "monitoring/bestuur/jaarrapport_pdf.html",
            {"r": jaarrapport(regiovisie, vandaag), "gemaakt_op": datum(vandaag)},
            request=request,
        )
        inhoud = html_naar_pdf(html, base_url=request.build_absolute_uri("/"))
        return _pdf_response(inhoud, _bestandsnaam("jaarrapport", regiovisie, vandaag))
