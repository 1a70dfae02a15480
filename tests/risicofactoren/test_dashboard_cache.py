"""The dashboards' computed parts are cached, and new figures are never hidden behind the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy

from portal.models import Rol
from risicofactoren.models import PrevalentieModel, Schatting

from .conftest import long_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def wethouder(client, lid, geschat):
    client.force_login(lid(Rol.BESTUURDER))
    return client


@pytest.mark.parametrize(
    "url",
    [
        reverse_lazy("dashboard:gemeente", args=["GM0034"]),
        reverse_lazy("dashboard:wijk", args=["GM0034", "WK003401"]),
    ],
)
def test_a_second_view_reads_no_figures_from_the_database(wethouder, url):
    eerste = wethouder.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        tweede = wethouder.get(url).content.decode()
    tabellen = " ".join(q["sql"] for q in queries.captured_queries)
    assert "risicofactoren_schatting" not in tabellen
    assert "wijken_indicatorwaarde" not in tabellen
    assert tweede.count("data-grafiek=") == eerste.count("data-grafiek=") > 0


def test_an_import_shows_up_at_once(wethouder, importeer):
    model = PrevalentieModel.objects.get(is_standaard=True)
    url = reverse("dashboard:wijk", args=["GM0034", "WK003401"])
    voor = wethouder.get(url).content.decode()
    oud = Schatting.objects.get(model=model, jaar=2024, gebied__code="WK003401")
    importeer(long_csv([("WK003401", "bijstand", 2024, 150)]), "meer-bijstand.csv")
    nieuw = Schatting.objects.get(model=model, jaar=2024, gebied__code="WK003401")
    assert nieuw.per_1000 != oud.per_1000
    na = wethouder.get(url).content.decode()
    assert f"{nieuw.per_1000:.1f}".replace(".", ",") in na
    assert voor != na


def test_the_cached_page_parts_follow_the_language(wethouder):
    url = reverse("dashboard:gemeente", args=["GM0034"])
    assert "Kinderen 0–17" in wethouder.get(url).content.decode()
    wethouder.post(reverse("set_language"), {"language": "en", "next": url})
    engels = wethouder.get(url).content.decode()
    assert "Kinderen 0–17" not in engels and "Children 0–17" in engels
