"""Stap 2: the regiovisie in versions, its goals, target groups and actions, the catalogues of the
guidance (ten preventive actions, aandachtspunten) and of interventions, and the aanbod that the
vraag-aanbod-analyse weighs against the estimated need.

A regiovisie is one document per cycle: its wizard steps write the text fields here and the child
rows below. Optimistic locking is one counter on the document (`lock_version`), so that a save of
any step, children included, is refused when someone else saved in between (see services).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _


def valideer_rol(waarde: str) -> None:
    """A contact or a projectleider is a role or function ("coördinator JGZ 0-4"), never a person:
    names, e-mail addresses and phone numbers change with staff and are personal data."""
    from risicofactoren.persoonsgegevens import detect_personal_data

    if problemen := detect_personal_data(waarde):
        raise ValidationError(
            [_("Noem een rol of functie, geen persoon.")] + [str(p) for p in problemen]
        )


# --- choices --------------------------------------------------------------------------------


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_VASTSTELLING = "ter_vaststelling", _("Ter vaststelling")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


class Stap(models.IntegerChoices):
    """The eight steps of the wizard; warnings of the check point to the step that fixes them."""

    REGIO = 1, _("Regio en partners")
    SITUATIE = 2, _("Situatieschets")
    VISIE = 3, _("Visie en sporen")
    DOELEN = 4, _("Doelen en doelgroepen")
    ACTIES = 5, _("Acties")
    AANDACHTSPUNTEN = 6, _("Aandachtspunten")
    STURING = 7, _("Sturing en monitoring")
    CONTROLE = 8, _("Controle en afronden")


class Spectrum(models.TextChoices):
    """The prevention spectrum of the guidance: every level needs actions."""

    ALLE_GEZINNEN = "alle_gezinnen", _("Alle gezinnen")
    VERHOOGD_RISICO = "verhoogd_risico", _("Gezinnen met een verhoogd risico")
    HERHALING = "herhaling", _("Herhaling voorkomen")


class OrganisatieSoort(models.TextChoices):
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    WIJKTEAM = "wijkteam", _("Wijkteam")
    JGZ = "jgz", _("JGZ / CJG")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    HUISARTSEN = "huisartsen", _("Huisartsen")
    POLITIE = "politie", _("Politie")
    GGD = "ggd", _("GGD")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp")
    VROUWENOPVANG = "vrouwenopvang", _("Vrouwenopvang")
    ANDERS = "anders", _("Anders")


class DoelCategorie(models.TextChoices):
    """The categories of goals in the handreiking."""

    PREVENTIE = "preventie", _("Preventie")
    SIGNALERING = "signalering", _("(Vroeg)signalering")
    NA_INCIDENTEN = "na_incidenten", _("Interventies na incidenten")
    SNELHEID = "snelheid", _("Snelheid van interveniëren")
    EEN_GEZIN = "een_gezin", _("1 gezin, 1 plan, 1 regisseur")
    REGISTRATIE = "registratie", _("Registratie")


class Erkenningsniveau(models.IntegerChoices):
    """The levels of the Databank Effectieve Jeugdinterventies, lowest first: an integer, so that
    "below goed onderbouwd" is a comparison. No level (null) means not recognised, or unknown."""

    GOED_BESCHREVEN = 1, _("Goed beschreven")
    GOED_ONDERBOUWD = 2, _("Goed onderbouwd")
    EERSTE_AANWIJZINGEN = 3, _("Effectief volgens eerste aanwijzingen")
    GOEDE_AANWIJZINGEN = 4, _("Effectief volgens goede aanwijzingen")
    STERKE_AANWIJZINGEN = 5, _("Effectief volgens sterke aanwijzingen")


class SoortSturing(models.TextChoices):
    SUBSIDIEVOORWAARDE = "subsidievoorwaarde", _("Subsidievoorwaarde")
    KWALITEITSEIS = "kwaliteitseis", _("Kwaliteitseis")
    INKOOP = "inkoop", _("Inkoop of financiering van effectieve programma's")
    KETENREGIE = "ketenregie", _("Ketenregie")
    INSPECTIE = "inspectie", _("Inspectie")


# --- catalogues (shipped as fixtures, kept by beheerders) -------------------------------------


class PreventieveActie(models.Model):
    """One of the ten preventive actions of the guidance; an Actie of a plan may build on one."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    spectrum = models.CharField(
        _("plaats in het spectrum"),
        max_length=20,
        choices=Spectrum.choices,
        help_text=_("Waar de actie meestal staat; een actie in het plan kan ervan afwijken."),
    )

    class Meta:
        verbose_name = _("preventieve actie")
        verbose_name_plural = _("preventieve acties")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.naam}"


