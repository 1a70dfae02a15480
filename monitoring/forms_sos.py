"""Forms of the Signs of Safety pages: one score, a score file, and the choice of aggregates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.db.models import Min, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acties.forms_aanbod import interventie_label
from acties.models import Interventie
from portal.forms import GroepMetVeldId
from portal.models import Regio
from risicofactoren.forms import GegroepeerdeKeuze, gemeente_van, wijk_label
from risicofactoren.wijkkennis import huidige_wijken

from .models import SCORE_MAX, SCORE_MIN, Moment, Perspectief, SosScore
from .services import SOS_INDELINGEN, OngeldigeTrajectcode, valideer_trajectcode

# A score file is a few thousand rows at most: far below the request limit of the indicator
# uploads (PORTAL_MAX_UPLOAD_MB); a larger file is almost certainly the wrong one.
MAX_SOS_BESTAND_MB = 5
SOS_EXTENSIES = {".csv", ".txt"}


class Rondjes(GroepMetVeldId, forms.RadioSelect):
    pass


class SosScoreForm(forms.Form):
    """One score of a trajectory in the work regio; the regio comes from the view.

    The trajectory code is checked here already (valideer_trajectcode), so its Dutch reasons
    stand next to the field; the service checks it again with the rest of its rules.
    """

    traject = forms.CharField(
        label=_("Trajectcode"),
        max_length=40,
        help_text=_(
            "Een pseudoniem zoals ALM-2026-0042: een afkorting en een volgnummer. Nooit een "
            "naam, BSN, geboortedatum of adres: de sleutel van de code blijft in uw eigen "
            "dossier."
        ),
        error_messages={"required": _("Vul een trajectcode in.")},
    )
    interventie = forms.ModelChoiceField(
        label=_("Interventie uit de catalogus"),
        queryset=Interventie.objects.none(),
        required=False,
        empty_label=_("Geen: een ander programma"),
        error_messages={"invalid_choice": _("Kies een interventie uit de lijst.")},
    )
    programma = forms.CharField(
        label=_("Of: naam van het programma"),
        max_length=200,
        required=False,
        help_text=_("Alleen als de aanpak geen interventie uit de catalogus is."),
    )
    moment = forms.ChoiceField(
        label=_("Moment"),
        choices=Moment.choices,
        widget=Rondjes,
        error_messages={
            "required": _("Kies het moment: start, tussentijds of afsluiting."),
            "invalid_choice": _("Kies het moment: start, tussentijds of afsluiting."),
        },
    )
    perspectief = forms.ChoiceField(
        label=_("Perspectief"),
        choices=Perspectief.choices,
        widget=Rondjes,
        help_text=_("Wie gaf de score?"),
        error_messages={
            "required": _("Kies wie de score gaf: hulpverlener, ouder of kind."),
            "invalid_choice": _("Kies wie de score gaf: hulpverlener, ouder of kind."),
        },
    )
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[(i, str(i)) for i in range(SCORE_MIN, SCORE_MAX + 1)],
        coerce=int,
        widget=Rondjes,
        error_messages={
            "required": _("Kies een score van 0 tot en met 10."),
            "invalid_choice": _("Kies een score van 0 tot en met 10."),
        },
    )
    datum = forms.DateField(
        label=_("Datum"),
        help_text=_("Wanneer de schaalvraag gesteld is; niet in de toekomst."),
        error_messages={
            "required": _("Vul de datum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-2026."),
        },
    )

    def __init__(self, *args: Any, regio: Regio, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regio = regio
        interventie = self.fields["interventie"]
        interventie.queryset = Interventie.objects.order_by("naam")
        interventie.label_from_instance = interventie_label
        self.fields["wijk"] = GegroepeerdeKeuze(
            queryset=huidige_wijken(regio),
            groep=gemeente_van,
            label=_("Wijk"),
            empty_label=_("Kies een wijk"),
            help_text=_("De wijk waar het gezin woont, van de gemeenten in %(regio)s.")
            % {"regio": regio.naam},
            error_messages={
                "required": _("Kies de wijk van het traject."),
                # Never echo the value: it could be the id of another regio's wijk.
                "invalid_choice": _(
                    "Kies een wijk uit de lijst: een wijk van een gemeente in uw regio."
                ),
            },
        )
        self.fields["wijk"].label_from_instance = wijk_label
        self.order_fields(
            ["traject", "interventie", "programma", "wijk", "moment", "perspectief", "score"]
        )
        vandaag = timezone.localdate()
        self.fields["datum"].widget = forms.DateInput(
            attrs={"type": "date", "max": vandaag.isoformat()}, format="%Y-%m-%d"
        )
        self.fields["datum"].initial = vandaag
        self.fields["traject"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        )

    def clean_traject(self) -> str:
        try:
            return valideer_trajectcode(self.cleaned_data["traject"])
        except OngeldigeTrajectcode as fout:
            raise forms.ValidationError(fout.messages) from None

    def clean_datum(self):
        datum = self.cleaned_data.get("datum")
        if datum and datum > timezone.localdate():
            raise forms.ValidationError(_("De datum ligt in de toekomst. Kies vandaag of eerder."))
        return datum

    def clean(self):
        data = super().clean()
        if not data.get("interventie") and not (data.get("programma") or "").strip():
            self.add_error(
                "programma", _("Kies een interventie of vul de naam van het programma in.")
            )
        return data


class SosBestandForm(forms.Form):
    """A CSV file of scores; its content is checked by services.import_sos_csv."""

    bestand = forms.FileField(
        label=_("CSV-bestand met scores"),
        help_text=_(
            "Een .csv-bestand (puntkomma of komma als scheidingsteken) van hoogstens %(mb)s MB."
        )
        % {"mb": MAX_SOS_BESTAND_MB},
        error_messages={
            "required": _("Kies een bestand."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Er is geen bestand ontvangen; kies het bestand opnieuw."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bestand"].widget.attrs["accept"] = ",".join(sorted(SOS_EXTENSIES))

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if Path(bestand.name).suffix.lower() not in SOS_EXTENSIES:
            raise forms.ValidationError(
                _("Alleen CSV-bestanden (.csv of .txt) kunnen worden geïmporteerd.")
            )
        if bestand.size > MAX_SOS_BESTAND_MB * 1024 * 1024:
            raise forms.ValidationError(
                _(
                    "Het bestand is groter dan %(mb)s MB; er is niets opgeslagen. Een bestand "
                    "met scores is meestal veel kleiner: kies het juiste bestand of splits het."
                )
                % {"mb": MAX_SOS_BESTAND_MB}
            )
        return bestand


# --- aggregates: grouping and filters (GET) -------------------------------------------------

INDELING_LABELS = {
    "interventie": _("Interventie of programma"),
    "wijk": _("Wijk"),
    "periode": _("Jaar van de start"),
}
STANDAARD_INDELING = ("interventie",)


class SosResultatenForm(forms.Form):
    """How to group the aggregates and which trajectories to count. Every field is optional;
    an invalid choice falls back to the default with a message (never an error page)."""

    per = forms.MultipleChoiceField(
        label=_("Indelen per"),
        choices=[(k, INDELING_LABELS[k]) for k in SOS_INDELINGEN],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Combineer gerust; zonder keuze één cel voor de hele regio."),
        error_messages={"invalid_choice": _("Kies een indeling uit de lijst.")},
    )
    aanpak = forms.ChoiceField(
        label=_("Alleen interventie of programma"), required=False, choices=()
    )
    wijk = forms.ChoiceField(label=_("Alleen wijk"), required=False, choices=())
    jaar = forms.TypedChoiceField(
        label=_("Alleen trajecten gestart in"), required=False, coerce=int, choices=()
    )

    def __init__(self, *args: Any, scores: QuerySet[SosScore], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scores = scores
        alle = _("Alle")
        aanpakken = scores.values_list("interventie_id", "interventie__naam", "programma")
        keuzes = {}
        for i_id, naam, programma in aanpakken.distinct().order_by():
            if i_id:
                keuzes[f"i{i_id}"] = naam
            elif programma.strip():
                keuzes[f"p{programma.strip().lower()}"] = programma.strip()
        self.fields["aanpak"].choices = [("", alle)] + sorted(
            keuzes.items(), key=lambda k: k[1].lower()
        )
        wijken = {
            w: (n or c) for w, n, c in scores.values_list("wijk_id", "wijk__naam", "wijk__code")
        }
        self.fields["wijk"].choices = [("", alle)] + sorted(
            ((str(k), v) for k, v in wijken.items()), key=lambda k: k[1].lower()
        )
        self.fields["jaar"].choices = [("", alle)] + [
            (j, str(j)) for j in sorted(self._startjaren().keys(), reverse=True)
        ]
        for naam in ("aanpak", "wijk", "jaar"):
            self.fields[naam].error_messages["invalid_choice"] = _(
                "Deze keuze staat niet (meer) in de lijst; alle trajecten worden getoond."
            )

    def _startjaren(self) -> dict[int, list[str]]:
        """Start year (year of the first score) → trajectory codes."""
        uit: dict[int, list[str]] = {}
        for traject, begin in (
            self.scores.order_by()
            .values("traject")
            .annotate(begin=Min("datum"))
            .values_list("traject", "begin")
        ):
            uit.setdefault(begin.year, []).append(traject)
        return uit

    def indeling(self) -> tuple[str, ...]:
        """The grouping asked for, in the fixed order interventie, wijk, periode."""
        if not self.is_bound:
            return STANDAARD_INDELING
        if not self.is_valid() and "per" in self.errors:
            return STANDAARD_INDELING
        gekozen = self.cleaned_data.get("per") or []
        return tuple(k for k in SOS_INDELINGEN if k in gekozen)

    def selectie(self) -> dict[str, Any]:
        """The filters as a selection of cells for services.sos_aggregaten (`alleen`): the
        aggregates are computed over all trajectories and then the matching cells are shown, so
        a filter can never turn a hidden cell into a table of its own."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        alleen: dict[str, Any] = {}
        aanpak = data.get("aanpak") or ""
        if aanpak.startswith("i"):
            alleen["interventie"] = ("i", int(aanpak[1:]))
        elif aanpak.startswith("p"):
            alleen["interventie"] = ("p", aanpak[1:])
        if wijk := data.get("wijk"):
            alleen["wijk"] = int(wijk)
        if jaar := data.get("jaar"):
            alleen["periode"] = jaar
        return alleen

    def querystring(self) -> str:
        """The valid choices as a query string, for the CSV link."""
        q = QueryDict(mutable=True)
        q.setlist("per", list(self.indeling()))
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        for naam in ("aanpak", "wijk", "jaar"):  # always present: a bound form, even without per
            q[naam] = str(data.get(naam) or "")
        return q.urlencode()
