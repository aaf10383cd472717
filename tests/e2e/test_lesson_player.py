"""A learner opens a lesson, plays the local test video, and the slides follow it."""

import datetime

import pytest
from django.core.files import File

from tests.browser import axe_violations
from tests.factories import link_deck, make_course, make_deck, make_lesson, make_topic, make_webinar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SLIDES = [
    ("Po co mikrogranty", "Małe kwoty, szybkie decyzje."),
    ("Wyniki badań", "Co mówią gminy."),
    ("Co dalej", "Program na kolejny rok."),
]


@pytest.fixture
def lesson(home_page, course_index, webinar_index, test_video):
    topic = make_topic()
    with test_video.open("rb") as handle:
        webinar, part = make_webinar(
            webinar_index,
            title="Mikrogranty – webinar",
            topic=topic,
            video_file=File(handle, name="test.webm"),
            duration_seconds=20,
            chapters=[(2, "Wprowadzenie"), (12, "Wnioski")],
            date=datetime.date(2021, 4, 30),
        )
    deck = make_deck("Mikrogranty", SLIDES)  # a title slide and three more: 4 slides
    link_deck(webinar, deck)
    course = make_course(course_index, title="Mikrogranty w gminie", topic=topic)
    lesson = make_lesson(
        course,
        title="Dlaczego mikrogranty",
        part=part,
        start=2,
        end=18,
        deck=deck,
        timecodes=[(1, 2), (2, 6), (3, 10), (4, 14)],
    )
    make_lesson(course, title="Druga lekcja")
    home_page.featured_courses.create(course=course)
    home_page.save_revision().publish()
    return lesson


def current_slide(page):
    return page.get_attribute("[data-slides]", "data-current-slide")


def test_slides_follow_the_video_and_a_click_seeks(page, live_server, lesson):
    page.goto(live_server.url + lesson.url)
    assert page.get_attribute("html", "lang") == "pl"
    video = page.locator("video")
    assert current_slide(page) == "1"
    video.evaluate("v => { v.muted = true; v.playbackRate = 4; return v.play(); }")

    # Pause inside the page as soon as the video passes 7 s, so the check does not race the video.
    page.wait_for_function(
        "() => { const v = document.querySelector('video');"
        " if (v.currentTime > 7) { v.pause(); return true; } return false; }",
        timeout=20_000,
    )
    page.wait_for_function("() => document.querySelector('[data-slides]').dataset.currentSlide === '2'")
    assert current_slide(page) == "2"
    stage = page.locator("[data-stage-image]")
    assert stage.get_attribute("src").endswith("-2.webp")

    # Clicking slide 4 seeks the video to 14 s (served with HTTP ranges, so it does not snap back).
    page.locator("[data-slide='4'] [data-seek]").click()
    page.wait_for_function("() => document.querySelector('video').currentTime >= 14")
    page.wait_for_function("() => document.querySelector('[data-slides]').dataset.currentSlide === '4'")
    assert 13.5 <= video.evaluate("v => v.currentTime") < 19

    # The segment ends at 18 s: the player pauses there.
    page.wait_for_function("() => document.querySelector('video').paused", timeout=20_000)
    assert video.evaluate("v => v.currentTime") == pytest.approx(18, abs=1.0)


def test_keyboard_alone_seeks_by_chapter_and_slide(page, live_server, lesson):
    page.goto(live_server.url + lesson.url)
    page.locator("video").evaluate("v => { v.muted = true; }")
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent").strip().startswith("Przejdź")
        or page.evaluate("document.activeElement.className") == "skip-link"
    )
    # Tab through the page until the chapter "Wnioski" has focus, then press Enter.
    for _ in range(60):
        page.keyboard.press("Tab")
        if "Wnioski" in page.evaluate("document.activeElement.textContent || ''"):
            break
    else:
        pytest.fail("The chapter link cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('video').currentTime >= 12")
    page.wait_for_function("() => document.querySelector('[data-slides]').dataset.currentSlide === '3'")
    page.locator("video").evaluate("v => v.pause()")

    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('[data-slide]')?.dataset.slide") == "2":
            break
    else:
        pytest.fail("The slide buttons cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_function("() => Math.abs(document.querySelector('video').currentTime - 6) < 1.5")
    page.wait_for_function("() => document.querySelector('[data-slides]').dataset.currentSlide === '2'")


def test_without_javascript_the_lesson_shows_video_slides_and_text(browser, live_server, lesson):
    context = browser.new_context(java_script_enabled=False, locale="pl-PL")
    page = context.new_page()
    page.goto(live_server.url + lesson.url)
    assert page.locator("video").count() == 1
    assert page.locator("video").get_attribute("src").endswith("#t=2,18")
    assert page.locator(".slides__list img").count() == 4
    assert page.locator(".slides__list img").first.is_visible()
    assert page.locator("details.slide__text").count() == 4
    assert "Małe kwoty, szybkie decyzje." in page.content()
    assert page.locator("[data-slide-stage]").is_hidden()
    assert "Treść lekcji." in page.content()
    context.close()


@pytest.mark.parametrize("which", ["home", "catalogue", "course", "lesson", "webinar", "webinars", "search"])
def test_axe_finds_no_violations(page, live_server, lesson, which):
    course = lesson.get_parent()
    urls = {
        "home": "/",
        "catalogue": course.get_parent().url,
        "course": course.url,
        "lesson": lesson.url,
        "webinar": lesson.get_parent()
        .get_parent()
        .get_parent()
        .get_children()
        .type(__import__("webinars.models", fromlist=["WebinarIndexPage"]).WebinarIndexPage)
        .first()
        .get_children()
        .first()
        .url,
        "webinars": "/webinaria/",
        "search": "/szukaj/?q=mikrogranty",
    }
    page.goto(live_server.url + urls[which])
    assert page.get_attribute("html", "lang") == "pl"
    assert axe_violations(page) == []