class Interventie(models.Model):
    """An intervention with its recognition in the Databank Effectieve Jeugdinterventies.

    A recognition is a judgement at a date (valid about five years), so the source and date are
    kept with it; where the level could not be checked it stays empty and `opmerking` says so.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    aanbieder = models.CharField(_("eigenaar of licentiehouder"), max_length=200, blank=True)
    doelgroep = models.TextField(_("doelgroep"), blank=True)
    omschrijving = models.TextField(_("korte omschrijving"), blank=True)
    erkenningsniveau = models.PositiveSmallIntegerField(
        _("erkenningsniveau"), choices=Erkenningsniveau.choices, null=True, blank=True
    )
    erkend_op = models.DateField(_("datum van het oordeel"), null=True, blank=True)
    erkend_door = models.CharField(_("beoordeeld door"), max_length=200, blank=True)
    bron = models.CharField(_("bron"), max_length=300, blank=True)
    opmerking = models.TextField(_("opmerking"), blank=True)
    preventieve_acties = models.ManyToManyField(
        PreventieveActie,
        verbose_name=_("past bij de preventieve acties"),
        blank=True,
        related_name="interventies",
    )

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def onder_goed_onderbouwd(self) -> bool:
        """Not recognised (or unknown), or only goed beschreven."""
        return (self.erkenningsniveau or 0) < Erkenningsniveau.GOED_ONDERBOUWD


class Aandachtspunt(models.Model):
    """A point of attention of the guidance that each regiovisie says how it deals with."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    titel = models.CharField(_("titel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vraag = models.CharField(
        _("vraag aan de opsteller"),
        max_length=300,
        blank=True,
        help_text=_("Getoond in de wizard."),
    )

    class Meta:
        verbose_name = _("aandachtspunt")
        verbose_name_plural = _("aandachtspunten")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return self.titel


# --- the regiovisie -------------------------------------------------------------------------


