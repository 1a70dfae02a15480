from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from portal.roles import RegioPermissionMixin, active_regio

from . import services, tasks
from .forms import IndicatorForm, UploadForm, ZoekForm
from .models import Gebied, ImportJob, ImportStatus, Indicator, IndicatorWaarde


class ImportMixin(RegioPermissionMixin):
    permission_required = "portal.import_data"

    def jobs(self):
        """Imports of the beheerder's regio's, and system imports (command line)."""
        return ImportJob.objects.filter(Q(regio__in=self.regios) | Q(regio__isnull=True))


class ImportListView(ImportMixin, FormView):
    template_name = "wijken/import_list.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        jobs = self.jobs().select_related("aangemaakt_door")[:50]
        return super().get_context_data(jobs=jobs, **kwargs)

    def form_valid(self, form):
        bestand = form.cleaned_data["bestand"]
        regio = active_regio(self.request.user, self.request.session)
        job = services.create_job(
            bestand.read(),
            bestand.name,
            user=self.request.user,
            regio=regio if regio in self.regios else self.regios.first(),
            soort=form.cleaned_data["soort"],
            jaar=form.cleaned_data["jaar"],
        )
        return redirect("beheer-imports:import", pk=job.pk)


class ImportDetailView(ImportMixin, DetailView):
    template_name = "wijken/import_detail.html"
    context_object_name = "job"

    def get_queryset(self):
        return self.jobs()

    def get_context_data(self, **kwargs):
        from collections import Counter

        namen = dict(Indicator.objects.values_list("code", "naam"))
        gekoppeld = [
            (kolom, namen.get(code, code))
            for kolom, code in (self.object.voorbeeld.get("kolommen_gekoppeld") or {}).items()
        ]
        per_kolom = Counter(f.get("kolom", "") for f in self.object.fouten).most_common()
        return super().get_context_data(
            gekoppeld=gekoppeld, problemen_per_kolom=per_kolom, **kwargs
        )

    def post(self, request, *args, **kwargs):
        """Re-read the preview with some columns left out."""
        job = self.get_object()
        if job.status != ImportStatus.WACHTEND:
            return redirect("beheer-imports:import", pk=job.pk)
        job.overslaan = [
            k for k in request.POST.getlist("overslaan") if k in job.voorbeeld.get("kolommen", [])
        ]
        with job.bestand.open("rb") as f:
            job.voorbeeld, job.fouten, job.formaat = services.preview(f.read(), job)
        job.save()
        messages.info(request, _("Het voorbeeld is opnieuw berekend."))
        return redirect("beheer-imports:import", pk=job.pk)


class ImportStartView(ImportMixin, View):
    def post(self, request, pk):
        job = get_object_or_404(self.jobs(), pk=pk)
        if job.status != ImportStatus.WACHTEND or job.fouten:
            messages.error(request, _("Deze import kan niet (meer) gestart worden."))
            return redirect("beheer-imports:import", pk=job.pk)
        with transaction.atomic():
            ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.BEZIG, voortgang=0)
            tasks.run_import.delay_on_commit(job.pk)
        return redirect("beheer-imports:import", pk=job.pk)


class ImportStatusView(ImportMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(self.jobs(), pk=pk)
        return JsonResponse(
            {
                "status": job.status,
                "status_tekst": job.get_status_display(),
                "voortgang": job.voortgang,
                "rijen_verwerkt": job.rijen_verwerkt,
                "rijen_totaal": job.rijen_totaal or job.voorbeeld.get("aantal_waarden", 0),
            }
        )


class ImportProblemenView(ImportMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(self.jobs(), pk=pk)
        response = HttpResponse(services.problems_csv(job), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="problemen-import-{job.pk}.csv"'
        return response


class IndicatorToevoegenView(ImportMixin, FormView):
    template_name = "wijken/indicator_form.html"
    form_class = IndicatorForm

    def get_initial(self):
        kolom = self.request.GET.get("kolom", "")[:200]
        return {"kolom": kolom, "naam": kolom, "bron": "CBS"}

    def form_valid(self, form):
        velden = {k: v for k, v in form.cleaned_data.items() if k != "kolom"}
        services.add_indicator(form.cleaned_data["kolom"], **velden)
        messages.success(self.request, _("De indicator is aan de catalogus toegevoegd."))
        terug = self.request.GET.get("import", "")
        if terug.isdigit() and self.jobs().filter(pk=terug).exists():
            return redirect("beheer-imports:import", pk=int(terug))
        return redirect("beheer-imports:imports")


class GebiedListView(RegioPermissionMixin, ListView):
    permission_required = "portal.view_statistieken"
    template_name = "wijken/gebied_list.html"
    paginate_by = 50

    def get_queryset(self):
        self.form = ZoekForm(self.request.GET or None)
        qs = Gebied.objects.select_related("gemeente").order_by("code")
        if self.form.is_valid() and (q := self.form.cleaned_data["q"].strip()):
            qs = qs.filter(Q(code__istartswith=q.replace(" ", "")) | Q(naam__icontains=q))
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, toon_bron=True, **kwargs)


class GebiedDetailView(RegioPermissionMixin, DetailView):
    permission_required = "portal.view_statistieken"
    template_name = "wijken/gebied_detail.html"
    slug_field = "code"
    slug_url_kwarg = "code"
    context_object_name = "gebied"

    def get_queryset(self):
        return Gebied.objects.select_related("gemeente", "parent")

    def get_context_data(self, **kwargs):
        waarden = (
            IndicatorWaarde.objects.filter(gebied=self.object)
            .select_related("indicator")
            .order_by("indicator__naam", "periode")
        )
        jaren = sorted({w.periode for w in waarden})
        rijen: dict = {}
        for w in waarden:
            rij = rijen.setdefault(w.indicator_id, {"indicator": w.indicator, "cellen": {}})
            rij["cellen"][w.periode] = w
        tabel = [
            {"indicator": r["indicator"], "cellen": [r["cellen"].get(j) for j in jaren]}
            for r in rijen.values()
        ]
        # Years in which CBS redrew the gebied: values before and after are not comparable.
        breuken = sorted(
            self.object.jaren.filter(indelingswijziging="3", jaar__in=jaren[1:]).values_list(
                "jaar", flat=True
            )
        )
        return super().get_context_data(
            jaren=jaren,
            tabel=tabel,
            breuken=breuken,
            kinderen=self.object.kinderen.order_by("code")[:200],
            toon_bron=True,
            **kwargs,
        )
