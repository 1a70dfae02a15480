"""Factories for Stap 3 (the shared ones live in tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from tests.factories import ActieFactory, DoelFactory, PartnerFactory, RegiovisieFactory


class VastgesteldeRegiovisieFactory(RegiovisieFactory):
    status = "vastgesteld"
    vastgesteld_op = factory.LazyFunction(timezone.now)


class InterventieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "acties.Interventie"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-interventie-{n}")
    naam = factory.Sequence(lambda n: f"Testinterventie {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "wijken.Indicator"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-indicator-{n}")
    naam = factory.Sequence(lambda n: f"Testindicator {n}")
    eenheid = "aantal"
    bron = "CBS"


class IndicatorWaardeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "wijken.IndicatorWaarde"

    indicator = factory.SubFactory(IndicatorFactory)
    periode = 2024
    waarde = 1.0
    status = "ok"


class MetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitoring.Meting"

    doel = factory.SubFactory(DoelFactory)
    waarde = 50
    datum = datetime.date(2025, 12, 31)
    herkomst = "handmatig"


class ActieVoortgangFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitoring.ActieVoortgang"

    actie = factory.SubFactory(ActieFactory)
    periode = "2025-K1"
    status = "loopt"


class SturingsinstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "acties.Sturingsinstrument"

    actie = factory.SubFactory(ActieFactory)
    soort = "kwaliteitseis"


class SturingsEisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitoring.SturingsEis"

    instrument = factory.SubFactory(SturingsinstrumentFactory)
    partner = factory.SubFactory(
        PartnerFactory, regiovisie=factory.SelfAttribute("..instrument.actie.regiovisie")
    )
    eis = "Kindcheck uitgevoerd"


class SturingsCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitoring.SturingsCheck"

    eis = factory.SubFactory(SturingsEisFactory)
    datum = datetime.date(2025, 6, 1)
    voldaan = True


class SosScoreFactory(factory.django.DjangoModelFactory):
    """A score of a trajectory; pass regio and wijk (a wijk of that regio)."""

    class Meta:
        model = "monitoring.SosScore"

    traject = factory.Sequence(lambda n: f"ALM-2025-{n:04d}")
    interventie = factory.SubFactory(InterventieFactory)
    moment = "start"
    perspectief = "hulpverlener"
    score = 5
    datum = datetime.date(2025, 3, 1)
