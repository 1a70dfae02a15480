"""The wethouder's dashboards: a gemeente's wijken at a glance, and one wijk's profile."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from portal.charts import figure_json
from portal.csv_export import rows_to_csv
from portal.roles import scope_to_regios
from wijken.models import Gebied, Soort

from . import charts, dashboard_cache, dashboards, services, wijkkennis
from .models import Dialoogsessie, PrevalentieModel, Schatting, Signaal
from .views_schatting import SchattingMixin

SORTERING = {
    "naam": (lambda r: r.naam.lower(), False),
    "kinderen": (lambda r: r.kinderen.waarde or 0, True),
    "schatting": (lambda r: r.schatting.waarde or 0, True),
    "per_1000": (lambda r: r.per_1000.waarde or 0, True),
}


class GemeenteDashboardView(SchattingMixin, TemplateView):
    template_name = "risicofactoren/dashboard_gemeente.html"

    def get_context_data(self, **kwargs):
        gemeente = self.get_gemeente(self.kwargs["code"])
        keuze = self.keuzes(gemeente)
        model, jaar = keuze["model"], keuze["jaar"]
        deel = dashboard_cache.cached(
            "overzicht",
            gemeente.code,
            gemeente.naam,
            jaar,
            model.pk,
            bouw=lambda: self.overzicht(gemeente, jaar, model),
        )
        sorteer = self.request.GET.get("sorteer", "per_1000")
        if sorteer not in SORTERING:
            sorteer = "per_1000"
        sleutel, aflopend = SORTERING[sorteer]
        tabel = sorted(deel["overzicht"].geschatte_rijen, key=sleutel, reverse=aflopend)
        context = {
            "gemeente": gemeente,
            "tabel": tabel,
            "sorteer": sorteer,
            "modellen": PrevalentieModel.objects.all(),
            **dashboard_cache.fragment_context(),
            **deel,
            **keuze,
        }
        return super().get_context_data(**context, **kwargs)

    @staticmethod
    def overzicht(gemeente: Gebied, jaar: int | None, model: PrevalentieModel) -> dict:
        """The expensive part of the page (rows, sentence, figures), cached between requests."""
        overzicht = dashboards.gemeente_overview(gemeente, jaar, model)
        rijen = overzicht.geschatte_rijen
        naam = f"{gemeente.code}-{overzicht.jaar}"
        deel = {
            "overzicht": overzicht,
            "samenvatting": dashboards.summary(overzicht),
            "zonder": [r for r in overzicht.rijen if not r.geschat],
        }
        if rijen:
            deel["staafdiagram"] = figure_json(
                charts.ranked_bars(rijen, overzicht.landelijk),
                {"toImageButtonOptions": {"filename": f"schatting-per-wijk-{naam}"}},
            )
            waarden = [r.per_1000 for r in rijen]
            deel["schaal"] = (
                min(waarden, key=lambda c: c.waarde),
                max(waarden, key=lambda c: c.waarde),
            )
        if rijen and overzicht.grenzen:
            deel["kaart"] = figure_json(
                charts.map_of_rates(overzicht.grenzen, rijen, overzicht.landelijk),
                {"toImageButtonOptions": {"filename": f"kaart-{naam}"}},
            )
        return deel


class WijkprofielMixin(SchattingMixin):
    def profiel(self) -> dict:
        gemeente = self.get_gemeente(self.kwargs["code"])
        wijk = get_object_or_404(
            Gebied.objects.select_related("gemeente"),
            code=self.kwargs["wijkcode"],
            gemeente=gemeente,
            soort=Soort.WIJK,
        )
        wijk.gemeente.naam = gemeente.naam  # the name the regio knows it by, when CBS gave none
        keuze = self.keuzes(gemeente)
        model, jaar = keuze["model"], keuze["jaar"]
        if jaar is None:
            raise Http404
        return {
            "gemeente": gemeente,
            "wijk": wijk,
            **dashboard_cache.cached(
                "wijkprofiel",
                wijk.pk,
                gemeente.pk,
                jaar,
                model.pk,
                bouw=lambda: self.profielcijfers(wijk, gemeente, jaar, model),
            ),
            **keuze,
        }

    @staticmethod
    def profielcijfers(wijk: Gebied, gemeente: Gebied, jaar: int, model) -> dict:
        """The wijk's figures, the same for every member of the regio: cached."""
        schatting = Schatting.objects.filter(gebied=wijk, model=model, jaar=jaar).first()
        return {
            "schatting": schatting,
            "ouder": Schatting.objects.filter(gebied=gemeente, model=model, jaar=jaar).first(),
            "factoren": services.factor_rows(schatting, model) if schatting else [],
            "vergelijkingen": dashboards.comparisons(wijk, jaar),
            "trend": dashboards.estimate_trend(wijk, model),
            "indicatortrend": dashboards.indicator_trend(wijk),
            "buurten": dashboards.buurten(wijk, jaar, model),
        }


class WijkprofielView(WijkprofielMixin, TemplateView):
    template_name = "risicofactoren/dashboard_wijk.html"

    def get_context_data(self, **kwargs):
        context = self.profiel()
        wijk, gemeente, model, jaar = (context[k] for k in ("wijk", "gemeente", "model", "jaar"))
        signalen = wijkkennis.filter_signalen(
            scope_to_regios(Signaal.objects.all(), self.request.user, "portal.view_plannen"),
            wijk=wijk,
        )
        sessies = wijkkennis.filter_dialoogsessies(
            scope_to_regios(Dialoogsessie.objects.all(), self.request.user, "portal.view_plannen"),
            wijk=wijk,
        )
        context |= {
            "signalen": signalen[:10],
            "sessies": sessies[:10],
            "modellen": PrevalentieModel.objects.all(),
            "tabellen": dashboards.PROFIEL_TABELLEN,
            **dashboard_cache.fragment_context(),
            **dashboard_cache.cached(
                "wijkgrafieken",
                wijk.code,
                gemeente.naam,
                jaar,
                model.pk,
                bouw=lambda: self.grafieken(context),
            ),
        }
        return super().get_context_data(**context, **kwargs)

    @staticmethod
    def grafieken(profiel: dict) -> dict:
        wijk, gemeente, model, jaar = (profiel[k] for k in ("wijk", "gemeente", "model", "jaar"))
        trend, vergelijkingen = profiel["trend"], profiel["vergelijkingen"]
        naam = f"{wijk.code}-{jaar}"
        uit = {}
        if [r for r in trend if r.geschat]:
            uit["trendgrafiek"] = figure_json(
                charts.estimate_trend(
                    [r.jaar for r in trend], trend, dashboards.national_rates(model)
                ),
                {"toImageButtonOptions": {"filename": f"trend-{naam}"}},
            )
        if any(v.wijk.toonbaar and v.gemeente.toonbaar for v in vergelijkingen):
            uit["indexgrafiek"] = figure_json(
                charts.comparison_index(vergelijkingen, gemeente.naam),
                {"toImageButtonOptions": {"filename": f"indicatoren-{naam}"}},
            )
        return uit


class WijkprofielCsvView(WijkprofielMixin, View):
    """Every table of the wijkprofiel as CSV, with exactly the numbers the page shows."""

    def get(self, request, code, wijkcode, tabel):
        if tabel not in dashboards.PROFIEL_TABELLEN:
            raise Http404
        profiel = self.profiel()
        header, rijen = dashboards.profile_table(tabel, profiel)
        response = HttpResponse(rows_to_csv(header, rijen), content_type="text/csv; charset=utf-8")
        naam = f"{tabel}_{profiel['wijk'].code}_{profiel['jaar']}.csv"
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response
