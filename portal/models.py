from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Own user model from the start, so that later fields need no swap of AUTH_USER_MODEL."""

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")


class Rol(models.TextChoices):
    BEHEERDER = "beheerder", _("Beheerder")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    BESTUURDER = "bestuurder", _("Bestuurder")
    WIJKPROFESSIONAL = "wijkprofessional", _("Wijkprofessional")
    LEZER = "lezer", _("Lezer")


class Regio(models.Model):
    """A named cooperation of gemeenten that writes one regiovisie together."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["naam"]
        permissions = [
            ("view_statistieken", _("Mag openbare statistieken en dashboards bekijken")),
            ("view_plannen", _("Mag regiovisie, acties en monitoring van de regio bekijken")),
            ("import_data", _("Mag indicatorbestanden importeren en de catalogus beheren")),
            ("edit_regiovisie", _("Mag de regiovisie en acties bewerken")),
            ("vaststellen_regiovisie", _("Mag de regiovisie vaststellen")),
            ("record_signalen", _("Mag signalen en scores uit de wijk vastleggen")),
            ("view_audit", _("Mag het logboek van de regio bekijken")),
        ]

    def __str__(self) -> str:
        return self.naam


class RegioGemeente(models.Model):
    """A member gemeente, by CBS code: the gebieden register (wijken app) joins on the code."""

    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, related_name="gemeenten")
    code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=6,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een gemeentecode ziet eruit als GM0034."))],
    )
    naam = models.CharField(_("naam"), max_length=200)
    is_centrumgemeente = models.BooleanField(_("centrumgemeente"), default=False)

    class Meta:
        verbose_name = _("gemeente in regio")
        verbose_name_plural = _("gemeenten in regio")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "code"], name="uniek_gemeente_per_regio")
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


class Lidmaatschap(models.Model):
    """A user's role in one regio; a user may hold roles in several regio's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, related_name="lidmaatschappen")
    rol = models.CharField(_("rol"), max_length=32, choices=Rol.choices)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["regio__naam", "rol"]
        constraints = [
            models.UniqueConstraint(fields=["user", "regio", "rol"], name="uniek_rol_per_regio")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_rol_display()} in {self.regio}"


class AuditEventType(models.TextChoices):
    SIGNED_IN = "signed_in", _("Aangemeld")
    SIGNED_OUT = "signed_out", _("Afgemeld")
    SIGN_IN_FAILED = "sign_in_failed", _("Mislukte aanmelding")
    LOCKED_OUT = "locked_out", _("Account tijdelijk geblokkeerd")
    PASSWORD_CHANGED = "password_changed", _("Wachtwoord gewijzigd")
    MEMBERSHIP_CHANGED = "membership_changed", _("Lidmaatschap gewijzigd")
    IMPORT_STARTED = "import_started", _("Import gestart")
    IMPORT_FINISHED = "import_finished", _("Import voltooid")
    IMPORT_FAILED = "import_failed", _("Import mislukt")
    PLAN_CHANGED = "plan_changed", _("Regiovisie gewijzigd")
    PLAN_VASTGESTELD = "plan_vastgesteld", _("Regiovisie vastgesteld")
    SIGNAAL_VASTGELEGD = "signaal_vastgelegd", _("Signaal vastgelegd")
    SIGNAAL_VERWIJDERD = "signaal_verwijderd", _("Signaal verwijderd")
    DIALOOGSESSIE_VASTGELEGD = "dialoogsessie_vastgelegd", _("Dialoogsessie vastgelegd")
    DIALOOGSESSIE_VERWIJDERD = "dialoogsessie_verwijderd", _("Dialoogsessie verwijderd")
    RISICOFACTOR_GEWIJZIGD = "risicofactor_gewijzigd", _("Risico- of beschermende factor gewijzigd")
    AANBOD_VASTGELEGD = "aanbod_vastgelegd", _("Aanbod vastgelegd")
    AANBOD_GEWIJZIGD = "aanbod_gewijzigd", _("Aanbod gewijzigd")
    AANBOD_VERWIJDERD = "aanbod_verwijderd", _("Aanbod verwijderd")
    MONITORING_VASTGELEGD = "monitoring_vastgelegd", _("Voortgang of sturing vastgelegd")
    SOS_VASTGELEGD = "sos_vastgelegd", _("Signs of Safety-score vastgelegd")
    SOS_VERWIJDERD = "sos_verwijderd", _("Signs of Safety-score verwijderd")
    SOS_GEIMPORTEERD = "sos_geimporteerd", _("Signs of Safety-scores geïmporteerd")


class AuditEvent(models.Model):
    """Who did what, when: written only through the named functions in portal.audit."""

    type = models.CharField(_("gebeurtenis"), max_length=40, choices=AuditEventType.choices)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), null=True, blank=True, on_delete=models.SET_NULL
    )
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=500, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["type", "-tijdstip"], name="audit_type_tijd")]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.get_type_display()} {self.gebruikersnaam}"


class Melding(models.Model):
    """A point for attention on the home page of a regio's users with one of `rollen`.

    Generic, so that the home page needs no knowledge of the apps that write them (dependencies
    point to portal): a job of another app keeps its own meldingen up to date through
    portal.meldingen.bijwerken, identified by `sleutel` ("monitoring:actie-verlopen:12"), and
    marks them opgelost when the situation no longer holds. `tekst` is a msgid with %(name)s
    placeholders filled from `parameters` at display time, so it is shown in the user's language.
    """

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="meldingen"
    )
    sleutel = models.CharField(_("sleutel"), max_length=200, unique=True)
    rollen = models.JSONField(_("getoond aan de rollen"), default=list)
    tekst = models.CharField(_("tekst"), max_length=500)
    parameters = models.JSONField(_("parameters van de tekst"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    opgelost_op = models.DateTimeField(_("opgelost op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["regio", "aangemaakt", "pk"]
        indexes = [models.Index(fields=["regio", "opgelost_op"], name="melding_regio_open")]

    def __str__(self) -> str:
        return self.sleutel

    @property
    def weergave(self) -> str:
        """The text in the active language with its parameters filled in."""
        from django.utils.translation import gettext

        try:
            return gettext(self.tekst) % self.parameters
        except (KeyError, TypeError, ValueError):
            return self.tekst
