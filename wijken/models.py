from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    LAND = "land", _("Land")
    GEMEENTE = "gemeente", _("Gemeente")
    WIJK = "wijk", _("Wijk")
    BUURT = "buurt", _("Buurt")


class Gebied(models.Model):
    """An area by its trimmed CBS code. A code may exist only in some years (see GebiedJaar)."""

    code = models.CharField(_("CBS-code"), max_length=12, unique=True)
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ligt in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kinderen",
    )
    gemeente = models.ForeignKey(
        "self",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    geldig_vanaf = models.PositiveSmallIntegerField(_("eerste jaar"), null=True, blank=True)
    geldig_tot = models.PositiveSmallIntegerField(_("laatste jaar"), null=True, blank=True)

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["gemeente", "soort"], name="gebied_gemeente_soort"),
            models.Index(fields=["naam"], name="gebied_naam"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})" if self.naam else self.code


class GebiedJaar(models.Model):
    """A gebied as it was in one year: its name then and, when imported, its boundary (WGS84)."""

    gebied = models.ForeignKey(Gebied, on_delete=models.CASCADE, related_name="jaren")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    geometrie = models.JSONField(_("grens (GeoJSON)"), null=True, blank=True)
    # CBS "Indelingswijziging gemeente, wijk, buurt": 1 ongewijzigd, 2 code of naam gewijzigd,
    # 3 grenzen gewijzigd — values before and after a 3 describe different areas.
    indelingswijziging = models.CharField(_("indelingswijziging"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("gebied in een jaar")
        verbose_name_plural = _("gebieden per jaar")
        constraints = [models.UniqueConstraint(fields=["gebied", "jaar"], name="uniek_gebied_jaar")]

    def __str__(self) -> str:
        return f"{self.gebied_id} {self.jaar}"


class Eenheid(models.TextChoices):
    AANTAL = "aantal", _("aantal")
    PROCENT = "procent", _("%")
    PER_1000 = "per_1000", _("per 1000")
    INDEX = "index", _("index")
    EURO = "euro", _("€")
    SCORE = "score", _("score")


class Richting(models.TextChoices):
    RISICO = "risico", _("risicofactor")
    BESCHERMEND = "beschermend", _("beschermende factor")
    NEUTRAAL = "neutraal", _("neutraal")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    eenheid = models.CharField(_("eenheid"), max_length=10, choices=Eenheid.choices)
    bron = models.CharField(_("bron"), max_length=200)
    definitie = models.TextField(_("definitie"), blank=True)
    decimalen = models.PositiveSmallIntegerField(_("decimalen"), default=0)
    richting = models.CharField(
        _("richting"), max_length=12, choices=Richting.choices, default=Richting.NEUTRAAL
    )
    min_celgrootte = models.PositiveIntegerField(
        _("minimale celgrootte"),
        null=True,
        blank=True,
        help_text=_("Aantallen kleiner dan dit worden niet getoond."),
    )
    afrondingsbasis = models.PositiveIntegerField(_("afronden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class IndicatorAlias(models.Model):
    """A column name under which the indicator appears in source files (normalised)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="aliassen")
    alias = models.CharField(_("kolomnaam"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("kolomnaam van indicator")
        verbose_name_plural = _("kolomnamen van indicatoren")

    def __str__(self) -> str:
        return self.alias


class WaardeStatus(models.TextChoices):
    OK = "ok", _("ok")
    GEHEIM = "geheim", _("geheim")
    ONTBREEKT = "ontbreekt", _("ontbreekt")


class IndicatorWaarde(models.Model):
    # No single-column indexes on the foreign keys: the unique (gebied, indicator, periode) and
    # the (indicator, periode, gebied) index serve those lookups, and every extra index costs the
    # national import about 10 % (benchmarks/import_national.py).
    gebied = models.ForeignKey(
        Gebied, on_delete=models.CASCADE, related_name="waarden", db_index=False
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="waarden", db_index=False
    )
    periode = models.PositiveSmallIntegerField(_("jaar"))
    voorlopig = models.BooleanField(_("voorlopig cijfer"), default=False)
    waarde = models.FloatField(_("waarde"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WaardeStatus.choices, default=WaardeStatus.OK
    )
    import_job = models.ForeignKey(
        "ImportJob",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        db_index=False,  # never queried by job; kept for the record
    )

    class Meta:
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")
        constraints = [
            models.UniqueConstraint(
                fields=["gebied", "indicator", "periode"], name="uniek_waarde_per_periode"
            )
        ]
        indexes = [
            # All gebieden for one indicator and year (the dashboards' main query).
            models.Index(
                fields=["indicator", "periode", "gebied"], name="waarde_indicator_periode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebied_id}/{self.indicator_id}/{self.periode}: {self.waarde}"


class ImportStatus(models.TextChoices):
    WACHTEND = "wachtend", _("wachtend")
    BEZIG = "bezig", _("bezig")
    VOLTOOID = "voltooid", _("voltooid")
    MISLUKT = "mislukt", _("mislukt")


class ImportSoort(models.TextChoices):
    INDICATOREN = "indicatoren", _("indicatorwaarden")
    GRENZEN = "grenzen", _("gebiedsgrenzen")


class ImportJob(models.Model):
    soort = models.CharField(max_length=12, choices=ImportSoort.choices)
    bestand = models.FileField(_("bestand"), upload_to="imports/%Y/%m/")
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    formaat = models.CharField(_("formaat"), max_length=80, blank=True)
    jaar = models.PositiveSmallIntegerField(_("jaar (grenzen)"), null=True, blank=True)
    overslaan = models.JSONField(_("kolommen overslaan"), default=list, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.WACHTEND
    )
    voortgang = models.PositiveSmallIntegerField(default=0)
    rijen_totaal = models.PositiveIntegerField(default=0)
    rijen_verwerkt = models.PositiveIntegerField(default=0)
    nieuw = models.PositiveIntegerField(default=0)
    gewijzigd = models.PositiveIntegerField(default=0)
    ongewijzigd = models.PositiveIntegerField(default=0)
    geheim = models.PositiveIntegerField(default=0)
    ontbrekend = models.PositiveIntegerField(default=0)
    gebieden_nieuw = models.PositiveIntegerField(default=0)
    voorbeeld = models.JSONField(_("voorbeeld"), default=dict, blank=True)
    fouten = models.JSONField(_("problemen"), default=list, blank=True)
    reden = models.TextField(_("reden van mislukken"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    regio = models.ForeignKey(
        "portal.Regio", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gestart = models.DateTimeField(null=True, blank=True)
    beeindigd = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-aangemaakt"]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.get_status_display()})"
