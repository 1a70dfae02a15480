"""The command-line way: estimate_prevalence prints the NL total; export_estimates writes CSV."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from risicofactoren.models import Schatting

pytestmark = pytest.mark.django_db


def test_estimate_prevalence_prints_the_national_total(geschat):
    Schatting.objects.all().delete()
    uit = io.StringIO()
    call_command(
        "estimate_prevalence", "--year", "2024", "--model", "npm2010-handreiking", stdout=uit
    )
    # 2,300 children (2000 + 3/10 of 1000) × 33.8 per 1000 = 77.74 → 78
    assert "2024 · npm2010-handreiking" in uit.getvalue()
    assert "Nederland: 78 mishandelde kinderen per jaar" in uit.getvalue()
    assert "op 2.300 kinderen" in uit.getvalue()
    assert Schatting.objects.filter(model__naam="npm2010-handreiking", jaar=2024).count() == 7
    assert not Schatting.objects.filter(model__naam="npm2017").exists()


def test_estimate_prevalence_refuses_an_unknown_model(geschat):
    with pytest.raises(CommandError, match="Onbekende modelversie 'npm1999'"):
        call_command("estimate_prevalence", "--model", "npm1999")


def test_export_estimates_writes_a_header_and_the_wijken(geschat):
    uit = io.StringIO()
    call_command("export_estimates", "--gemeente", "GM0034", "--year", "2024", stdout=uit)
    rijen = list(csv.reader(io.StringIO(uit.getvalue()), delimiter=";"))
    assert rijen[0][:5] == ["gebied_code", "gebied_naam", "soort", "jaar", "model"]
    codes = [r[0] for r in rijen[1:]]
    assert codes[0] == "GM0034"
    assert set(codes) == {"GM0034", "WK003401", "WK003402", "WK003403"}


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["--gemeente", "GM9999", "--year", "2024"], "Onbekende gemeente"),
        (["--gemeente", "GM0034", "--year", "2010"], "Geen schattingen voor"),
        (["--gemeente", "GM0034", "--year", "2024", "--model", "x"], "Onbekende modelversie"),
    ],
)
def test_export_estimates_explains_bad_arguments_in_dutch(geschat, args, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("export_estimates", *args)
