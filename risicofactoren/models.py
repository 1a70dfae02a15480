"""Stap 1 analysis: risk and protective factors, the prevalence model (as data), the estimates,
and what the wijk itself knows (signals, dialogue sessions)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Niveau(models.TextChoices):
    OUDER = "ouder", _("Ouder")
    KIND = "kind", _("Kind")
    GEZIN = "gezin", _("Gezin")
    OMGEVING = "omgeving", _("Omgeving")


class Cluster(models.TextChoices):
    """The guidance splits the parent factors in three; the other levels have no clusters."""

    GEEN = "", _("—")
    OPVOEDER = "opvoeder", _("Functioneren als opvoeder")
    PERSOONLIJK = "persoonlijk", _("Persoonlijk functioneren")
    VOORGESCHIEDENIS = "voorgeschiedenis", _("Voorgeschiedenis")


class FactorSoort(models.TextChoices):
    RISICO = "risico", _("risicofactor")
    BESCHERMEND = "beschermend", _("beschermende factor")


class Risicofactor(models.Model):
    """A risk or protective factor as the guidance lists it; editable by beheerders."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=12, choices=FactorSoort.choices)
    niveau = models.CharField(_("niveau"), max_length=10, choices=Niveau.choices)
    cluster = models.CharField(_("cluster"), max_length=20, choices=Cluster.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    proxy_indicatoren = models.ManyToManyField(
        "wijken.Indicator",
        verbose_name=_("indicatoren die ervoor staan"),
        blank=True,
        related_name="risicofactoren",
    )
    relatief_risico = models.FloatField(_("relatief risico"), null=True, blank=True)
    rr_ondergrens = models.FloatField(_("relatief risico, ondergrens"), null=True, blank=True)
    rr_bovengrens = models.FloatField(_("relatief risico, bovengrens"), null=True, blank=True)
    bron = models.CharField(_("bron"), max_length=300, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("risico- of beschermende factor")
        verbose_name_plural = _("risico- en beschermende factoren")
        ordering = ["soort", "volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class PrevalentieModel(models.Model):
    """One version of the prevalence model: every parameter is data, never a constant in code."""

    naam = models.SlugField(_("naam"), max_length=60, unique=True)
    titel = models.CharField(_("titel"), max_length=200)
    basis_per_1000 = models.FloatField(_("basisprevalentie per 1000 kinderen"))
    basis_ondergrens = models.FloatField(_("basisprevalentie, ondergrens"))
    basis_bovengrens = models.FloatField(_("basisprevalentie, bovengrens"))
    basis_bron = models.TextField(_("bron van de basisprevalentie"))
    trekkingen = models.PositiveIntegerField(
        _("aantal simulatietrekkingen"), default=1000, validators=[MinValueValidator(100)]
    )
    min_kinderen = models.PositiveIntegerField(
        _("minimum aantal kinderen voor een schatting"), default=50
    )
    toeslag_onzekerheid = models.FloatField(
        _("extra onzekerheid bij een ontbrekende waarde"),
        default=0.25,
        help_text=_(
            "Relatieve standaardafwijking van een aandeel dat van de gemeente of het land is "
            "overgenomen omdat het gebied zelf geen waarde heeft."
        ),
    )
    seed = models.PositiveIntegerField(_("startwaarde van de simulatie"), default=20240101)
    is_standaard = models.BooleanField(_("standaardversie"), default=False)
    toelichting = models.TextField(_("toelichting"), blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("prevalentiemodel")
        verbose_name_plural = _("prevalentiemodellen")
        ordering = ["-is_standaard", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_standaard"], condition=Q(is_standaard=True), name="een_standaardmodel"
            )
        ]

    def __str__(self) -> str:
        return self.titel


class ModelFactor(models.Model):
    """A factor of a model version: its relative risk and how its share per gebied is read.

    The share is sum(teller) / sum(noemer) of indicator values in the gebied; with no noemer the
    teller is a percentage. `landelijk_aandeel` is the national share used when no NL value has
    been imported for the year.
    """

    model = models.ForeignKey(PrevalentieModel, on_delete=models.CASCADE, related_name="factoren")
    risicofactor = models.ForeignKey(Risicofactor, on_delete=models.PROTECT, related_name="+")
    relatief_risico = models.FloatField(_("relatief risico"), validators=[MinValueValidator(0)])
    rr_ondergrens = models.FloatField(_("ondergrens"), validators=[MinValueValidator(0)])
    rr_bovengrens = models.FloatField(_("bovengrens"), validators=[MinValueValidator(0)])
    rr_bron = models.TextField(_("bron van het relatieve risico"))
    teller = models.JSONField(_("teller (indicatorcodes)"), default=list)
    noemer = models.JSONField(_("noemer (indicatorcodes)"), default=list, blank=True)
    landelijk_aandeel = models.FloatField(
        _("landelijk aandeel"), validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    landelijk_bron = models.TextField(_("bron van het landelijke aandeel"))

    class Meta:
        verbose_name = _("factor van het model")
        verbose_name_plural = _("factoren van het model")
        ordering = ["model", "risicofactor__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["model", "risicofactor"], name="uniek_modelfactor")
        ]

    def __str__(self) -> str:
        return f"{self.model.naam}: {self.risicofactor.naam}"


class Schatting(models.Model):
    """The estimate for one gebied, year and model version (recomputed, never edited)."""

    gebied = models.ForeignKey("wijken.Gebied", on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    model = models.ForeignKey(
        PrevalentieModel, on_delete=models.CASCADE, related_name="schattingen"
    )
    kinderen = models.FloatField(_("kinderen 0–17"), null=True, blank=True)
    kinderen_bron = models.CharField(_("herkomst van het aantal kinderen"), max_length=200)
    schatting = models.FloatField(_("geschat aantal mishandelde kinderen"), null=True, blank=True)
    ondergrens = models.FloatField(_("ondergrens (95 %)"), null=True, blank=True)
    bovengrens = models.FloatField(_("bovengrens (95 %)"), null=True, blank=True)
    per_1000 = models.FloatField(_("per 1000 kinderen"), null=True, blank=True)
    ratio = models.FloatField(_("verhouding tot landelijk"), null=True, blank=True)
    factoren = models.JSONField(_("factoren"), default=dict)
    opmerkingen = models.JSONField(_("opmerkingen"), default=list)
    reden = models.CharField(_("reden zonder schatting"), max_length=300, blank=True)
    berekend = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("schatting")
        verbose_name_plural = _("schattingen")
        constraints = [
            models.UniqueConstraint(fields=["gebied", "jaar", "model"], name="uniek_schatting")
        ]
        indexes = [models.Index(fields=["model", "jaar", "gebied"], name="schatting_model_jaar")]

    def __str__(self) -> str:
        return f"{self.gebied_id} {self.jaar} {self.model_id}: {self.schatting}"


# --- what the wijk knows --------------------------------------------------------------------


class Signaal(models.Model):
    """What a wijkprofessional sees in a wijk. No personal data of families."""

    regio = models.ForeignKey("portal.Regio", on_delete=models.CASCADE, related_name="signalen")
    gebied = models.ForeignKey(
        "wijken.Gebied", verbose_name=_("wijk"), on_delete=models.PROTECT, related_name="+"
    )
    thema = models.ForeignKey(
        Risicofactor, verbose_name=_("thema"), on_delete=models.PROTECT, related_name="signalen"
    )
    datum = models.DateField(_("datum"))
    bron_organisatie = models.CharField(_("organisatie"), max_length=200)
    tekst = models.TextField(_("wat ziet u?"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-datum", "-aangemaakt"]
        indexes = [models.Index(fields=["regio", "gebied"], name="signaal_regio_gebied")]

    def __str__(self) -> str:
        return f"{self.gebied_id} {self.datum}: {self.thema_id}"


class Dialoogsessie(models.Model):
    """A dialogue session per wijk in which risk and protective factors are weighed (balansmodel)."""

    regio = models.ForeignKey(
        "portal.Regio", on_delete=models.CASCADE, related_name="dialoogsessies"
    )
    gebied = models.ForeignKey(
        "wijken.Gebied", verbose_name=_("wijk"), on_delete=models.PROTECT, related_name="+"
    )
    datum = models.DateField(_("datum"))
    deelnemers = models.TextField(
        _("deelnemers"), help_text=_("Organisaties die deelnamen, één per regel; geen namen.")
    )
    conclusies = models.TextField(_("conclusies"))
    vervolg = models.TextField(_("vervolgafspraken"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dialoogsessie")
        verbose_name_plural = _("dialoogsessies")
        ordering = ["-datum", "-aangemaakt"]
        indexes = [models.Index(fields=["regio", "gebied"], name="dialoog_regio_gebied")]

    def __str__(self) -> str:
        return f"{self.gebied_id} {self.datum}"


class Gewicht(models.IntegerChoices):
    LICHT = 1, _("licht")
    MATIG = 2, _("matig")
    ZWAAR = 3, _("zwaar")


class DialoogFactor(models.Model):
    """A factor seen in a dialogue session with its weight on its side of the balance."""

    sessie = models.ForeignKey(Dialoogsessie, on_delete=models.CASCADE, related_name="factoren")
    risicofactor = models.ForeignKey(Risicofactor, on_delete=models.PROTECT, related_name="+")
    gewicht = models.PositiveSmallIntegerField(
        _("gewicht"), choices=Gewicht.choices, default=Gewicht.MATIG
    )

    class Meta:
        verbose_name = _("factor in een dialoogsessie")
        verbose_name_plural = _("factoren in een dialoogsessie")
        constraints = [
            models.UniqueConstraint(fields=["sessie", "risicofactor"], name="uniek_dialoogfactor")
        ]

    def __str__(self) -> str:
        return f"{self.sessie_id}: {self.risicofactor_id} ({self.gewicht})"
