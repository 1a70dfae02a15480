"""Pages of the aanbod inventory and the vraag-aanbod-analyse (thin: logic in services_aanbod).

Read by every role of the regio (`view_plannen`), changed by those who edit the regiovisie
(`edit_regiovisie`). Lists show the active regio; an aanbod of a regio where the user lacks the
permission is a 404, not a 403, so that its existence is not given away.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from portal.charts import figure_json
from portal.csv_export import rows_to_csv
from portal.roles import RegioPermissionMixin, active_regio, has_regio_perm, scope_to_regios
from risicofactoren.wijkkennis import werkregio

from . import charts, services_aanbod
from .forms_aanbod import AanbodForm, JaarForm
from .models import Aanbod
from .services_aanbod import PERM_BEWERKEN, PERM_LEZEN


class AanbodMixin(RegioPermissionMixin):
    """The work regio is the active regio where the permission holds (as in Wat de wijk weet)."""

    permission_required = PERM_LEZEN

    def get_werkregio(self):
        if not hasattr(self, "_werkregio"):
            self._werkregio = werkregio(
                self.regios, active_regio(self.request.user, self.request.session)
            )
        return self._werkregio

    def get_context_data(self, **kwargs):
        regio = kwargs.pop("regio", None) or self.get_werkregio()
        return super().get_context_data(
            regio=regio,
            mag_bewerken=has_regio_perm(self.request.user, PERM_BEWERKEN, regio),
            **kwargs,
        )


class AanbodListView(AanbodMixin, ListView):
    template_name = "acties/aanbod_list.html"
    context_object_name = "aanbod"

    def get_queryset(self):
        return services_aanbod.aanbod_van_regio(self.get_werkregio())


class _AanbodBewerken(AanbodMixin):
    permission_required = PERM_BEWERKEN
    template_name = "acties/aanbod_form.html"

    def get_queryset(self):
        return scope_to_regios(
            Aanbod.objects.select_related("regio", "interventie"), self.request.user, PERM_BEWERKEN
        )


class AanbodNieuwView(_AanbodBewerken, FormView):
    form_class = AanbodForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regio": self.get_werkregio()}

    def form_valid(self, form):
        aanbod = form.save(commit=False)
        aanbod.regio = self.get_werkregio()
        services_aanbod.bewaar_aanbod(
            aanbod, form.cleaned_data["wijken"], self.request.user, form.changed_data
        )
        messages.success(self.request, _("Het aanbod is toegevoegd."))
        return redirect("acties:aanbod")


class AanbodWijzigenView(_AanbodBewerken, UpdateView):
    form_class = AanbodForm
    context_object_name = "aanbod"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regio": self.object.regio}

    def get_context_data(self, **kwargs):
        return super().get_context_data(regio=self.object.regio, **kwargs)

    def form_valid(self, form):
        aanbod = form.save(commit=False)
        services_aanbod.bewaar_aanbod(
            aanbod, form.cleaned_data["wijken"], self.request.user, form.changed_data
        )
        messages.success(self.request, _("Het aanbod is gewijzigd."))
        return redirect("acties:aanbod")


class AanbodVerwijderenView(_AanbodBewerken, DetailView):
    template_name = "acties/aanbod_verwijderen.html"
    context_object_name = "aanbod"

    def get_context_data(self, **kwargs):
        return super().get_context_data(regio=self.object.regio, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        services_aanbod.verwijder_aanbod(self.object, request.user)
        messages.success(request, _("Het aanbod is verwijderd."))
        return redirect("acties:aanbod")


class _Analyse(AanbodMixin):
    def analyse(self):
        regio = self.get_werkregio()
        jaren, _standaard = services_aanbod.jaren_met_schatting(regio)
        self.jaarform = JaarForm(self.request.GET or None, jaren=jaren)
        return services_aanbod.analyse(regio, self.jaarform.gekozen())


class VraagAanbodView(_Analyse, TemplateView):
    template_name = "acties/vraag_aanbod.html"

    def get_context_data(self, **kwargs):
        uitkomst = self.analyse()
        grafiek = None
        if uitkomst.in_grafiek:
            grafiek = figure_json(
                charts.vraag_en_aanbod(uitkomst.in_grafiek),
                {
                    "toImageButtonOptions": {
                        "filename": f"vraag-aanbod-{uitkomst.regio.slug}-{uitkomst.jaar}"
                    }
                },
            )
        return super().get_context_data(
            analyse=uitkomst,
            jaarform=self.jaarform,
            samenvatting=services_aanbod.samenvatting(uitkomst),
            grafiek=grafiek,
            max_in_grafiek=services_aanbod.MAX_IN_GRAFIEK,
            aantal_aanbod=Aanbod.objects.filter(regio=uitkomst.regio).count(),
            **kwargs,
        )


class VraagAanbodCsvView(_Analyse, View):
    def get(self, request, *args, **kwargs):
        uitkomst = self.analyse()
        header, rijen = services_aanbod.csv_tabel(uitkomst)
        response = HttpResponse(rows_to_csv(header, rijen), content_type="text/csv; charset=utf-8")
        naam = f"vraag-aanbod_{uitkomst.regio.slug}_{uitkomst.jaar or 'geen-jaar'}.csv"
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response
