"""Signs of Safety pages (thin: the rules live in monitoring.services).

Who sees what: scores per trajectory are sensitive, so entering, importing, listing and deleting
them is for those who record them (`portal.record_signalen`: wijkprofessionals) in their work
regio. The aggregates, where every cell under 5 trajectories is suppressed by the service, are
read by every role of the regio (`portal.view_plannen`). A score of another regio is a 404.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from portal.charts import figure_json
from portal.csv_export import rows_to_csv
from portal.roles import RegioPermissionMixin, active_regio, has_regio_perm, scope_to_regios
from risicofactoren.wijkkennis import werkregio

from . import charts_sos, services
from .forms_sos import INDELING_LABELS, SosBestandForm, SosResultatenForm, SosScoreForm
from .models import Moment, Perspectief, SosScore
from .services import AFWIJKING_VAN, PERM_SCORES, SOS_KOLOMMEN, Cel

PERM_LEZEN = "portal.view_plannen"
PER_PAGINA = 25


# --- the tables of the aggregates (plain functions: the page and the CSV share them) ---------


def tabelrijen(cellen: Sequence[Cel], per: Sequence[str]) -> list[dict[str, Any]]:
    """Per cell its grouping values and its statistics in the order of the table columns."""
    rijen = []
    for cel in cellen:
        groepen = {
            "interventie": cel.interventie,
            "wijk": f"{cel.wijk} ({cel.wijk_code})" if cel.wijk else None,
            "periode": None if cel.periode is None else str(cel.periode),
        }
        rijen.append(
            {
                "cel": cel,
                "label": charts_sos.cel_label(cel),
                "groepen": [groepen[k] or "" for k in per],
                "gemiddelden": [
                    cel.gemiddelden[(m, p)] for m in Moment.values for p in Perspectief.values
                ],
                "verandering": [cel.verandering[p] for p in Perspectief.values],
                "overeenstemming": [
                    cel.overeenstemming[(m, a.value)] for m in Moment.values for a in AFWIJKING_VAN
                ],
            }
        )
    return rijen


def csv_tabel(cellen: Sequence[Cel], per: Sequence[str]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the aggregates CSV: every number as the page shows it (Dutch decimal
    comma; "< 5" where fewer than 5 trajectories are behind it)."""
    header = [str(INDELING_LABELS[k]) for k in per] + [_("Trajecten")]
    for m in Moment:
        for p in Perspectief:
            header.append(
                _("Gemiddelde score %(moment)s, %(perspectief)s")
                % {"moment": str(m.label).lower(), "perspectief": str(p.label).lower()}
            )
    for p in Perspectief:
        naam = str(p.label).lower()
        header += [
            _("Verandering start-afsluiting, %(perspectief)s") % {"perspectief": naam},
            _("95%%-interval ondergrens, %(perspectief)s") % {"perspectief": naam},
            _("95%%-interval bovengrens, %(perspectief)s") % {"perspectief": naam},
            _("Trajecten met start en afsluiting, %(perspectief)s") % {"perspectief": naam},
        ]
    for m in Moment:
        for a in AFWIJKING_VAN:
            header.append(
                _("Verschil hulpverlener-%(ander)s bij %(moment)s")
                % {"ander": str(a.label).lower(), "moment": str(m.label).lower()}
            )
    rijen = []
    for rij in tabelrijen(cellen, per):
        regel = [*rij["groepen"], rij["cel"].n.label]
        regel += [s.waarde.label for s in rij["gemiddelden"]]
        for v in rij["verandering"]:
            regel += [v.gemiddelde.label, v.ondergrens.label, v.bovengrens.label, v.n.label]
        regel += [s.waarde.label for s in rij["overeenstemming"]]
        rijen.append(regel)
    return header, rijen


# --- views ------------------------------------------------------------------------------------


class SosMixin(RegioPermissionMixin):
    """The work regio: the active regio when the permission holds there, else the first."""

    permission_required = PERM_SCORES

    def get_werkregio(self):
        if not hasattr(self, "_werkregio"):
            self._werkregio = werkregio(
                self.regios, active_regio(self.request.user, self.request.session)
            )
        return self._werkregio

    def get_context_data(self, **kwargs):
        regio = kwargs.pop("regio", None) or self.get_werkregio()
        user = self.request.user
        return super().get_context_data(
            regio=regio,
            mag_scoren=has_regio_perm(user, PERM_SCORES, regio),
            **kwargs,
        )


