"""An import is all or nothing, also when its worker dies, two run at once or the database fails.

The design promises (DESIGN.md, "Celery" and "Import pipeline"): a worker killed mid-import
leaves no partial data and the job recoverable; concurrent imports of one file double nothing;
every write of an import happens in one transaction.

The worker tests start real Celery worker processes, as in production, against the same
PostgreSQL test database as the test itself (`transaction=True`, so what the test creates is
committed and visible to the worker) and a dedicated Redis database (number 14, emptied before
and after). They kill the worker with SIGKILL while it is writing the national file
(146,480 values, a few seconds on PostgreSQL).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from tests.conftest import require_service
from wijken import services
from wijken.models import Gebied, GebiedJaar, ImportJob, ImportStatus, IndicatorWaarde

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "fixtures" / "data"
NATIONAAL = DATA / "kwb2024_nl_bevolking_leeftijd_statline.csv"
NATIONAAL_WAARDEN = 146_480
KLEIN = DATA / "kwb2019_denhaag_odata.csv"
REDIS_DB = 14  # dedicated to these tests: emptied before and after

# Committed data, visible to other connections and processes. The flush after a transactional
# test also removes the catalogue that the data migration loaded, so each test loads it again.
transactioneel = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def catalogus(request):
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("transactional_db")
        services.load_catalogue()


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a temporary directory, which the worker processes are given as well."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    return root


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        require_service(False, "PostgreSQL (DATABASE_URL)")


@pytest.fixture
def redis_url():
    """The broker's Redis, always on database 14 so that emptying it touches nothing else."""
    basis = urlsplit(os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0")
    if basis.scheme not in ("redis", "rediss"):
        basis = urlsplit("redis://127.0.0.1:6379/0")
    url = urlunsplit((basis.scheme, basis.netloc, f"/{REDIS_DB}", basis.query, ""))
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.ping()
    except Exception:
        client = None
    require_service(client is not None, f"Redis at {url}")
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


def _database_url() -> str:
    """The test database (test_<name>) on the same server, for the worker processes."""
    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{quote(db['NAME'], safe='')}"


class Workers:
    """Starts Celery worker processes as in production; stops every one of them at the end."""

    def __init__(self, redis_url: str, media: Path, logs: Path):
        self.env = {
            **os.environ,
            "CELERY_BROKER_URL": redis_url,
            "CELERY_RESULT_BACKEND": redis_url,
            "DATABASE_URL": _database_url(),
            "DJANGO_MEDIA_ROOT": str(media),
            "DJANGO_CONN_MAX_AGE": "0",
        }
        self.logs = logs
        self.procs: list[subprocess.Popen] = []
        self.producer = Celery("producer", broker=redis_url, backend=redis_url)

    def start(self, pool: str = "solo") -> subprocess.Popen:
        n = len(self.procs) + 1
        log = (self.logs / f"worker-{n}.log").open("w")  # a file: a full pipe would block it
        args = [sys.executable, "-m", "celery", "-A", "portal", "worker", f"--pool={pool}"]
        if pool == "prefork":
            args.append("--concurrency=1")
        proc = subprocess.Popen(
            [
                *args,
                f"--hostname=reliability-{n}@%h",
                "--loglevel=INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        proc.log_path = self.logs / f"worker-{n}.log"
        self.procs.append(proc)
        # Up and consuming: it answers a task through the broker.
        self.producer.send_task("portal.health").get(timeout=60)
        return proc

    def log(self, proc: subprocess.Popen) -> str:
        return proc.log_path.read_text(errors="replace")[-4000:]

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        self.producer.close()


@pytest.fixture
def workers(postgresql, redis_url, media, tmp_path, monkeypatch):
    # Celery reads CELERY_BROKER_URL/CELERY_RESULT_BACKEND from the environment before any
    # broker= argument: the producer would otherwise send to CI's broker database.
    monkeypatch.setenv("CELERY_BROKER_URL", redis_url)
    monkeypatch.setenv("CELERY_RESULT_BACKEND", redis_url)
    logs = tmp_path / "logs"
    logs.mkdir()
    pool = Workers(redis_url, media, logs)
    yield pool
    pool.stop_all()
    # The killed workers' transactions must be gone before the test database is flushed.
    _wait_for(lambda: _open_writers() == 0, timeout=120, what="open transactions of the workers")


# --- helpers ------------------------------------------------------------------------------


def _wait_for(condition, *, timeout: float, what: str, interval: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"waited {timeout:.0f} s in vain for {what}")


def _open_writers() -> int:
    """Other sessions on the test database with an open transaction that has written."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
        return cur.fetchone()[0]


def _job(job_id: int) -> ImportJob:
    return ImportJob.objects.get(pk=job_id)


def _kill_while_writing(job_id: int, victim: int, worker_log) -> ImportJob:
    """SIGKILL `victim` once the job's transaction has written (gebieden, temporary table) and
    its values are being stored; returns the job as it was at that moment."""

    def schrijft():
        job = _job(job_id)
        assert job.status != ImportStatus.VOLTOOID, (
            "the import finished before it could be interrupted; this machine is faster than "
            "the test assumes\n" + worker_log()
        )
        assert job.status != ImportStatus.MISLUKT, job.reden + "\n" + worker_log()
        return job.status == ImportStatus.BEZIG and job.voortgang > 10 and _open_writers()

    _wait_for(schrijft, timeout=120, what="the import to be writing", interval=0.01)
    os.kill(victim, signal.SIGKILL)
    return _job(job_id)


def _national_job() -> ImportJob:
    job = services.create_job(NATIONAAL.read_bytes(), NATIONAAL.name)
    assert job.status == ImportStatus.WACHTEND, job.fouten
    assert job.voorbeeld["aantal_waarden"] == NATIONAAL_WAARDEN
    return job


def _pool_child(worker: subprocess.Popen) -> int:
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


# --- 1. a worker killed mid-import ---------------------------------------------------------


@pytest.mark.broker
@transactioneel
def test_worker_killed_mid_import_leaves_nothing_and_the_job_recoverable(workers):
    """The whole worker process dies (SIGKILL, as the OOM killer or a lost machine would) while
    the national file is being written: nothing of it is stored and the job stays `bezig`.

    Automatic redelivery of the unacknowledged message needs Redis' visibility timeout to
    expire, which settings.py fixes at CELERY_TASK_TIME_LIMIT + 300 s (35 minutes; there is no
    environment variable for it), so this test does not wait for it. It recovers the way the
    beat task `wijken.fail_stale_imports` does, with a short age: the job becomes `mislukt`
    with a Dutch reason, and a new job for the same file then imports completely through a
    fresh worker. (A redelivered message for the failed job would leave it alone: idempotent.)
    """
    job = _national_job()
    eerste = workers.start("solo")
    workers.producer.send_task("wijken.run_import", args=[job.pk])

    op_moment = _kill_while_writing(job.pk, eerste.pid, lambda: workers.log(eerste))
    eerste.wait(timeout=10)
    assert eerste.returncode == -signal.SIGKILL

    # Nothing is visible, not even while the dead session's transaction is being rolled back…
    assert IndicatorWaarde.objects.count() == 0
    assert Gebied.objects.count() == 0
    # …and nothing remains once PostgreSQL has ended that session.
    _wait_for(lambda: _open_writers() == 0, timeout=120, what="the rollback of the killed worker")
    assert IndicatorWaarde.objects.count() == 0
    assert Gebied.objects.count() == 0
    assert GebiedJaar.objects.count() == 0
    job.refresh_from_db()
    assert job.status == ImportStatus.BEZIG
    assert job.beeindigd is None
    assert job.voortgang == op_moment.voortgang < 100
    # acks_late: the message was not acknowledged; kombu's Redis transport keeps it in the
    # "unacked" hash until the visibility timeout makes it deliverable again.
    with workers.producer.connection_for_write() as conn:
        assert conn.default_channel.client.hlen("unacked") == 1

    time.sleep(1.1)  # older than the age given below
    assert services.fail_stale_jobs(max_age=timedelta(seconds=1)) == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.MISLUKT
    assert "afgebroken" in job.reden
    assert "er is niets geïmporteerd" in job.reden
    assert "Start de import opnieuw" in job.reden

    opnieuw = _national_job()
    tweede = workers.start("solo")
    resultaat = workers.producer.send_task("wijken.run_import", args=[opnieuw.pk])
    assert resultaat.get(timeout=180) == ImportStatus.VOLTOOID, workers.log(tweede)
    opnieuw.refresh_from_db()
    assert opnieuw.status == ImportStatus.VOLTOOID
    assert IndicatorWaarde.objects.count() == NATIONAAL_WAARDEN
    assert opnieuw.nieuw == NATIONAAL_WAARDEN
    assert opnieuw.gebieden_nieuw == Gebied.objects.count()
    assert _job(job.pk).status == ImportStatus.MISLUKT


@pytest.mark.broker
@transactioneel
def test_killed_pool_process_the_task_is_redelivered_and_the_job_completes(workers):
    """The pool process running the import dies (SIGKILL) while writing the national file. The
    worker's main process sees the lost process and, because of acks_late and
    reject_on_worker_lost, puts the message back at once; the redelivered task finds the job
    `bezig` and runs it again. Every value of the finished job is new: the killed attempt
    stored nothing, not a single value or gebied."""
    job = _national_job()
    worker = workers.start("prefork")
    kind = _pool_child(worker)
    workers.producer.send_task("wijken.run_import", args=[job.pk])

    _kill_while_writing(job.pk, kind, lambda: workers.log(worker))
    assert IndicatorWaarde.objects.count() == 0
    assert _job(job.pk).status == ImportStatus.BEZIG

    klaar = _wait_for(
        lambda: _job(job.pk).status in (ImportStatus.VOLTOOID, ImportStatus.MISLUKT),
        timeout=180,
        what="the redelivered import",
        interval=0.2,
    )
    assert klaar
    job.refresh_from_db()
    log = workers.log(worker)
    assert job.status == ImportStatus.VOLTOOID, f"{job.reden}\n{log}"
    assert "WorkerLostError" in log
    assert worker.poll() is None  # the worker itself lives on with a new pool process
    assert _pool_child(worker) != kind
    assert IndicatorWaarde.objects.count() == NATIONAAL_WAARDEN
    assert job.nieuw == NATIONAAL_WAARDEN
    assert job.gewijzigd == job.ongewijzigd == 0
    assert job.gebieden_nieuw == Gebied.objects.count()


# --- 2. two imports of one file at the same time ------------------------------------------


@transactioneel
def test_two_simultaneous_imports_of_one_file_double_nothing(postgresql, monkeypatch):
    """Two jobs of the same file run at the same moment in two threads, each with its own
    database connection. The second one demonstrably waits on the advisory lock while the
    first one is writing; afterwards it finds every value unchanged."""
    data = KLEIN.read_bytes()
    jobs = [services.create_job(data, KLEIN.name) for _ in range(2)]
    aantal = jobs[0].voorbeeld["aantal_waarden"]
    assert aantal > 1000

    original_lock = services._lock_imports
    guard = threading.Lock()
    houders: list[str] = []
    ander_wacht = threading.Event()

    def lock_and_hold_on():
        original_lock()
        with guard:
            eerste = not houders
            houders.append(threading.current_thread().name)
        if eerste:  # keep the lock until the other import is seen waiting for it
            ander_wacht.wait(timeout=30)

    monkeypatch.setattr(services, "_lock_imports", lock_and_hold_on)
    start = threading.Barrier(2)
    uitkomst: dict[int, object] = {}

    def importeer(job_id: int) -> None:
        try:
            start.wait(timeout=30)
            uitkomst[job_id] = services.run_import(job_id)
        except BaseException as exc:  # reported below, in the test's thread
            uitkomst[job_id] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=importeer, args=(j.pk,), name=f"import-{j.pk}") for j in jobs
    ]
    for t in threads:
        t.start()

    def wacht_op_advisory_lock():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                "WHERE l.locktype = 'advisory' AND NOT l.granted "
                "AND d.datname = current_database()"
            )
            return cur.fetchone()[0] == 1

    try:
        gezien = _wait_for(wacht_op_advisory_lock, timeout=30, what="a waiting import")
    finally:
        ander_wacht.set()
        for t in threads:
            t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert gezien
    for job in jobs:
        assert isinstance(uitkomst[job.pk], ImportJob), uitkomst[job.pk]
        job.refresh_from_db()
        assert job.status == ImportStatus.VOLTOOID, job.reden
    assert len(houders) == 2
    assert IndicatorWaarde.objects.count() == aantal
    assert sum(j.nieuw for j in jobs) == aantal
    assert sum(j.gewijzigd for j in jobs) == 0
    eerste, tweede = sorted(jobs, key=lambda j: -j.nieuw)
    assert (eerste.nieuw, tweede.ongewijzigd) == (aantal, aantal)
    assert eerste.gebieden_nieuw == Gebied.objects.count() and tweede.gebieden_nieuw == 0


# --- 3. a database error halfway -----------------------------------------------------------


@transactioneel
def test_database_error_mid_write_rolls_everything_back(monkeypatch):
    """The database refuses a statement after the import created its gebieden: the gebieden,
    their years and the values are all rolled back, and the job says so in Dutch. The same
    file then imports normally (nothing left behind on the connection either)."""
    data = KLEIN.read_bytes()
    job = services.create_job(data, KLEIN.name)
    aantal = job.voorbeeld["aantal_waarden"]
    gezien: dict[str, int] = {}

    def kapot(frame, job_id, progress):
        gezien["gebieden"] = Gebied.objects.count()
        gezien["jaren"] = GebiedJaar.objects.count()
        with connection.cursor() as cur:
            cur.execute("SELECT * FROM tabel_die_niet_bestaat")

    monkeypatch.setattr(services, "_upsert_postgresql", kapot)
    monkeypatch.setattr(services, "_upsert_portable", kapot)

    job = services.run_import(job.pk)

    assert gezien["gebieden"] > 0 and gezien["jaren"] > 0  # the failure came mid-write
    assert Gebied.objects.count() == 0
    assert GebiedJaar.objects.count() == 0
    assert IndicatorWaarde.objects.count() == 0
    assert job.status == ImportStatus.MISLUKT
    assert "er is niets geïmporteerd" in job.reden
    assert job.reden.startswith("Er ging iets mis tijdens het schrijven")
    assert job.beeindigd is not None

    monkeypatch.undo()
    opnieuw = services.run_import(services.create_job(data, KLEIN.name).pk)
    assert opnieuw.status == ImportStatus.VOLTOOID, opnieuw.reden
    assert opnieuw.nieuw == IndicatorWaarde.objects.count() == aantal
    assert opnieuw.gebieden_nieuw == Gebied.objects.count()
