from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from portal.roles import RegioPermissionMixin, active_regio, has_regio_perm, scope_to_regios

from . import wijkkennis
from .forms import DialoogsessieForm, KennisFilterForm, SignaalForm
from .models import Dialoogsessie, FactorSoort, Signaal

# --- what the wijk knows: signals and dialogue sessions ---------------------------------------

LEZEN = "portal.view_plannen"
SIGNALEREN = "portal.record_signalen"
DIALOGEN = "portal.edit_regiovisie"


class KennisMixin(RegioPermissionMixin):
    """Local knowledge is read inside the user's regio's only; lists show the active regio."""

    permission_required = LEZEN

    def get_werkregio(self):
        if not hasattr(self, "_werkregio"):
            self._werkregio = wijkkennis.werkregio(
                self.regios, active_regio(self.request.user, self.request.session)
            )
        return self._werkregio

    def get_context_data(self, **kwargs):
        regio = self.get_werkregio()
        user = self.request.user
        return super().get_context_data(
            regio=regio,
            mag_signaleren=has_regio_perm(user, SIGNALEREN, regio),
            mag_dialogen=has_regio_perm(user, DIALOGEN, regio),
            **kwargs,
        )


class KennisView(KennisMixin, TemplateView):
    template_name = "risicofactoren/kennis.html"

    def get_context_data(self, **kwargs):
        regio = self.get_werkregio()
        signalen = Signaal.objects.filter(regio=regio)
        sessies = Dialoogsessie.objects.filter(regio=regio)
        return super().get_context_data(
            wijken=wijkkennis.wijken_met_kennis(signalen, sessies),
            aantal_signalen=signalen.count(),
            aantal_sessies=sessies.count(),
            **kwargs,
        )


class _GefilterdeLijst(KennisMixin, ListView):
    paginate_by = 25
    page_kwarg = "pagina"

    def alles(self):
        raise NotImplementedError

    def filter(self, qs, **filters):
        raise NotImplementedError

    def get_queryset(self):
        alles = self.alles()
        self.form = KennisFilterForm(
            self.request.GET or None,
            regio=self.get_werkregio(),
            wijken=wijkkennis.wijken_van_regios([self.get_werkregio()]).filter(
                pk__in=alles.values("gebied")
            ),
        )
        return self.filter(alles, **self.form.filters())

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        return super().get_context_data(form=self.form, filter_query=query.urlencode(), **kwargs)


class SignaalListView(_GefilterdeLijst):
    template_name = "risicofactoren/signaal_list.html"

    def alles(self):
        return Signaal.objects.filter(regio=self.get_werkregio())

    def filter(self, qs, **filters):
        return wijkkennis.filter_signalen(qs, **filters)


class DialoogsessieListView(_GefilterdeLijst):
    template_name = "risicofactoren/dialoogsessie_list.html"

    def alles(self):
        return Dialoogsessie.objects.filter(regio=self.get_werkregio())

    def filter(self, qs, **filters):
        return wijkkennis.filter_dialoogsessies(qs, **filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for sessie in context["object_list"]:
            sessie.balans = wijkkennis.balans_uit_annotatie(sessie)
        return context


class SignaalDetailView(KennisMixin, DetailView):
    template_name = "risicofactoren/signaal_detail.html"
    context_object_name = "signaal"

    def get_queryset(self):
        return scope_to_regios(
            Signaal.objects.select_related("gebied", "gebied__gemeente", "thema", "regio"),
            self.request.user,
            LEZEN,
        ).select_related("vastgelegd_door")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            mag_verwijderen=has_regio_perm(self.request.user, SIGNALEREN, self.object.regio),
            **kwargs,
        )


class DialoogsessieDetailView(KennisMixin, DetailView):
    template_name = "risicofactoren/dialoogsessie_detail.html"
    context_object_name = "sessie"

    def get_queryset(self):
        return scope_to_regios(
            Dialoogsessie.objects.select_related(
                "gebied", "gebied__gemeente", "regio", "vastgelegd_door"
            ),
            self.request.user,
            LEZEN,
        )

    def get_context_data(self, **kwargs):
        factoren = self.object.factoren.select_related("risicofactor").order_by(
            "-gewicht", "risicofactor__naam"
        )
        balans = wijkkennis.balans_van_sessie(self.object)
        kanten = [
            {
                "soort": soort,
                "titel": titel % {"n": som},
                "leeg": leeg,
                "factoren": [f for f in factoren if f.risicofactor.soort == soort],
            }
            for soort, titel, som, leeg in (
                (
                    FactorSoort.RISICO,
                    _("Risicofactoren (samen %(n)s)"),
                    balans.risico,
                    _("Geen risicofactoren gewogen."),
                ),
                (
                    FactorSoort.BESCHERMEND,
                    _("Beschermende factoren (samen %(n)s)"),
                    balans.beschermend,
                    _("Geen beschermende factoren gewogen."),
                ),
            )
        ]
        return super().get_context_data(
            balans=balans,
            kanten=kanten,
            deelnemers=self.object.deelnemers.splitlines(),
            mag_verwijderen=has_regio_perm(self.request.user, DIALOGEN, self.object.regio),
            **kwargs,
        )


