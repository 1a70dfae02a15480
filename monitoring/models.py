"""Stap 3: steering and monitoring of a vastgestelde regiovisie.

Measurements on goals (taken from imported indicator values or entered by hand), the progress of
actions per quarter, the steering-instruments register (requirements per instrument and partner,
and the checks of whether they were met), Signs of Safety scaling scores per pseudonymous
trajectory, and the evaluation notes that the next cycle starts from.

The rules that turn these rows into a status, an aggregate or a reminder live in services.py;
what of an aggregate may be shown is decided by portal.disclosure.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SCORE_MIN = 0
SCORE_MAX = 10


def valideer_traject(waarde: str) -> None:
    """Field validator: a trajectory code is a pseudonym, never a name, BSN, date or address.

    The rules are in services.valideer_trajectcode (one place for the form, the CSV import and
    the model)."""
    from .services import valideer_trajectcode

    valideer_trajectcode(waarde)


# --- choices --------------------------------------------------------------------------------


class Herkomst(models.TextChoices):
    AUTOMATISCH = "automatisch", _("Automatisch (uit de indicatorcijfers)")
    HANDMATIG = "handmatig", _("Handmatig ingevoerd")


class VoortgangStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    LOOPT = "loopt", _("Loopt")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


class Moment(models.TextChoices):
    """The moments of a Signs of Safety trajectory at which the scaling question is asked."""

    START = "start", _("Start")
    TUSSENTIJDS = "tussentijds", _("Tussentijds")
    AFSLUITING = "afsluiting", _("Afsluiting")


class Perspectief(models.TextChoices):
    """Who gave the score: the professional, a parent or the child."""

    HULPVERLENER = "hulpverlener", _("Hulpverlener")
    OUDER = "ouder", _("Ouder")
    KIND = "kind", _("Kind")


# --- goals ----------------------------------------------------------------------------------


class Meting(models.Model):
    """A measurement of a goal's indicator at a date.

    Automatic measurements are derived from the imported indicator values of the regio's
    gemeenten (services.automatische_metingen) and are rewritten when those change; hand-entered
    ones are kept as entered. One per goal, date and origin.
    """

    doel = models.ForeignKey(
        "acties.Doel", verbose_name=_("doel"), on_delete=models.CASCADE, related_name="metingen"
    )
    waarde = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    datum = models.DateField(
        _("datum"), help_text=_("De datum waarop de waarde geldt; een jaarcijfer op 31 december.")
    )
    bron = models.CharField(_("bron"), max_length=300, blank=True)
    opmerking = models.TextField(_("opmerking"), blank=True)
    herkomst = models.CharField(
        _("herkomst"), max_length=12, choices=Herkomst.choices, default=Herkomst.HANDMATIG
    )
    periode = models.PositiveSmallIntegerField(
        _("jaar van het indicatorcijfer"),
        null=True,
        blank=True,
        help_text=_("Alleen bij automatische metingen."),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["doel", "datum", "herkomst"]
        constraints = [
            models.UniqueConstraint(
                fields=["doel", "datum", "herkomst"], name="uniek_meting_per_doel_datum"
            )
        ]
        indexes = [models.Index(fields=["doel", "-datum"], name="meting_doel_datum")]

    def __str__(self) -> str:
        return f"{self.doel_id} {self.datum}: {self.waarde}"


class Evaluatie(models.Model):
    """What the cycle taught, per goal, per action or for the plan as a whole (both empty).

    The next cycle's concept points back to this regiovisie (`vorige`), so these notes travel
    with it; copied goals and actions find theirs through `overgenomen_van`.
    """

    regiovisie = models.ForeignKey(
        "acties.Regiovisie",
        verbose_name=_("regiovisie"),
        on_delete=models.CASCADE,
        related_name="evaluaties",
    )
    doel = models.ForeignKey(
        "acties.Doel",
        verbose_name=_("doel"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluaties",
    )
    actie = models.ForeignKey(
        "acties.Actie",
        verbose_name=_("actie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluaties",
    )
    wat_ging_goed = models.TextField(_("wat ging goed?"), blank=True)
    wat_kan_beter = models.TextField(_("wat kan beter?"), blank=True)
    hoe_ontwikkelen = models.TextField(_("hoe ontwikkelen we dat?"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gewijzigd = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["regiovisie", "doel", "actie"]
        constraints = [
            models.CheckConstraint(
                condition=Q(doel__isnull=True) | Q(actie__isnull=True),
                name="evaluatie_doel_of_actie",
            ),
            models.UniqueConstraint(
                fields=["doel"], condition=Q(doel__isnull=False), name="een_evaluatie_per_doel"
            ),
            models.UniqueConstraint(
                fields=["actie"], condition=Q(actie__isnull=False), name="een_evaluatie_per_actie"
            ),
            models.UniqueConstraint(
                fields=["regiovisie"],
                condition=Q(doel__isnull=True, actie__isnull=True),
                name="een_evaluatie_per_plan",
            ),
        ]

    def __str__(self) -> str:
        return str(self.doel or self.actie or self.regiovisie)

    def clean(self) -> None:
        if self.doel_id and self.actie_id:
            raise ValidationError(_("Een evaluatie gaat over één doel of één actie, niet beide."))
        for onderdeel in (self.doel, self.actie):
            if onderdeel is not None and onderdeel.regiovisie_id != self.regiovisie_id:
                raise ValidationError(_("Het doel of de actie hoort bij een andere regiovisie."))


# --- actions --------------------------------------------------------------------------------


class ActieVoortgang(models.Model):
    """Progress of an action in one quarter ("2026-K1": sorts as text, reads as Dutch).

    `bereik` and `budget_besteed` are what happened in that quarter, not running totals, so a
    late correction of one quarter does not ripple into the next; services add them up.
    """

    actie = models.ForeignKey(
        "acties.Actie",
        verbose_name=_("actie"),
        on_delete=models.CASCADE,
        related_name="voortgang",
    )
    periode = models.CharField(
        _("kwartaal"),
        max_length=7,
        validators=[
            RegexValidator(
                r"^(19|20)\d\d-K[1-4]$", _("Een kwartaal schrijft u als 2026-K1 (jaar-K1 tot K4).")
            )
        ],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VoortgangStatus.choices, default=VoortgangStatus.LOOPT
    )
    bereik = models.PositiveIntegerField(
        _("gezinnen bereikt"),
        null=True,
        blank=True,
        help_text=_("Het aantal gezinnen dat in dit kwartaal is bereikt."),
    )
    budget_besteed = models.DecimalField(
        _("budget besteed (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Wat in dit kwartaal is uitgegeven."),
    )
    opmerking = models.TextField(_("opmerking"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gewijzigd = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("voortgang van een actie")
        verbose_name_plural = _("voortgang van acties")
        ordering = ["actie", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["actie", "periode"], name="uniek_voortgang_per_kwartaal"
            ),
            models.CheckConstraint(
                condition=Q(budget_besteed__isnull=True) | Q(budget_besteed__gte=0),
                name="voortgang_budget_niet_negatief",
            ),
        ]
        indexes = [models.Index(fields=["actie", "-periode"], name="voortgang_actie_periode")]

    def __str__(self) -> str:
        return f"{self.actie_id} {self.periode}: {self.get_status_display()}"


# --- the steering-instruments register --------------------------------------------------------


class SturingsEis(models.Model):
    """A requirement that an instrument of an action places on a partner.

    Builds on acties.Sturingsinstrument (which instrument steers which action): here what it
    asks ("Kindcheck uitgevoerd" as a kwaliteitseis, "meldcode-training gevolgd") and of whom.
    No partner means every partner of the action.
    """

    instrument = models.ForeignKey(
        "acties.Sturingsinstrument",
        verbose_name=_("sturingsinstrument"),
        on_delete=models.CASCADE,
        related_name="eisen",
    )
    partner = models.ForeignKey(
        "acties.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sturingseisen",
        help_text=_("Leeg: alle partners van de actie."),
    )
    eis = models.CharField(
        _("eis of afspraak"),
        max_length=200,
        help_text=_("Bijvoorbeeld 'Kindcheck uitgevoerd' of 'meldcode-training gevolgd'."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("sturingseis")
        verbose_name_plural = _("sturingseisen")
        ordering = ["instrument", "eis"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "partner", "eis"], name="uniek_eis_per_instrument_partner"
            )
        ]

    def __str__(self) -> str:
        return self.eis

    def clean(self) -> None:
        if (
            self.partner_id
            and self.instrument_id
            and self.partner.regiovisie_id != self.instrument.actie.regiovisie_id
        ):
            raise ValidationError({"partner": _("Deze partner hoort bij een andere regiovisie.")})


class SturingsCheck(models.Model):
    """One check of whether a requirement was met; the latest one is the register's answer."""

    eis = models.ForeignKey(
        SturingsEis, verbose_name=_("eis"), on_delete=models.CASCADE, related_name="checks"
    )
    datum = models.DateField(_("datum van de controle"))
    voldaan = models.BooleanField(_("voldaan"))
    opmerking = models.TextField(_("opmerking"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("controle van een sturingseis")
        verbose_name_plural = _("controles van sturingseisen")
        ordering = ["eis", "-datum"]
        constraints = [
            models.UniqueConstraint(fields=["eis", "datum"], name="uniek_check_per_eis_datum")
        ]
        indexes = [models.Index(fields=["eis", "-datum"], name="check_eis_datum")]

    def __str__(self) -> str:
        return f"{self.eis} {self.datum}: {'ja' if self.voldaan else 'nee'}"


# --- Signs of Safety ------------------------------------------------------------------------


class SosScore(models.Model):
    """A Signs of Safety scaling score: 0 (the child is not safe) to 10 (safe enough to close).

    The family is known here only by a pseudonymous trajectory code; the regio's own records
    hold the key. A trajectory belongs to one wijk and one intervention or programme.
    """

    regio = models.ForeignKey(
        "portal.Regio", verbose_name=_("regio"), on_delete=models.CASCADE, related_name="sos_scores"
    )
    traject = models.CharField(
        _("trajectcode"),
        max_length=40,
        validators=[valideer_traject],
        help_text=_("Een pseudoniem zoals ALM-2026-0042; nooit een naam, BSN of geboortedatum."),
    )
    interventie = models.ForeignKey(
        "acties.Interventie",
        verbose_name=_("interventie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sos_scores",
    )
    programma = models.CharField(
        _("programma"),
        max_length=200,
        blank=True,
        help_text=_("Als de aanpak geen interventie uit de catalogus is."),
    )
    wijk = models.ForeignKey(
        "wijken.Gebied", verbose_name=_("wijk"), on_delete=models.PROTECT, related_name="+"
    )
    moment = models.CharField(_("moment"), max_length=12, choices=Moment.choices)
    perspectief = models.CharField(_("perspectief"), max_length=12, choices=Perspectief.choices)
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
        help_text=_("0: het kind is niet veilig; 10: veilig genoeg om af te sluiten."),
    )
    datum = models.DateField(_("datum"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("Signs of Safety-score")
        verbose_name_plural = _("Signs of Safety-scores")
        ordering = ["regio", "traject", "datum", "moment", "perspectief"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "traject", "moment", "perspectief", "datum"],
                name="uniek_sos_score",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                name="sos_score_0_tot_10",
            ),
            models.CheckConstraint(
                condition=Q(interventie__isnull=False) | ~Q(programma=""),
                name="sos_interventie_of_programma",
            ),
        ]
        indexes = [
            models.Index(fields=["regio", "interventie"], name="sos_regio_interventie"),
            models.Index(fields=["regio", "wijk"], name="sos_regio_wijk"),
            models.Index(fields=["regio", "datum"], name="sos_regio_datum"),
        ]

    def __str__(self) -> str:
        return f"{self.traject} {self.moment}/{self.perspectief}: {self.score}"

    @property
    def aanpak(self) -> str:
        """The intervention's name, else the programme."""
        return self.interventie.naam if self.interventie_id else self.programma

    def clean(self) -> None:
        if self.interventie_id is None and not self.programma.strip():
            raise ValidationError(_("Kies een interventie of noem het programma."))
