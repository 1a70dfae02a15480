"""The portal speaks Dutch to everyone, English only on request, with Dutch number formats."""

import pytest
from django.urls import reverse
from django.utils import formats, translation

pytestmark = pytest.mark.django_db


def test_dutch_even_when_the_browser_asks_for_english(client, lid):
    client.force_login(lid())
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="nl">' in html and "Situatie in de wijken" in html


def test_english_after_choosing_it_in_the_footer(client, lid):
    client.force_login(lid())
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "Situation in the neighbourhoods" in html and "Skip to content" in html
    client.post(reverse("set_language"), {"language": "nl", "next": reverse("home")})
    assert "Situatie in de wijken" in client.get(reverse("home")).content.decode()


def test_numbers_are_formatted_the_dutch_way():
    with translation.override("nl"):
        assert formats.number_format(1234.5, 1, use_l10n=True, force_grouping=True) == "1.234,5"


def test_missing_dutch_text_from_django_is_filled_in():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with translation.override("nl"), pytest.raises(ValidationError) as error:
        validate_password("kort1")
    assert (
        "Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten." in error.value.messages
    )
