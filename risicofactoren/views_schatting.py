"""Pages of the prevalence estimate: per gemeente, per gebied, the CSV and the methodology."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from portal.csv_export import rows_to_csv
from portal.models import RegioGemeente
from portal.roles import RegioPermissionMixin
from wijken.models import Gebied, Soort

from . import dashboard_cache, services
from .models import PrevalentieModel, Schatting


class SchattingMixin(RegioPermissionMixin):
    """Public statistics, but shown per gemeente only for the gemeenten of the user's regio's."""

    permission_required = "portal.view_statistieken"

    def gemeente_codes(self) -> list[str]:
        return list(
            RegioGemeente.objects.filter(regio__in=self.regios)
            .order_by("naam")
            .values_list("code", flat=True)
            .distinct()
        )

    def get_gemeente(self, code: str) -> Gebied:
        if code not in self.gemeente_codes():
            raise Http404
        gemeente = get_object_or_404(Gebied, code=code, soort=Soort.GEMEENTE)
        if not gemeente.naam:  # some CBS exports carry no gemeente name (Den Haag 2019)
            lid = RegioGemeente.objects.filter(regio__in=self.regios, code=code).first()
            gemeente.naam = lid.naam if lid else code
        return gemeente

    @staticmethod
    def _jaren(gemeente: Gebied, model: PrevalentieModel) -> tuple[list[int], int | None]:
        """The years with estimates, and the default one: the most recent year with figures of
        the wijken's own, preferring one calibrated on the whole country."""
        jaren = services.years_estimated(gemeente, model)
        wijken = Gebied.objects.filter(gemeente=gemeente, soort=Soort.WIJK)
        return jaren, services.default_year(model, wijken, jaren)

    def keuzes(self, gemeente: Gebied) -> dict:
        """Model version, year and level from the query string, falling back to defaults."""
        model = services.model_by_name(self.request.GET.get("model")) or services.default_model()
        if model is None:
            raise Http404
        jaren, standaard = dashboard_cache.cached(
            "jaren", gemeente.pk, model.pk, bouw=lambda: self._jaren(gemeente, model)
        )
        jaar_tekst = self.request.GET.get("jaar", "")
        jaar = int(jaar_tekst) if jaar_tekst.isdigit() and int(jaar_tekst) in jaren else standaard
        niveau = Soort.BUURT if self.request.GET.get("niveau") == Soort.BUURT else Soort.WIJK
        return {"model": model, "jaren": jaren, "jaar": jaar, "niveau": niveau}


class SchattingIndexView(SchattingMixin, TemplateView):
    template_name = "risicofactoren/schatting_index.html"

    def get_context_data(self, **kwargs):
        model = services.default_model()
        codes = self.gemeente_codes()
        gemeenten = {g.code: g for g in Gebied.objects.filter(code__in=codes)}
        laatste = {}
        if model is not None:
            for s in Schatting.objects.filter(model=model, gebied__code__in=codes).select_related(
                "gebied"
            ):
                if s.gebied.code not in laatste or s.jaar > laatste[s.gebied.code].jaar:
                    laatste[s.gebied.code] = s
        namen = dict(RegioGemeente.objects.filter(code__in=codes).values_list("code", "naam"))
        rijen = [
            {
                "code": c,
                "naam": namen.get(c, c),
                "gebied": gemeenten.get(c),
                "schatting": laatste.get(c),
            }
            for c in codes
        ]
        return super().get_context_data(rijen=rijen, model=model, **kwargs)


class SchattingGemeenteView(SchattingMixin, TemplateView):
    template_name = "risicofactoren/schatting_gemeente.html"

    def get_context_data(self, **kwargs):
        gemeente = self.get_gemeente(self.kwargs["code"])
        keuze = self.keuzes(gemeente)
        eigen, delen = (None, [])
        nl = None
        if keuze["jaar"]:
            eigen, delen = services.estimates_for_gemeente(
                gemeente, keuze["jaar"], keuze["model"], keuze["niveau"]
            )
            nl = Schatting.objects.filter(
                model=keuze["model"], jaar=keuze["jaar"], gebied__soort=Soort.LAND
            ).first()
        return super().get_context_data(
            gemeente=gemeente,
            eigen=eigen,
            delen=delen,
            nl=nl,
            modellen=PrevalentieModel.objects.all(),
            ontbrekend=services.missing_inputs(delen, keuze["model"]),
            zonder=[s for s in delen if s.schatting is None],
            **keuze,
            **kwargs,
        )


class SchattingGebiedView(SchattingMixin, TemplateView):
    template_name = "risicofactoren/schatting_gebied.html"

    def get_context_data(self, **kwargs):
        gemeente = self.get_gemeente(self.kwargs["code"])
        gebied = get_object_or_404(
            Gebied.objects.select_related("parent"),
            code=self.kwargs["gebiedcode"],
            gemeente=gemeente,
        )
        keuze = self.keuzes(gemeente)
        schatting = get_object_or_404(
            Schatting, gebied=gebied, model=keuze["model"], jaar=keuze["jaar"]
        )
        ouder = Schatting.objects.filter(
            gebied_id=gebied.parent_id, model=keuze["model"], jaar=keuze["jaar"]
        ).first()
        return super().get_context_data(
            gemeente=gemeente,
            gebied=gebied,
            schatting=schatting,
            ouder=ouder,
            factoren=services.factor_rows(schatting, keuze["model"]),
            **keuze,
            **kwargs,
        )


class SchattingCsvView(SchattingMixin, View):
    def get(self, request, code):
        gemeente = self.get_gemeente(code)
        keuze = self.keuzes(gemeente)
        if not keuze["jaar"]:
            raise Http404
        eigen, wijken = services.estimates_for_gemeente(gemeente, keuze["jaar"], keuze["model"])
        _, buurten = services.estimates_for_gemeente(
            gemeente, keuze["jaar"], keuze["model"], Soort.BUURT
        )
        header, rijen = services.estimates_table(
            [s for s in (eigen, *wijken, *buurten) if s is not None], keuze["model"]
        )
        response = HttpResponse(rows_to_csv(header, rijen), content_type="text/csv; charset=utf-8")
        naam = f"schatting_{gemeente.code}_{keuze['jaar']}_{keuze['model'].naam}.csv"
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response


class MethodeView(SchattingMixin, TemplateView):
    template_name = "risicofactoren/methode.html"

    def get_context_data(self, **kwargs):
        modellen = PrevalentieModel.objects.prefetch_related("factoren__risicofactor")
        return super().get_context_data(modellen=modellen, **kwargs)
