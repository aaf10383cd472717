"""A learner watches a lesson in the browser past the threshold; the lesson completes, a reload
resumes where they stopped, and My learning shows the percentage."""

import pytest
from django.core.files import File
from django.test import Client
from playwright.sync_api import expect

from courses.models import LessonProgress
from courses.services import enrolment_create
from tests.browser import axe_violations
from tests.factories import make_course, make_lesson, make_webinar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("ewa", "ewa@example.org", "haslo-ewy-1234")


@pytest.fixture
def course(home_page, course_index, webinar_index, test_video, learner):
    with test_video.open("rb") as handle:
        _webinar, part = make_webinar(
            webinar_index,
            title="Nagranie testowe",
            duration_seconds=20,
            video_file=File(handle, name="test.webm"),
        )
    course = make_course(course_index, title="Kurs testowy")
    video_lesson = make_lesson(course, title="Lekcja z nagraniem", part=part, start=2, end=18)
    make_lesson(course, title="Lekcja tekstowa")
    enrolment_create(learner=learner, course=course)
    return course, video_lesson


@pytest.fixture
def logged_in(page, live_server, learner):
    client = Client()
    client.force_login(learner)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return page


def test_watching_past_the_threshold_completes_and_resumes(logged_in, live_server, course, learner):
    page = logged_in
    _course, lesson = course
    page.goto(live_server.url + lesson.url)
    status = page.locator("[data-lesson-status]")
    assert "90%" in status.inner_text()
    page.locator("video").evaluate("v => { v.muted = true; v.playbackRate = 4; return v.play(); }")
    # The player stops at the segment's end (18 s); the pause saves the played ranges.
    page.wait_for_function(
        "() => document.querySelector('video').paused && document.querySelector('video').currentTime > 17",
        timeout=30_000,
    )
    page.wait_for_function(
        "() => document.querySelector('[data-lesson]').dataset.completed === 'true'", timeout=10_000
    )
    assert "Lekcja ukończona" in status.inner_text()
    # The syllabus beside the lesson ticks it at once, without a reload.
    step = page.locator(f".syllabus-nav [data-step='{lesson.pk}']")
    expect(step).to_have_class("syllabus-nav--done")
    expect(step).to_contain_text("(ukończono)")
    progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert progress.completed_at is not None
    assert progress.watched_seconds >= 0.9 * 16

    # Seek back, pause at 9 s: the position is saved and a reload resumes there.
    page.locator("video").evaluate("v => { v.currentTime = 9; v.pause(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime < 10")
    page.evaluate("window.lessonPlayers[0].tracker.save()")
    page.wait_for_timeout(500)
    page.reload()
    # preload="none": nothing is fetched until the learner presses play, which resumes at 9 s.
    assert page.locator("video").evaluate("v => [v.preload, v.readyState]") == ["none", 0]
    resumed = page.locator("video").evaluate(
        """v => { v.muted = true;
            return v.play().then(() => { v.pause(); return v.currentTime; }); }"""
    )
    assert 8 <= resumed <= 10.5

    page.goto(live_server.url + "/moja-nauka/")
    assert "Kurs testowy" in page.content()
    assert page.locator("[data-percent]").first.inner_text() == "50%"
    assert axe_violations(page) == []


def test_seeking_to_the_end_does_not_complete(logged_in, live_server, course, learner):
    page = logged_in
    _course, lesson = course
    page.goto(live_server.url + lesson.url)
    page.locator("video").evaluate("v => { v.muted = true; v.currentTime = 16; return v.play(); }")
    page.wait_for_function(
        "() => document.querySelector('video').paused && document.querySelector('video').currentTime > 17",
        timeout=30_000,
    )
    page.wait_for_timeout(1000)
    progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert progress.completed_at is None
    assert progress.watched_seconds < 5
    assert axe_violations(page) == []


def test_two_tabs_playing_at_once_complete_the_lesson(logged_in, live_server, course, learner):
    """Two tabs of one lesson playing at the same time, each saving what it played: the server
    credits both (the time they share allows it), and the lesson completes."""
    first = logged_in
    second = first.context.new_page()
    _course, lesson = course
    for tab in (first, second):
        tab.goto(live_server.url + lesson.url)
    first.locator("video").evaluate("v => { v.muted = true; v.currentTime = 2; return v.play(); }")
    second.locator("video").evaluate("v => { v.muted = true; v.currentTime = 10; return v.play(); }")
    for tab in (first, second):
        tab.locator("video").evaluate("v => { v.playbackRate = 2; }")
    # Each stops at the segment's end (18 s), and the pause saves what that tab played.
    for tab in (first, second):
        tab.wait_for_function(
            "() => document.querySelector('video').paused"
            " && document.querySelector('video').currentTime > 17",
            timeout=30_000,
        )
    first.wait_for_function(
        "() => document.querySelector('[data-lesson]').dataset.completed === 'true'", timeout=10_000
    )
    progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert progress.completed_at is not None
    assert progress.refused_seconds == 0


def test_the_player_keeps_to_the_segment_and_shows_its_own_time(logged_in, live_server, course):
    """The segment is 0:02–0:18 of a 0:20 recording: its clock says 0:16 long, and a seek outside
    it (the native timeline shows the whole recording) comes back to its edge."""
    page = logged_in
    _course, lesson = course
    page.goto(live_server.url + lesson.url)
    clock = page.locator(".player__segment-time")
    expect(clock).to_have_text("0:00 / 0:16")
    video = page.locator("video")
    video.evaluate("v => { v.muted = true; return v.play().then(() => v.pause()); }")
    for outside, edge in ((19.5, 18), (0.5, 2)):
        video.evaluate(f"v => {{ v.currentTime = {outside}; }}")
        page.wait_for_function(f"() => Math.abs(document.querySelector('video').currentTime - {edge}) < 0.1")
    assert video.evaluate("v => v.paused")
    video.evaluate(
        "v => new Promise(done => { v.addEventListener('seeked', done, {once: true}); v.currentTime = 12; })"
    )
    expect(clock).to_have_text("0:10 / 0:16")
