import pytest

from portal.models import Rol
from tests.factories import GebiedFactory, SchattingFactory, WijkFactory


@pytest.fixture
def beleid(lid):
    return lid(Rol.BELEIDSMEDEWERKER)


@pytest.fixture
def bestuurder(lid):
    return lid(Rol.BESTUURDER)


@pytest.fixture
def almere(regio):
    """The regio's gemeente (GM0034) as a gebied, with six wijken estimated for 2024.

    Estimates 60, 50, 40, 30, 20 and 10: the first five are the high-risk wijken.
    """
    gemeente = GebiedFactory(code="GM0034", naam="Almere")
    wijken = []
    for i, waarde in enumerate([60, 50, 40, 30, 20, 10], start=1):
        wijk = WijkFactory(code=f"WK00340{i}", naam=f"Wijk {i}", gemeente=gemeente)
        SchattingFactory(gebied=wijk, jaar=2024, schatting=float(waarde))
        wijken.append(wijk)
    return wijken
