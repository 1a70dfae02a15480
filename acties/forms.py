"""Forms of the regiovisie wizard: one form for the document's own fields per step, formsets for
its child rows. Choices are limited to this regiovisie and its regio, so a foreign id posted by
hand is an ordinary form error ("Selecteer een geldige keuze") that reveals nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet, BaseModelFormSet
from django.utils.translation import gettext_lazy as _

from portal.models import Regio
from risicofactoren.forms import GegroepeerdeMeerkeuze, catalogus, gemeente_van, wijk_label
from risicofactoren.models import FactorSoort
from risicofactoren.wijkkennis import huidige_wijken
from wijken.models import Gebied, Indicator

from .models import (
    AandachtspuntUitwerking,
    Actie,
    Doel,
    Doelgroep,
    Interventie,
    Partner,
    PreventieveActie,
    Regiovisie,
    Spectrum,
    Sturingsinstrument,
)

TEKSTVAK = {"rows": 5}


def regio_wijken(regio: Regio) -> QuerySet[Gebied]:
    """The wijken a plan can name: those of the member gemeenten as they are drawn now."""
    return huidige_wijken(regio)


def _wijkenveld(regio: Regio, label: str, help_text: str = "") -> GegroepeerdeMeerkeuze:
    veld = GegroepeerdeMeerkeuze(
        queryset=regio_wijken(regio),
        groep=gemeente_van,
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    veld.label_from_instance = wijk_label
    return veld


def inline_helper(*layout: Any) -> FormHelper:
    """A crispy layout for a form inside the wizard's own <form> (a formset row): no form tag,
    and the fields the formset adds (id, DELETE) rendered after the layout."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.render_unmentioned_fields = True
    helper.layout = Layout(*layout)
    return helper


class GetalVeld(forms.DecimalField):
    """A decimal shown as typed: 120 rather than 120.00 (goals count families, often whole)."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        return value


class LockForm(forms.Form):
    """The edit number the page was built from: the service refuses a stale one."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


# --- step 1: regio en partners ----------------------------------------------------------------


class AlgemeenForm(forms.ModelForm):
    class Meta:
        model = Regiovisie
        fields = ["titel", "jaar"]


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["soort", "naam", "contactrol"]


PartnerFormSet = forms.inlineformset_factory(
    Regiovisie, Partner, form=PartnerForm, extra=1, can_delete=True
)


# --- step 2 and 3: text -----------------------------------------------------------------------


class SituatieForm(forms.ModelForm):
    class Meta:
        model = Regiovisie
        fields = ["situatieschets"]
        widgets = {"situatieschets": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "situatieschets": _(
                "Uw eigen beschrijving van de situatie in de regio. De cijfers hierboven komen "
                "uit stap 1 en staan ook in het document."
            )
        }


class VisieForm(forms.ModelForm):
    class Meta:
        model = Regiovisie
        fields = [
            "visie",
            "visie_preventie",
            "visie_signaleren",
            "visie_analyseren",
            "visie_intervenieren",
        ]
        widgets = {f: forms.Textarea(attrs=TEKSTVAK) for f in fields}
        help_texts = {
            "visie": _("Wat willen de gemeenten samen bereiken, en waarom?"),
            "visie_preventie": _("Hoe voorkomt de regio dat kindermishandeling ontstaat?"),
            "visie_signaleren": _("Hoe worden zorgen vroeg gezien en gemeld (meldcode)?"),
            "visie_analyseren": _("Hoe worden meldingen geanalyseerd en onderzocht?"),
            "visie_intervenieren": _(
                "Hoe wordt ingegrepen en hoe krijgen gezinnen nazorg, zodat het niet opnieuw "
                "gebeurt?"
            ),
        }


# --- step 4: doelen en doelgroepen ------------------------------------------------------------


