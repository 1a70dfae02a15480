"""Compare two to five wijken or gemeenten of the own regio's: the page and its CSV (thin views)."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.generic import TemplateView

from portal.charts import figure_json
from portal.csv_export import rows_to_csv

from . import charts_vergelijken, vergelijken
from .forms_vergelijken import VergelijkForm
from .views_schatting import SchattingMixin


class VergelijkenView(SchattingMixin, TemplateView):
    """A GET form: without a query string only the form; with one, the comparison or the
    form's errors (status 200, nothing of a gebied outside the regio)."""

    template_name = "risicofactoren/vergelijken.html"

    def vergelijking(self) -> tuple[VergelijkForm, vergelijken.Vergelijking | None]:
        data = self.request.GET if self.request.GET else None
        form = VergelijkForm(data, regios=self.regios)
        if not form.is_bound or not form.is_valid():
            return form, None
        c = form.cleaned_data
        return form, vergelijken.compare(
            c["gebied"], c["jaar"], c["model"], c["indicator"], form.gemeentenamen
        )

    def get_context_data(self, **kwargs):
        form, vergelijking = self.vergelijking()
        context = {"form": form, "vergelijking": vergelijking}
        if vergelijking is not None:
            config = {
                "toImageButtonOptions": {
                    "filename": "vergelijking-"
                    + "-".join(k.code for k in vergelijking.gebieden)
                    + f"-{vergelijking.jaar}"
                }
            }
            context["grafiek"] = figure_json(
                charts_vergelijken.small_multiples(vergelijking), config
            )
            # The same figure in one column: static/js/vergelijken.js draws it on a narrow screen.
            context["grafiek_smal"] = figure_json(
                charts_vergelijken.small_multiples(vergelijking, per_rij=1), config
            )
            query = self.request.GET.copy()
            query.pop("formaat", None)
            context["query"] = query.urlencode()
        return super().get_context_data(**context, **kwargs)


class VergelijkenCsvView(VergelijkenView):
    """The table of the page as CSV; with a bad choice, the page with the form's errors."""

    def get(self, request, *args, **kwargs):
        form, vergelijking = self.vergelijking()
        if vergelijking is None:
            return super().get(request, *args, **kwargs)
        header, rijen = vergelijken.table_rows(vergelijking)
        response = HttpResponse(rows_to_csv(header, rijen), content_type="text/csv; charset=utf-8")
        codes = "_".join(k.code for k in vergelijking.gebieden)
        naam = f"vergelijking_{codes}_{vergelijking.jaar}_{vergelijking.model.naam}.csv"
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response
