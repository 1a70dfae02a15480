"""A real Celery worker process, started as in production, picks up a task from Redis."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.broker


@pytest.fixture
def redis_url():
    url = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        available = True
    except Exception:
        available = False
    require_service(available, f"Redis at {url}")
    return url


@pytest.fixture
def worker(redis_url, tmp_path):
    env = {**os.environ, "CELERY_BROKER_URL": redis_url, "CELERY_RESULT_BACKEND": redis_url}
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'worker.sqlite3'}")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--hostname=test-worker@%h",
            "--loglevel=INFO",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    producer = Celery("producer", broker=redis_url, backend=redis_url)
    yield producer, proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_health_task_runs_in_a_worker_process(worker):
    producer, proc = worker
    result = producer.send_task("portal.health")
    value = result.get(timeout=60)
    assert value["status"] == "ok"
    assert proc.poll() is None


def test_worker_runs_with_the_settings_of_the_design(worker):
    producer, proc = worker
    producer.send_task("portal.health").get(timeout=60)  # the worker is up
    replies = producer.control.inspect(timeout=10).conf() or {}
    conf = next(iter(replies.values()))
    assert conf["CELERY_TASK_ACKS_LATE"] is True
    assert conf["CELERY_TASK_REJECT_ON_WORKER_LOST"] is True
    assert conf["CELERY_WORKER_PREFETCH_MULTIPLIER"] == 1
    assert conf["CELERY_TASK_SERIALIZER"] == "json"
    assert conf["CELERY_ACCEPT_CONTENT"] == ["json"]
    assert 0 < conf["CELERY_TASK_SOFT_TIME_LIMIT"] < conf["CELERY_TASK_TIME_LIMIT"]
    assert conf["CELERY_TASK_ALWAYS_EAGER"] is False
