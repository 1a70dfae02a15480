"""Forms of the aanbod inventory and the vraag-aanbod-analyse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from portal.forms import GroepMetVeldId
from portal.models import Regio
from risicofactoren.forms import ZonderPersoonsgegevens
from risicofactoren.wijkkennis import huidige_wijken, wijken_van_regios
from wijken.models import Gebied

from .models import Aanbod, Interventie

EERSTE_JAAR, LAATSTE_JAAR = 2000, 2100


def interventie_label(interventie: Interventie) -> str:
    niveau = interventie.get_erkenningsniveau_display() or _("niet erkend of onbekend")
    return f"{interventie.naam} ({str(niveau).lower()})"


def wijk_label(wijk: Gebied) -> str:
    return f"{wijk.naam or wijk.code} ({wijk.code})"


class _GetoondeWijken(ModelChoiceIterator):
    """The options: the wijken as drawn today plus those already chosen, grouped per gemeente.

    The field validates against every wijk of the regio (`queryset`), so an aanbod that names a
    wijk of an earlier year keeps it; only the list a user picks from stays short.
    """

    def __iter__(self):
        groepen: dict[str, list] = {}
        for wijk in self.field.getoond:
            gemeente = wijk.gemeente.naam if wijk.gemeente else _("Overig")
            groepen.setdefault(str(gemeente), []).append(self.choice(wijk))
        yield from groepen.items()

    def __len__(self):
        return len(self.field.getoond)


class Vinkjes(GroepMetVeldId, forms.CheckboxSelectMultiple):
    pass


class WijkenKeuze(forms.ModelMultipleChoiceField):
    iterator = _GetoondeWijken

    def __init__(self, *args: Any, getoond, **kwargs: Any) -> None:
        self.getoond = list(getoond)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Gebied) -> str:
        return wijk_label(obj)


class AanbodForm(ZonderPersoonsgegevens, forms.ModelForm):
    """An aanbod of one regio; the regio comes from the view, never from the request."""

    privacy_velden = ("aanbieder", "toelichting")

    class Meta:
        model = Aanbod
        fields = [
            "interventie",
            "voorziening",
            "aanbieder",
            "capaciteit_per_jaar",
            "wijken",
            "vanaf_jaar",
            "tot_jaar",
            "toelichting",
        ]
        labels = {
            "interventie": _("Interventie uit de catalogus"),
            "voorziening": _("Of: naam van de voorziening"),
            "capaciteit_per_jaar": _("Capaciteit per jaar (aantal gezinnen)"),
        }
        help_texts = {
            "interventie": _(
                "Tussen haakjes het erkenningsniveau in de Databank Effectieve Jeugdinterventies."
            ),
            "voorziening": _(
                "Alleen als het aanbod geen interventie uit de catalogus is, bijvoorbeeld "
                "‘Opvoedspreekuur CJG’."
            ),
            "aanbieder": _("De organisatie die het aanbod geeft. Geen namen van personen."),
            "capaciteit_per_jaar": _(
                "Hoeveel gezinnen het aanbod per jaar kan helpen, over alle gekozen wijken samen."
            ),
            "vanaf_jaar": _("Leeg: al langer."),
            "tot_jaar": _("Leeg: zonder einddatum."),
            "toelichting": _(
                "Bijvoorbeeld wachttijd, doelgroep of voorwaarden. Geen gegevens over gezinnen "
                "of personen."
            ),
        }
        error_messages = {
            "aanbieder": {"required": _("Vul de aanbieder in.")},
            "capaciteit_per_jaar": {
                "required": _("Vul de capaciteit per jaar in: het aantal gezinnen."),
                "invalid": _("Vul een heel getal in, bijvoorbeeld 40."),
                "min_value": _("De capaciteit kan niet negatief zijn."),
            },
        }

    def __init__(self, *args: Any, regio: Regio, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regio = regio
        interventie = self.fields["interventie"]
        interventie.queryset = Interventie.objects.order_by("naam")
        interventie.label_from_instance = interventie_label
        interventie.empty_label = _("Geen: een andere voorziening")
        interventie.error_messages["invalid_choice"] = _("Kies een interventie uit de lijst.")

        gekozen = self.instance.wijken.all() if self.instance.pk else Gebied.objects.none()
        alle = wijken_van_regios([regio])
        self.fields["wijken"] = WijkenKeuze(
            queryset=alle,
            getoond=alle.filter(
                Q(pk__in=huidige_wijken(regio).values("pk")) | Q(pk__in=gekozen.values("pk"))
            ),
            required=False,
            label=_("Wijken"),
            widget=Vinkjes,
            help_text=_(
                "Kies geen wijk als het aanbod voor de hele regio is. De capaciteit wordt over "
                "de wijken verdeeld naar hun geschatte behoefte."
            ),
            error_messages={
                # Never echo the value: it could be the id of another regio's wijk.
                "invalid_choice": _(
                    "Kies wijken uit de lijst: wijken van de gemeenten in uw regio."
                ),
                "invalid_pk_value": _(
                    "Kies wijken uit de lijst: wijken van de gemeenten in uw regio."
                ),
            },
        )
        for naam in ("vanaf_jaar", "tot_jaar"):
            veld = self.fields[naam]
            veld.widget.attrs.update({"min": EERSTE_JAAR, "max": LAATSTE_JAAR})
            veld.error_messages["invalid"] = _("Vul een jaartal in, bijvoorbeeld 2025.")
        self.fields["capaciteit_per_jaar"].widget.attrs["min"] = 0

    def wijkgroepen(self) -> list[dict[str, Any]]:
        """The wijk options per gemeente with how many are ticked, for the template."""
        veld = self["wijken"]
        widget = veld.field.widget
        waarden = widget.format_value(veld.value())
        groepen = []
        for gemeente, opties, _index in widget.optgroups(
            veld.html_name, waarden, veld.build_widget_attrs({"id": veld.auto_id})
        ):
            groepen.append(
                {
                    "gemeente": gemeente,
                    "opties": opties,
                    "gekozen": sum(1 for o in opties if o["selected"]),
                }
            )
        return groepen

    def clean_vanaf_jaar(self):
        return self._jaar("vanaf_jaar")

    def clean_tot_jaar(self):
        return self._jaar("tot_jaar")

    def _jaar(self, naam: str) -> int | None:
        jaar = self.cleaned_data.get(naam)
        if jaar is not None and not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
            raise forms.ValidationError(
                _("Vul een jaartal tussen %(van)s en %(tot)s in.")
                % {"van": EERSTE_JAAR, "tot": LAATSTE_JAAR}
            )
        return jaar

    def clean(self):
        data = super().clean()
        if not data.get("interventie") and not (data.get("voorziening") or "").strip():
            self.add_error(
                "voorziening", _("Kies een interventie of vul de naam van de voorziening in.")
            )
        vanaf, tot = data.get("vanaf_jaar"), data.get("tot_jaar")
        if vanaf and tot and tot < vanaf:
            self.add_error("tot_jaar", _("Het laatste jaar ligt voor het eerste jaar."))
        self.controleer_persoonsgegevens()
        return data

    def _post_clean(self):
        # The model's clean() repeats the checks above in its own words and without tying the
        # name to a field: with errors of the form's own, the form is invalid anyway.
        if self._errors:
            return
        super()._post_clean()


class JaarForm(forms.Form):
    """The year of the analysis (GET): a year with estimates for the regio's wijken."""

    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False)

    def __init__(self, *args: Any, jaren: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(j, str(j)) for j in jaren]
        self.fields["jaar"].error_messages["invalid_choice"] = _(
            "Voor dat jaar zijn er geen schattingen; kies een jaar uit de lijst."
        )

    def gekozen(self) -> int | None:
        if not self.is_valid():
            return None
        return self.cleaned_data.get("jaar") or None
