"""The wethouder's dashboards under load (gunicorn, production settings), against a static file.

Setup (not measured): a fresh PostgreSQL database, migrate, the demo regio's and users
(`load_demo --zonder-data`), the real national 2024 register
(fixtures/data/kwb2024_nl_bevolking_leeftijd_statline.csv: 18,310 gebieden) and the real 2024
boundaries of gemeenten and wijken (PDOK GeoJSON), all through the import pipeline. Then 100
indicators (the catalogue plus benchmark indicators registered with services.add_indicator)
× 10 years (2015–2024) of synthetic values for every gebied, about 18 M rows COPYed straight into
wijken_indicatorwaarde (its secondary indexes and constraints dropped for the COPY and recreated
as they were; the model's proxies get plausible values: age bands from the real 2024 register,
education levels, bijstand/WW, migration background, households), VACUUM ANALYZE,
`manage.py estimate_prevalence --year J` for the estimated years, ANALYZE, and `collectstatic`.

Measured: gunicorn (sync workers, the Dockerfile's options without --max-requests unless given)
with DJANGO_DEBUG=false, IS_HTTPS=false, on loopback; `wrk` with 8 connections, each its own
signed-in session (a bestuurder of the demoregio), after a warm-up and --serial seconds with one
connection (the service time without queueing), --duration seconds per URL:
  static      the hashed portal.css the page links to (the baseline: whitenoise, same server)
  overview    /wijken/GM0363/ (Amsterdam, 110 wijken: ranked bars and the map)
  wijkprofiel /wijken/GM0363/<wijk>/, rotating over --wijken Amsterdam wijken
Per URL: requests, errors (non-200 responses, socket errors, timeouts), p50/p95/p99 latency.
Also: each page once in-process (Django test client: time, queries; --profile adds cProfile and
the slowest queries), the size of Amsterdam's overview HTML and of its embedded figure JSON, and
whether the static assets the page links to come compressed (gzip/br when asked) with far-future
caching.

    apt-get install wrk        # the load generator (Debian package)
    .venv/bin/python benchmarks/dashboard_load.py [--duration 30] [--workers N] [--profile]
    .venv/bin/python benchmarks/dashboard_load.py --keep            # keep the database, then
    .venv/bin/python benchmarks/dashboard_load.py --database NAME   # measure it again, no setup

The pages run with the shared dashboard cache of docker-compose: Redis (default
rediscache://127.0.0.1:6379/9, override with BENCH_CACHE_URL; emptied at the start), warm after
the warm-up as it is in production after the first view of a page.
Needs PostgreSQL (default postgresql://postgres@127.0.0.1:5432, override with BENCH_PG_URL);
creates and finally drops a database named vo_bench_dashboard_<pid> (setup about 4 minutes, 3.6 GB
on disk). The machine is shared: the CPU pressure (Linux PSI) before the load is printed with
the results. Exit status 1 when a floor
is missed: p95 under 300 ms (overview) and 200 ms (wijkprofiel), no errors, overview HTML under
1 MB, static assets compressed and cached far into the future.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import numpy as np
import pandas as pd
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "fixtures" / "data"
REGISTER = DATA / "kwb2024_nl_bevolking_leeftijd_statline.csv"
GRENZEN = ("gemeenten2024_wgs84.geojson", "wijken2024_wgs84.geojson")
JAREN = list(range(2015, 2025))
GRENSJAAR = 2024
N_INDICATOREN = 100
GEMEENTE = "GM0363"  # Amsterdam
GEBRUIKER = "wethouder"  # bestuurder in the demoregio (which has Amsterdam)
WACHTWOORD = "benchmark-" + "Wachtwoord-2024"
CONNECTIONS = 8

FLOOR_OVERVIEW_MS = 300
FLOOR_WIJK_MS = 200
FLOOR_HTML_BYTES = 1_000_000
FAR_FUTURE_S = 31_536_000  # a year
COMPRESSIBLE = (".css", ".js", ".json", ".svg", ".map", ".txt", ".html")
RESULT = "RESULT "


# --- setup -------------------------------------------------------------------------------------


def _import(path: Path, **kwargs) -> None:
    from wijken import services

    job = services.create_job(path.read_bytes(), path.name, **kwargs)
    job = services.run_import(job.pk)
    assert job.status == "voltooid", (path.name, job.reden, job.fouten[:5])


def _benchmark_indicators(n: int) -> None:
    """Register benchmark indicators until the catalogue has n, of every unit and direction."""
    from wijken import services
    from wijken.models import Indicator

    eenheden = ["procent", "aantal", "per_1000", "score", "index", "euro"]
    richtingen = ["risico", "beschermend", "neutraal"]
    bestaand = Indicator.objects.count()
    for i in range(1, n - bestaand + 1):
        eenheid = eenheden[i % len(eenheden)]
        services.add_indicator(
            f"Benchmarkindicator {i:02d}",
            code=f"benchmark_{i:02d}",
            naam=f"Benchmarkindicator {i:02d}",
            eenheid=eenheid,
            bron="Benchmark (synthetisch)",
            decimalen=0 if eenheid in ("aantal", "euro") else 1,
            richting=richtingen[i % len(richtingen)],
            min_celgrootte=5 if eenheid == "aantal" and i % 2 else None,
        )
    assert Indicator.objects.count() == n


def _synthetic_year(
    jaar: int, basis: dict[str, np.ndarray], vast: dict[str, np.ndarray], rng, codes: list[str]
) -> dict[str, np.ndarray]:
    """Every indicator's value for every gebied in one year (NaN = unknown)."""
    n = len(basis["inwoners"])
    # Population a little smaller in earlier years, each gebied its own drift.
    groei = (1 - vast["groei"] * (GRENSJAAR - jaar)) * rng.normal(1, 0.01, n)

    def schud(x: np.ndarray, sd: float = 0.05) -> np.ndarray:  # year-to-year noise on a share
        return np.clip(x * rng.normal(1, sd, n), 0, 1)

    def telling(x: np.ndarray) -> np.ndarray:
        return np.round(x)

    v = {k: telling(basis[k] * groei) for k in basis}
    inwoners = v["inwoners"]
    volwassen = v["leeftijd_25_45"] + v["leeftijd_45_65"]
    laag, hoog = schud(vast["laag"]), schud(vast["hoog"])
    hoog = np.minimum(hoog, 1 - laag)
    huishoudens = telling(inwoners / 2.1 * rng.normal(1, 0.03, n))
    met_kinderen = telling(huishoudens * schud(vast["met_kinderen"]))
    jeugdzorg = schud(vast["jeugdzorg"])
    v |= {
        "huishoudens": huishoudens,
        "huishoudens_met_kinderen": met_kinderen,
        "eenouderhuishoudens": telling(met_kinderen * schud(vast["eenouder"])),
        "huishoudens_laag_inkomen": np.round(100 * schud(vast["laag_inkomen"]), 1),
        "huishoudens_sociaal_minimum": np.round(100 * schud(vast["sociaal_minimum"]), 1),
        "bijstand": telling(volwassen * schud(vast["bijstand"])),
        "ww": telling(volwassen * schud(vast["ww"], 0.15)),
        "jeugdzorg_in_natura": telling((v["leeftijd_0_15"] + v["leeftijd_15_25"]) * jeugdzorg),
        "jeugdzorg_pct": np.round(100 * jeugdzorg, 1),
        "opleiding_laag_aantal": telling(volwassen * laag),
        "opleiding_middelbaar_aantal": telling(volwassen * (1 - laag - hoog)),
        "opleiding_hoog_aantal": telling(volwassen * hoog),
        "opleiding_laag_pct": np.round(100 * laag, 1),
        "opleiding_middelbaar_pct": np.round(100 * (1 - laag - hoog), 1),
        "opleiding_hoog_pct": np.round(100 * hoog, 1),
        "ses_woa": np.round(vast["ses"] + rng.normal(0, 0.02, n), 3),
        "ses_woa_spreiding": np.round(rng.uniform(0.2, 0.8, n), 3),
        "migratie_westers": telling(inwoners * schud(vast["westers"])),
        "migratie_niet_westers": telling(inwoners * schud(vast["niet_westers"])),
        "leefbarometer": np.round(vast["lbm"] + rng.normal(0, 0.03, n), 2),
        "leefbarometer_afwijking": np.round(vast["lbm"] - 4.1 + rng.normal(0, 0.03, n), 2),
    }
    for dim in ("fysiek", "onveiligheid", "sociaal", "voorzieningen", "woningen"):
        v[f"leefbarometer_{dim}"] = np.round(rng.normal(0, 0.15, n), 2)
    for code in codes:
        if code in v:
            continue
        eenheid = code.split("|")[1] if "|" in code else None
        v[code] = {  # benchmark indicators, by unit
            "procent": lambda: np.round(100 * schud(rng.beta(2, 6, n)), 1),
            "aantal": lambda: telling(inwoners * rng.uniform(0.001, 0.05, n)),
            "per_1000": lambda: np.round(rng.gamma(4, 5, n), 1),
            "score": lambda: np.round(rng.normal(0, 1, n), 1),
            "index": lambda: np.round(rng.normal(100, 15, n), 1),
            "euro": lambda: np.round(rng.lognormal(10.3, 0.3, n)),
        }[eenheid]()
    return v


