"""The regiovisie pages: the overview per regio, the eight-step wizard, the action form and the
status changes. Views bind forms and hand the saving to `services.bewerking`, which refuses a
stale edit number (optimistic locking) or a frozen version with a Dutch message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import ModelForm
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from django.views.generic import TemplateView, View

from portal.roles import RegioPermissionMixin, active_regio, has_regio_perm, scope_to_regios
from risicofactoren.wijkkennis import werkregio

from . import services
from .forms import (
    ActieForm,
    AlgemeenForm,
    DoelFormSet,
    DoelgroepFormSet,
    LockForm,
    MeetwijzeFormSet,
    NieuweActieForm,
    PartnerFormSet,
    SituatieForm,
    StatusForm,
    SturingFormSet,
    UitwerkingFormSet,
    VisieForm,
    VoorbeeldForm,
)
from .models import Actie, PreventieveActie, Regiovisie, Spectrum, Stap

LEZEN = "portal.view_plannen"
BEWERKEN = services.PERM_BEWERKEN
VASTSTELLEN = services.PERM_VASTSTELLEN


class RegiovisieMixin(RegioPermissionMixin):
    """A regiovisie of a regio where the user holds the permission; any other id is a 404."""

    permission_required = LEZEN

    def get_regiovisie(self) -> Regiovisie:
        if not hasattr(self, "_regiovisie"):
            self._regiovisie = get_object_or_404(
                scope_to_regios(
                    Regiovisie.objects.select_related("regio", "gewijzigd_door"),
                    self.request.user,
                    self.permission_required,
                ),
                pk=self.kwargs["pk"],
            )
        return self._regiovisie

    def rechten(self, regiovisie: Regiovisie) -> dict[str, bool]:
        user = self.request.user
        return {
            "mag_bewerken": has_regio_perm(user, BEWERKEN, regiovisie.regio),
            "mag_vaststellen": has_regio_perm(user, VASTSTELLEN, regiovisie.regio),
        }


# --- overview ---------------------------------------------------------------------------------


class OverzichtView(RegioPermissionMixin, TemplateView):
    """Stap 2's start page: the regio's versions, the one in progress and what to do next."""

    permission_required = LEZEN
    template_name = "acties/overzicht.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        regio = werkregio(self.regios, active_regio(self.request.user, self.request.session))
        versies = Regiovisie.objects.filter(regio=regio).select_related(
            "gewijzigd_door", "vastgesteld_door"
        )
        open_versie = services.open_regiovisie(regio)
        return super().get_context_data(
            regio=regio,
            versies=versies,
            open_versie=open_versie,
            vastgesteld=services.laatst_vastgestelde(regio),
            mag_bewerken=has_regio_perm(self.request.user, BEWERKEN, regio),
            mag_vaststellen=has_regio_perm(self.request.user, VASTSTELLEN, regio),
            stappen=Stap,
            **kwargs,
        )


class NieuwView(RegioPermissionMixin, View):
    """Start the first regiovisie of the active regio (POST)."""

    permission_required = BEWERKEN
    http_method_names = ["post"]

    def post(self, request, *args: Any, **kwargs: Any):
        regio = werkregio(self.regios, active_regio(request.user, request.session))
        try:
            regiovisie = services.nieuwe_regiovisie(regio, request.user)
        except services.RegiovisieFout as fout:
            messages.error(request, str(fout))
            return redirect("acties:stap")
        messages.success(request, _("De regiovisie is aangemaakt. Begin bij stap 1."))
        return redirect("acties:wizard", pk=regiovisie.pk, stap=Stap.REGIO)


# --- one version: summary and status ----------------------------------------------------------


class DetailView(RegiovisieMixin, TemplateView):
    """A version as everyone in the regio reads it, with the status actions the user may take."""

    template_name = "acties/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        regiovisie = self.get_regiovisie()
        return super().get_context_data(
            regiovisie=regiovisie,
            waarschuwingen=[] if regiovisie.is_vastgesteld else services.controle(regiovisie),
            voortgang=samenvatting(regiovisie),
            status_form=StatusForm(initial={"lock_version": regiovisie.lock_version}),
            stappen=Stap,
            **self.rechten(regiovisie),
            **kwargs,
        )


class StatusView(RegiovisieMixin, View):
    """Offer for vaststelling, send back to concept, or vaststellen (POST)."""

    http_method_names = ["post"]

    def post(self, request, *args: Any, **kwargs: Any):
        regiovisie = self.get_regiovisie()
        form = StatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Deze statuswijziging is niet mogelijk."))
            return redirect("acties:detail", pk=regiovisie.pk)
        actie, lock = form.cleaned_data["actie"], form.cleaned_data["lock_version"]
        try:
            if actie == "aanbieden":
                services.ter_vaststelling_aanbieden(regiovisie, request.user, lock_version=lock)
                melding = _("De regiovisie ligt nu ter vaststelling bij het bestuur.")
            elif actie == "terug":
                services.terug_naar_concept(regiovisie, request.user)
                melding = _("De regiovisie is terug naar concept en kan weer worden bewerkt.")
            else:
                services.vaststellen(regiovisie, request.user, lock_version=lock)
                melding = _("De regiovisie is vastgesteld. Deze versie kan niet meer wijzigen.")
        except services.RegiovisieFout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, melding)
        return redirect("acties:detail", pk=regiovisie.pk)


def samenvatting(regiovisie: Regiovisie) -> list[dict[str, Any]]:
    """Per wizard step: what is filled in, as the step indicator and the summary show it."""
    tellingen = {
        Stap.REGIO: regiovisie.partners.count(),
        Stap.SITUATIE: int(bool(regiovisie.situatieschets.strip())),
        Stap.VISIE: sum(
            bool(getattr(regiovisie, veld).strip())
            for veld in (
                "visie",
                "visie_preventie",
                "visie_signaleren",
                "visie_analyseren",
                "visie_intervenieren",
            )
        ),
        Stap.DOELEN: regiovisie.doelen.count(),
        Stap.ACTIES: regiovisie.acties.count(),
        Stap.AANDACHTSPUNTEN: regiovisie.aandachtspunten.exclude(tekst="").count(),
        Stap.STURING: regiovisie.doelen.exclude(meetwijze="").count(),
    }
    teksten = {
        Stap.REGIO: ngettext_lazy("%(n)s partner", "%(n)s partners", "n"),
        Stap.SITUATIE: ngettext_lazy(
            "%(n)s van 1 tekst ingevuld", "%(n)s van 1 tekst ingevuld", "n"
        ),
        Stap.VISIE: ngettext_lazy(
            "%(n)s van 5 teksten ingevuld", "%(n)s van 5 teksten ingevuld", "n"
        ),
        Stap.DOELEN: ngettext_lazy("%(n)s doel", "%(n)s doelen", "n"),
        Stap.ACTIES: ngettext_lazy("%(n)s actie", "%(n)s acties", "n"),
        Stap.AANDACHTSPUNTEN: ngettext_lazy(
            "%(n)s aandachtspunt uitgewerkt", "%(n)s aandachtspunten uitgewerkt", "n"
        ),
        Stap.STURING: ngettext_lazy(
            "%(n)s doel met een meetwijze", "%(n)s doelen met een meetwijze", "n"
        ),
    }
    return [
        {
            "stap": stap,
            "aantal": tellingen.get(stap),
            "tekst": teksten[stap] % {"n": tellingen[stap]} if stap in teksten else "",
            "afgerond": regiovisie.stap >= stap,
        }
        for stap in Stap
    ]


# --- the wizard -------------------------------------------------------------------------------


class WizardView(RegiovisieMixin, TemplateView):
    """One step of the wizard. Every submit saves the step (so a draft survives sign-out) and
    moves back, forward or stays, by the button pressed; invalid input stays on the page with
    its errors, and a save refused by the lock keeps the input so it can be copied."""

    permission_required = BEWERKEN

    def dispatch(self, request, *args: Any, **kwargs: Any):
        if kwargs["stap"] not in Stap.values:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def stap(self) -> Stap:
        return Stap(self.kwargs["stap"])

    def get_template_names(self) -> list[str]:
        return [f"acties/wizard/stap_{self.stap.value}.html"]

    def get(self, request, *args: Any, **kwargs: Any):
        regiovisie = self.get_regiovisie()
        if not regiovisie.is_bewerkbaar:
            messages.info(request, str(services.NietBewerkbaar(regiovisie)))
            return redirect("acties:detail", pk=regiovisie.pk)
        return self.render_to_response(self.get_context_data(forms=self.forms(None)))

    def post(self, request, *args: Any, **kwargs: Any):
        regiovisie = self.get_regiovisie()
        if "voorbeeld" in request.POST:
            return self.voorbeeld_toevoegen(regiovisie)
        lock = LockForm(request.POST)
        forms = self.forms(request.POST)
        if not lock.is_valid():
            return redirect(request.path)
        if not all(form.is_valid() for form in forms.values()):
            return self.render_to_response(
                self.get_context_data(forms=forms, lock_version=request.POST.get("lock_version"))
            )
        try:
            with services.bewerking(
                regiovisie.pk, lock.cleaned_data["lock_version"], request.user, onderdelen=forms
            ) as bijgewerkt:
                velden = ["stap"]
                for form in forms.values():
                    if isinstance(form, ModelForm) and form._meta.model is Regiovisie:
                        # The document's own fields go onto the locked row, never the stale
                        # instance the form was built from (its lock_version is old).
                        for veld in form._meta.fields:
                            setattr(bijgewerkt, veld, form.cleaned_data[veld])
                        velden += form._meta.fields
                    else:
                        form.save()
                bijgewerkt.stap = max(bijgewerkt.stap, self.stap.value)
                bijgewerkt.save(update_fields=velden)
        except services.RegiovisieFout as fout:
            return self.render_to_response(
                self.get_context_data(
                    forms=forms, fout=str(fout), lock_version=request.POST.get("lock_version")
                )
            )
        return self.volgende(regiovisie)

    def volgende(self, regiovisie: Regiovisie) -> HttpResponseRedirect:
        knop = self.request.POST.get("naar", "")
        if knop == "vorige" and self.stap > Stap.REGIO:
            doel = self.stap - 1
        elif knop == "volgende" and self.stap < Stap.CONTROLE:
            doel = self.stap + 1
        else:
            messages.success(self.request, _("Opgeslagen."))
            doel = self.stap
        return redirect("acties:wizard", pk=regiovisie.pk, stap=doel)

    def voorbeeld_toevoegen(self, regiovisie: Regiovisie) -> HttpResponseRedirect:
        form = VoorbeeldForm(self.request.POST)
        lock = LockForm(self.request.POST)
        if form.is_valid() and lock.is_valid():
            try:
                services.doel_uit_voorbeeld(
                    regiovisie.pk,
                    lock.cleaned_data["lock_version"],
                    self.request.user,
                    form.cleaned_data["voorbeeld"],
                )
            except services.RegiovisieFout as fout:
                messages.error(self.request, str(fout))
            else:
                messages.success(
                    self.request,
                    _("Het voorbeeld is toegevoegd als nieuw doel. Maak het SMART hieronder."),
                )
        return HttpResponseRedirect(
            reverse("acties:wizard", args=[regiovisie.pk, self.stap]) + "#doelen"
        )

    def forms(self, data: Any) -> dict[str, Any]:
        """The forms of this step, by the name the audit log records."""
        regiovisie = self.get_regiovisie()
        regio = regiovisie.regio
        match self.stap:
            case Stap.REGIO:
                return {
                    "algemeen": AlgemeenForm(data, instance=regiovisie),
                    "partners": PartnerFormSet(data, instance=regiovisie, prefix="partners"),
                }
            case Stap.SITUATIE:
                initial = {}
                if not regiovisie.situatieschets.strip():
                    initial["situatieschets"] = self.concepttekst()
                return {"situatieschets": SituatieForm(data, instance=regiovisie, initial=initial)}
            case Stap.VISIE:
                return {"visie": VisieForm(data, instance=regiovisie)}
            case Stap.DOELEN:
                return {
                    "doelen": DoelFormSet(data, instance=regiovisie, prefix="doelen"),
                    "doelgroepen": DoelgroepFormSet(
                        data, instance=regiovisie, prefix="doelgroepen", regio=regio
                    ),
                }
            case Stap.AANDACHTSPUNTEN:
                return {
                    "aandachtspunten": UitwerkingFormSet(
                        data,
                        queryset=regiovisie.aandachtspunten.select_related("aandachtspunt"),
                        prefix="aandachtspunten",
                    )
                }
            case Stap.STURING:
                return {
                    "meetwijze": MeetwijzeFormSet(
                        data, queryset=regiovisie.doelen.all(), prefix="meetwijze"
                    ),
                    "sturing": SturingFormSet(data, regiovisie=regiovisie, prefix="sturing"),
                }
        return {}  # steps 5 and 8 save only the progress; their content has its own forms

    def concepttekst(self) -> str:
        from .situatie import concepttekst, situatieschets

        return concepttekst(situatieschets(self.get_regiovisie().regio))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        regiovisie = self.get_regiovisie()
        context = super().get_context_data(
            regiovisie=regiovisie,
            stap=self.stap,
            stappen=Stap,
            voortgang=samenvatting(regiovisie),
            lock_version=kwargs.pop("lock_version", None) or regiovisie.lock_version,
            **self.rechten(regiovisie),
            **kwargs,
        )
        context["foutmeldingen"] = sum(
            _aantal_fouten(form) for form in context.get("forms", {}).values()
        )
        context.update(self.stapinhoud(regiovisie))
        return context

    def stapinhoud(self, regiovisie: Regiovisie) -> dict[str, Any]:
        """What a step shows besides its forms."""
        match self.stap:
            case Stap.REGIO:
                return {"gemeenten": regiovisie.regio.gemeenten.all()}
            case Stap.SITUATIE:
                from .situatie import situatieschets

                return {"schets": situatieschets(regiovisie.regio)}
            case Stap.DOELEN:
                return {"voorbeelden": list(enumerate(services.VOORBEELDDOELEN))}
            case Stap.ACTIES:
                acties = list(
                    regiovisie.acties.select_related(
                        "preventieve_actie", "interventie", "doelgroep"
                    ).prefetch_related("wijken")
                )
                gebruikt = {a.preventieve_actie_id for a in acties}
                return {
                    "acties_per_niveau": [
                        (niveau, [a for a in acties if a.spectrum == niveau]) for niveau in Spectrum
                    ],
                    "preventieve_acties": [
                        (p, p.pk in gebruikt) for p in PreventieveActie.objects.all()
                    ],
                    "nieuwe_actie_form": NieuweActieForm(),
                    "waarschuwingen": [
                        w for w in services.controle(regiovisie) if w.stap == Stap.ACTIES
                    ],
                }
            case Stap.CONTROLE:
                return {"waarschuwingen": services.controle(regiovisie)}
        return {}


def _aantal_fouten(form: Any) -> int:
    if not form.is_bound:
        return 0
    if hasattr(form, "total_error_count"):
        return form.total_error_count()
    return sum(len(e) for e in form.errors.values())


# --- the action form (step 5) -----------------------------------------------------------------


class ActieMixin(RegiovisieMixin):
    permission_required = BEWERKEN

    def get_actie(self) -> Actie | None:
        if "actie_pk" not in self.kwargs:
            return None
        return get_object_or_404(self.get_regiovisie().acties, pk=self.kwargs["actie_pk"])

    def terug(self) -> HttpResponseRedirect:
        return redirect("acties:wizard", pk=self.get_regiovisie().pk, stap=Stap.ACTIES)


class ActieView(ActieMixin, TemplateView):
    """Create or change one action; a new one may start from one of the ten preventive actions."""

    template_name = "acties/actie_form.html"

    def get(self, request, *args: Any, **kwargs: Any):
        regiovisie = self.get_regiovisie()
        if not regiovisie.is_bewerkbaar:
            messages.info(request, str(services.NietBewerkbaar(regiovisie)))
            return redirect("acties:detail", pk=regiovisie.pk)
        return self.render_to_response(self.get_context_data(form=self.form(None)))

    def form(self, data: Any) -> ActieForm:
        actie = self.get_actie()
        initial = {}
        if actie is None:
            start = NieuweActieForm(self.request.GET)
            preventief = start.cleaned_data["preventieve_actie"] if start.is_valid() else None
            if preventief is not None:
                initial = {
                    "preventieve_actie": preventief,
                    "naam": preventief.naam,
                    "omschrijving": preventief.toelichting,
                    "spectrum": preventief.spectrum,
                }
        return ActieForm(data, instance=actie, initial=initial, regiovisie=self.get_regiovisie())

    def post(self, request, *args: Any, **kwargs: Any):
        regiovisie = self.get_regiovisie()
        form, lock = self.form(request.POST), LockForm(request.POST)
        if not (form.is_valid() and lock.is_valid()):
            return self.render_to_response(
                self.get_context_data(form=form, lock_version=request.POST.get("lock_version"))
            )
        try:
            with services.bewerking(
                regiovisie.pk,
                lock.cleaned_data["lock_version"],
                request.user,
                onderdelen=["acties"],
            ) as bijgewerkt:
                form.instance.regiovisie = bijgewerkt
                form.save()
        except services.RegiovisieFout as fout:
            return self.render_to_response(
                self.get_context_data(
                    form=form, fout=str(fout), lock_version=request.POST.get("lock_version")
                )
            )
        messages.success(
            request, _("Actie '%(actie)s' is opgeslagen.") % {"actie": form.instance.naam}
        )
        return self.terug()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        regiovisie = self.get_regiovisie()
        return super().get_context_data(
            regiovisie=regiovisie,
            actie=self.get_actie(),
            stap=Stap.ACTIES,
            stappen=Stap,
            voortgang=samenvatting(regiovisie),
            lock_version=kwargs.pop("lock_version", None) or regiovisie.lock_version,
            foutmeldingen=_aantal_fouten(kwargs["form"]),
            **kwargs,
        )


class ActieVerwijderenView(ActieMixin, TemplateView):
    template_name = "acties/actie_verwijderen.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        regiovisie = self.get_regiovisie()
        return super().get_context_data(regiovisie=regiovisie, actie=self.get_actie(), **kwargs)

    def post(self, request, *args: Any, **kwargs: Any):
        regiovisie, actie = self.get_regiovisie(), self.get_actie()
        lock = LockForm(request.POST)
        if not lock.is_valid():
            return self.terug()
        try:
            services.actie_verwijderen(
                regiovisie.pk, lock.cleaned_data["lock_version"], request.user, actie.pk
            )
        except services.RegiovisieFout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, _("Actie '%(actie)s' is verwijderd.") % {"actie": actie.naam})
        return self.terug()
