from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Regio, RegioGemeente
from wijken.models import Gebied

from . import wijkkennis
from .models import Dialoogsessie, FactorSoort, Gewicht, Niveau, Risicofactor, Signaal
from .persoonsgegevens import detect_personal_data

# --- what the wijk knows ----------------------------------------------------------------------

_NIVEAU_VOLGORDE = Case(
    *(When(niveau=n.value, then=Value(i)) for i, n in enumerate(Niveau)),
    default=Value(len(Niveau)),
    output_field=IntegerField(),
)


def catalogus() -> QuerySet[Risicofactor]:
    """The factors in the order the guidance uses: ouder, kind, gezin, omgeving; risk first."""
    return Risicofactor.objects.annotate(niveau_volgorde=_NIVEAU_VOLGORDE).order_by(
        "niveau_volgorde", "soort", "volgorde", "naam"
    )


class _GroepIterator(ModelChoiceIterator):
    """Options per group, evaluated when the select renders (labels set later still count)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groepen: dict[str, list] = {}
        for obj in self.queryset:
            groepen.setdefault(str(self.field.groep(obj)), []).append(self.choice(obj))
        yield from groepen.items()


class GegroepeerdeKeuze(forms.ModelChoiceField):
    """A select whose options are grouped (<optgroup>) by `groep(obj)`, in queryset order."""

    iterator = _GroepIterator

    def __init__(self, *args: Any, groep, **kwargs: Any) -> None:
        self.groep = groep
        super().__init__(*args, **kwargs)


class GegroepeerdeMeerkeuze(forms.ModelMultipleChoiceField):
    """Several options of a grouped select (wijken per gemeente)."""

    iterator = _GroepIterator

    def __init__(self, *args: Any, groep, **kwargs: Any) -> None:
        self.groep = groep
        super().__init__(*args, **kwargs)


def wijk_label(gebied: Gebied) -> str:
    return f"{gebied.naam or gebied.code} ({gebied.code})"


def thema_label(factor: Risicofactor) -> str:
    if factor.soort == FactorSoort.BESCHERMEND:
        return _("%(naam)s (beschermend)") % {"naam": factor.naam}
    return factor.naam


def gemeente_van(gebied: Gebied) -> str:
    return gebied.gemeente.naam if gebied.gemeente else _("Overig")


class ZonderPersoonsgegevens:
    """Refuses text fields that look like they hold personal data of a family or a person."""

    privacy_velden: tuple[str, ...] = ()

    def controleer_persoonsgegevens(self) -> None:
        for naam in self.privacy_velden:
            waarde = self.cleaned_data.get(naam)
            if waarschuwingen := detect_personal_data(waarde or ""):
                self.add_error(
                    naam,
                    [
                        _(
                            "Deze tekst lijkt persoonsgegevens te bevatten en is daarom niet "
                            "opgeslagen. Schrijf hem opnieuw zonder gegevens die naar een gezin "
                            "of persoon te herleiden zijn."
                        ),
                        *waarschuwingen,
                    ],
                )


def _datum_niet_in_de_toekomst(datum):
    if datum and datum > timezone.localdate():
        raise forms.ValidationError(_("De datum ligt in de toekomst. Kies vandaag of eerder."))
    return datum


def _datumveld(form: forms.Form) -> None:
    veld = form.fields["datum"]
    veld.widget = forms.DateInput(
        attrs={"type": "date", "max": timezone.localdate().isoformat()}, format="%Y-%m-%d"
    )
    veld.initial = timezone.localdate
    veld.error_messages["invalid"] = _("Vul een geldige datum in, bijvoorbeeld 14-03-2025.")


def _wijkveld(regio: Regio) -> GegroepeerdeKeuze:
    return GegroepeerdeKeuze(
        queryset=wijkkennis.huidige_wijken(regio),
        groep=gemeente_van,
        label=_("Wijk"),
        empty_label=_("Kies een wijk"),
        help_text=_("De wijken van de gemeenten in %(regio)s.") % {"regio": regio.naam},
        error_messages={
            "required": _("Kies de wijk waar het over gaat."),
            "invalid_choice": _(
                "Kies een wijk uit de lijst: een wijk van een gemeente in uw regio."
            ),
        },
    )


class SignaalForm(ZonderPersoonsgegevens, forms.ModelForm):
    """A signal about a wijk; the regio comes from the view, never from the request."""

    privacy_velden = ("bron_organisatie", "tekst")

    class Meta:
        model = Signaal
        fields = ["gebied", "thema", "datum", "bron_organisatie", "tekst"]
        labels = {"bron_organisatie": _("Organisatie"), "tekst": _("Wat ziet u?")}
        help_texts = {
            "bron_organisatie": _(
                "De organisatie of het team dat het signaal geeft, bijvoorbeeld "
                "‘Wijkteam Haven’. Geen namen van personen."
            ),
            "tekst": _(
                "Beschrijf wat u in de wijk ziet, niet bij wie: geen namen, adressen, "
                "geboortedata, BSN, telefoonnummers of e-mailadressen."
            ),
        }
        widgets = {"tekst": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, regio: Regio, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regio = regio
        self.fields["gebied"] = _wijkveld(regio)
        self.fields["thema"] = GegroepeerdeKeuze(
            queryset=catalogus(),
            groep=lambda f: f.get_niveau_display(),
            label=_("Thema"),
            empty_label=_("Kies een thema"),
            help_text=_("De risico- of beschermende factor waar het signaal over gaat."),
            error_messages={
                "required": _("Kies het thema van het signaal."),
                "invalid_choice": _("Kies een thema uit de lijst."),
            },
        )
        self.fields["thema"].label_from_instance = thema_label
        _datumveld(self)
        self.fields["datum"].help_text = _("Wanneer u het zag of hoorde; niet in de toekomst.")
        self.fields["bron_organisatie"].error_messages["required"] = _(
            "Vul de organisatie in die het signaal geeft."
        )
        self.fields["tekst"].error_messages["required"] = _("Beschrijf wat u ziet.")

    def clean_datum(self):
        return _datum_niet_in_de_toekomst(self.cleaned_data.get("datum"))

    def clean(self):
        cleaned = super().clean()
        self.controleer_persoonsgegevens()
        return cleaned


class DialoogsessieForm(ZonderPersoonsgegevens, forms.ModelForm):
    """A dialogue session: who took part (organisations), the factors weighed, the outcome.

    Each factor of the catalogue gets one select (niet besproken / licht / matig / zwaar): one
    labelled control per factor, which keyboard and screen reader users can work through in order.
    """

    privacy_velden = ("deelnemers", "conclusies", "vervolg")
    PREFIX = "factor_"

    class Meta:
        model = Dialoogsessie
        fields = ["gebied", "datum", "deelnemers", "conclusies", "vervolg"]
        labels = {
            "deelnemers": _("Deelnemende organisaties"),
            "conclusies": _("Conclusies"),
            "vervolg": _("Vervolgafspraken"),
        }
        help_texts = {
            "deelnemers": _(
                "Eén organisatie per regel, bijvoorbeeld ‘Wijkteam Haven’ of ‘GGD "
                "jeugdgezondheidszorg’. Geen namen van personen."
            ),
            "conclusies": _("Wat concludeerden de deelnemers over de wijk?"),
            "vervolg": _("Wie doet wat, en wanneer? Noem organisaties, geen personen."),
        }
        widgets = {
            "deelnemers": forms.Textarea(attrs={"rows": 4}),
            "conclusies": forms.Textarea(attrs={"rows": 5}),
            "vervolg": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, regio: Regio, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regio = regio
        self.fields["gebied"] = _wijkveld(regio)
        _datumveld(self)
        self.fields["datum"].help_text = _("De dag van de sessie; niet in de toekomst.")
        self.fields["deelnemers"].error_messages["required"] = _(
            "Noem de organisaties die deelnamen."
        )
        self.fields["conclusies"].error_messages["required"] = _("Vul de conclusies in.")
        self.factoren = list(catalogus())
        keuzes = [("", _("niet besproken")), *Gewicht.choices]
        for factor in self.factoren:
            self.fields[f"{self.PREFIX}{factor.pk}"] = forms.TypedChoiceField(
                label=factor.naam,
                choices=keuzes,
                coerce=int,
                empty_value=0,
                required=False,
                error_messages={
                    "invalid_choice": _("Kies licht, matig of zwaar, of ‘niet besproken’.")
                },
            )

    def factorgroepen(self) -> list[dict[str, Any]]:
        """The factor fields per side of the balance, and within a side per niveau."""
        zijden = [
            (FactorSoort.RISICO, _("Risicofactoren die de deelnemers zagen")),
            (FactorSoort.BESCHERMEND, _("Beschermende factoren die de deelnemers zagen")),
        ]
        groepen = []
        for soort, legend in zijden:
            niveaus: dict[str, list] = {}
            for factor in self.factoren:
                if factor.soort == soort:
                    niveaus.setdefault(factor.get_niveau_display(), []).append(
                        self[f"{self.PREFIX}{factor.pk}"]
                    )
            groepen.append(
                {
                    "soort": soort,
                    "legend": legend,
                    "niveaus": [{"naam": n, "velden": v} for n, v in niveaus.items()],
                }
            )
        return groepen

    def gewogen_factoren(self) -> dict[Risicofactor, int]:
        return {
            f: self.cleaned_data.get(f"{self.PREFIX}{f.pk}") or 0
            for f in self.factoren
            if self.cleaned_data.get(f"{self.PREFIX}{f.pk}")
        }

    def clean_datum(self):
        return _datum_niet_in_de_toekomst(self.cleaned_data.get("datum"))

    def clean(self):
        cleaned = super().clean()
        self.controleer_persoonsgegevens()
        factorfouten = any(k.startswith(self.PREFIX) for k in self.errors)
        if not factorfouten and not self.gewogen_factoren():
            self.add_error(
                None,
                _(
                    "Weeg ten minste één risicofactor of beschermende factor: kies bij die "
                    "factor licht, matig of zwaar."
                ),
            )
        return cleaned


class KennisFilterForm(forms.Form):
    """Filters of the signal and session lists; every choice lies inside the user's regio."""

    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    wijk = GegroepeerdeKeuze(
        queryset=Gebied.objects.none(),
        groep=gemeente_van,
        label=_("Wijk"),
        required=False,
        empty_label=_("Alle wijken"),
        error_messages={"invalid_choice": _("Kies een wijk uit de lijst.")},
    )
    thema = GegroepeerdeKeuze(
        queryset=Risicofactor.objects.none(),
        groep=lambda f: f.get_niveau_display(),
        label=_("Thema of factor"),
        required=False,
        empty_label=_("Alle thema’s"),
        error_messages={"invalid_choice": _("Kies een thema uit de lijst.")},
    )

    def __init__(self, *args: Any, regio: Regio, wijken: QuerySet[Gebied], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeenten = RegioGemeente.objects.filter(regio=regio).order_by("naam")
        self.fields["gemeente"].choices = [
            ("", _("Alle gemeenten")),
            *((g.code, g.naam) for g in gemeenten),
        ]
        self.fields["gemeente"].error_messages["invalid_choice"] = _(
            "Kies een gemeente uit de lijst."
        )
        self.fields["wijk"].queryset = wijken
        self.fields["wijk"].label_from_instance = wijk_label
        self.fields["thema"].queryset = catalogus()
        self.fields["thema"].label_from_instance = thema_label

    def filters(self) -> dict[str, Any]:
        """The valid filters only: a bad value is reported and left out, never a 500."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "gemeente": data.get("gemeente") or "",
            "wijk": data.get("wijk"),
            "thema": data.get("thema"),
        }
