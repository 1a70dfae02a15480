"""Security headers on every page, upload limits, and a clean `check --deploy` in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from portal.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_contain_no_inline_script_or_style(client, lid):
    client.force_login(lid())
    html = client.get(reverse("home")).content.decode()
    assert "<script>" not in html and "<style" not in html and " style=" not in html


def test_oversized_request_is_refused_in_dutch_and_changes_nothing(client, lid, settings):
    settings.PORTAL_MAX_UPLOAD_MB = 1
    client.force_login(lid())
    before = AuditEvent.objects.count()
    body = b"x" * (1024 * 1024 + 1)
    response = client.generic("POST", reverse("kies_regio"), body, content_type="text/plain")
    assert response.status_code == 413
    assert "Bestand te groot" in response.content.decode()
    assert "1 MB" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_foreign_form_post_gets_dutch_csrf_page(lid):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(lid())
    response = client.post(reverse("kies_regio"), {"regio": 1})
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()


PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "p9Vq3-zR7LmX2wK8sN4tYc6Hf1Jd0Ge5Ua_Bi-Oo7Pr2Qs9Tv3Wx6Yz8Ab4Cd1Ef",
    "DJANGO_ALLOWED_HOSTS": "veiligopgroeien.example.nl",
    "IS_HTTPS": "true",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PRODUCTION_ENV)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_DEBUG": "false", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Zet DJANGO_SECRET_KEY" in result.stderr
