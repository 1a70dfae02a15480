import factory
from django.contrib.auth import get_user_model

from portal.models import Lidmaatschap, Regio, RegioGemeente, Rol

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
