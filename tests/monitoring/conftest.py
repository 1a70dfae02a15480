import pytest

from portal.models import Rol
from tests.factories import GebiedFactory, WijkFactory

from .factories import InterventieFactory, VastgesteldeRegiovisieFactory


@pytest.fixture
def beleid(lid):
    return lid(Rol.BELEIDSMEDEWERKER)


@pytest.fixture
def wijkprof(lid):
    return lid(Rol.WIJKPROFESSIONAL)


@pytest.fixture
def almere(regio):
    """The regio's gemeente GM0034 as a gebied."""
    return GebiedFactory(code="GM0034", naam="Almere")


@pytest.fixture
def wijken(almere):
    """Three wijken of Almere (the regio's gemeente): Haven, Stad, Buiten."""
    return [
        WijkFactory(code=f"WK00340{i}", naam=naam, gemeente=almere)
        for i, naam in enumerate(["Haven", "Stad", "Buiten"], start=1)
    ]


@pytest.fixture
def utrechtse_wijk(andere_regio):
    """A wijk of the other regio (GM0344)."""
    return WijkFactory(code="WK034401", naam="Binnenstad", gemeente=GebiedFactory(code="GM0344"))


@pytest.fixture
def plan(regio):
    return VastgesteldeRegiovisieFactory(regio=regio)


@pytest.fixture
def stevig():
    return InterventieFactory(code="test-stevig", naam="Test Stevig Ouderschap")
