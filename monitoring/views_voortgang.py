"""The Stap 3 progress pages of a vastgestelde regiovisie: the overview, one goal, one action,
the steering register, the evaluation and the start of the next cycle; and Stap 3's landing page.

Everyone in the regio reads them (portal.view_plannen); beleidsmedewerkers and beheerders
(portal.edit_regiovisie) see the forms, and a POST without that permission is a 403. Another
regio's regiovisie, goal, action or requirement is a 404. A regiovisie that is not vastgesteld
gets an explanation instead of the page. The saving is monitoring.services'."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from acties import services as acties_services
from acties.models import Regiovisie, Status, Sturingsinstrument
from acties.views import LEZEN, RegiovisieMixin
from portal.charts import figure_json
from portal.roles import RegioPermissionMixin, active_regio, has_regio_perm
from risicofactoren.wijkkennis import werkregio

from . import services, voortgang
from .forms import EvaluatieForm, MetingForm, SturingsCheckForm, SturingsEisForm, VoortgangForm
from .models import SturingsEis


def _fouten_in_form(form: Form, fout: Exception) -> None:
    """A refusal of the service shown on the form: field errors where they belong."""
    if isinstance(fout, ValidationError):
        for veld, meldingen in voortgang.validatiefouten(fout).items():
            for melding in meldingen:
                form.add_error(veld if veld in form.fields else None, melding)
    else:
        form.add_error(None, str(fout))


def _aantal_fouten(form: Form | None) -> int:
    if form is None or not form.is_bound:
        return 0
    return sum(len(e) for e in form.errors.values())


# --- Stap 3's landing page --------------------------------------------------------------------


class StapView(RegioPermissionMixin, TemplateView):
    """Stap 3 for the regio the user works in: its vastgestelde regiovisies and where to go."""

    permission_required = LEZEN
    template_name = "monitoring/stap.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        regio = werkregio(self.regios, active_regio(self.request.user, self.request.session))
        vastgesteld = list(
            Regiovisie.objects.filter(regio=regio, status=Status.VASTGESTELD).order_by("-versie")
        )
        laatste = vastgesteld[0] if vastgesteld else None
        regels = voortgang.doelregels(laatste) if laatste else []
        vandaag = timezone.localdate()
        return super().get_context_data(
            regio=regio,
            vastgesteld=vastgesteld,
            laatste=laatste,
            koerstelling=voortgang.koerstelling(regels),
            aantal_verlopen=services.verlopen_acties(laatste, vandaag).count() if laatste else 0,
            open_versie=acties_services.open_regiovisie(regio),
            mag_scores=regio is not None
            and has_regio_perm(self.request.user, services.PERM_SCORES, regio),
            **kwargs,
        )


# --- the pages of one regiovisie --------------------------------------------------------------


class VoortgangMixin(RegiovisieMixin):
    """One vastgestelde regiovisie of the user's regio; a concept gets the explanation page."""

    permission_required = LEZEN
    kruimel = ""

    def get(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        regiovisie = self.get_regiovisie()
        if not regiovisie.is_vastgesteld:
            return self.concept(regiovisie)
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        regiovisie = self.get_regiovisie()
        if not self.mag_vastleggen:
            raise PermissionDenied
        if not regiovisie.is_vastgesteld:
            return self.concept(regiovisie)
        return self.verwerk(regiovisie)

    def verwerk(self, regiovisie: Regiovisie) -> HttpResponse:
        raise PermissionDenied

    @property
    def mag_vastleggen(self) -> bool:
        return voortgang.mag_vastleggen(self.request.user, self.get_regiovisie())

    def concept(self, regiovisie: Regiovisie) -> TemplateResponse:
        return TemplateResponse(
            self.request,
            "monitoring/voortgang/concept.html",
            {"regiovisie": regiovisie, "kruimel": self.kruimel},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            regiovisie=self.get_regiovisie(),
            mag_vastleggen=self.mag_vastleggen,
            vandaag=timezone.localdate(),
            kruimel=self.kruimel,
            **kwargs,
        )


class VoortgangView(VoortgangMixin, TemplateView):
    """The overview: every goal with its status and every action with its latest quarter."""

    template_name = "monitoring/voortgang/overzicht.html"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        regiovisie = self.get_regiovisie()
        vandaag = timezone.localdate()
        regels = voortgang.doelregels(regiovisie)
        zonder = {d.pk for d in services.doelen_zonder_recente_meting(regiovisie, vandaag)}
        acties = voortgang.actieregels(regiovisie, vandaag)
        return super().get_context_data(
            doelregels=regels,
            koerstelling=voortgang.koerstelling(regels),
            zonder_recente_meting=zonder,
            statusregel=services.STATUSREGEL,
            actieregels=acties,
            verlopen=[r for r in acties if r.stand.verlopen],
            **kwargs,
        )


class DoelView(VoortgangMixin, TemplateView):
    """One goal: its measurements in a table and a figure, and a form for a new measurement."""

    template_name = "monitoring/voortgang/doel.html"

    def get_doel(self):
        if not hasattr(self, "_doel"):
            self._doel = get_object_or_404(
                self.get_regiovisie().doelen.select_related("indicator"), pk=self.kwargs["doel_pk"]
            )
        return self._doel

    def form(self, data: Any = None) -> MetingForm:
        doel = self.get_doel()
        eenheid = doel.indicator.get_eenheid_display() if doel.indicator_id else ""
        return MetingForm(data, eenheid=eenheid)

    def verwerk(self, regiovisie: Regiovisie) -> HttpResponse:
        form = self.form(self.request.POST)
        if form.is_valid():
            try:
                services.record_meting(self.get_doel(), user=self.request.user, **form.cleaned_data)
            except (services.MonitoringFout, ValidationError) as fout:
                _fouten_in_form(form, fout)
            else:
                status = services.doelstatus(self.get_doel())
                messages.success(
                    self.request,
                    _("De meting is opgeslagen. Het doel is nu: %(status)s.")
                    % {"status": status.label},
                )
                return redirect("monitoring:doel", pk=regiovisie.pk, doel_pk=self.get_doel().pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        doel = self.get_doel()
        regel = voortgang.doelregel(doel)
        figuur = voortgang.doelgrafiek(regel)
        form = kwargs.pop("form", None) or (self.form() if self.mag_vastleggen else None)
        return super().get_context_data(
            doel=doel,
            regel=regel,
            rijen=voortgang.metingrijen(regel),
            figuur=figure_json(figuur) if figuur else None,
            statusregel=services.STATUSREGEL,
            acties=doel.acties.all(),
            form=form,
            foutmeldingen=_aantal_fouten(form),
            **kwargs,
        )


class ActieView(VoortgangMixin, TemplateView):
    """One action: its quarters, where it stands, and a form to record a quarter."""

    template_name = "monitoring/voortgang/actie.html"

    def get_actie(self):
        if not hasattr(self, "_actie"):
            self._actie = get_object_or_404(
                self.get_regiovisie().acties.select_related("interventie", "regiovisie"),
                pk=self.kwargs["actie_pk"],
            )
        return self._actie

    def form(self, data: Any = None) -> VoortgangForm:
        return VoortgangForm(
            data, kwartalen=voortgang.kwartalen(self.get_actie(), timezone.localdate())
        )

    def verwerk(self, regiovisie: Regiovisie) -> HttpResponse:
        form = self.form(self.request.POST)
        if form.is_valid():
            try:
                services.record_voortgang(
                    self.get_actie(), user=self.request.user, **form.cleaned_data
                )
            except (services.MonitoringFout, ValidationError) as fout:
                _fouten_in_form(form, fout)
            else:
                messages.success(
                    self.request,
                    _("De voortgang over %(periode)s is opgeslagen.")
                    % {"periode": form.cleaned_data["periode"]},
                )
                return redirect("monitoring:actie", pk=regiovisie.pk, actie_pk=self.get_actie().pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actie = self.get_actie()
        regiovisie = self.get_regiovisie()
        regel = next(
            r
            for r in voortgang.actieregels(regiovisie, timezone.localdate())
            if r.actie.pk == actie.pk
        )
        form = kwargs.pop("form", None) or (self.form() if self.mag_vastleggen else None)
        kwartalen = [
            {
                "v": v,
                "bereik": voortgang.getal(v.bereik, 0),
                "besteed": voortgang.getal(v.budget_besteed),
            }
            for v in actie.voortgang.order_by("-periode").select_related("vastgelegd_door")
        ]
        return super().get_context_data(
            actie=actie,
            regel=regel,
            kwartalen=kwartalen,
            doelen=actie.doelen.all(),
            partners=actie.partners.all(),
            register=[r for r in services.sturingsregister(regiovisie) if r.actie.pk == actie.pk],
            form=form,
            foutmeldingen=_aantal_fouten(form),
            **kwargs,
        )


class SturingView(VoortgangMixin, TemplateView):
    """The steering register: per requirement the last check, a form to record a check, and a
    form to add a requirement to an instrument."""

    template_name = "monitoring/voortgang/sturing.html"
    kruimel = "sturing"

    def instrumenten(self):
        return (
            Sturingsinstrument.objects.filter(actie__regiovisie=self.get_regiovisie())
            .select_related("actie")
            .order_by("actie__volgorde", "actie_id", "soort")
        )

    def eis_form(self, data: Any = None) -> SturingsEisForm:
        return SturingsEisForm(
            data,
            instrumenten=self.instrumenten(),
            partners=self.get_regiovisie().partners.all(),
            prefix="nieuw",
        )

    def verwerk(self, regiovisie: Regiovisie) -> HttpResponse:
        if self.request.POST.get("formulier") == "eis":
            return self.eis_toevoegen(regiovisie)
        eis = get_object_or_404(
            SturingsEis.objects.filter(instrument__actie__regiovisie=regiovisie),
            pk=self.request.POST.get("eis") if str(self.request.POST.get("eis")).isdigit() else 0,
        )
        form = SturingsCheckForm(self.request.POST, prefix=f"check-{eis.pk}")
        if form.is_valid():
            try:
                services.record_sturingscheck(eis, user=self.request.user, **form.cleaned_data)
            except (services.MonitoringFout, ValidationError) as fout:
                _fouten_in_form(form, fout)
            else:
                messages.success(
                    self.request,
                    _("De controle van '%(eis)s' is opgeslagen.") % {"eis": eis.eis},
                )
                return HttpResponseRedirect(
                    reverse("monitoring:sturing", args=[regiovisie.pk]) + f"#eis-{eis.pk}"
                )
        return self.render_to_response(self.get_context_data(check_forms={eis.pk: form}))

    def eis_toevoegen(self, regiovisie: Regiovisie) -> HttpResponse:
        form = self.eis_form(self.request.POST)
        if form.is_valid():
            try:
                eis = voortgang.nieuwe_sturingseis(user=self.request.user, **form.cleaned_data)
            except (services.MonitoringFout, ValidationError) as fout:
                _fouten_in_form(form, fout)
            else:
                messages.success(
                    self.request, _("De eis '%(eis)s' is toegevoegd.") % {"eis": eis.eis}
                )
                return HttpResponseRedirect(
                    reverse("monitoring:sturing", args=[regiovisie.pk]) + f"#eis-{eis.pk}"
                )
        return self.render_to_response(self.get_context_data(eis_form=form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        regiovisie = self.get_regiovisie()
        check_forms = kwargs.pop("check_forms", {})
        eis_form = kwargs.pop("eis_form", None)
        register = services.sturingsregister(regiovisie)
        regels = []
        for regel in register:
            form = None
            if self.mag_vastleggen:
                form = check_forms.get(regel.eis.pk) or SturingsCheckForm(
                    prefix=f"check-{regel.eis.pk}"
                )
            regels.append({"regel": regel, "form": form})
        if self.mag_vastleggen and eis_form is None:
            eis_form = self.eis_form()
        fout_anker, fout_form = next(
            ((f"eis-{pk}", f) for pk, f in check_forms.items() if f.errors), ("", None)
        )
        if fout_form is None and eis_form is not None and eis_form.is_bound:
            fout_anker, fout_form = "eis-toevoegen", eis_form
        return super().get_context_data(
            regels=regels,
            fout_anker=fout_anker,
            instrumenten=self.instrumenten(),
            eis_form=eis_form,
            form=fout_form,
            foutmeldingen=_aantal_fouten(fout_form),
            **kwargs,
        )


class EvaluatieView(VoortgangMixin, TemplateView):
    """Evaluation notes for the plan, every goal and every action, and the next cycle."""

    template_name = "monitoring/voortgang/evaluatie.html"
    kruimel = "evaluatie"

    def form(self, onderwerp: voortgang.Onderwerp, data: Any = None) -> EvaluatieForm:
        initial = {}
        if onderwerp.evaluatie is not None:
            initial = {
                veld: getattr(onderwerp.evaluatie, veld)
                for veld in ("wat_ging_goed", "wat_kan_beter", "hoe_ontwikkelen")
            }
        return EvaluatieForm(data, initial=initial, prefix=onderwerp.sleutel)

    def verwerk(self, regiovisie: Regiovisie) -> HttpResponse:
        sleutel = self.request.POST.get("onderwerp", "")
        onderwerp = next(
            (o for o in voortgang.evaluatie_onderwerpen(regiovisie) if o.sleutel == sleutel), None
        )
        if onderwerp is None:
            raise Http404
        form = self.form(onderwerp, self.request.POST)
        if form.is_valid():
            try:
                services.record_evaluatie(
                    regiovisie,
                    doel=onderwerp.doel,
                    actie=onderwerp.actie,
                    user=self.request.user,
                    **form.cleaned_data,
                )
            except (services.MonitoringFout, ValidationError) as fout:
                _fouten_in_form(form, fout)
            else:
                messages.success(
                    self.request,
                    _("De evaluatie van '%(onderwerp)s' is opgeslagen.")
                    % {"onderwerp": onderwerp.titel},
                )
                return HttpResponseRedirect(
                    reverse("monitoring:evaluatie", args=[regiovisie.pk]) + f"#{sleutel}"
                )
        return self.render_to_response(self.get_context_data(formulieren={sleutel: form}))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        regiovisie = self.get_regiovisie()
        gebonden = kwargs.pop("formulieren", {})
        status_per_doel = {r.doel.pk: r.status for r in voortgang.doelregels(regiovisie)}
        stand_per_actie = {
            r.actie.pk: r for r in voortgang.actieregels(regiovisie, timezone.localdate())
        }
        onderwerpen = []
        for o in voortgang.evaluatie_onderwerpen(regiovisie):
            form = None
            if self.mag_vastleggen:
                form = gebonden.get(o.sleutel) or self.form(o)
            onderwerpen.append(
                {
                    "onderwerp": o,
                    "form": form,
                    "status": status_per_doel.get(o.doel.pk) if o.doel else None,
                    "stand": stand_per_actie.get(o.actie.pk) if o.actie else None,
                }
            )
        fout_anker, fout_form = next(((k, f) for k, f in gebonden.items() if f.errors), ("", None))
        return super().get_context_data(
            onderwerpen=onderwerpen,
            fout_anker=fout_anker,
            plan=onderwerpen[0],
            doelen=[o for o in onderwerpen if o["onderwerp"].doel],
            acties=[o for o in onderwerpen if o["onderwerp"].actie],
            bezwaar=voortgang.volgende_cyclus_bezwaar(regiovisie),
            volgende=regiovisie.volgende.order_by("-versie").first(),
            aantal_evaluaties=sum(o["onderwerp"].evaluatie is not None for o in onderwerpen),
            form=fout_form,
            foutmeldingen=_aantal_fouten(fout_form),
            **kwargs,
        )


class VolgendeCyclusView(RegiovisieMixin, View):
    """Start the next cycle from this vastgestelde regiovisie (POST): a concept copy, with the
    steering requirements, that reaches this version's evaluation through `vorige`."""

    permission_required = LEZEN
    http_method_names = ["post"]

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        regiovisie = self.get_regiovisie()
        if not voortgang.mag_vastleggen(request.user, regiovisie):
            raise PermissionDenied
        terug = redirect("monitoring:evaluatie", pk=regiovisie.pk)
        if bezwaar := voortgang.volgende_cyclus_bezwaar(regiovisie):
            messages.error(request, bezwaar)
            return terug
        try:
            nieuw = services.volgende_cyclus(regiovisie, request.user)
        except acties_services.RegiovisieFout as fout:
            messages.error(request, str(fout))
            return terug
        messages.success(
            request,
            _(
                "Versie %(versie)s is aangemaakt als concept voor de volgende cyclus: een kopie "
                "van versie %(vorige)s, met haar evaluatie erbij. Begin weer bij stap 1 van de "
                "regiovisie."
            )
            % {"versie": nieuw.versie, "vorige": regiovisie.versie},
        )
        return redirect("acties:detail", pk=nieuw.pk)
