"""A shared cache for the computed parts of the dashboards.

Every key carries a data version that each import and each recomputation of the estimates
raises, so nothing stale is served after new figures; the cache itself is shared between web
processes (settings.CACHES: a file cache by default, Redis in production).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

T = TypeVar("T")
VERSIE = "dashboards:versie"


def data_version() -> int:
    return cache.get_or_set(VERSIE, 1, timeout=None)


def invalidate() -> None:
    """New figures: every cached dashboard part is out of date."""
    try:
        cache.incr(VERSIE)
    except ValueError:
        cache.set(VERSIE, 2, timeout=None)


def cached(naam: str, *delen: Any, bouw: Callable[[], T]) -> T:
    sleutel = ":".join(
        ["dashboards", str(data_version()), naam, get_language() or "", *map(str, delen)]
    )
    waarde = cache.get(sleutel)
    if waarde is None:
        waarde = bouw()
        cache.set(sleutel, waarde, settings.DASHBOARD_CACHE_SECONDS)
    return waarde


def fragment_context() -> dict[str, Any]:
    """For `{% cache %}` around the rendered tables and figures: the same version and lifetime."""
    return {"cache_versie": data_version(), "cache_seconden": settings.DASHBOARD_CACHE_SECONDS}
