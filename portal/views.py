from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from . import audit, meldingen, roles
from .forms import AanmeldForm, LogboekFilterForm
from .signals import _ip


class AanmeldView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = AanmeldForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            max_pogingen=settings.AXES_FAILURE_LIMIT,
            blokkade_minuten=round(settings.AXES_COOLOFF_TIME * 60),
            **kwargs,
        )


class WachtwoordWijzigenView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.log_password_changed(self.request.user, _ip(self.request))
        messages.success(self.request, _("Uw wachtwoord is gewijzigd."))
        return response


@login_required
def home(request):
    regio = roles.active_regio(request.user, request.session)
    rollen = roles.lidmaatschappen(request.user).filter(regio=regio).values_list("rol", flat=True)
    return render(
        request, "portal/home.html", {"meldingen": meldingen.open_meldingen(regio, rollen)}
    )


@require_POST
@login_required
def kies_regio(request):
    """Switch the regio the user works in; only regio's the user is a member of."""
    regio_id = request.POST.get("regio", "")
    regio = (
        roles.lidmaatschappen(request.user).filter(regio_id=regio_id).first()
        if (regio_id.isdigit())
        else None
    )
    if regio is None:
        return HttpResponseBadRequest(_("U bent geen lid van deze regio."))
    request.session[roles.SESSION_KEY] = regio.regio_id
    messages.info(request, _("U werkt nu in %(regio)s.") % {"regio": regio.regio.naam})
    terug = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(terug, {request.get_host()}, request.is_secure()):
        terug = "home"
    return redirect(terug)


class BeheerView(roles.RegioPermissionMixin, TemplateView):
    permission_required = "portal.view_audit"
    template_name = "portal/beheer.html"


class LogboekView(roles.RegioPermissionMixin, TemplateView):
    permission_required = "portal.view_audit"
    template_name = "portal/logboek.html"
    per_page = 50

    def get_context_data(self, **kwargs):
        form = LogboekFilterForm(self.request.GET or None, regios=self.regios)
        regios = self.regios
        events = audit.events_for_regios(regios)
        if form.is_valid():
            if form.cleaned_data["regio"]:
                events = audit.events_for_regios(regios.filter(pk=form.cleaned_data["regio"].pk))
            if form.cleaned_data["type"]:
                events = events.filter(type=form.cleaned_data["type"])
            if form.cleaned_data["gebruiker"]:
                events = events.filter(gebruikersnaam__icontains=form.cleaned_data["gebruiker"])
        page = Paginator(events, self.per_page).get_page(self.request.GET.get("pagina"))
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            form=form, page=page, filter_query=query.urlencode(), **kwargs
        )


@require_GET
def gezondheid(request):
    """Liveness for load balancers and the compose health check: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


class StapView(roles.RegioPermissionMixin, TemplateView):
    """The landing page of one of the guidance's three steps; each app passes its template."""
