"""Nothing secret or too small leaves the server; what may be shown is shown the Dutch way."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from portal.disclosure import cell, indicator_cell, shown


@pytest.fixture(autouse=True)
def nederlands():
    with translation.override("nl"):
        yield


def test_cbs_secret_is_shown_as_geheim_and_carries_no_number():
    c = cell(None, "geheim")
    assert c.waarde is None and c.label == "geheim" and c.onderdrukt


def test_a_count_below_the_minimum_cell_size_is_hidden():
    c = cell(3, min_celgrootte=5)
    assert c.waarde is None and c.label == "< 5"
    assert cell(5, min_celgrootte=5).waarde == 5


def test_zero_is_not_a_small_count():
    assert cell(0, min_celgrootte=5).label == "0"


def test_rounding_base_and_dutch_format():
    assert cell(1234.56, decimalen=1).label == "1.234,6"
    assert cell(1237, afrondingsbasis=5).waarde == 1235


def test_missing_value_is_a_dash():
    assert cell(None).label == "—" and cell(float("nan")).waarde is None


def test_indicator_rules_apply():
    jeugdzorg = SimpleNamespace(decimalen=0, min_celgrootte=5, afrondingsbasis=None)
    assert indicator_cell(jeugdzorg, 4).label == "< 5"
    assert indicator_cell(jeugdzorg, 40).label == "40"


@pytest.mark.parametrize(
    ("waarde", "status", "min_celgrootte"),
    [
        (None, "ok", None),
        (float("nan"), "ok", None),
        (12.0, "geheim", None),
        (None, "geheim", 5),
        (4, "ok", 5),
        (-4, "ok", 5),
        (0, "ok", 5),
        (5, "ok", 5),
        (3.2, "ok", None),
        (17, "ontbreekt", 5),
    ],
)
def test_shown_agrees_with_cell(waarde, status, min_celgrootte):
    assert shown(waarde, status, min_celgrootte=min_celgrootte) == (
        cell(waarde, status, min_celgrootte=min_celgrootte).toonbaar
    )
