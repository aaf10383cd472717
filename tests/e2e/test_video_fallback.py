"""A learner on a network that blocks YouTube: the lesson says the video did not load, in
Polish; the slides and the transcript still work; chapter links stay on the page; and where the
course's editor allows it, reading the lesson and marking it as done completes it, recorded as
completed without the video."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from courses.models import CoursePage, LessonProgress
from courses.services import enrolment_create
from tests.browser import axe_violations
from tests.factories import make_course, make_deck, make_lesson, make_webinar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SLIDES = [("Po co mikrogranty", "Małe kwoty, szybkie decyzje."), ("Wyniki badań", "Co mówią gminy.")]


def test_a_blocked_youtube_video_is_explained_and_the_lesson_completed_by_reading(
    page, live_server, home_page, course_index, webinar_index, django_user_model
):
    _webinar, part = make_webinar(webinar_index, chapters=[(30, "Wyniki badań")])
    course = make_course(course_index, title="Mikrogranty w gminie")
    CoursePage.objects.filter(pk=course.pk).update(video_fallback=CoursePage.VideoFallback.READ)
    lesson = make_lesson(course, title="Dlaczego mikrogranty", part=part, start=0, end=600,
                         deck=make_deck("Mikrogranty", SLIDES), timecodes=[(1, 0), (2, 30)])  # fmt: skip
    make_lesson(course, title="Następna lekcja")
    learner = django_user_model.objects.create_user("ola", "ola@example.org", "haslo-oli-1234")
    enrolment_create(learner=learner, course=course)
    client = Client()
    client.force_login(learner)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])  # fmt: skip
    # The office network: every request to YouTube fails.
    blocked = []
    page.context.route(
        lambda url: "youtube" in url, lambda route: (blocked.append(route.request.url), route.abort())
    )

    page.goto(live_server.url + lesson.url)
    notice = page.locator(".player__unavailable")
    expect(notice).to_contain_text("Nie udało się wczytać nagrania")
    help_box = page.locator("details[data-video-fallback]")
    expect(help_box).to_have_attribute("open", "")
    assert any("youtube.com/iframe_api" in url for url in blocked)

    # A chapter link stays on the page and leads to the help.
    page.get_by_role("link", name="Wyniki badań").first.click()
    assert page.url == live_server.url + lesson.url
    expect(help_box.locator("summary")).to_be_focused()
    # The slides still work: choosing one shows it on the stage.
    page.locator("[data-slide='2'] [data-seek], [data-slide='2'] button").first.click()
    expect(page.locator("[data-slides]")).to_have_attribute("data-current-slide", "2")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Lekcja przeczytana: oznacz ją jako ukończoną").click()
    page.wait_for_url(f"**{course.get_children().last().url}")
    message = page.locator(".messages")
    expect(message).to_contain_text("Oznaczono lekcję jako ukończoną bez nagrania.")
    expect(message).to_be_focused()
    progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert progress.completed_at is not None and progress.completed_without_video
