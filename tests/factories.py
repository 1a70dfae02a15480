import factory
from django.contrib.auth import get_user_model

from portal.models import Lidmaatschap, Regio, RegioGemeente, Rol
from risicofactoren.models import DialoogFactor, Dialoogsessie, Risicofactor, Signaal
from wijken.models import Gebied

PASSWORD = "correct-paard-batterij-nietje"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio

    naam = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")


class RegioGemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegioGemeente

    regio = factory.SubFactory(RegioFactory)
    code = factory.Sequence(lambda n: f"GM{n % 10000:04d}")
    naam = factory.Sequence(lambda n: f"Gemeente {n}")


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    regio = factory.SubFactory(RegioFactory)
    rol = Rol.LEZER


class GebiedFactory(factory.django.DjangoModelFactory):
    """A gemeente by default; use WijkFactory for a wijk in one."""

    class Meta:
        model = Gebied
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    soort = "gemeente"
    naam = factory.Sequence(lambda n: f"Gemeente {n}")


class WijkFactory(GebiedFactory):
    code = factory.Sequence(lambda n: f"WK{900000 + n % 100000:06d}")
    soort = "wijk"
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    gemeente = factory.SubFactory(GebiedFactory)
    parent = factory.SelfAttribute("gemeente")
    geldig_vanaf = 2024
    geldig_tot = 2024


class RisicofactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risicofactor
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"testfactor-{n}")
    naam = factory.Sequence(lambda n: f"Testfactor {n}")
    soort = "risico"
    niveau = "gezin"


class SignaalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signaal

    regio = factory.SubFactory(RegioFactory)
    gebied = factory.SubFactory(WijkFactory)
    thema = factory.SubFactory(RisicofactorFactory)
    datum = factory.Faker("date_between", start_date="-1y", end_date="today")
    bron_organisatie = "Wijkteam"
    tekst = "Veel jonge ouders in de wijk melden geldzorgen."


class DialoogsessieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dialoogsessie

    regio = factory.SubFactory(RegioFactory)
    gebied = factory.SubFactory(WijkFactory)
    datum = factory.Faker("date_between", start_date="-1y", end_date="today")
    deelnemers = "Wijkteam\nGGD jeugdgezondheidszorg"
    conclusies = "Geldzorgen en isolement wegen zwaar; het buurthuis is een sterke plek."
    vervolg = ""


class DialoogFactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialoogFactor

    sessie = factory.SubFactory(DialoogsessieFactory)
    risicofactor = factory.SubFactory(RisicofactorFactory)
    gewicht = 2


# --- acties (Stap 2) ------------------------------------------------------------------------


class RegiovisieFactory(factory.django.DjangoModelFactory):
    """A concept regiovisie; use services.nieuwe_regiovisie where the audit trail matters."""

    class Meta:
        model = "acties.Regiovisie"

    regio = factory.SubFactory(RegioFactory)
    jaar = 2025
    titel = factory.LazyAttribute(lambda o: f"Regiovisie {o.regio.naam} {o.jaar}")
    versie = factory.Sequence(lambda n: n + 1)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "acties.Partner"

    regiovisie = factory.SubFactory(RegiovisieFactory)
    soort = "veilig_thuis"
    naam = "Veilig Thuis Flevoland"
    contactrol = "Aandachtsfunctionaris"


class DoelFactory(factory.django.DjangoModelFactory):
    """A SMART goal (new indicator, baseline, target, year)."""

    class Meta:
        model = "acties.Doel"

    regiovisie = factory.SubFactory(RegiovisieFactory)
    categorie = "preventie"
    omschrijving = factory.Sequence(
        lambda n: f"Jaarlijks preventieve begeleiding aan gezinnen ({n})"
    )
    indicator_tekst = "Aantal gezinnen met preventieve begeleiding"
    nulmeting = 40
    nulmeting_jaar = 2024
    streefwaarde = 80
    streefjaar = 2027


class DoelgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "acties.Doelgroep"

    regiovisie = factory.SubFactory(RegiovisieFactory)
    naam = factory.Sequence(lambda n: f"Doelgroep {n}")


class ActieFactory(factory.django.DjangoModelFactory):
    """An action with projectleider and bestuurlijk trekker, for all families."""

    class Meta:
        model = "acties.Actie"

    regiovisie = factory.SubFactory(RegiovisieFactory)
    naam = factory.Sequence(lambda n: f"Actie {n}")
    spectrum = "alle_gezinnen"
    projectleider = "Coördinator JGZ 0-4"
    bestuurlijk_trekker = "Wethouder Jeugd"


class AanbodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "acties.Aanbod"

    regio = factory.SubFactory(RegioFactory)
    voorziening = factory.Sequence(lambda n: f"Opvoedspreekuur {n}")
    aanbieder = "CJG"
    capaciteit_per_jaar = 10


def _standaardmodel():
    from risicofactoren.services import default_model

    return default_model()


class SchattingFactory(factory.django.DjangoModelFactory):
    """An estimate of the default model (shipped by the risicofactoren migration)."""

    class Meta:
        model = "risicofactoren.Schatting"

    gebied = factory.SubFactory(WijkFactory)
    jaar = 2024
    model = factory.LazyFunction(lambda: _standaardmodel())
    kinderen_bron = "test"
    schatting = 10.0
    ondergrens = 6.0
    bovengrens = 15.0
