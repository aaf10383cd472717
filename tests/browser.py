"""Browser fixtures, a pytest plugin loaded by tests/conftest.py: Playwright drives Debian's
Chromium against pytest-django's live server.

YouTube is the only outside service the pages use; the network is closed here, so requests to it
are answered by a stub (the one mock the suite allows)."""

import os
import shutil
import subprocess

import django.test.testcases as testcases
import pytest
from playwright.sync_api import sync_playwright

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _ProjectServesMedia:
    """Django's live server answers /media/ itself with django.views.static.serve, which
    ignores HTTP Range, so a video cannot seek. Hand /media/ to the project's own
    range-capable view instead, as production's proxy would serve it with ranges."""

    def __new__(cls, application):
        return application


testcases._MediaFilesHandler = _ProjectServesMedia

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
YOUTUBE_HOSTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "ytimg.com",
    "googlevideo.com",
    "google.com",
    "gstatic.com",
    "doubleclick.net",
)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from django.db import connections

    serialized = getattr(connections["default"], "_test_serialized_contents", None)
    with sync_playwright() as playwright:
        # Playwright's sync API runs the test in a greenlet with its own context, so Django hands
        # out a new connection object there; give it the serialized data that transactional tests
        # restore the database from (the Editors group, the root page and the default site).
        if serialized is not None:
            connections["default"]._test_serialized_contents = serialized
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _stub_outside_world(route):
    url = route.request.url
    if any(host in url for host in YOUTUBE_HOSTS):
        route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><html lang='pl'><title>YouTube</title><body></body></html>",
        )
    else:
        route.abort()


# Every page and frame reports what the Content-Security-Policy blocked; a test whose pages
# broke the policy fails (the site's pages, the player and the admin must work under it).
# (Under a policy without 'unsafe-eval', Playwright's `wait_for_function` takes a function,
# "() => …": an expression would be evaluated again with eval at each poll, and refused.)
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} `
        + `in ${document.location.pathname} (${event.sourceFile || ""}:${event.lineNumber || ""})`);
});
"""


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
    context.route(lambda url: not url.startswith(live_server.url), _stub_outside_world)
    violations = []
    context.expose_binding("__cspViolation", lambda _source, text: violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert violations == [], f"Content-Security-Policy violations: {violations}"


@pytest.fixture(scope="session")
def test_video(tmp_path_factory):
    """A 20-second VP8 WebM with a test pattern, made with Debian's ffmpeg."""
    path = tmp_path_factory.mktemp("video") / "test.webm"
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=160x90:rate=10",
            "-t",
            "20",
            "-c:v",
            "libvpx",
            "-b:v",
            "50k",
            str(path),
        ],
        check=True,
        timeout=120,
    )
    return path


def axe_violations(page):
    """Run axe-core (bundled with axe-playwright-python) on the page; return its violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            }
        },
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]
