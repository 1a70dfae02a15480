"""Real CBS/PDOK/Leefbarometer exports import through the command, and the values come back."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wijken.models import Gebied, ImportJob, ImportStatus, IndicatorWaarde, WaardeStatus

DATA = Path(__file__).resolve().parents[2] / "fixtures" / "data"
pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def waarde(code: str, indicator: str, periode: int) -> IndicatorWaarde:
    return IndicatorWaarde.objects.get(
        gebied__code=code, indicator__code=indicator, periode=periode
    )


def test_den_haag_odata_secret_values_are_secret_not_zero():
    output = run("import_indicators", str(DATA / "kwb2019_denhaag_odata.csv"))
    assert "Status: voltooid" in output
    assert waarde("GM0518", "inwoners", 2019).waarde == 537833
    geheim = waarde("WK051801", "opleiding_laag_aantal", 2019)
    assert geheim.status == WaardeStatus.GEHEIM and geheim.waarde is None
    assert Gebied.objects.get(code="WK051801").gemeente.code == "GM0518"


def test_almere_multi_year_file_with_changing_suffixes():
    output = run(
        "import_indicators",
        str(DATA / "kwb2018-2025_almere_odata.csv"),
        # Known defect of this copy: decimal separators were stripped from percentages.
        *[f"--overslaan={k}" for k in _almere_percentage_columns()],
    )
    assert "Status: voltooid" in output, output
    assert waarde("GM0034", "inwoners", 2025).waarde == 229574
    assert waarde("WK003401", "inwoners", 2025).waarde == 1810
    # HuishoudensMetKinderen is _31 before 2023 and _32 from 2023: both land on one indicator.
    assert waarde("GM0034", "huishoudens_met_kinderen", 2025).waarde == 41079
    assert (
        IndicatorWaarde.objects.filter(
            gebied__code="GM0034", indicator__code="huishoudens_met_kinderen"
        ).count()
        == 8
    )


def _almere_percentage_columns() -> list[str]:
    header = (DATA / "kwb2018-2025_almere_odata.csv").read_text(encoding="utf-8-sig").split("\n")[0]
    return [
        k
        for k in header.split(";")
        if k.startswith(
            (
                "PercentageJongerenMetJeugdzorg",
                "HuishoudensMetEenLaagInkomen",
                "HuishOnderOfRondSociaalMinimum",
            )
        )
    ]


def test_almere_defective_percentages_reject_the_whole_file_in_dutch():
    with pytest.raises(CommandError):
        run("import_indicators", str(DATA / "kwb2018-2025_almere_odata.csv"))
    assert IndicatorWaarde.objects.count() == 0
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.MISLUKT
    assert any("meer dan 100%" in f["melding"] for f in job.fouten)


def test_amsterdam_old_codes_are_kept_as_their_own_gebieden():
    run("import_indicators", str(DATA / "ses_woa2019_amsterdam_statline.csv"))
    oud = Gebied.objects.get(code="WK036300")
    assert oud.naam == "Burgwallen-Oude Zijde" and (oud.geldig_vanaf, oud.geldig_tot) == (
        2019,
        2019,
    )
    assert waarde("WK036300", "opleiding_laag_pct", 2019).waarde == pytest.approx(12.9)
    assert waarde("GM0363", "ses_woa", 2019).waarde == pytest.approx(-0.1)


def test_leefbarometer_scores():
    run("import_indicators", str(DATA / "lbm2014-2022_amstelveen_wijken.csv"))
    assert waarde("WK036201", "leefbarometer", 2014).waarde == pytest.approx(4.2706, abs=1e-4)
    assert Gebied.objects.get(code="WK036201").naam == "Randwijck"


def test_reimport_changes_nothing_and_says_so():
    path = str(DATA / "kwb2019_denhaag_odata.csv")
    run("import_indicators", path)
    output = run("import_indicators", path)
    assert "0 nieuw, 0 gewijzigd, 2067 ongewijzigd" in output
    assert "Er is niets veranderd" in output
    assert IndicatorWaarde.objects.count() == 2067


def test_dry_run_writes_nothing():
    output = run("import_indicators", "--dry-run", str(DATA / "kwb2019_denhaag_odata.csv"))
    assert "Proefdraai" in output
    assert IndicatorWaarde.objects.count() == 0


def test_boundaries_are_stored_per_year():
    output = run("import_boundaries", str(DATA / "gemeenten2024_wgs84.geojson"), "--year", "2024")
    assert "Status: voltooid" in output
    almere = Gebied.objects.get(code="GM0034").jaren.get(jaar=2024)
    assert almere.geometrie["type"] in ("Polygon", "MultiPolygon")


def test_redrawn_wijk_is_flagged_on_its_page(client, lid):
    run(
        "import_indicators",
        str(DATA / "kwb2018-2025_almere_odata.csv"),
        *[f"--overslaan={k}" for k in _almere_percentage_columns()],
    )
    client.force_login(lid())
    html = client.get("/wijken/gebieden/WK003401/").content.decode()
    assert Gebied.objects.get(code="WK003401").jaren.get(jaar=2022).indelingswijziging == "3"
    assert "In 2022 zijn de grenzen van dit gebied gewijzigd" in html