def load_values() -> tuple[int, float]:
    """~18 M synthetic IndicatorWaarde rows via COPY; returns (rows, seconds)."""
    from django.db import connection

    from wijken.models import Gebied, Indicator, IndicatorWaarde

    t0 = time.perf_counter()
    gebieden = pd.DataFrame(
        list(Gebied.objects.values_list("id", "soort")), columns=["id", "soort"]
    )
    ids = gebieden["id"].to_numpy()
    n = len(ids)
    positie = pd.Series(np.arange(n), index=ids)
    indicatoren = dict(Indicator.objects.values_list("code", "id"))
    eenheid = dict(Indicator.objects.values_list("code", "eenheid"))
    rng = np.random.default_rng(GRENSJAAR)

    # The real 2024 register (inwoners, men/women, age bands) is the base of every year.
    basis = {}
    for code in ("inwoners", "mannen", "vrouwen", "leeftijd_0_15", "leeftijd_15_25",
                 "leeftijd_25_45", "leeftijd_45_65", "leeftijd_65_plus"):  # fmt: skip
        a = np.full(n, np.nan)
        rijen = IndicatorWaarde.objects.filter(
            indicator__code=code, periode=GRENSJAAR, status="ok"
        ).values_list("gebied_id", "waarde")
        for gebied_id, waarde in rijen:
            a[positie[gebied_id]] = waarde
        basis[code] = a
    bestaand = set(
        IndicatorWaarde.objects.values_list("gebied_id", "indicator_id", "periode").iterator()
    )
    # Per gebied shares that stay roughly the same over the years.
    laag = rng.uniform(0.08, 0.5, n)
    vast = {
        "groei": rng.uniform(0.0, 0.012, n),
        "laag": laag,
        "hoog": rng.uniform(0.1, 0.9, n) * (1 - laag),
        "met_kinderen": rng.uniform(0.18, 0.45, n),
        "eenouder": rng.uniform(0.1, 0.4, n),
        "laag_inkomen": rng.uniform(0.02, 0.2, n),
        "sociaal_minimum": rng.uniform(0.03, 0.22, n),
        "bijstand": rng.uniform(0.0, 0.1, n),
        "ww": rng.uniform(0.0, 0.04, n),
        "jeugdzorg": rng.uniform(0.03, 0.18, n),
        "ses": rng.normal(0, 0.25, n),
        "westers": rng.uniform(0.03, 0.2, n),
        "niet_westers": rng.uniform(0.02, 0.5, n),
        "lbm": rng.normal(4.1, 0.2, n),
    }
    benchmark = [f"{c}|{eenheid[c]}" for c in indicatoren if c.startswith("benchmark_")]
    kolommen = ["gebied_id", "indicator_id", "periode", "voorlopig", "waarde", "status"]
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(IndicatorWaarde._meta.db_table),
        sql.SQL(", ").join(sql.Identifier(k) for k in kolommen),
    )
    totaal = 0
    tabel = IndicatorWaarde._meta.db_table
    with connection.cursor() as django_cur:
        cur = django_cur.cursor  # the psycopg cursor underneath
        # A bulk load's usual trick: constraints and secondary indexes go, and come back
        # exactly as they were (same names and definitions) after the COPY.
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype <> 'p'",
            [tabel],
        )
        constraints = cur.fetchall()
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [tabel, tabel],
        )
        indexes = cur.fetchall()
        for naam, _def in constraints:
            cur.execute(
                sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                    sql.Identifier(tabel), sql.Identifier(naam)
                )
            )
        for naam, _def in indexes:
            cur.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(naam)))
        for jaar in JAREN:
            waarden = _synthetic_year(jaar, basis, vast, rng, benchmark)
            delen = []
            for code, w in waarden.items():
                echte_code = code.split("|")[0]
                indicator_id = indicatoren[echte_code]
                frame = pd.DataFrame({"gebied_id": ids, "waarde": w})
                frame = frame[
                    [(g, indicator_id, jaar) not in bestaand for g in ids]
                    if jaar == GRENSJAAR and echte_code in basis
                    else slice(None)
                ]
                frame["indicator_id"] = indicator_id
                delen.append(frame)
            frame = pd.concat(delen, ignore_index=True)
            frame["periode"] = jaar
            frame["voorlopig"] = "f"
            # CBS `.`: unknown values (gebieden without a real population) and a few small
            # counts are secret.
            geheim = frame["waarde"].isna().to_numpy() | (rng.random(len(frame)) < 0.005)
            frame.loc[geheim, "waarde"] = np.nan
            frame["status"] = np.where(geheim, "geheim", "ok")
            buf = io.StringIO()
            frame[kolommen].to_csv(buf, sep="\t", header=False, index=False, na_rep="\\N")
            with cur.copy(copy_sql) as copy:
                copy.write(buf.getvalue())
            totaal += len(frame)
            print(f"  {jaar}: {len(frame):,} values copied ({time.perf_counter() - t0:.0f} s)")
        t = time.perf_counter()
        cur.execute("SET maintenance_work_mem = '1GB'")
        for _naam, definitie in indexes:
            cur.execute(definitie)
        for naam, definitie in constraints:
            cur.execute(
                sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ").format(
                    sql.Identifier(tabel), sql.Identifier(naam)
                )
                + sql.SQL(definitie)
            )
        print(
            f"  {len(indexes)} indexes and {len(constraints)} constraints back in "
            f"{time.perf_counter() - t:.0f} s"
        )
    return totaal, time.perf_counter() - t0


