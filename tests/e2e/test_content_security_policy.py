"""The browser enforces a strict Content-Security-Policy: no inline code, no eval, own origin."""

import pytest
from playwright.sync_api import expect

from portal.models import Rol

from ..factories import PASSWORD
from .conftest import sign_in

pytestmark = pytest.mark.e2e


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("signed_in", [False, True], ids=["aanmelden", "overzicht"])
def test_pages_send_a_strict_policy(page, live_server, lid, signed_in):
    if signed_in:
        user = lid(Rol.LEZER)
        sign_in(page, live_server, user.username, PASSWORD)
    response = page.goto(f"{live_server.url}/" if signed_in else f"{live_server.url}/aanmelden/")
    assert response.ok

    header = response.headers.get("content-security-policy")
    assert header, "no Content-Security-Policy header"
    assert "unsafe-inline" not in header and "unsafe-eval" not in header, header
    directives = _directives(header)
    for name in ("default-src", "script-src", "style-src", "connect-src", "font-src"):
        assert directives.get(name) == ["'self'"], (name, header)
    assert directives.get("object-src") == ["'none'"], header
    assert directives.get("frame-ancestors") == ["'none'"], header


def test_inline_script_is_blocked_and_the_harness_reports_it(page, live_server, browser_log):
    page.goto(f"{live_server.url}/aanmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.inlineRan = true";
            document.body.append(script);
        }"""
    )
    assert page.evaluate("window.inlineRan") is None
    page.evaluate("0")  # deliver the console event
    violations = [e for e in browser_log.console_errors if "Content Security Policy" in e]
    assert len(violations) == 1, browser_log.console_errors
    # Expected here; any other console error still fails the test at teardown.
    browser_log.console_errors.remove(violations[0])


def test_string_eval_is_blocked(page, live_server, browser_log):
    page.goto(f"{live_server.url}/aanmelden/")
    # A string passed to setTimeout is evaluated by the page itself, later, under its policy.
    page.evaluate("""() => setTimeout("window.evalRan = true", 0)""")
    page.wait_for_function("() => true")  # let the timer fire
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
    assert page.evaluate("window.evalRan") is None
    violations = [e for e in browser_log.console_errors if "unsafe-eval" in e]
    assert len(violations) == 1, browser_log.console_errors
    browser_log.console_errors.remove(violations[0])