class SosView(SosMixin, FormView):
    """Enter one score, and the regio's scores, newest first, with a way to delete one."""

    template_name = "monitoring/sos/scores.html"
    form_class = SosScoreForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regio": self.get_werkregio()}

    def get_context_data(self, **kwargs):
        scores = (
            SosScore.objects.filter(regio=self.get_werkregio())
            .select_related("interventie", "wijk", "vastgelegd_door")
            .order_by("-aangemaakt", "-pk")
        )
        pagina = Paginator(scores, PER_PAGINA).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(
            page_obj=pagina, scores=pagina.object_list, aantal=pagina.paginator.count, **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            score = services.record_sos_score(
                self.get_werkregio(),
                traject=data["traject"],
                interventie=data["interventie"],
                programma=data["programma"],
                wijk=data["wijk"],
                moment=data["moment"],
                perspectief=data["perspectief"],
                score=data["score"],
                datum=data["datum"],
                user=self.request.user,
            )
        except services.MonitoringFout as fout:
            form.add_error(None, str(fout))
            return self.form_invalid(form)
        except ValidationError as fout:
            try:
                form.add_error(None, fout)
            except ValueError:  # an error of a model field the form does not have
                form.add_error(None, fout.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "De score %(score)s (%(moment)s, %(perspectief)s) van traject %(traject)s is opgeslagen."
            )
            % {
                "score": score.score,
                "moment": score.get_moment_display().lower(),
                "perspectief": score.get_perspectief_display().lower(),
                "traject": score.traject,
            },
        )
        return redirect("monitoring:sos")


class SosVerwijderenView(SosMixin, DetailView):
    """Confirm (GET) and delete (POST) one score; another regio's score is a 404."""

    template_name = "monitoring/sos/verwijderen.html"
    context_object_name = "score"
    pk_url_kwarg = "score_pk"

    def get_queryset(self):
        return scope_to_regios(
            SosScore.objects.select_related("regio", "interventie", "wijk"),
            self.request.user,
            PERM_SCORES,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(regio=self.object.regio, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        traject = self.object.traject
        services.delete_sos_score(self.object, request.user)
        messages.success(
            request, _("De score van traject %(traject)s is verwijderd.") % {"traject": traject}
        )
        return redirect("monitoring:sos")


class SosImportView(SosMixin, FormView):
    """Upload a CSV of scores: stored whole, or refused whole with every problem listed."""

    template_name = "monitoring/sos/import.html"
    form_class = SosBestandForm

    def get_context_data(self, **kwargs):
        kolommen = [(veld, namen[0], namen[1:]) for veld, namen in SOS_KOLOMMEN.items()]
        return super().get_context_data(kolommen=kolommen, **kwargs)

    def form_valid(self, form):
        bestand = form.cleaned_data["bestand"]
        resultaat = services.import_sos_csv(
            bestand.read(), self.get_werkregio(), self.request.user, bestand.name
        )
        if resultaat.geslaagd:
            opgeslagen = resultaat.nieuw + resultaat.gewijzigd
            samenvatting = ngettext(
                "%(n)s score opgeslagen.", "%(n)s scores opgeslagen.", opgeslagen
            ) % {"n": opgeslagen}
        else:
            samenvatting = ngettext(
                "Het bestand is niet geïmporteerd: er is %(n)s probleem. Er is niets opgeslagen.",
                "Het bestand is niet geïmporteerd: er zijn %(n)s problemen. Er is niets "
                "opgeslagen.",
                len(resultaat.problemen),
            ) % {"n": len(resultaat.problemen)}
        return self.render_to_response(
            self.get_context_data(
                form=SosBestandForm(),
                resultaat=resultaat,
                samenvatting=samenvatting,
                bestandsnaam=bestand.name,
            )
        )


class _Resultaten(SosMixin):
    permission_required = PERM_LEZEN

    def aggregaten(self) -> tuple[SosResultatenForm, tuple[str, ...], list[Cel]]:
        scores = SosScore.objects.filter(regio=self.get_werkregio())
        form = SosResultatenForm(self.request.GET or None, scores=scores)
        per = form.indeling()
        return form, per, services.sos_aggregaten(scores, per, alleen=form.selectie())


class SosResultatenView(_Resultaten, TemplateView):
    """The aggregates of the regio as tables and a figure of the change per cell."""

    template_name = "monitoring/sos/resultaten.html"

    def get_context_data(self, **kwargs):
        form, per, cellen = self.aggregaten()
        grafiek = None
        if charts_sos.met_verandering(cellen):
            grafiek = figure_json(
                charts_sos.verandering_figuur(cellen),
                {"toImageButtonOptions": {"filename": "signs-of-safety-verandering"}},
            )
        return super().get_context_data(
            form=form,
            per=per,
            indeling=[INDELING_LABELS[k] for k in per],
            rijen=tabelrijen(cellen, per),
            aantal_onderdrukt=sum(1 for c in cellen if c.onderdrukt and not c.afgeschermd),
            aantal_afgeschermd=sum(1 for c in cellen if c.afgeschermd),
            grafiek=grafiek,
            querystring=form.querystring(),
            momenten=Moment.choices,
            perspectieven=Perspectief.choices,
            afwijking_van=[(a.value, a.label) for a in AFWIJKING_VAN],
            heeft_scores=SosScore.objects.filter(regio=self.get_werkregio()).exists(),
            **kwargs,
        )


class SosResultatenCsvView(_Resultaten, View):
    def get(self, request, *args, **kwargs):
        _form, per, cellen = self.aggregaten()
        header, rijen = csv_tabel(cellen, per)
        response = HttpResponse(rows_to_csv(header, rijen), content_type="text/csv; charset=utf-8")
        naam = f"signs-of-safety_{self.get_werkregio().slug}.csv"
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response