class DoelForm(forms.ModelForm):
    class Meta:
        model = Doel
        fields = [
            "categorie",
            "omschrijving",
            "indicator",
            "indicator_tekst",
            "nulmeting",
            "nulmeting_jaar",
            "streefwaarde",
            "streefjaar",
        ]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"nulmeting": GetalVeld, "streefwaarde": GetalVeld}
        help_texts = {
            "indicator": _(
                "Een indicator uit de catalogus van stap 1, zodat de voortgang "
                "automatisch te volgen is."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.order_by("naam")
        self.helper = inline_helper(
            "categorie",
            "omschrijving",
            Row(
                Column("indicator", css_class="col-md-6"),
                Column("indicator_tekst", css_class="col-md-6"),
            ),
            Row(
                *(
                    Column(veld, css_class="col-sm-6 col-lg-3")
                    for veld in ("nulmeting", "nulmeting_jaar", "streefwaarde", "streefjaar")
                )
            ),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        nul, streef = data.get("nulmeting_jaar"), data.get("streefjaar")
        if nul and streef and streef < nul:
            self.add_error("streefjaar", _("Het streefjaar ligt voor het jaar van de nulmeting."))
        if data.get("indicator") and (data.get("indicator_tekst") or "").strip():
            self.add_error(
                "indicator_tekst",
                _("Kies een indicator uit de catalogus of beschrijf een nieuwe, niet allebei."),
            )
        return data


DoelFormSet = forms.inlineformset_factory(Regiovisie, Doel, form=DoelForm, extra=1, can_delete=True)


class DoelgroepForm(forms.ModelForm):
    class Meta:
        model = Doelgroep
        fields = ["naam", "omschrijving", "risicofactoren", "wijken"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, regio: Regio, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["risicofactoren"] = forms.ModelMultipleChoiceField(
            queryset=catalogus().filter(soort=FactorSoort.RISICO),
            required=False,
            label=_("Risicofactoren"),
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["wijken"] = _wijkenveld(
            regio,
            _("Wijken"),
            _("Houd Ctrl (of Cmd) ingedrukt om meer wijken te kiezen. Leeg: de hele regio."),
        )


class _RegioFormSet(BaseInlineFormSet):
    """Passes the regio to every form, so its choices stay inside the regio."""

    def __init__(self, *args: Any, regio: Regio, **kwargs: Any) -> None:
        self.regio = regio
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "regio": self.regio}


DoelgroepFormSet = forms.inlineformset_factory(
    Regiovisie,
    Doelgroep,
    form=DoelgroepForm,
    formset=_RegioFormSet,
    extra=1,
    can_delete=True,
)


class VoorbeeldForm(forms.Form):
    """Adds one of the handreiking's example goals as a starting point."""

    voorbeeld = forms.IntegerField(min_value=0)


# --- step 5: acties ---------------------------------------------------------------------------


def interventie_label(interventie: Interventie) -> str:
    niveau = interventie.get_erkenningsniveau_display() or _("niet erkend of onbekend")
    return f"{interventie.naam} ({str(niveau).lower()})"


class ActieForm(forms.ModelForm):
    class Meta:
        model = Actie
        fields = [
            "preventieve_actie",
            "naam",
            "omschrijving",
            "spectrum",
            "doelen",
            "doelgroep",
            "wijken",
            "interventie",
            "projectleider",
            "bestuurlijk_trekker",
            "partners",
            "budget",
            "bereik_gepland",
            "start",
            "eind",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "spectrum": forms.RadioSelect,
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "eind": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "doelen": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "projectleider": _(
                "De rol of functie die de actie trekt en op resultaat wordt aangesproken, "
                "bijvoorbeeld 'coördinator JGZ 0-4'. Geen naam."
            ),
        }

    def __init__(self, *args: Any, regiovisie: Regiovisie, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["spectrum"].choices = Spectrum.choices  # a radio group needs no empty choice
        self.fields["preventieve_actie"].queryset = PreventieveActie.objects.all()
        self.fields["preventieve_actie"].empty_label = _("Eigen actie")
        self.fields["doelen"].queryset = regiovisie.doelen.all()
        self.fields["doelgroep"].queryset = regiovisie.doelgroepen.all()
        self.fields["partners"].queryset = regiovisie.partners.all()
        self.fields["interventie"].queryset = Interventie.objects.order_by(
            "-erkenningsniveau", "naam"
        )
        self.fields["interventie"].label_from_instance = interventie_label
        self.fields["interventie"].empty_label = _("Geen interventie uit de catalogus")
        wijken = _wijkenveld(
            regiovisie.regio,
            _("Wijken"),
            _(
                "De wijken waar de actie zich op richt. Houd Ctrl (of Cmd) ingedrukt om meer "
                "wijken te kiezen. Leeg: de hele regio."
            ),
        )
        self.fields["wijken"] = wijken
        for naam in ("start", "eind"):
            self.fields[naam].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]


class NieuweActieForm(forms.Form):
    """Step 5's starting point: one of the ten preventive actions, or an own action."""

    preventieve_actie = forms.ModelChoiceField(
        queryset=PreventieveActie.objects.all(),
        required=False,
        empty_label=_("Eigen actie"),
        label=_("Begin bij"),
    )


# --- step 6: aandachtspunten ------------------------------------------------------------------


class UitwerkingForm(forms.ModelForm):
    class Meta:
        model = AandachtspuntUitwerking
        fields = ["tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        punt = self.instance.aandachtspunt
        self.fields["tekst"].label = f"{punt.nummer}. {punt.titel}"
        self.fields["tekst"].help_text = punt.vraag


UitwerkingFormSet = forms.modelformset_factory(
    AandachtspuntUitwerking, form=UitwerkingForm, extra=0, can_delete=False
)


# --- step 7: sturing en monitoring ------------------------------------------------------------


class MeetwijzeForm(forms.ModelForm):
    class Meta:
        model = Doel
        fields = ["meetwijze"]
        widgets = {"meetwijze": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meetwijze"].label = str(self.instance)
        self.fields["meetwijze"].help_text = _(
            "Hoe en hoe vaak wordt gemeten of dit doel gehaald wordt, en door wie?"
        )


MeetwijzeFormSet = forms.modelformset_factory(Doel, form=MeetwijzeForm, extra=0)


class SturingForm(forms.ModelForm):
    class Meta:
        model = Sturingsinstrument
        fields = ["actie", "soort", "omschrijving"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, regiovisie: Regiovisie, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actie"].queryset = regiovisie.acties.all()


class _SturingFormSet(BaseModelFormSet):
    def __init__(self, *args: Any, regiovisie: Regiovisie, **kwargs: Any) -> None:
        self.regiovisie = regiovisie
        kwargs.setdefault(
            "queryset",
            Sturingsinstrument.objects.filter(actie__regiovisie=regiovisie).select_related("actie"),
        )
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "regiovisie": self.regiovisie}


SturingFormSet = forms.modelformset_factory(
    Sturingsinstrument, form=SturingForm, formset=_SturingFormSet, extra=1, can_delete=True
)


# --- status -----------------------------------------------------------------------------------


class StatusForm(LockForm):
    actie = forms.ChoiceField(
        choices=[
            ("aanbieden", _("Ter vaststelling aanbieden")),
            ("terug", _("Terug naar concept")),
            ("vaststellen", _("Vaststellen")),
        ]
    )