def setup(tmp: Path, estimate_years: list[int]) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from wijken.models import IndicatorWaarde

    tijden = {}
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", password=WACHTWOORD, zonder_data=True, stdout=io.StringIO())
    _import(REGISTER)
    for naam in GRENZEN:
        _import(DATA / naam, soort="grenzen", jaar=GRENSJAAR)
    _benchmark_indicators(N_INDICATOREN)
    tijden["register"] = time.perf_counter() - t
    rijen, tijden["copy"] = load_values()
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(f"VACUUM (ANALYZE) {IndicatorWaarde._meta.db_table}")
        cur.execute("ANALYZE")
    tijden["analyze"] = time.perf_counter() - t
    t = time.perf_counter()
    for jaar in estimate_years:
        uit = io.StringIO()
        call_command("estimate_prevalence", year=jaar, stdout=uit)
        print("  " + uit.getvalue().strip().replace("\n", "\n  "))
    with connection.cursor() as cur:
        cur.execute("ANALYZE")  # the estimates too, as autovacuum would after a bulk insert
    tijden["estimate"] = time.perf_counter() - t
    t = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    tijden["collectstatic"] = time.perf_counter() - t
    tijden["rijen"] = IndicatorWaarde.objects.count()
    tijden["gekopieerd"] = rijen
    return tijden


