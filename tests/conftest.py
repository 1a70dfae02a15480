"""Shared fixtures. Services that CI provides (PostgreSQL, Redis, Chromium) fail the run when
missing and `CI` is set; without `CI` the tests that need them are skipped with the reason."""

import os

import pytest
from django.conf import settings

from portal.models import Rol

from .factories import LidmaatschapFactory, RegioFactory, RegioGemeenteFactory, UserFactory

IN_CI = bool(os.environ.get("CI"))


def require_service(available: bool, what: str) -> None:
    """Skip when a local service is missing, but fail in CI where it must be there."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but not available", pytrace=False)
    pytest.skip(f"{what} not available on this machine (set CI=true to make this a failure)")


def pytest_configure(config):
    # Tests render templates without running collectstatic: plain storage instead of manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    # The test process's own cache, emptied for every test (see `leeg_cache`).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    os.makedirs(settings.STATIC_ROOT, exist_ok=True)
    # Tasks run in-process in tests; the broker tests talk to Redis through their own producer.
    from portal.celery import app as celery_app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    if IN_CI and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise pytest.UsageError("In CI the tests must run against PostgreSQL (DATABASE_URL).")


@pytest.fixture(autouse=True)
def leeg_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def regio(db):
    regio = RegioFactory(naam="Regio Eigen", slug="eigen")
    RegioGemeenteFactory(regio=regio, code="GM0034", naam="Almere", is_centrumgemeente=True)
    return regio


@pytest.fixture
def andere_regio(db):
    regio = RegioFactory(naam="Regio Ander", slug="ander")
    RegioGemeenteFactory(regio=regio, code="GM0344", naam="Utrecht")
    return regio


@pytest.fixture
def lid(regio):
    """Factory for a user with `rol` in `regio` (default: the own regio)."""

    def make(rol: str = Rol.LEZER, in_regio=None, **user_kwargs):
        user = UserFactory(**user_kwargs)
        LidmaatschapFactory(user=user, regio=in_regio or regio, rol=rol)
        return user

    return make
