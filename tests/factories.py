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
