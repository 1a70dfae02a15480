"""What a member of the regio sees of the estimate, and what nobody outside it sees."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from portal.models import Rol
from risicofactoren.models import PrevalentieModel, Schatting

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(client, lid, geschat):
    client.force_login(lid(Rol.BELEIDSMEDEWERKER))
    return client


def test_gemeente_page_lists_the_wijken_with_interval_and_the_missing_inputs(beleid):
    response = beleid.get(reverse("schatting:gemeente", args=["GM0034"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "WK003401" in html and "WK003402" in html
    assert "nooit een uitspraak over een gezin" in html
    # The tiny wijk gets a reason, not a number.
    assert "Minder dan 50 kinderen" in html
    # WK003401 has its own unemployment figure; the others borrow; the page says so.
    assert "Welke gegevens ontbraken" in html
    assert "Werkloosheid van de ouders" in html


def test_gebied_page_explains_the_factors_and_the_children(beleid):
    response = beleid.get(reverse("schatting:gebied", args=["GM0034", "WK003402"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "0–15 jaar plus 3/10 van 15–25 jaar" in html
    assert "waarde van de gemeente" in html  # WK003402 borrows Almere's unemployment share
    assert "geen eigen cijfer" in html


def test_csv_has_the_columns_a_user_needs_and_real_numbers(beleid):
    response = beleid.get(reverse("schatting:csv", args=["GM0034"]), {"jaar": 2024})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rijen = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    kolommen = set(rijen[0])
    assert {
        "gebied_code", "gebied_naam", "soort", "kinderen_0_17", "schatting", "ondergrens",
        "bovengrens", "per_1000", "werkloosheid-ouders_verhouding",
    } <= kolommen  # fmt: skip
    per_code = {r["gebied_code"]: r for r in rijen}
    model = PrevalentieModel.objects.get(is_standaard=True)
    wijk = Schatting.objects.get(model=model, jaar=2024, gebied__code="WK003401")
    assert per_code["WK003401"]["kinderen_0_17"] == "690"
    assert float(per_code["WK003401"]["schatting"].replace(",", ".")) == pytest.approx(
        wijk.schatting, abs=0.05
    )
    assert per_code["WK003403"]["schatting"] == ""
    assert "Minder dan 50" in per_code["WK003403"]["reden_geen_schatting"]


def test_csv_escapes_formula_like_names(beleid):
    from wijken.models import Gebied

    Gebied.objects.filter(code="WK003402").update(naam='=HYPERLINK("http://x")')
    response = beleid.get(reverse("schatting:csv", args=["GM0034"]), {"jaar": 2024})
    tekst = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in tekst


@pytest.mark.parametrize("naam", ["schatting:gemeente", "schatting:csv"])
def test_another_regios_gemeente_is_not_found(beleid, naam):
    assert beleid.get(reverse(naam, args=["GM0344"])).status_code == 404


def test_another_regios_wijk_through_the_own_gemeente_is_not_found(beleid):
    url = reverse("schatting:gebied", args=["GM0034", "WK034401"])
    assert beleid.get(url).status_code == 404


@pytest.mark.parametrize("jaar", ["1900", "abc", "2024'; DROP TABLE x"])
def test_a_strange_year_falls_back_to_a_year_that_exists(beleid, jaar):
    response = beleid.get(reverse("schatting:gemeente", args=["GM0034"]), {"jaar": jaar})
    assert response.status_code == 200
    assert "WK003401" in response.content.decode()


def test_methodology_page_states_the_parameters_of_every_model(beleid):
    html = beleid.get(reverse("schatting:methode")).content.decode()
    for model in PrevalentieModel.objects.all():
        assert escape(model.titel) in html
    assert "33,8" in html and "4,95" in html
    assert "meetkundig gemiddelde" in html
    assert "nooit een uitspraak over een gezin" in html


def test_index_lists_only_the_gemeenten_of_the_regio(beleid):
    html = beleid.get(reverse("schatting:index")).content.decode()
    assert "GM0034" in html and "GM0344" not in html
