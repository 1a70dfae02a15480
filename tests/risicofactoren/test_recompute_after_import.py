"""An import that changes an input of the model recomputes the estimates; one that changes
nothing, or touches no input, leaves them alone."""

import pytest

from risicofactoren.models import PrevalentieModel, Schatting
from wijken.models import Gebied

from .conftest import long_csv

pytestmark = pytest.mark.django_db


def test_an_import_recomputes_the_estimates_of_its_year_for_every_model(geschat):
    assert Schatting.objects.filter(jaar=2024).exists()
    for model in PrevalentieModel.objects.all():
        gemeente = Schatting.objects.get(model=model, jaar=2024, gebied__code="GM0034")
        assert gemeente.kinderen == 1150  # 1000 + 3/10 of 500
        assert gemeente.schatting is not None


def test_a_changed_value_changes_the_estimate(geschat, importeer):
    model = PrevalentieModel.objects.get(is_standaard=True)
    voor = Schatting.objects.get(model=model, jaar=2024, gebied__code="WK003401")
    importeer(long_csv([("WK003401", "bijstand", 2024, 150)]), "meer-bijstand.csv")
    na = Schatting.objects.get(model=model, jaar=2024, gebied__code="WK003401")
    assert (
        na.factoren["werkloosheid-ouders"]["aandeel"]
        > voor.factoren["werkloosheid-ouders"]["aandeel"]
    )
    assert na.per_1000 > voor.per_1000


def test_reimporting_the_same_file_changes_nothing(geschat, importeer):
    berekend = dict(Schatting.objects.values_list("pk", "berekend"))
    job = importeer(long_csv(), "nogmaals.csv")
    assert job.nieuw == 0 and job.gewijzigd == 0
    assert dict(Schatting.objects.values_list("pk", "berekend")) == berekend


def test_an_import_of_non_inputs_does_not_recompute(geschat, importeer):
    berekend = dict(Schatting.objects.values_list("pk", "berekend"))
    data = b"Codering_3;lbm\nWK003401;4.1\n"
    job = importeer(data, "lbm2024_wijken.csv")
    assert job.nieuw > 0
    assert dict(Schatting.objects.values_list("pk", "berekend")) == berekend
    assert Gebied.objects.filter(code="WK003401").exists()
