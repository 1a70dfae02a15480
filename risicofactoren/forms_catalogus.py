"""Forms for the factor catalogue: the beheerder's edit form and the checks the admin shares."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from wijken.models import Indicator

from .models import Risicofactor

RR_VELDEN = ("relatief_risico", "rr_ondergrens", "rr_bovengrens")
BEWERKBAAR = ("naam", "toelichting", "proxy_indicatoren", *RR_VELDEN, "bron")


class RelatiefRisicoMixin:
    """Relative risk and interval: all three or none, each above 0, ondergrens ≤ RR ≤ bovengrens."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        waarden = {veld: cleaned.get(veld) for veld in RR_VELDEN}
        for veld, waarde in waarden.items():
            if waarde is not None and waarde <= 0:
                self.add_error(veld, _("Vul een getal groter dan 0 in."))
        if self.errors.keys() & set(RR_VELDEN):
            return cleaned
        ingevuld = [w is not None for w in waarden.values()]
        if any(ingevuld) and not all(ingevuld):
            for veld, waarde in waarden.items():
                if waarde is None:
                    self.add_error(
                        veld,
                        _(
                            "Vul het relatieve risico, de ondergrens en de bovengrens alle drie "
                            "in, of laat ze alle drie leeg."
                        ),
                    )
            return cleaned
        if all(ingevuld):
            rr, onder, boven = (waarden[v] for v in RR_VELDEN)
            if not onder <= rr <= boven:
                self.add_error(
                    None,
                    _(
                        "Het interval klopt niet: de ondergrens (%(onder)s) moet kleiner dan of "
                        "gelijk aan het relatieve risico (%(rr)s) zijn, en het relatieve risico "
                        "kleiner dan of gelijk aan de bovengrens (%(boven)s)."
                    )
                    % {"onder": _getal(onder), "rr": _getal(rr), "boven": _getal(boven)},
                )
            if not (cleaned.get("bron") or "").strip():
                self.add_error("bron", _("Vermeld de bron van het relatieve risico."))
        return cleaned


def _getal(waarde: float) -> str:
    """2.0 as "2", 2.5 as "2,5" (in the active language's notation)."""
    return number_format(Decimal(f"{waarde:.6g}"), use_l10n=True)


class RisicofactorForm(RelatiefRisicoMixin, forms.ModelForm):
    """What a beheerder may change in the portal; code, soort, niveau and cluster stay."""

    class Meta:
        model = Risicofactor
        fields = list(BEWERKBAAR)
        localized_fields = list(RR_VELDEN)
        widgets = {
            "toelichting": forms.Textarea(attrs={"rows": 4}),
            "proxy_indicatoren": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "toelichting": _(
                "Twee à drie zinnen in gewone taal: wat is de factor en waarom telt hij?"
            ),
            "proxy_indicatoren": _(
                "Alleen indicatoren die per wijk echt voor deze factor staan; laat leeg als er "
                "geen is."
            ),
            "relatief_risico": _(
                "Hoeveel keer zo vaak kindermishandeling voorkomt bij kinderen met deze factor als "
                "bij kinderen zonder, bijvoorbeeld 2,29. Laat leeg als geen bron het geeft."
            ),
            "bron": _("Publicatie waaruit het relatieve risico en het interval komen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proxy_indicatoren"].queryset = Indicator.objects.order_by("naam")
        self.fields["proxy_indicatoren"].required = False


def momentopname(factor: Risicofactor) -> dict[str, Any]:
    """The editable fields of a factor as JSON-ready values, to compare before and after."""
    waarden: dict[str, Any] = {
        veld: getattr(factor, veld) for veld in BEWERKBAAR if veld != "proxy_indicatoren"
    }
    if factor.pk:
        waarden["proxy_indicatoren"] = sorted(
            factor.proxy_indicatoren.values_list("code", flat=True)
        )
    return waarden


def wijzigingen(oud: dict[str, Any], nieuw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        veld: {"oud": oud.get(veld), "nieuw": nieuw.get(veld)}
        for veld in BEWERKBAAR
        if oud.get(veld) != nieuw.get(veld)
    }
