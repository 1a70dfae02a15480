"""The factor catalogue: the list for every signed-in user, the edit page for beheerders."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, UpdateView

from portal import audit
from portal.roles import RegioPermissionMixin, active_regio, has_regio_perm

from .forms_catalogus import RisicofactorForm, momentopname, wijzigingen
from .models import Cluster, FactorSoort, Niveau, Risicofactor

BEHEER_PERM = "portal.import_data"
CLUSTER_VOLGORDE = {c.value: i for i, c in enumerate([*Cluster][1:] + [Cluster.GEEN])}
SOORT_VOLGORDE = {s.value: i for i, s in enumerate(FactorSoort)}
NIVEAU_VOLGORDE = {n.value: i for i, n in enumerate(Niveau)}
SOORT_KOPPEN = {
    FactorSoort.RISICO: gettext_lazy("Risicofactoren"),
    FactorSoort.BESCHERMEND: gettext_lazy("Beschermende factoren"),
}


def _indicatoren(factor: Risicofactor) -> list[dict]:
    """Proxy indicators, flagged where a low value points to the factor (e.g. Leefbarometer)."""
    tegengesteld = {"risico": "beschermend", "beschermend": "risico"}[factor.soort]
    return [
        {"naam": ind.naam, "omgekeerd": ind.richting == tegengesteld}
        for ind in sorted(factor.proxy_indicatoren.all(), key=lambda i: i.naam)
    ]


def catalogus_per_niveau() -> list[dict]:
    """Niveau → soort → cluster (Ouder only) → factors, in the order the guidance lists them."""
    factoren = sorted(
        Risicofactor.objects.prefetch_related("proxy_indicatoren"),
        key=lambda f: (
            NIVEAU_VOLGORDE.get(f.niveau, 99),
            SOORT_VOLGORDE.get(f.soort, 99),
            CLUSTER_VOLGORDE.get(f.cluster, 99),
            f.volgorde,
            f.naam,
        ),
    )
    niveaus = []
    for niveau, in_niveau in groupby(factoren, key=lambda f: f.niveau):
        soorten = []
        for soort, in_soort in groupby(in_niveau, key=lambda f: f.soort):
            groepen = []
            for cluster, in_cluster in groupby(in_soort, key=lambda f: f.cluster):
                rijen = [{"factor": f, "indicatoren": _indicatoren(f)} for f in in_cluster]
                groepen.append(
                    {"cluster": cluster, "label": Cluster(cluster).label, "rijen": rijen}
                )
            soorten.append({"soort": soort, "label": SOORT_KOPPEN[soort], "groepen": groepen})
        niveaus.append({"niveau": niveau, "label": Niveau(niveau).label, "soorten": soorten})
    return niveaus


class CatalogusView(RegioPermissionMixin, TemplateView):
    permission_required = "portal.view_statistieken"
    template_name = "risicofactoren/catalogus_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            niveaus=catalogus_per_niveau(),
            kan_beheren=has_regio_perm(self.request.user, BEHEER_PERM),
            **kwargs,
        )


class FactorWijzigenView(RegioPermissionMixin, UpdateView):
    """A beheerder edits a factor of the (national) catalogue; every change is logged."""

    permission_required = BEHEER_PERM
    template_name = "risicofactoren/catalogus_form.html"
    form_class = RisicofactorForm
    model = Risicofactor
    slug_field = "code"
    slug_url_kwarg = "code"
    context_object_name = "factor"

    def get_form_kwargs(self):
        # The form works on its own copy, so a rejected edit leaves `factor` (title, crumbs) as is.
        return {
            **super().get_form_kwargs(),
            "instance": Risicofactor.objects.get(pk=self.object.pk),
        }

    def form_valid(self, form):
        oud = momentopname(self.object)
        with transaction.atomic():
            self.object = form.save()
            veranderd = wijzigingen(oud, momentopname(self.object))
            if veranderd:
                audit.log_risicofactor_gewijzigd(
                    self.request.user,
                    self._regio(),
                    self.object.code,
                    self.object.naam,
                    veranderd,
                )
        if veranderd:
            messages.success(self.request, _("De factor is opgeslagen."))
        else:
            messages.info(self.request, _("Er was niets gewijzigd."))
        return HttpResponseRedirect(self.get_success_url())

    def _regio(self):
        """The regio the beheerder works in now, if they are beheerder there."""
        regio = active_regio(self.request.user, self.request.session)
        if regio is not None and self.regios.filter(pk=regio.pk).exists():
            return regio
        return self.regios.first()

    def get_success_url(self) -> str:
        return f"{reverse('catalogus:lijst')}#factor-{self.object.code}"
