from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import AuditEventType


class GroepMetVeldId:
    """For radio buttons and checkboxes: the group has the field's own id (the template's
    fieldset), so that the error summary can link to it; the options keep their own ids."""

    def id_for_label(self, id_, index=None):
        if index is None:
            return id_
        return super().id_for_label(id_, index)


class AanmeldForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord is onjuist. "
            "Let op: beide velden zijn hoofdlettergevoelig."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met uw beheerder."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})


class LogboekFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Gebeurtenis"),
        required=False,
        choices=[("", _("Alle gebeurtenissen")), *AuditEventType.choices],
    )
    gebruiker = forms.CharField(label=_("Gebruikersnaam bevat"), required=False, max_length=150)
    regio = forms.ModelChoiceField(
        label=_("Regio"), required=False, queryset=None, empty_label=_("Al mijn regio's")
    )

    def __init__(self, *args, regios, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].queryset = regios
