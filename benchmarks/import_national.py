"""National-size import through the real pipeline, against a bare COPY of the same rows.

Builds a CBS OData-key CSV with every gebied of the 2024 register (18,310 real codes from
fixtures/data/kwb2024_nl_bevolking_leeftijd_statline.csv) × 100 indicator columns (synthetic
integers, some `.` secret and some empty cells), and imports it into a fresh PostgreSQL database
with `services.create_job` + `services.run_import`: read, validate, write, commit. In the same run
the same long-format rows (gebied_id, indicator_id, periode, voorlopig, waarde, status) are COPYed
with psycopg into a bare table (normal, logged; no indexes or constraints) as the baseline.

Measured, median of --runs (runs alternate with the baseline):
  import    create_job (read for the preview, store the file) + run_import (read again, validate,
            write, commit) on an empty wijken_indicatorwaarde (the insert path: binary COPY
            straight into the table), each in its own subprocess, whose peak RSS is the memory
            figure.
  bare COPY COPY FROM STDIN of the already formatted rows + commit.
Reported separately: a re-import of the same file (the "unchanged" path: COPY into a temporary
table, UPDATE of what differs, INSERT of what is missing), and once, as a reference for where
the time goes, the bare COPY into a table shaped like wijken_indicatorwaarde (LIKE … INCLUDING
ALL: its identity column and all its indexes, no foreign keys). Setup, not measured:
migrate, importing the real national StatLine file once (the gebieden register), registering
the 100 benchmark indicators with services.add_indicator.

    .venv/bin/python benchmarks/import_national.py [--runs 3] [--profile]

Needs PostgreSQL (default postgresql://postgres@127.0.0.1:5432, override with BENCH_PG_URL);
creates and finally drops a database named vo_bench_national_<pid>. Exit status 1 when a floor
is missed.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "fixtures" / "data" / "kwb2024_nl_bevolking_leeftijd_statline.csv"
CODE_KOLOM = "Regioaanduiding/Codering (code)"
SOORT_KOLOM = "Regioaanduiding/Soort regio (omschrijving)"
N_INDICATOREN = 100
PERIODE = "2024JJ00"
BESTANDSNAAM = "kwb2024_nl_benchmark_odata.csv"

FLOOR_RATIO = 3.0
FLOOR_WAARDEN_PER_S = 100_000
FLOOR_RSS_MB = 1500  # 1.5 GB, decimal megabytes
RESULT = "RESULT "


def kolom(i: int) -> str:
    """OData key of benchmark column i: CBS keys carry a positional suffix (_6, _7, …)."""
    return f"BenchIndicator{i:03d}_{i + 5}"


# --- child: one measured import ------------------------------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def child(path: str, profile_to: str | None) -> None:
    """Time create_job + run_import of one file; print the result as one JSON line."""
    setup_django()
    from wijken import services

    profiler = cProfile.Profile() if profile_to else None
    t0 = time.perf_counter()
    if profiler:
        profiler.enable()
    data = Path(path).read_bytes()
    job = services.create_job(data, Path(path).name)
    t1 = time.perf_counter()
    job = services.run_import(job.pk)
    t2 = time.perf_counter()
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile_to)
    uitslag = {
        "status": job.status,
        "reden": job.reden,
        "fouten": job.fouten[:5],
        "rijen_totaal": job.rijen_totaal,
        "nieuw": job.nieuw,
        "gewijzigd": job.gewijzigd,
        "ongewijzigd": job.ongewijzigd,
        "geheim": job.geheim,
        "ontbrekend": job.ontbrekend,
        "create_job_s": t1 - t0,
        "run_import_s": t2 - t1,
        "totaal_s": t2 - t0,
        # Linux reports kilobytes (KiB); this is the whole process's peak.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6,
    }
    print(RESULT + json.dumps(uitslag), flush=True)


def run_child(path: Path, profile_to: Path | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(path)]
    if profile_to:
        cmd += ["--profile-to", str(profile_to)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    regels = [r for r in proc.stdout.splitlines() if r.startswith(RESULT)]
    if proc.returncode or not regels:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"measured import process failed (exit {proc.returncode})")
    uitslag = json.loads(regels[-1][len(RESULT) :])
    if uitslag["status"] != "voltooid":
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"import not completed: {uitslag['reden']} {uitslag['fouten']}")
    return uitslag


# --- parent: setup, file, baseline --------------------------------------------------------


def register_codes() -> list[tuple[str, str]]:
    """(code, soort regio) of every gebied in the 2024 register, padding stripped."""
    with REGISTER.open(encoding="utf-8-sig", newline="") as f:
        rijen = [(r[CODE_KOLOM].strip(), r[SOORT_KOLOM]) for r in csv.DictReader(f, delimiter=";")]
    codes = [c for c, _ in rijen]
    assert len(codes) == len(set(codes)) == 18_310, len(codes)
    return rijen


def build_file(path: Path, gebieden: list[tuple[str, str]], seed: int = 2024) -> int:
    """The OData-key CSV as CBS ships it: all fields quoted, codes and numbers padded."""
    rnd = random.Random(seed)
    kop = ["ID", "Perioden", "WijkenEnBuurten", "SoortRegio_2", "Codering_3"]
    kop += [kolom(i) for i in range(1, N_INDICATOREN + 1)]
    regels = [";".join(f'"{k}"' for k in kop)]
    for n, (code, soort) in enumerate(gebieden):
        velden = [str(n), PERIODE, f"{code:<10}", soort, f"{code:<10}"]
        for _ in range(N_INDICATOREN):
            r = rnd.random()
            if r < 0.03:
                velden.append(f"{'.':>8}")  # secret: never 0
            elif r < 0.035:
                velden.append("")  # missing
            else:
                velden.append(f"{rnd.randrange(0, 50_000):>8}")
        regels.append(";".join(f'"{v}"' for v in velden))
    path.write_text("\r\n".join(regels) + "\r\n", encoding="utf-8")
    return len(gebieden) * N_INDICATOREN


def setup_database() -> dict:
    """migrate, the gebieden register from the real national file, 100 benchmark indicators."""
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from wijken import services

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    job = services.create_job(REGISTER.read_bytes(), REGISTER.name)
    job = services.run_import(job.pk)
    register_s = time.perf_counter() - t0
    assert job.status == "voltooid", (job.reden, job.fouten[:5])
    for i in range(1, N_INDICATOREN + 1):
        services.add_indicator(
            kolom=kolom(i),
            code=f"bench_{i:03d}",
            naam=f"Benchmarkindicator {i:03d}",
            eenheid="aantal",
            bron="benchmark",
            decimalen=0,
        )
    connection.close()
    return {"register_s": register_s, "register_waarden": job.rijen_totaal}


BARE = sql.Identifier("bench_bare_waarde")


def truncate_values(conn: psycopg.Connection) -> None:
    conn.execute("TRUNCATE wijken_indicatorwaarde")
    conn.execute("CHECKPOINT")


def dump_long_rows(conn: psycopg.Connection) -> bytes:
    """The rows the import wrote, in COPY text format: exactly what the baseline loads."""
    buf = io.BytesIO()
    with conn.cursor().copy(
        "COPY (SELECT gebied_id, indicator_id, periode, voorlopig, waarde, status "
        "FROM wijken_indicatorwaarde) TO STDOUT"
    ) as copy:
        for blok in copy:
            buf.write(blok)
    return buf.getvalue()


def bare_copy(conn: psycopg.Connection, rows: bytes) -> float:
    """COPY the long rows into a bare, normal (logged) table; seconds for COPY + commit."""
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(BARE))
    conn.execute(
        sql.SQL(
            "CREATE TABLE {} (gebied_id bigint, indicator_id bigint, periode smallint, "
            "voorlopig boolean, waarde double precision, status varchar(10))"
        ).format(BARE)
    )
    conn.execute("CHECKPOINT")
    conn.autocommit = False
    t0 = time.perf_counter()
    with conn.cursor().copy(sql.SQL("COPY {} FROM STDIN").format(BARE)) as copy:
        copy.write(rows)
    conn.commit()
    seconds = time.perf_counter() - t0
    conn.autocommit = True
    conn.execute(sql.SQL("DROP TABLE {}").format(BARE))
    return seconds


INDEXED = sql.Identifier("bench_indexed_waarde")


def indexed_copy(conn: psycopg.Connection, rows: bytes) -> tuple[float, int]:
    """The bare COPY, but into a copy of wijken_indicatorwaarde's shape with all its indexes:
    what maintaining those indexes costs, apart from everything the import does."""
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(INDEXED))
    conn.execute(
        sql.SQL("CREATE TABLE {} (LIKE wijken_indicatorwaarde INCLUDING ALL)").format(INDEXED)
    )
    indexen = conn.execute(
        "SELECT count(*) FROM pg_indexes WHERE tablename = %s", ["bench_indexed_waarde"]
    ).fetchone()[0]
    conn.execute("CHECKPOINT")
    conn.autocommit = False
    t0 = time.perf_counter()
    with conn.cursor().copy(
        sql.SQL(
            "COPY {} (gebied_id, indicator_id, periode, voorlopig, waarde, status) FROM STDIN"
        ).format(INDEXED)
    ) as copy:
        copy.write(rows)
    conn.commit()
    seconds = time.perf_counter() - t0
    conn.autocommit = True
    conn.execute(sql.SQL("DROP TABLE {}").format(INDEXED))
    return seconds, indexen


def print_profile(path: Path, n: int = 30) -> None:
    stats = pstats.Stats(str(path))
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats.stream = out
        stats.sort_stats(order).print_stats(n)
        tekst = out.getvalue()
        print(f"\n--- profile of one import, sorted by {order} ---")
        print(tekst[tekst.find("   ncalls") :].rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="measured repetitions (median)")
    parser.add_argument(
        "--profile", action="store_true", help="also profile one import (cProfile), not timed"
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="do not drop the database (for inspection)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.profile_to)
        return 0

    pg = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432")
    dbname = f"vo_bench_national_{os.getpid()}"
    tmp = Path(tempfile.mkdtemp(prefix="vo_bench_"))
    os.environ.update(
        DATABASE_URL=f"{pg}/{dbname}",
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    try:
        return measure(args, dbname, pg, tmp)
    finally:
        if args.keep_db:
            print(f"kept database {dbname}; drop it with: dropdb -h 127.0.0.1 -U postgres {dbname}")
        else:
            with psycopg.connect(f"{pg}/postgres", autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(dbname)
                    )
                )
        shutil.rmtree(tmp, ignore_errors=True)


def measure(args: argparse.Namespace, dbname: str, pg: str, tmp: Path) -> int:
    print(f"database {dbname} (PostgreSQL), {os.cpu_count()} CPUs, {args.runs} runs")
    t0 = time.perf_counter()
    gebieden = register_codes()
    csv_path = tmp / BESTANDSNAAM
    n_waarden = build_file(csv_path, gebieden)
    print(
        f"file: {len(gebieden):,} gebieden × {N_INDICATOREN} indicator columns = "
        f"{n_waarden:,} values, {csv_path.stat().st_size / 1e6:.0f} MB, OData keys "
        f"({time.perf_counter() - t0:.1f} s to build)"
    )
    info = setup_database()
    print(
        f"setup (not measured): migrate; gebieden register from {REGISTER.name} "
        f"({info['register_waarden']:,} values) in {info['register_s']:.1f} s; "
        f"{N_INDICATOREN} benchmark indicators"
    )

    imports: list[dict] = []
    copies: list[float] = []
    rows = b""
    with psycopg.connect(f"{pg}/{dbname}", autocommit=True) as conn:
        for run in range(1, args.runs + 1):
            truncate_values(conn)
            u = run_child(csv_path)
            assert u["nieuw"] == u["rijen_totaal"] == n_waarden, u
            imports.append(u)
            print(
                f"run {run}: import {u['totaal_s']:.2f} s (create_job {u['create_job_s']:.2f} s "
                f"+ run_import {u['run_import_s']:.2f} s), {u['nieuw']:,} new, "
                f"{u['geheim']:,} secret, {u['ontbrekend']:,} missing, "
                f"peak RSS {u['peak_rss_mb']:.0f} MB"
            )
            if not rows:
                rows = dump_long_rows(conn)
                n_rows = rows.count(b"\n")
                print(
                    f"baseline rows: {n_rows:,} long-format rows, {len(rows) / 1e6:.0f} MB COPY text"
                )
            copies.append(bare_copy(conn, rows))
            print(f"run {run}: bare COPY {copies[-1]:.2f} s")

        # The same file again: every value unchanged, nothing written.
        zelfde = run_child(csv_path)
        assert zelfde["ongewijzigd"] == n_waarden, zelfde
        print(
            f"re-import of the same file (unchanged path, reported separately): "
            f"{zelfde['totaal_s']:.2f} s, {zelfde['ongewijzigd']:,} unchanged, "
            f"peak RSS {zelfde['peak_rss_mb']:.0f} MB"
        )

        t_indexed, indexen = indexed_copy(conn, rows)
        print(
            f"reference: bare COPY into a table shaped like wijken_indicatorwaarde "
            f"({indexen} indexes, no foreign keys): {t_indexed:.2f} s"
        )

        if args.profile:
            truncate_values(conn)
            prof = tmp / "import.prof"
            run_child(csv_path, prof)
            print_profile(prof)

    t_import = statistics.median(u["totaal_s"] for u in imports)
    t_copy = statistics.median(copies)
    ratio = t_import / t_copy
    rate = n_waarden / t_import
    rss = max(u["peak_rss_mb"] for u in [*imports, zelfde])
    ok_ratio, ok_rate, ok_rss = (
        ratio <= FLOOR_RATIO,
        rate >= FLOOR_WAARDEN_PER_S,
        rss < FLOOR_RSS_MB,
    )
    print(
        f"medians: create_job {statistics.median(u['create_job_s'] for u in imports):.2f} s, "
        f"run_import {statistics.median(u['run_import_s'] for u in imports):.2f} s"
    )

    def oordeel(ok: bool) -> str:
        return "OK" if ok else "FAIL"

    print(
        f"import {t_import:.1f} s (median of {args.runs}) | bare COPY {t_copy:.1f} s | "
        f"ratio {ratio:.2f}x | {rate:,.0f} values/s | peak RSS {rss:.0f} MB | "
        f"floors: ratio<=3 {oordeel(ok_ratio)}, >=100k values/s {oordeel(ok_rate)}, "
        f"<1.5 GB {oordeel(ok_rss)}"
    )
    return 0 if ok_ratio and ok_rate and ok_rss else 1


if __name__ == "__main__":
    sys.exit(main())
