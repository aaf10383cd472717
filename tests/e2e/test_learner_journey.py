"""The whole learner journey as a new user makes it, in Polish: sign up, verify the email from
the outbox, enrol, watch the lesson's video past the threshold, see it complete, reload and
resume, see the percentage on My learning. Once with the mouse, once by keyboard alone; axe
checks every page on the way."""

import re

import pytest
from django.core import mail
from django.core.files import File

from courses.models import Enrolment, LessonProgress
from tests.browser import axe_violations
from tests.factories import make_course, make_lesson, make_webinar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "marta.kowalska@example.org"
PASSWORD = "Fundusz-sasiedzki-2024"


@pytest.fixture
def course(home_page, course_index, webinar_index, test_video):
    from home.models import StandardPage

    home_page.add_child(instance=StandardPage(title="Polityka prywatności", slug="polityka-prywatnosci"))
    with test_video.open("rb") as handle:
        _webinar, part = make_webinar(
            webinar_index, title="Nagranie", duration_seconds=20, video_file=File(handle, name="test.webm")
        )
    course = make_course(course_index, title="Fundusz sąsiedzki krok po kroku")
    lesson = make_lesson(course, title="Jak działa fundusz", part=part, start=2, end=18)
    make_lesson(course, title="Podsumowanie")
    return course, lesson


def no_violations(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def verification_link(page):
    # The email is sent while the browser follows the redirect; wait until it is in the outbox.
    for _ in range(50):
        if mail.outbox:
            break
        page.wait_for_timeout(100)
    message = mail.outbox[-1]
    assert EMAIL in message.to
    return re.search(r"https?://\S+/konto/confirm-email/\S+/", message.body).group(0)


def test_the_journey_with_a_mouse(page, live_server, course):
    course_page, lesson = course
    page.goto(live_server.url + course_page.url)
    no_violations(page)
    page.get_by_role("link", name="Załóż konto").first.click()
    page.wait_for_url("**/konto/signup/**")
    no_violations(page)
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_display_name").fill("Marta Kowalska")
    page.locator("#id_organisation_type").select_option("ngo")
    page.locator("#id_voivodeship").select_option(index=5)
    page.locator("#id_municipality").fill("Łódź")
    page.locator("#id_privacy_consent").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/konto/confirm-email/**")
    no_violations(page)

    page.goto(verification_link(page).replace("http://testserver", live_server.url))
    no_violations(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "confirm-email" not in url)

    page.goto(live_server.url + course_page.url)
    page.get_by_role("button", name="Zapisz się na kurs").click()
    page.wait_for_selector("progress")
    no_violations(page)
    page.get_by_role("link", name=re.compile("Rozpocznij kurs")).click()
    page.wait_for_url(f"**{lesson.url}")
    no_violations(page)

    page.locator("video").evaluate("v => { v.muted = true; v.playbackRate = 4; return v.play(); }")
    page.wait_for_function(
        "() => document.querySelector('[data-lesson]').dataset.completed === 'true'", timeout=30_000
    )
    assert "Lekcja ukończona" in page.locator("[data-lesson-status]").inner_text()

    page.locator("video").evaluate("v => { v.currentTime = 10; v.pause(); }")
    page.wait_for_function("() => document.querySelector('video').paused")
    page.evaluate("window.lessonPlayers[0].tracker.save()")
    page.wait_for_timeout(500)
    page.reload()
    # preload="none": pressing play resumes where the learner paused.
    resumed = page.locator("video").evaluate(
        """v => { v.muted = true;
            return v.play().then(() => { v.pause(); return v.currentTime; }); }"""
    )
    assert abs(resumed - 10) < 1.5

    page.get_by_role("link", name="Moja nauka").click()
    page.wait_for_url("**/moja-nauka/")
    assert page.locator("[data-percent]").inner_text() == "50%"
    no_violations(page)
    learner = Enrolment.objects.get().learner
    assert learner.email == EMAIL and learner.display_name == "Marta Kowalska"
    assert LessonProgress.objects.get(learner=learner, lesson=lesson).completed_at is not None


def tab_to(page, predicate_js, limit=80):
    """Press Tab until the focused element satisfies `predicate_js` (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => !!el && ({predicate_js}))(document.activeElement)"):
            return
    pytest.fail(f"Could not reach an element where {predicate_js} with the keyboard")


def test_the_journey_by_keyboard_alone(page, live_server, course):
    course_page, lesson = course
    page.goto(live_server.url + course_page.url)
    tab_to(page, "el.textContent.trim() === 'Załóż konto'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/signup/**")
    for selector, value in [
        ("#id_email", EMAIL),
        ("#id_password1", PASSWORD),
        ("#id_password2", PASSWORD),
        ("#id_display_name", "Marta Kowalska"),
    ]:
        tab_to(page, f"el.matches('{selector}')")
        page.keyboard.type(value)
    tab_to(page, "el.matches('#id_organisation_type')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to(page, "el.matches('#id_privacy_consent')")
    page.keyboard.press("Space")
    tab_to(page, "el.matches('button[type=submit]') && el.closest('main')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/confirm-email/**")

    page.goto(verification_link(page).replace("http://testserver", live_server.url))
    tab_to(page, "el.matches('button[type=submit]') && el.closest('main')")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "confirm-email" not in url)

    page.goto(live_server.url + course_page.url)
    tab_to(page, "el.textContent.trim() === 'Zapisz się na kurs'")
    page.keyboard.press("Enter")
    page.wait_for_selector("progress")
    tab_to(page, "el.textContent.includes('Rozpocznij kurs')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{lesson.url}")

    # The video's own controls take keyboard focus; Space starts playback.
    page.locator("video").evaluate("v => { v.muted = true; v.playbackRate = 4; }")
    tab_to(page, "el.tagName === 'VIDEO'")
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => document.querySelector('[data-lesson]').dataset.completed === 'true'", timeout=30_000
    )

    tab_to(page, "el.textContent.trim() === 'Moja nauka'", limit=120)
    page.keyboard.press("Enter")
    page.wait_for_url("**/moja-nauka/")
    assert page.locator("[data-percent]").inner_text() == "50%"
