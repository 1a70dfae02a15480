"""django-axes locks an account after repeated failures; the user is told so in Dutch."""

import pytest
from django.urls import reverse

from portal.models import AuditEvent, AuditEventType
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_account_is_locked_after_five_failures(client, lid, settings):
    user = lid(username="lotte")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "lotte", "password": "fout"})
    response = client.post(reverse("login"), {"username": "lotte", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Account tijdelijk geblokkeerd" in html
    assert "Probeer het over 30 minuten opnieuw" in html
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(type=AuditEventType.LOCKED_OUT, actor=user).exists()


def test_fewer_failures_do_not_lock(client, lid, settings):
    lid(username="lotte")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "lotte", "password": "fout"})
    response = client.post(reverse("login"), {"username": "lotte", "password": PASSWORD})
    assert response.status_code == 302
