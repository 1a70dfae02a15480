"""Browser harness: Debian's Chromium driven by Playwright against pytest-django's live server.

Every page fixture enforces, for the whole test, what the design promises the user's browser:
- no request leaves the portal's own origin (third-party requests are aborted and reported);
- no console error and no uncaught page error, which includes Content-Security-Policy
  violations. The policy stays enforced (no `bypass_csp`): axe-core is not added as a script
  tag, which the policy would block, but evaluated through the DevTools protocol
  (`page.evaluate`), which Chromium lets run regardless of the page's policy.
A test that expects an HTTP error page (404, 429) declares it with `browser_log.allow_http_error`.
"""

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from ..conftest import require_service

# Playwright's sync API runs an event loop in this thread; Django's ORM would otherwise refuse
# the synchronous database calls that the factories make in the test body.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}

_HTTP_ERROR = re.compile(r"^Failed to load resource: the server responded with a status of (\d+)")


@dataclass
class BrowserLog:
    """What the browser reported during one test; checked when the page fixture tears down."""

    origin: str
    blocked_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    allowed_http_errors: set[tuple[int, str]] = field(default_factory=set)

    def allow_http_error(self, status: int, path: str) -> None:
        """Expect the browser to log `status` for `path`: an error page the test asks for."""
        self.allowed_http_errors.add((status, path))

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        location = message.location.get("url", "")
        match = _HTTP_ERROR.match(message.text)
        if match and (int(match.group(1)), urlsplit(location).path) in self.allowed_http_errors:
            return
        self.console_errors.append(f"{message.text} (at {location})")

    def on_page_error(self, error) -> None:
        self.page_errors.append(str(error))

    def problems(self) -> list[str]:
        problems = []
        if self.blocked_requests:
            problems.append(
                f"Requests to hosts other than the portal ({self.origin}) were made and blocked:\n"
                + "\n".join(f"  - {url}" for url in self.blocked_requests)
            )
        if self.console_errors:
            problems.append(
                "Console errors (a CSP violation shows up here):\n"
                + "\n".join(f"  - {text}" for text in self.console_errors)
            )
        if self.page_errors:
            problems.append(
                "Uncaught JavaScript errors:\n"
                + "\n".join(f"  - {text}" for text in self.page_errors)
            )
        return problems


@pytest.fixture(scope="session")
def browser(django_db_setup):
    require_service(Path(CHROMIUM_PATH).is_file(), f"Chromium ({CHROMIUM_PATH})")
    from django.db import connections

    # While Playwright runs, its event loop counts as running in this thread, and Django's
    # connection handler (an asgiref Local) then keeps its connections in a context variable
    # instead of the thread-local where django_db_setup made them. Without the re-binding below
    # the tests would get fresh connection objects that lack the serialized database contents,
    # so serialized rollback (see `page`) would silently restore nothing.
    before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in before.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_log(live_server):
    parts = urlsplit(live_server.url)
    return BrowserLog(origin=f"{parts.scheme}://{parts.netloc}")


@pytest.fixture
def page(browser, live_server, browser_log, django_db_serialized_rollback):
    """A fresh browser context per test. Serialized rollback restores the role groups that the
    data migration created, which the transactional flush after each live-server test removes."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})

    def only_own_origin(route):
        parts = urlsplit(route.request.url)
        if f"{parts.scheme}://{parts.netloc}" == browser_log.origin:
            route.continue_()
        else:
            browser_log.blocked_requests.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_own_origin)
    page = context.new_page()
    page.on("console", browser_log.on_console)
    page.on("pageerror", browser_log.on_page_error)
    yield page
    # A round trip to the browser delivers any console event still in flight; a page that is
    # mid-navigation cannot evaluate, and a short wait does the same job.
    try:
        page.evaluate("0")
    except PlaywrightError:
        page.wait_for_timeout(100)
    finally:
        context.close()
    problems = browser_log.problems()
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


def sign_in(page, live_server, username: str, password: str) -> None:
    """Sign in through the login form, the way a user does, and wait for the next page."""
    page.goto(f"{live_server.url}/aanmelden/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name="Aanmelden").click()


def check_axe(page) -> None:
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; fail on serious or critical
    violations with the rule, its impact, the help text and the first offending elements."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
                count: v.nodes.length,
            }));
        }""",
        AXE_TAGS,
    )
    failing = [v for v in results if v["impact"] in AXE_FAILING_IMPACTS]
    if failing:
        lines = [f"axe-core found {len(failing)} serious/critical violation(s) on {page.url}:"]
        for v in failing:
            lines.append(
                f"  - {v['id']} ({v['impact']}): {v['help']} — {v['count']} element(s), "
                f"e.g. {json.dumps(v['targets'], ensure_ascii=False)}  [{v['helpUrl']}]"
            )
        pytest.fail("\n".join(lines), pytrace=False)