# --- the server and the load ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, max_requests: int, log: Path) -> subprocess.Popen:
    cmd = [
        sys.executable, "-m", "gunicorn", "portal.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--timeout", "60",
        "--graceful-timeout", "30",
        "--worker-tmp-dir", "/dev/shm",  # noqa: S108 (as in the Dockerfile)
        "--no-control-socket",
        "--access-logfile", "-",
        "--error-logfile", "-",
    ]  # fmt: skip
    if max_requests:
        cmd += ["--max-requests", str(max_requests), "--max-requests-jitter", "100"]
    uit = log.open("wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=uit, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/gezondheid/", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 s")


def sign_in(base: str) -> str:
    """Sign in through the login form; the Cookie header of the new session."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/aanmelden/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": GEBRUIKER, "password": WACHTWOORD, "next": "/"}
    ).encode()
    opener.open(urllib.request.Request(base + "/aanmelden/", data=data)).read()  # noqa: S310
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies, "sign-in failed"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def get(url: str, cookie: str | None = None, **headers) -> tuple[int, dict, bytes]:
    if cookie:
        headers["Cookie"] = cookie
    req = urllib.request.Request(url, headers=headers)  # noqa: S310 (http://127.0.0.1 only)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:  # noqa: S310
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


LUA = """
local paths = {%(paths)s}
local cookies = {%(cookies)s}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  thread:set("cookie", cookies[((counter - 1) %% #cookies) + 1])
  table.insert(threads, thread)
end

function init(args)
  wrk.headers["Cookie"] = cookie
  wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
  volgende = id
  fout = 0
end

function request()
  volgende = volgende + 1
  return wrk.format("GET", paths[(volgende %% #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then fout = fout + 1 end
end

function done(summary, latency, requests)
  local niet200 = 0
  for _, t in ipairs(threads) do niet200 = niet200 + t:get("fout") end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %%d, "duration_us": %%d, "bytes": %%d, "non200": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "timeout": %%d, ' ..
    '"p50": %%d, "p95": %%d, "p99": %%d, "max": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, niet200,
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def cpu_pressure() -> str:
    """Linux PSI: the share of time some runnable task waited for a CPU (other work on the box)."""
    try:
        regel = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except OSError:
        return "CPU pressure unknown"
    avg = dict(d.split("=") for d in regel.split()[1:])
    return f"CPU pressure {float(avg['avg10']):.0f} % (10 s), {float(avg['avg60']):.0f} % (60 s)"


def wrk(
    base: str, paths: list[str], cookies: list[str], seconds: int, tmp: Path, n: int = CONNECTIONS
) -> dict:
    script = tmp / "load.lua"
    script.write_text(
        LUA
        % {
            "paths": ", ".join(json.dumps(p) for p in paths),
            "cookies": ", ".join(json.dumps(c) for c in cookies),
        }
    )
    # One thread per connection: each connection keeps its own session, like 8 users.
    uit = subprocess.run(
        ["wrk", "-t", str(n), "-c", str(n), "-d", f"{seconds}s",
         "--timeout", "10s", "-s", str(script), base + paths[0]],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    regel = next(r for r in uit.splitlines() if r.startswith("WRK "))
    r = json.loads(regel[4:])
    r["errors"] = r["non200"] + r["connect"] + r["read"] + r["write"] + r["timeout"]
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    return r


def static_checks(base: str, html: str) -> tuple[bool, list[str]]:
    """Every static asset the page links to: compressed when asked, cached far into the future."""
    urls = sorted(set(re.findall(r'(?:href|src|data-topojson)="(/static/[^"]+)"', html)))
    ok, regels = True, []
    for url in urls:
        status, kop, body = get(base + url, **{"Accept-Encoding": "gzip, deflate, br"})
        cache = kop.get("cache-control", "")
        leeftijd = int(m.group(1)) if (m := re.search(r"max-age=(\d+)", cache)) else 0
        codering = kop.get("content-encoding", "")
        moet_comprimeren = url.endswith(COMPRESSIBLE)
        goed = (
            status == 200
            and leeftijd >= FAR_FUTURE_S
            and "immutable" in cache
            and (codering in ("br", "gzip") or not moet_comprimeren)
        )
        ok &= goed
        regels.append(
            f"  {'ok ' if goed else 'BAD'} {url}: {status}, {len(body):,} bytes "
            f"{codering or 'uncompressed'}, Cache-Control: {cache}"
        )
    return ok and bool(urls), regels


# --- main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per URL")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of warm-up per URL")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--max-requests", type=int, default=0, help="gunicorn --max-requests (0: off)"
    )
    parser.add_argument(
        "--serial", type=int, default=5, help="seconds with 1 connection per URL (0: skip)"
    )
    parser.add_argument("--wijken", type=int, default=10, help="Amsterdam wijken to rotate")
    parser.add_argument(
        "--estimate-years",
        default=",".join(str(j) for j in JAREN),
        help="years to estimate in the setup (comma-separated)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile and slowest queries of both pages"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database (debugging)")
    parser.add_argument(
        "--database", help="measure an existing database kept with --keep (skips the setup)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    pg = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432")
    dbname = args.database or f"vo_bench_dashboard_{os.getpid()}"
    args.keep = args.keep or bool(args.database)
    tmp = Path(tempfile.mkdtemp(prefix="vo_bench_dashboard_"))
    os.environ.update(
        DATABASE_URL=f"{pg}/{dbname}",
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="benchmark-only-" + "k3y" * 20,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        IS_HTTPS="false",
        CELERY_BROKER_URL="",  # setup imports recompute in-process, as in make run
        # The shared dashboard cache as in docker-compose (Redis); emptied below.
        DJANGO_CACHE_URL=os.environ.get("BENCH_CACHE_URL", "rediscache://127.0.0.1:6379/9"),
    )
    import redis

    redis.Redis.from_url(os.environ["DJANGO_CACHE_URL"].replace("rediscache", "redis")).flushdb()
    if not args.database:
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
        if not args.keep:
            with psycopg.connect(f"{pg}/postgres", autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(dbname)
                    )
                )
        else:
            print(f"kept database {dbname}")
        shutil.rmtree(tmp, ignore_errors=True)


def in_process(paths: dict[str, str], profile: bool) -> None:
    """Each page once through Django's test client: queries, their time, the whole request."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=GEBRUIKER))
    for naam, path in paths.items():
        client.get(path)  # warm: templates, translations, connection
        with CaptureQueriesContext(connection) as vragen:
            t = time.perf_counter()
            status = client.get(path).status_code
            totaal = time.perf_counter() - t
        db = sum(float(q["time"]) for q in vragen.captured_queries)
        print(
            f"in-process {naam}: {status}, {totaal * 1000:.0f} ms, {len(vragen)} queries "
            f"taking {db * 1000:.0f} ms"
        )
        if profile:
            for q in sorted(vragen.captured_queries, key=lambda q: -float(q["time"]))[:5]:
                print(f"    {float(q['time']) * 1000:.1f} ms  {q['sql'][:300]}")
            profiel = cProfile.Profile()
            profiel.runcall(client.get, path)
            pstats.Stats(profiel).sort_stats("cumulative").print_stats(25)


def measure(args: argparse.Namespace, tmp: Path) -> int:
    from django.db import connections

    from risicofactoren.models import Schatting
    from wijken.models import Gebied

    t0 = time.perf_counter()
    jaren = [int(j) for j in args.estimate_years.split(",") if j.strip()]
    if args.database:
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"existing database {args.database}: setup skipped")
    else:
        t = setup(tmp, jaren)
        opzet = time.perf_counter() - t0
        print(
            f"setup (not measured) {opzet:.0f} s: register, boundaries, users "
            f"{t['register']:.0f} s; {t['gekopieerd']:,} synthetic values COPYed in "
            f"{t['copy']:.0f} s ({t['rijen']:,} IndicatorWaarde rows, {N_INDICATOREN} "
            f"indicators × {len(JAREN)} years); "
            f"VACUUM ANALYZE {t['analyze']:.0f} s; estimates {jaren[0]}–{jaren[-1]} "
            f"{t['estimate']:.0f} s; collectstatic {t['collectstatic']:.0f} s"
        )
    gemeente = Gebied.objects.get(code=GEMEENTE)
    geschat = list(
        Schatting.objects.filter(
            gebied__gemeente=gemeente, gebied__soort="wijk", jaar=max(jaren), per_1000__isnull=False
        )
        .order_by("gebied__code")
        .values_list("gebied__code", flat=True)
    )
    stap = max(1, len(geschat) // args.wijken)
    wijken = geschat[::stap][: args.wijken]
    in_process(
        {"overview": f"/wijken/{GEMEENTE}/", "wijkprofiel": f"/wijken/{GEMEENTE}/{wijken[0]}/"},
        args.profile,
    )
    connections.close_all()  # the server gets the database to itself

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_gunicorn(port, args.workers, args.max_requests, tmp / "gunicorn.log")
    try:
        cookies = [sign_in(base) for _ in range(CONNECTIONS)]
        status, _kop, body = get(f"{base}/wijken/{GEMEENTE}/", cookies[0])
        assert status == 200, f"overview answered {status}"
        html = body.decode()
        figuren = re.findall(
            r'<script type="application/json" data-grafiek="[^"]*">(.*?)</script>', html, re.S
        )
        json_bytes = sum(len(f.encode()) for f in figuren)
        css = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', html).group(1)
        statisch_ok, regels = static_checks(base, html)
        wijk_status, _kop, wijk_body = get(f"{base}/wijken/{GEMEENTE}/{wijken[0]}/", cookies[0])
        assert wijk_status == 200, f"wijkprofiel answered {wijk_status}"
        print(
            f"gunicorn: {args.workers} sync workers on {os.cpu_count()} CPUs (before the load: "
            f"load average {os.getloadavg()[0]:.1f}, {cpu_pressure()}), max-requests "
            f"{args.max_requests or 'off'}; wrk: {CONNECTIONS} connections, each its own "
            f"session, {args.warmup} s warm-up + {args.duration} s per URL; wijkprofiel rotates "
            f"over {len(wijken)} wijken ({', '.join(wijken)})"
        )
        print(
            f"Amsterdam overview: {len(body):,} bytes HTML of which {json_bytes:,} bytes figure "
            f"JSON in {len(figuren)} figures; wijkprofiel {len(wijk_body):,} bytes"
        )
        print("static assets of the overview (Accept-Encoding: gzip, deflate, br):")
        print("\n".join(regels))

        doelen = {
            "static": [css],
            "overview": [f"/wijken/{GEMEENTE}/"],
            "wijkprofiel": [f"/wijken/{GEMEENTE}/{w}/" for w in wijken],
        }
        uitslag = {}
        for naam, paths in doelen.items():
            if args.warmup:
                wrk(base, paths, cookies, args.warmup, tmp)
            een = wrk(base, paths, cookies, args.serial, tmp, n=1) if args.serial else None
            r = uitslag[naam] = wrk(base, paths, cookies, args.duration, tmp)
            if een:  # the service time, without queueing: what 8 users share the CPUs with
                print(
                    f"{naam:<12} 1 user: {een['rps']:,.1f}/s, p50 {een['p50'] / 1000:.1f} ms, "
                    f"p95 {een['p95'] / 1000:.1f} ms, {een['errors']} errors"
                )
            print(
                f"{naam:<12} {r['requests']:>7,} requests ({r['rps']:,.1f}/s), "
                f"{r['errors']} errors (non-200 {r['non200']}, socket "
                f"{r['connect'] + r['read'] + r['write']}, timeout {r['timeout']}); "
                f"p50 {r['p50'] / 1000:.1f} ms, p95 {r['p95'] / 1000:.1f} ms, "
                f"p99 {r['p99'] / 1000:.1f} ms, max {r['max'] / 1000:.1f} ms"
            )
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    log = (tmp / "gunicorn.log").read_text(errors="replace")
    fouten = [r for r in log.splitlines() if "[ERROR]" in r or "Traceback" in r]
    if fouten:
        print("gunicorn log errors:\n  " + "\n  ".join(fouten[:10]))

    s, o, w = (uitslag[k] for k in ("static", "overview", "wijkprofiel"))
    p95 = {k: v["p95"] / 1000 for k, v in uitslag.items()}
    fouten_totaal = sum(v["errors"] for v in uitslag.values())
    ok_o = p95["overview"] < FLOOR_OVERVIEW_MS
    ok_w = p95["wijkprofiel"] < FLOOR_WIJK_MS
    ok_e = fouten_totaal == 0
    ok_h = len(body) < FLOOR_HTML_BYTES

    def vlag(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(
        f"{RESULT}p95 at {CONNECTIONS} users: static {p95['static']:.1f} ms (baseline); "
        f"overview {p95['overview']:.1f} ms = {p95['overview'] / p95['static']:.0f}× "
        f"(floor < {FLOOR_OVERVIEW_MS} ms: {vlag(ok_o)}); wijkprofiel {p95['wijkprofiel']:.1f} ms"
        f" = {p95['wijkprofiel'] / p95['static']:.0f}× (floor < {FLOOR_WIJK_MS} ms: {vlag(ok_w)}); "
        f"errors {fouten_totaal} ({vlag(ok_e)}); {s['requests'] + o['requests'] + w['requests']:,}"
        f" requests; overview HTML {len(body) / 1e6:.2f} MB incl. {json_bytes / 1e6:.2f} MB "
        f"figure JSON (floor < 1 MB: {vlag(ok_h)}); static compressed + immutable: "
        f"{vlag(statisch_ok)}"
    )
    return 0 if all((ok_o, ok_w, ok_e, ok_h, statisch_ok)) else 1


if __name__ == "__main__":
    sys.exit(main())
