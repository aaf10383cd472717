"""The Content-Security-Policy in a real browser: what it forbids is blocked and reported (so the
`page` fixture, which fails any test whose pages broke the policy, can fail), and an editor's
own view of the public site, with Wagtail's userbar, stays within it."""

import pytest

from tests.browser import CSP_LISTENER
from tests.e2e.test_lesson_editor import log_in_as_editor
from tests.factories import make_course, make_lesson

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_injected_inline_script_is_blocked_and_reported(browser, live_server, home_page):
    context = browser.new_context()
    violations = []
    context.expose_binding("__cspViolation", lambda _source, text: violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        ran = page.evaluate(
            """() => new Promise((resolve) => {
                const script = document.createElement("script");
                script.textContent = "window.injected = true;";
                document.body.appendChild(script);
                setTimeout(() => resolve(window.injected === true), 200);
            })"""
        )
        page.wait_for_timeout(200)
    finally:
        context.close()
    assert ran is False
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations


def test_an_editor_sees_the_public_site_with_the_userbar_within_the_policy(
    page, live_server, editor, course_index
):
    course = make_course(course_index, title="Kurs redaktora")
    lesson = make_lesson(course, title="Lekcja redaktora")
    log_in_as_editor(page, live_server)
    for url in (course.url, lesson.url, "/"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.locator("wagtail-userbar").count() == 1
    # The page fixture fails the test if anything here broke the policy.
