"""The harness's own checks can fail: a third-party request and an axe violation are caught."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .conftest import check_axe

pytestmark = pytest.mark.e2e


def test_request_to_another_host_is_blocked_and_recorded(page, live_server, browser_log):
    page.goto(f"{live_server.url}/aanmelden/")
    with pytest.raises(PlaywrightError):
        page.goto("https://cdn.example.org/bibliotheek.js")
    assert browser_log.blocked_requests == ["https://cdn.example.org/bibliotheek.js"]
    # Expected here; the fixture fails any other test that makes such a request.
    browser_log.blocked_requests.clear()
    page.wait_for_url("chrome-error://**")  # Chromium shows its own error page
    # Back on the portal, the page works as before; the teardown check sees nothing else.
    page.goto(f"{live_server.url}/aanmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")


def test_axe_reports_a_button_without_a_name(page, live_server):
    page.goto(f"{live_server.url}/aanmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    page.evaluate("() => document.querySelector('main').append(document.createElement('button'))")
    with pytest.raises(pytest.fail.Exception, match=r"button-name \(critical\)"):
        check_axe(page)