class _Vastleggen(KennisMixin, FormView):
    """A form for the werkregio; the wijk may be chosen beforehand with ?wijk=<id>."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regio": self.get_werkregio()}

    def get_initial(self):
        wijk = self.request.GET.get("wijk", "")
        if wijk.isdigit() and wijkkennis.huidige_wijken(self.get_werkregio()).filter(pk=wijk):
            return {"gebied": int(wijk)}
        return {}


class SignaalNieuwView(_Vastleggen):
    permission_required = SIGNALEREN
    template_name = "risicofactoren/signaal_form.html"
    form_class = SignaalForm

    def form_valid(self, form):
        signaal = wijkkennis.record_signaal(
            regio=self.get_werkregio(), user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("Het signaal is vastgelegd. Dank u wel."))
        return redirect("risicofactoren:signaal", pk=signaal.pk)


class DialoogsessieNieuwView(_Vastleggen):
    permission_required = DIALOGEN
    template_name = "risicofactoren/dialoogsessie_form.html"
    form_class = DialoogsessieForm

    def form_valid(self, form):
        velden = ("gebied", "datum", "deelnemers", "conclusies", "vervolg")
        sessie = wijkkennis.record_dialoogsessie(
            regio=self.get_werkregio(),
            user=self.request.user,
            factoren=form.gewogen_factoren(),
            **{k: form.cleaned_data[k] for k in velden},
        )
        messages.success(self.request, _("De dialoogsessie is vastgelegd."))
        return redirect("risicofactoren:dialoogsessie", pk=sessie.pk)


class _Verwijderen(KennisMixin, DetailView):
    """Confirm, then delete; only inside a regio where the user may record this kind."""

    def get_queryset(self):
        return scope_to_regios(
            self.model.objects.select_related("gebied", "regio"),
            self.request.user,
            self.permission_required,
        )

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.verwijder(self.object)
        messages.success(request, self.gelukt)
        return redirect(self.terug)


class SignaalVerwijderenView(_Verwijderen):
    permission_required = SIGNALEREN
    model = Signaal
    template_name = "risicofactoren/signaal_verwijderen.html"
    context_object_name = "signaal"
    terug = "risicofactoren:signalen"

    @property
    def gelukt(self):
        return _("Het signaal is verwijderd.")

    def verwijder(self, signaal):
        wijkkennis.delete_signaal(signaal, self.request.user)


class DialoogsessieVerwijderenView(_Verwijderen):
    permission_required = DIALOGEN
    model = Dialoogsessie
    template_name = "risicofactoren/dialoogsessie_verwijderen.html"
    context_object_name = "sessie"
    terug = "risicofactoren:dialoogsessies"

    @property
    def gelukt(self):
        return _("De dialoogsessie is verwijderd.")

    def verwijder(self, sessie):
        wijkkennis.delete_dialoogsessie(sessie, self.request.user)


class KennisWijkView(KennisMixin, TemplateView):
    """Everything the regio's professionals know about one wijk."""

    template_name = "risicofactoren/kennis_wijk.html"

    def get_context_data(self, **kwargs):
        wijk = get_object_or_404(wijkkennis.wijken_van_regios(self.regios), code=kwargs["code"])
        signalen = wijkkennis.filter_signalen(
            scope_to_regios(Signaal.objects.filter(gebied=wijk), self.request.user, LEZEN)
        )
        sessies = list(
            wijkkennis.filter_dialoogsessies(
                scope_to_regios(Dialoogsessie.objects.filter(gebied=wijk), self.request.user, LEZEN)
            )
        )
        for sessie in sessies:
            sessie.balans = wijkkennis.balans_uit_annotatie(sessie)
        return super().get_context_data(
            wijk=wijk,
            signalen=signalen,
            sessies=sessies,
            per_thema=wijkkennis.signalen_per_thema(signalen),
            **kwargs,
        )
