"""Prevalence estimate for every gebied of NL, against merely reading its inputs.

Setup (not measured): a fresh PostgreSQL database, migrate, the real national 2024 register
(fixtures/data/kwb2024_nl_bevolking_leeftijd_statline.csv: all 18,310 gebieden with their age
bands) and, for every gebied, synthetic values of the model's proxy indicators (education
levels, bijstand and WW, migration background, households), imported through the real pipeline.

Measured, median of --runs:
  read      risicofactoren.services.load_inputs: the indicator values the model needs, from the
            database into pandas (the baseline).
  estimate  load_inputs + services.estimate with the default model's draws (1,000): shares,
            ratios, calibration and the simulated interval for all gebieden.
  store     services.estimate_year: the same plus replacing the stored estimates.

    .venv/bin/python benchmarks/estimate_national.py [--runs 5]

Needs PostgreSQL (default postgresql://postgres@127.0.0.1:5432, override with BENCH_PG_URL);
creates and finally drops a database named vo_bench_estimate_<pid>. Exit status 1 when the
floor (estimate under 5 s) is missed.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "fixtures" / "data" / "kwb2024_nl_bevolking_leeftijd_statline.csv"
JAAR = 2024
FLOOR_S = 5.0


def setup(tmp: Path) -> int:
    """Register + synthetic proxies through the import pipeline; returns the number of gebieden."""
    from django.core.management import call_command

    from wijken import services
    from wijken.models import Gebied, IndicatorWaarde

    call_command("migrate", verbosity=0)
    for path in (REGISTER,):
        job = services.create_job(path.read_bytes(), path.name)
        services.run_import(job.pk)
    rng = random.Random(JAAR)
    leeftijden = {
        (g, i): w
        for g, i, w in IndicatorWaarde.objects.filter(
            periode=JAAR, indicator__code__in=["leeftijd_25_45", "leeftijd_45_65", "inwoners"]
        ).values_list("gebied__code", "indicator__code", "waarde")
    }
    buf = io.StringIO()
    schrijver = csv.writer(buf, delimiter=";", lineterminator="\n")
    schrijver.writerow(["gebiedcode", "indicator", "periode", "waarde"])
    codes = list(Gebied.objects.values_list("code", flat=True))
    for code in codes:
        volwassen = (leeftijden.get((code, "leeftijd_25_45")) or 0) + (
            leeftijden.get((code, "leeftijd_45_65")) or 0
        )
        inwoners = leeftijden.get((code, "inwoners")) or 0
        if not volwassen or not inwoners:
            continue
        laag = rng.uniform(0.1, 0.5)
        hoog = rng.uniform(0.1, 1 - laag)
        huishoudens = max(1, round(inwoners / 2.1))
        met_kinderen = max(1, round(huishoudens * rng.uniform(0.2, 0.45)))
        for indicator, waarde in (
            ("opleiding_laag_aantal", round(volwassen * laag)),
            ("opleiding_middelbaar_aantal", round(volwassen * (1 - laag - hoog))),
            ("opleiding_hoog_aantal", round(volwassen * hoog)),
            ("bijstand", round(volwassen * rng.uniform(0.0, 0.1))),
            ("ww", round(volwassen * rng.uniform(0.0, 0.04))),
            ("migratie_niet_westers", round(inwoners * rng.uniform(0.02, 0.5))),
            ("huishoudens_met_kinderen", met_kinderen),
            ("eenouderhuishoudens", round(met_kinderen * rng.uniform(0.1, 0.4))),
        ):
            schrijver.writerow([code, indicator, JAAR, waarde])
    job = services.create_job(buf.getvalue().encode(), "benchmark_proxies.csv")
    job = services.run_import(job.pk)
    assert job.status == "voltooid", job.reden
    return len(codes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured repetitions (median)")
    args = parser.parse_args()
    pg = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432")
    dbname = f"vo_bench_estimate_{os.getpid()}"
    tmp = Path(tempfile.mkdtemp(prefix="vo_bench_"))
    os.environ.update(
        DATABASE_URL=f"{pg}/{dbname}",
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings",
        CELERY_BROKER_URL="",  # tasks in-process: the setup imports recompute as in make run
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
    with psycopg.connect(f"{pg}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    try:
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        return measure(args, tmp)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{pg}/postgres", autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
            )


def measure(args: argparse.Namespace, tmp: Path) -> int:
    from risicofactoren import services

    t0 = time.perf_counter()
    n = setup(tmp)
    model = services.default_model()
    params = services.ModelParams.from_model(model)
    print(
        f"setup (not measured): {n:,} gebieden, register + synthetic proxies imported in "
        f"{time.perf_counter() - t0:.1f} s; model {model.naam}, {params.trekkingen} draws, "
        f"{os.cpu_count()} CPUs, {args.runs} runs"
    )
    lezen, schatten, opslaan = [], [], []
    for run in range(1, args.runs + 1):
        t = time.perf_counter()
        gebieden, waarden = services.load_inputs(JAAR, params)
        lezen.append(time.perf_counter() - t)
        t = time.perf_counter()
        gebieden, waarden = services.load_inputs(JAAR, params)
        uit = services.estimate(gebieden, waarden, params)
        schatten.append(time.perf_counter() - t)
        t = time.perf_counter()
        resultaat = services.estimate_year(JAAR, model)
        opslaan.append(time.perf_counter() - t)
        print(
            f"run {run}: read {lezen[-1]:.2f} s, estimate {schatten[-1]:.2f} s "
            f"({len(uit):,} gebieden, {int(uit['schatting'].notna().sum()):,} with an estimate), "
            f"with storing {opslaan[-1]:.2f} s"
        )
    r, e, s = (statistics.median(x) for x in (lezen, schatten, opslaan))
    print(
        f"NL {JAAR}: {resultaat['nl_totaal']:,.0f} maltreated children per year "
        f"({resultaat['nl_ondergrens']:,.0f}–{resultaat['nl_bovengrens']:,.0f}) on "
        f"{resultaat['nl_kinderen']:,.0f} children (synthetic proxies)"
    )
    ok = e < FLOOR_S
    print(
        f"RESULT median: read inputs {r:.2f} s; estimate all {len(uit):,} gebieden with "
        f"{params.trekkingen} draws {e:.2f} s = {e / r:.1f}× the read (floor < {FLOOR_S:.0f} s: "
        f"{'ok' if ok else 'MISSED'}); with storing {s:.2f} s"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
