from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Eenheid, ImportSoort, Indicator, Richting

TOEGESTAAN = {".csv", ".txt", ".geojson", ".json"}


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "CSV-export van CBS StatLine of OData, Leefbarometer, het lange formaat "
            "(gebiedcode;indicator;periode;waarde), of GeoJSON met gebiedsgrenzen."
        ),
    )
    soort = forms.ChoiceField(
        label=_("Wat zit erin?"),
        choices=ImportSoort.choices,
        initial=ImportSoort.INDICATOREN,
        widget=forms.RadioSelect,
    )
    jaar = forms.IntegerField(
        label=_("Jaar (alleen als het bestand het niet noemt)"),
        required=False,
        min_value=1950,
        max_value=2100,
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if Path(bestand.name).suffix.lower() not in TOEGESTAAN:
            raise forms.ValidationError(
                _(
                    "Alleen CSV- of GeoJSON-bestanden (.csv, .txt, .geojson, .json) kunnen worden "
                    "geïmporteerd."
                )
            )
        return bestand


class IndicatorForm(forms.ModelForm):
    kolom = forms.CharField(label=_("Kolomnaam in het bestand"), max_length=200)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "naam",
            "eenheid",
            "decimalen",
            "richting",
            "bron",
            "definitie",
            "min_celgrootte",
        ]
        widgets = {"definitie": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eenheid"].initial = Eenheid.AANTAL
        self.fields["richting"].initial = Richting.NEUTRAAL


class ZoekForm(forms.Form):
    q = forms.CharField(label=_("Zoek op code of naam"), required=False, max_length=100)
