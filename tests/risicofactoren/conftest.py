import pytest

from wijken import services as wijken_services
from wijken.models import ImportStatus

# A small country in the long format: NL, Almere (GM0034) with two wijken and a tiny one, and
# Utrecht (GM0344, the other regio's gemeente) with one wijk.
RIJEN = [
    ("NL00", "leeftijd_0_15", 2024, 2000),
    ("NL00", "leeftijd_15_25", 2024, 1000),
    ("GM0034", "leeftijd_0_15", 2024, 1000),
    ("GM0034", "leeftijd_15_25", 2024, 500),
    ("GM0034", "bijstand", 2024, 60),
    ("GM0034", "ww", 2024, 40),
    ("GM0034", "leeftijd_25_45", 2024, 800),
    ("GM0034", "leeftijd_45_65", 2024, 700),
    ("WK003401", "leeftijd_0_15", 2024, 600),
    ("WK003401", "leeftijd_15_25", 2024, 300),
    ("WK003401", "bijstand", 2024, 50),
    ("WK003401", "ww", 2024, 30),
    ("WK003401", "leeftijd_25_45", 2024, 400),
    ("WK003401", "leeftijd_45_65", 2024, 300),
    ("WK003402", "leeftijd_0_15", 2024, 380),
    ("WK003402", "leeftijd_15_25", 2024, 200),
    ("WK003403", "leeftijd_0_15", 2024, 20),
    ("WK003403", "leeftijd_15_25", 2024, 0),
    ("GM0344", "leeftijd_0_15", 2024, 1000),
    ("GM0344", "leeftijd_15_25", 2024, 500),
    ("WK034401", "leeftijd_0_15", 2024, 1000),
    ("WK034401", "leeftijd_15_25", 2024, 500),
]


def long_csv(rijen=RIJEN) -> bytes:
    regels = ["gebiedcode;indicator;periode;waarde"]
    regels += [f"{g};{i};{p};{w}" for g, i, p, w in rijen]
    return ("\n".join(regels) + "\n").encode()


@pytest.fixture
def importeer(django_capture_on_commit_callbacks):
    """Import a long-format file the way a beheerder does, running what starts on commit."""

    def run(data: bytes, naam: str = "klein.csv"):
        job = wijken_services.create_job(data, naam)
        with django_capture_on_commit_callbacks(execute=True):
            job = wijken_services.run_import(job.pk)
        assert job.status == ImportStatus.VOLTOOID, (job.reden, job.fouten)
        return job

    return run


@pytest.fixture
def geschat(db, importeer):
    """The small country imported; the import itself triggers the estimates."""
    return importeer(long_csv())
