"""When a lesson's video cannot play, the course's editor decides what completes it: only the
video (the default), or reading the transcript and slides and marking it as done, which the
reports show as completed without the video. The server checks the rule, not the browser."""

import pytest

from courses.models import CoursePage, LessonProgress
from courses.services import enrolment_create
from tests.factories import make_course, make_deck, make_lesson, make_webinar

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(course_index, webinar_index):
    _webinar, part = make_webinar(webinar_index, chapters=[(60, "Wyniki")])
    course = make_course(course_index, title="Mikrogranty")
    return make_lesson(course, title="Lekcja z wideo", part=part, start=0, end=600)


def enrolled_client(client, lesson, django_user_model):
    learner = django_user_model.objects.create_user("ola", "ola@example.org", "haslo-oli-1234")
    enrolment_create(learner=learner, course=lesson.course)
    client.force_login(learner)
    return learner


def set_rule(course, rule):
    CoursePage.objects.filter(pk=course.pk).update(video_fallback=rule)


def test_by_default_only_the_video_completes_a_video_lesson(client, lesson, django_user_model):
    learner = enrolled_client(client, lesson, django_user_model)
    page = client.get(lesson.url).content.decode()
    assert "Nagranie się nie odtwarza?" in page and 'name="without_video"' not in page
    response = client.post(f"/nauka/lekcja/{lesson.pk}/ukonczona/", {"without_video": "1"}, follow=True)
    assert "W tym kursie lekcję z wideo kończy się tylko, oglądając nagranie." in response.content.decode()
    assert not LessonProgress.objects.filter(learner=learner, completed_at__isnull=False).exists()


def test_where_the_editor_allows_it_reading_completes_it_and_the_report_says_so(
    client, lesson, django_user_model, coordinator
):
    from django.test import Client

    set_rule(lesson.course, CoursePage.VideoFallback.READ)
    learner = enrolled_client(client, lesson, django_user_model)
    page = client.get(lesson.url).content.decode()
    assert 'name="without_video" value="1"' in page
    # Without the flag, a video lesson is still not "marked as done".
    client.post(f"/nauka/lekcja/{lesson.pk}/ukonczona/")
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    response = client.post(f"/nauka/lekcja/{lesson.pk}/ukonczona/", {"without_video": "1"}, follow=True)
    assert "Oznaczono lekcję jako ukończoną bez nagrania." in response.content.decode()
    progress = LessonProgress.objects.get(learner=learner)
    assert progress.completed_at is not None and progress.completed_without_video
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    report = coordinator_client.get(f"/admin/reports/courses/{lesson.course.pk}/").content.decode()
    assert "1 bez nagrania" in report


def test_reading_needs_something_to_read(client, course_index, webinar_index, django_user_model):
    _webinar, part = make_webinar(webinar_index)
    course = make_course(course_index)
    lesson = make_lesson(course, part=part, start=0, end=60)
    lesson.transcript = ""
    lesson.save_revision().publish()
    set_rule(course, CoursePage.VideoFallback.READ)
    enrolled_client(client, lesson, django_user_model)
    response = client.post(f"/nauka/lekcja/{lesson.pk}/ukonczona/", {"without_video": "1"}, follow=True)
    assert "nie ma transkrypcji ani slajdów" in response.content.decode()
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    # With slides it can be read.
    with_slides = make_lesson(course, title="Ze slajdami", part=part, start=0, end=60, deck=make_deck())
    with_slides.transcript = ""
    with_slides.save_revision().publish()
    assert with_slides.readable_without_video and not lesson.readable_without_video
