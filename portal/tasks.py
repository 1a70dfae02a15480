import socket

from celery import shared_task


@shared_task(name="portal.health")
def health() -> dict:
    """Proves that a worker picks up work from the broker (used by health checks and tests)."""
    return {"status": "ok", "worker": socket.gethostname()}
