"""Forms of the Stap 3 progress pages. They check the input (Dutch messages, nothing about a
family in free text); the saving, the permission and the audit trail are monitoring.services'.
Choices are limited to the regiovisie at hand, so a foreign id posted by hand is an ordinary
form error that reveals nothing."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from acties.models import Partner, Sturingsinstrument
from risicofactoren.forms import ZonderPersoonsgegevens, _datum_niet_in_de_toekomst, _datumveld

from .forms_sos import Rondjes
from .models import VoortgangStatus

OPMERKING = {"rows": 3}
# "45.5" is a decimal point, "1.250" the Dutch thousands separator (1250).
_PUNT_ALS_KOMMA = re.compile(r"[-+]?\d+\.(\d{1,2}|\d{4,})")


class DecimaalVeld(forms.DecimalField):
    """A decimal typed the Dutch way (45,5 or 1.250,75); 45.5 is read as 45,5 too, since a
    point that is not followed by groups of three digits cannot be a thousands separator."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.error_messages["invalid"] = _("Vul een getal in, bijvoorbeeld 45 of 45,5.")

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "")
            if _PUNT_ALS_KOMMA.fullmatch(value):
                value = value.replace(".", ",")
        return super().to_python(value)


class _Formulier(ZonderPersoonsgegevens, forms.Form):
    """A form whose free-text fields are checked for personal data before it counts as valid."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.controleer_persoonsgegevens()
        return cleaned


class MetingForm(_Formulier):
    """A measurement of a goal entered by hand."""

    privacy_velden = ("bron", "opmerking")

    waarde = DecimaalVeld(
        label=_("Waarde"),
        max_digits=14,
        decimal_places=2,
        error_messages={"required": _("Vul de gemeten waarde in.")},
    )
    datum = forms.DateField(
        label=_("Datum"),
        help_text=_("De datum waarop de waarde geldt; een jaarcijfer op 31 december."),
        error_messages={"required": _("Vul de datum van de meting in.")},
    )
    bron = forms.CharField(
        label=_("Bron"),
        max_length=300,
        error_messages={"required": _("Noem de bron van de meting.")},
        help_text=_("Bijvoorbeeld 'Jeugdmonitor 2025' of 'registratie wijkteams'."),
    )
    opmerking = forms.CharField(
        label=_("Opmerking"), required=False, widget=forms.Textarea(attrs=OPMERKING)
    )

    def __init__(self, *args: Any, eenheid: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _datumveld(self)
        if eenheid:
            self.fields["waarde"].help_text = _("In de eenheid van het doel: %(eenheid)s.") % {
                "eenheid": eenheid
            }

    def clean_datum(self):
        return _datum_niet_in_de_toekomst(self.cleaned_data.get("datum"))


class VoortgangForm(_Formulier):
    """An action's progress in one quarter; a quarter already recorded is replaced."""

    privacy_velden = ("opmerking",)

    periode = forms.ChoiceField(
        label=_("Kwartaal"),
        help_text=_("Vult u een kwartaal opnieuw in, dan vervangt dat wat er stond."),
        error_messages={"invalid_choice": _("Kies een kwartaal uit de lijst.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=VoortgangStatus.choices,
        initial=VoortgangStatus.LOOPT,
        widget=Rondjes,
        error_messages={"required": _("Kies de status van de actie in dit kwartaal.")},
    )
    bereik = forms.IntegerField(
        label=_("Gezinnen bereikt in dit kwartaal"),
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Vul een geheel aantal gezinnen in, bijvoorbeeld 12.")},
    )
    budget_besteed = DecimaalVeld(
        label=_("Budget besteed in dit kwartaal (€)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    opmerking = forms.CharField(
        label=_("Opmerking"), required=False, widget=forms.Textarea(attrs=OPMERKING)
    )

    def __init__(self, *args: Any, kwartalen: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [(k, k) for k in kwartalen]
        self.fields["periode"].initial = kwartalen[0] if kwartalen else None


class SturingsCheckForm(_Formulier):
    """A check of one requirement: met or not, on a date."""

    privacy_velden = ("opmerking",)

    datum = forms.DateField(
        label=_("Datum van de controle"),
        error_messages={"required": _("Vul de datum van de controle in.")},
    )
    voldaan = forms.TypedChoiceField(
        label=_("Voldaan?"),
        choices=[("ja", _("Ja, voldaan")), ("nee", _("Nee, niet voldaan"))],
        coerce=lambda v: v == "ja",
        widget=Rondjes,
        error_messages={"required": _("Kies of aan de eis is voldaan.")},
    )
    opmerking = forms.CharField(
        label=_("Opmerking"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _datumveld(self)

    def clean_datum(self):
        return _datum_niet_in_de_toekomst(self.cleaned_data.get("datum"))


def instrument_label(instrument: Sturingsinstrument) -> str:
    tekst = f"{instrument.actie.naam}: {instrument.get_soort_display()}"
    if instrument.omschrijving:
        tekst += f" ({instrument.omschrijving[:60]})"
    return tekst


class SturingsEisForm(_Formulier):
    """A new requirement that an instrument of an action places on a partner."""

    privacy_velden = ("eis", "toelichting")

    instrument = forms.ModelChoiceField(
        label=_("Sturingsinstrument"),
        queryset=Sturingsinstrument.objects.none(),
        empty_label=_("Kies een instrument"),
        error_messages={
            "required": _("Kies het sturingsinstrument waar de eis bij hoort."),
            "invalid_choice": _("Kies een sturingsinstrument van deze regiovisie."),
        },
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=_("Alle partners van de actie"),
        error_messages={"invalid_choice": _("Kies een partner van deze regiovisie.")},
    )
    eis = forms.CharField(
        label=_("Eis of afspraak"),
        max_length=200,
        help_text=_("Bijvoorbeeld 'Kindcheck uitgevoerd' of 'meldcode-training gevolgd'."),
        error_messages={"required": _("Beschrijf de eis of afspraak.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        instrumenten: QuerySet[Sturingsinstrument],
        partners: QuerySet[Partner],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = instrumenten
        self.fields["instrument"].label_from_instance = instrument_label
        self.fields["partner"].queryset = partners


class EvaluatieForm(_Formulier):
    """What went well, what could be better and how to develop that, for one subject."""

    privacy_velden = ("wat_ging_goed", "wat_kan_beter", "hoe_ontwikkelen")

    wat_ging_goed = forms.CharField(
        label=_("Wat ging goed?"), required=False, widget=forms.Textarea(attrs=OPMERKING)
    )
    wat_kan_beter = forms.CharField(
        label=_("Wat kan beter?"), required=False, widget=forms.Textarea(attrs=OPMERKING)
    )
    hoe_ontwikkelen = forms.CharField(
        label=_("Hoe ontwikkelen we dat?"), required=False, widget=forms.Textarea(attrs=OPMERKING)
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not any(cleaned.get(v, "").strip() for v in self.privacy_velden) and not self.errors:
            raise forms.ValidationError(_("Vul ten minste één van de drie vragen in."), code="leeg")
        return cleaned
