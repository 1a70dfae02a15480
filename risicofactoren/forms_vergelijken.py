"""The choice of the comparison page: gebieden, year, model version and indicators (GET form).

The gebieden on offer are those of the member's own regio's, as CBS drew them in the chosen year;
whatever else arrives in the query string (another regio's wijk, an unknown code) is reported as
one and the same form error, so the page never tells whether such a gebied exists.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.models import Regio
from wijken.models import Gebied, Indicator, Soort

from . import services, vergelijken
from .models import PrevalentieModel

MARKER = "indicatorkeuze"  # present when the indicators were chosen in the form itself


class _Codes(forms.MultipleChoiceField):
    """A list of codes; which of them are allowed, the form's clean method says (all at once)."""

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class VergelijkForm(forms.Form):
    gebied = _Codes(
        label=_("Gebieden"),
        error_messages={"required": _("Kies twee tot vijf wijken of gemeenten om te vergelijken.")},
    )
    jaar = forms.TypedChoiceField(
        label=_("Jaar"),
        coerce=int,
        error_messages={
            "required": _("Kies een jaar."),
            "invalid_choice": _("Kies een jaar uit de lijst."),
        },
    )
    model = forms.ChoiceField(
        label=_("Modelversie"),
        error_messages={
            "required": _("Kies een modelversie."),
            "invalid_choice": _("Kies een modelversie uit de lijst."),
        },
    )
    indicator = _Codes(label=_("Indicatoren"), required=False)

    def __init__(
        self, data: QueryDict | None = None, *, regios: QuerySet[Regio], **kwargs: Any
    ) -> None:
        modellen = list(PrevalentieModel.objects.order_by("-is_standaard", "titel"))
        standaard = services.default_model()
        gekozen_model = next(
            (m for m in modellen if data is not None and m.naam == data.get("model")), standaard
        )
        self.gemeenten = vergelijken.own_gemeenten(regios)
        self.jaren = vergelijken.years(self.gemeenten, gekozen_model)
        jaar_tekst = (data or {}).get("jaar", "")
        self.standaardjaar = vergelijken.default_year(self.jaren, gekozen_model)
        jaar = (
            int(jaar_tekst)
            if jaar_tekst.isdigit() and int(jaar_tekst) in self.jaren
            else self.standaardjaar
        )
        if data is not None:  # a link may leave out the year and the model: the defaults count
            data = data.copy()
            if not data.get("jaar") and self.standaardjaar is not None:
                data["jaar"] = str(self.standaardjaar)
            if not data.get("model") and standaard is not None:
                data["model"] = standaard.naam
        super().__init__(data, **kwargs)
        self.modellen = {m.naam: m for m in modellen}
        self.fields["model"].choices = [(m.naam, m.titel) for m in modellen]
        self.fields["model"].initial = standaard.naam if standaard else None
        self.fields["jaar"].choices = [(str(j), str(j)) for j in reversed(self.jaren)]
        self.fields["jaar"].initial = self.standaardjaar
        self.gekozen_jaar = jaar
        self.wijken = vergelijken.wijken_in_year(self.gemeenten, jaar)
        self.aanbod = {g.code: g for g in [*self.gemeenten, *self.wijken]}
        self.gemeentenamen = {g.pk: g.naam for g in self.gemeenten}
        self.fields["gebied"].choices = [(c, c) for c in self.aanbod]
        self.beschikbaar = vergelijken.indicators_with_values(
            [g.pk for g in self.aanbod.values()], jaar
        )
        self.catalogus = {i.code: i for i in Indicator.objects.all()}
        self.fields["indicator"].choices = [(c, c) for c in self.catalogus]
        self.effectieve_indicatoren: list[Indicator] | None = None

    # --- validation -----------------------------------------------------------------------------

    def clean_gebied(self) -> list[Gebied]:
        codes = list(dict.fromkeys(c.strip().upper() for c in self.cleaned_data["gebied"]))
        onbekend = [c for c in codes if c not in self.aanbod]
        if onbekend:
            raise forms.ValidationError(self._onbekend(onbekend), code="invalid_choice")
        if len(codes) < vergelijken.MIN_GEBIEDEN:
            raise forms.ValidationError(
                _(
                    "Kies ten minste twee wijken of gemeenten; u koos er één. Een vergelijking "
                    "zet twee tot vijf gebieden naast elkaar."
                ),
                code="te_weinig",
            )
        if len(codes) > vergelijken.MAX_GEBIEDEN:
            raise forms.ValidationError(
                _(
                    "Kies ten hoogste vijf wijken of gemeenten; u koos er %(n)s. Zet een vinkje "
                    "uit bij de gebieden die u niet nodig hebt."
                ),
                code="te_veel",
                params={"n": len(codes)},
            )
        return [self.aanbod[c] for c in codes]

    def _onbekend(self, codes: list[str]) -> list[str]:
        """One message per code. An own wijk of another year is named; anything else is simply
        "not a gebied of your regio" (another regio's wijk looks the same as a typo)."""
        eigen_wijken = {
            g.code: g
            for g in Gebied.objects.filter(
                code__in=codes, soort=Soort.WIJK, gemeente__in=self.gemeenten
            )
        }
        berichten, vreemd = [], []
        for code in codes:
            if code in eigen_wijken:
                wijk = eigen_wijken[code]
                berichten.append(
                    str(
                        _(
                            "De wijk %(naam)s (%(code)s) bestond in %(jaar)s niet in deze "
                            "indeling: CBS heeft de wijken anders ingedeeld. Kies een wijk uit "
                            "de lijst van %(jaar)s."
                        )
                    )
                    % {"naam": wijk.naam or code, "code": code, "jaar": self.gekozen_jaar}
                )
            else:
                vreemd.append(code[:16])
        if vreemd:
            getoond = ", ".join(vreemd[:5]) + (" …" if len(vreemd) > 5 else "")
            berichten.append(
                ngettext(
                    "%(codes)s is geen wijk of gemeente van uw regio. Kies de gebieden uit de "
                    "lijst.",
                    "%(codes)s zijn geen wijken of gemeenten van uw regio. Kies de gebieden uit "
                    "de lijst.",
                    len(vreemd),
                )
                % {"codes": getoond}
            )
        return berichten

    def clean_model(self) -> PrevalentieModel:
        return self.modellen[self.cleaned_data["model"]]

    def clean_indicator(self) -> list[Indicator]:
        codes = list(dict.fromkeys(self.cleaned_data["indicator"]))
        onbekend = [c[:40] for c in codes if c not in self.catalogus]
        if onbekend:
            raise forms.ValidationError(
                _("Onbekende indicator: %(codes)s. Kies de indicatoren uit de lijst.")
                % {"codes": ", ".join(onbekend[:5])},
                code="invalid_choice",
            )
        return [self.catalogus[c] for c in codes]

    def clean(self):
        cleaned = super().clean()
        gebieden, jaar = cleaned.get("gebied"), cleaned.get("jaar")
        if self.data.get(MARKER) or self.data.getlist("indicator"):
            self.effectieve_indicatoren = cleaned.get("indicator")
        elif gebieden and jaar is not None:
            # A link (from the gemeente overview) chooses no indicators: the risk and protective
            # ones that have values for these gebieden.
            cleaned["indicator"] = vergelijken.default_indicators(
                vergelijken.indicators_with_values([g.pk for g in gebieden], jaar)
            )
            self.effectieve_indicatoren = cleaned["indicator"]
        return cleaned

    # --- for the template -----------------------------------------------------------------------

    def _gekozen_gebieden(self) -> set[str]:
        if not self.is_bound:
            return set()
        return {c.strip().upper() for c in self.data.getlist("gebied")}

    def _gekozen_indicatoren(self) -> set[str]:
        if self.effectieve_indicatoren is not None:
            return {i.code for i in self.effectieve_indicatoren}
        if self.is_bound and (self.data.get(MARKER) or self.data.getlist("indicator")):
            return set(self.data.getlist("indicator"))
        return {i.code for i in vergelijken.default_indicators(self.beschikbaar)}

    def gebiedgroepen(self) -> list[dict[str, Any]]:
        """Per gemeente: the gemeente itself, then its wijken, and the names of those chosen."""
        gekozen = self._gekozen_gebieden()
        vergeleken = self.is_bound and not self.errors
        per_gemeente: dict[int, list[Gebied]] = {}
        for w in self.wijken:
            per_gemeente.setdefault(w.gemeente_id, []).append(w)
        groepen = []
        for g in self.gemeenten:
            opties = [
                {
                    "code": x.code,
                    "naam": x.naam or x.code,
                    "gemeente": x.soort == Soort.GEMEENTE,
                    "gekozen": x.code in gekozen,
                }
                for x in [g, *per_gemeente.get(g.pk, [])]
            ]
            namen = [o["naam"] for o in opties if o["gekozen"]]
            groepen.append(
                {
                    "gemeente": g,
                    "opties": opties,
                    "wijken": len(opties) - 1,
                    "gekozen": namen,
                    # Closed under a comparison (the summary names the choice); open to correct
                    # a choice, and when there is only one gemeente to open.
                    "open": not vergeleken and (bool(namen) or len(self.gemeenten) == 1),
                }
            )
        return groepen

    def indicatorgroepen(self) -> list[dict[str, Any]]:
        gekozen = self._gekozen_indicatoren()
        getoond = list(self.beschikbaar)
        codes = {i.code for i in getoond}
        getoond += [self.catalogus[c] for c in sorted(gekozen - codes) if c in self.catalogus]
        titels = [
            ("risico", _("Risicofactoren")),
            ("beschermend", _("Beschermende factoren")),
            ("neutraal", _("Overige indicatoren")),
        ]
        groepen = []
        for richting, titel in titels:
            opties = [
                {"code": i.code, "naam": i.naam, "gekozen": i.code in gekozen}
                for i in getoond
                if i.richting == richting
            ]
            if opties:
                groepen.append({"richting": richting, "titel": titel, "opties": opties})
        return groepen

    def aantal_gekozen_indicatoren(self) -> int:
        return len(self._gekozen_indicatoren())