class Regiovisie(models.Model):
    """One version of a regio's regiovisie huiselijk geweld en kindermishandeling (one cycle).

    Only a concept is edited; "ter vaststelling" waits for the bestuurder and a vastgestelde
    version is the record of what was decided, read-only. The next cycle starts as a copy
    (`vorige` points back to it).
    """

    regio = models.ForeignKey(
        "portal.Regio",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="regiovisies",
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Het jaar waarin deze cyclus begint."),
    )
    titel = models.CharField(_("titel"), max_length=200)
    versie = models.PositiveIntegerField(_("versie"))
    vorige = models.ForeignKey(
        "self",
        verbose_name=_("vorige versie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="volgende",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    stap = models.PositiveSmallIntegerField(
        _("laatst afgeronde stap"),
        default=0,
        validators=[MaxValueValidator(max(Stap.values))],
    )
    lock_version = models.PositiveIntegerField(_("bewerkingsnummer"), default=0)

    situatieschets = models.TextField(_("situatieschets"), blank=True)
    visie = models.TextField(_("visie en ambitie"), blank=True)
    visie_preventie = models.TextField(_("spoor preventie"), blank=True)
    visie_signaleren = models.TextField(_("spoor signaleren en melden"), blank=True)
    visie_analyseren = models.TextField(_("spoor analyseren en onderzoeken"), blank=True)
    visie_intervenieren = models.TextField(_("spoor interveniëren en nazorg"), blank=True)

    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gewijzigd = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("regiovisie")
        verbose_name_plural = _("regiovisies")
        ordering = ["regio__naam", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "versie"], name="uniek_versie_per_regio"),
            # One version in progress per regio: two drafts would drift apart.
            models.UniqueConstraint(
                fields=["regio"],
                condition=Q(status__in=["concept", "ter_vaststelling"]),
                name="een_open_regiovisie_per_regio",
            ),
            models.CheckConstraint(
                condition=~Q(status="vastgesteld") | Q(vastgesteld_op__isnull=False),
                name="vastgesteld_heeft_datum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} (versie {self.versie}, {self.get_status_display().lower()})"

    @property
    def is_bewerkbaar(self) -> bool:
        """Only a concept changes; ter vaststelling and vastgesteld are frozen."""
        return self.status == Status.CONCEPT

    @property
    def is_vastgesteld(self) -> bool:
        return self.status == Status.VASTGESTELD

    @property
    def volgende_stap(self) -> int:
        """Where the wizard continues: the step after the last one saved."""
        return min(self.stap + 1, max(Stap.values))


class Partner(models.Model):
    """An organisation in the ketenaanpak with the role through which it is reached."""

    regiovisie = models.ForeignKey(Regiovisie, on_delete=models.CASCADE, related_name="partners")
    soort = models.CharField(
        _("soort organisatie"), max_length=20, choices=OrganisatieSoort.choices
    )
    naam = models.CharField(_("naam van de organisatie"), max_length=200)
    contactrol = models.CharField(
        _("contactrol"),
        max_length=200,
        blank=True,
        validators=[valideer_rol],
        help_text=_("Een rol of functie, bijvoorbeeld 'aandachtsfunctionaris'; nooit een naam."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["regiovisie", "volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Doel(models.Model):
    """A SMART goal in one of the handreiking's categories; `meetwijze` is how it is measured."""

    regiovisie = models.ForeignKey(Regiovisie, on_delete=models.CASCADE, related_name="doelen")
    categorie = models.CharField(_("categorie"), max_length=20, choices=DoelCategorie.choices)
    omschrijving = models.TextField(_("omschrijving"))
    indicator = models.ForeignKey(
        "wijken.Indicator",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    indicator_tekst = models.CharField(
        _("nieuwe indicator"),
        max_length=300,
        blank=True,
        help_text=_("Alleen als de indicator nog niet in de catalogus staat."),
    )
    nulmeting = models.DecimalField(
        _("nulmeting"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    nulmeting_jaar = models.PositiveSmallIntegerField(
        _("jaar van de nulmeting"), null=True, blank=True
    )
    streefwaarde = models.DecimalField(
        _("streefwaarde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    streefjaar = models.PositiveSmallIntegerField(_("streefjaar"), null=True, blank=True)
    meetwijze = models.TextField(_("hoe wordt het gemeten?"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    overgenomen_van = models.ForeignKey(
        "self",
        verbose_name=_("overgenomen van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Hetzelfde doel in de vorige cyclus, zodat de voortgang te volgen is."),
    )

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["regiovisie", "volgorde", "pk"]

    def __str__(self) -> str:
        return Truncator(self.omschrijving).words(14, truncate="…")

    @property
    def heeft_indicator(self) -> bool:
        return self.indicator_id is not None or bool(self.indicator_tekst.strip())


class Doelgroep(models.Model):
    """A target group defined by risk factors and wijken (the guidance's risk groups)."""

    regiovisie = models.ForeignKey(Regiovisie, on_delete=models.CASCADE, related_name="doelgroepen")
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    risicofactoren = models.ManyToManyField(
        "risicofactoren.Risicofactor",
        verbose_name=_("risicofactoren"),
        blank=True,
        related_name="+",
    )
    wijken = models.ManyToManyField(
        "wijken.Gebied", verbose_name=_("wijken"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        ordering = ["regiovisie", "naam"]

    def __str__(self) -> str:
        return self.naam


class Actie(models.Model):
    """An action of the plan: built on one of the ten preventive actions or the regio's own."""

    regiovisie = models.ForeignKey(Regiovisie, on_delete=models.CASCADE, related_name="acties")
    preventieve_actie = models.ForeignKey(
        PreventieveActie,
        verbose_name=_("preventieve actie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acties",
        help_text=_("Leeg voor een eigen actie."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    spectrum = models.CharField(
        _("plaats in het spectrum"), max_length=20, choices=Spectrum.choices
    )
    doelen = models.ManyToManyField(
        Doel, verbose_name=_("draagt bij aan de doelen"), blank=True, related_name="acties"
    )
    doelgroep = models.ForeignKey(
        Doelgroep,
        verbose_name=_("doelgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="acties",
    )
    wijken = models.ManyToManyField(
        "wijken.Gebied",
        verbose_name=_("wijken"),
        blank=True,
        related_name="+",
        help_text=_("Leeg: de hele regio."),
    )
    interventie = models.ForeignKey(
        Interventie,
        verbose_name=_("interventie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acties",
    )
    projectleider = models.CharField(
        _("projectleider (rol of functie)"), max_length=200, blank=True, validators=[valideer_rol]
    )
    bestuurlijk_trekker = models.CharField(
        _("bestuurlijk trekker"),
        max_length=200,
        blank=True,
        help_text=_("Bij voorkeur de portefeuille, bijvoorbeeld 'wethouder Jeugd Almere'."),
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners"), blank=True, related_name="acties"
    )
    budget = models.DecimalField(
        _("budget (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    bereik_gepland = models.PositiveIntegerField(
        _("gepland bereik (gezinnen)"), null=True, blank=True
    )
    start = models.DateField(_("start"), null=True, blank=True)
    eind = models.DateField(_("eind"), null=True, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    overgenomen_van = models.ForeignKey(
        "self",
        verbose_name=_("overgenomen van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["regiovisie", "volgorde", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(eind__isnull=True) | Q(eind__gte=F("start")),
                name="actie_eind_na_start",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        if self.start and self.eind and self.eind < self.start:
            raise ValidationError({"eind": _("Het einde ligt voor de start.")})


class Sturingsinstrument(models.Model):
    """How the gemeenten steer an action (Stap 3 of the guidance, chosen in wizard step 7)."""

    actie = models.ForeignKey(Actie, on_delete=models.CASCADE, related_name="sturingsinstrumenten")
    soort = models.CharField(_("soort"), max_length=20, choices=SoortSturing.choices)
    omschrijving = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("sturingsinstrument")
        verbose_name_plural = _("sturingsinstrumenten")
        ordering = ["actie", "soort"]

    def __str__(self) -> str:
        return f"{self.actie}: {self.get_soort_display()}"


class AandachtspuntUitwerking(models.Model):
    """How this regiovisie deals with one aandachtspunt of the guidance."""

    regiovisie = models.ForeignKey(
        Regiovisie, on_delete=models.CASCADE, related_name="aandachtspunten"
    )
    aandachtspunt = models.ForeignKey(
        Aandachtspunt, verbose_name=_("aandachtspunt"), on_delete=models.PROTECT, related_name="+"
    )
    tekst = models.TextField(_("hoe het plan ermee omgaat"), blank=True)

    class Meta:
        verbose_name = _("uitwerking van een aandachtspunt")
        verbose_name_plural = _("uitwerkingen van aandachtspunten")
        ordering = ["regiovisie", "aandachtspunt__nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["regiovisie", "aandachtspunt"], name="uniek_aandachtspunt_per_visie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regiovisie_id}: {self.aandachtspunt_id}"


# --- the vraag-aanbod-analyse -----------------------------------------------------------------


class Aanbod(models.Model):
    """Help on offer in the regio: an intervention or another voorziening, where, how much.

    It belongs to the regio, not to a version of the plan: the inventory outlives a cycle.
    """

    regio = models.ForeignKey(
        "portal.Regio", verbose_name=_("regio"), on_delete=models.CASCADE, related_name="aanbod"
    )
    interventie = models.ForeignKey(
        Interventie,
        verbose_name=_("interventie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aanbod",
    )
    voorziening = models.CharField(
        _("voorziening"),
        max_length=200,
        blank=True,
        help_text=_("Naam van het aanbod als het geen interventie uit de catalogus is."),
    )
    aanbieder = models.CharField(_("aanbieder"), max_length=200)
    wijken = models.ManyToManyField(
        "wijken.Gebied",
        verbose_name=_("wijken"),
        blank=True,
        related_name="+",
        help_text=_("Leeg: de hele regio."),
    )
    capaciteit_per_jaar = models.PositiveIntegerField(_("capaciteit per jaar (gezinnen)"))
    vanaf_jaar = models.PositiveSmallIntegerField(_("vanaf jaar"), null=True, blank=True)
    tot_jaar = models.PositiveSmallIntegerField(_("tot en met jaar"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["regio", "aanbieder", "voorziening"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interventie__isnull=False) | ~Q(voorziening=""),
                name="aanbod_heeft_naam",
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.aanbieder})"

    @property
    def naam(self) -> str:
        return self.voorziening or (self.interventie.naam if self.interventie_id else "")

    def clean(self) -> None:
        if self.interventie_id is None and not self.voorziening.strip():
            raise ValidationError(_("Kies een interventie of noem de voorziening."))
        if self.vanaf_jaar and self.tot_jaar and self.tot_jaar < self.vanaf_jaar:
            raise ValidationError({"tot_jaar": _("Het laatste jaar ligt voor het eerste.")})
