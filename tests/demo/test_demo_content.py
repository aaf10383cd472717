"""The demo loader builds the Polish demo site, and a second run adds nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from common.models import TopicArea
from courses import grading
from courses.models import CoursePage, LessonPage, QuizChoice, QuizPage, QuizQuestion
from home.models import HomePage
from tests.factories import right_answers
from webinars.models import RecordingPart, Slide, SlideDeck, Speaker, WebinarPage

pytestmark = pytest.mark.django_db

MODELS = [
    Page,
    Revision,
    CoursePage,
    LessonPage,
    QuizPage,
    QuizQuestion,
    QuizChoice,
    WebinarPage,
    RecordingPart,
    SlideDeck,
    Slide,
    Speaker,
    TopicArea,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS} | {
        "users": get_user_model().objects.count()
    }


def test_demo_content_loads_once_and_renders_in_polish(client):
    call_command("load_demo_content", verbosity=0)
    first = counts()
    call_command("load_demo_content", verbosity=0)
    assert counts() == first

    assert first["TopicArea"] == 3
    assert first["CoursePage"] >= 3
    assert first["WebinarPage"] >= 4
    assert all(course.get_children().live().count() >= 3 for course in CoursePage.objects.all())
    assert SlideDeck.objects.exclude(status=SlideDeck.Status.READY).count() == 0
    youtube_ids = {part.youtube_id for part in RecordingPart.objects.all()}
    assert {"gKEAfWSmGTY", "3cNQCPQ_n9U"} <= youtube_ids
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)
    users = get_user_model().objects
    assert users.get(username="redaktor").groups.filter(name="Editors").exists()
    assert users.get(username="koordynator").groups.filter(name="Coordinators").exists()
    assert users.get(username="admin").is_superuser
    assert users.get(username="uczestnik").check_password("uczestnik-demo")
    # The demo learner can log in on the site with the verified email address.
    login = client.post("/konto/login/", {"login": "uczestnik@example.org", "password": "uczestnik-demo"})
    assert login.status_code == 302
    assert client.get("/moja-nauka/").status_code == 200
    client.logout()

    lesson = next(
        lesson
        for lesson in LessonPage.objects.live()
        if any(b.block_type == "video_segment" for b in lesson.body)
        and any(b.block_type == "slides" and b.value["timecodes"] for b in lesson.body)
    )
    course = lesson.get_parent()
    webinar = WebinarPage.objects.live().first()
    for url in ["/", "/kursy/", course.url, lesson.url, "/webinaria/", webinar.url, "/szukaj/?q=mikrogranty"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="pl">' in response.content.decode(), url
    assert "data-at=" in client.get(lesson.url).content.decode()

    # Every course ends with a quiz whose every question a right answer fully scores.
    for course in CoursePage.objects.all():
        last = course.get_children().live().last().specific
        assert isinstance(last, QuizPage), course.title
        assert client.get(last.url).status_code == 200
        questions = last.freeze_questions()
        assert grading.grade_attempt(questions, right_answers(questions)).percent == 100


def test_the_loader_reports_progress(capsys):
    call_command("load_demo_content")
    output = capsys.readouterr().out
    assert "Slide decks: 1/" in output
    assert "rendered" in output


def test_a_second_run_keeps_what_editors_changed_unless_reset(client):
    call_command("load_demo_content", verbosity=0)
    course = CoursePage.objects.live().first()
    course.title = "Kurs zmieniony przez redakcję"
    course.save_revision().publish()
    call_command("load_demo_content", verbosity=0)
    course.refresh_from_db()
    assert course.title == "Kurs zmieniony przez redakcję"
    call_command("load_demo_content", "--reset", verbosity=0)
    course.refresh_from_db()
    assert course.title != "Kurs zmieniony przez redakcję"


def test_the_loader_refuses_production_settings(settings):
    from django.core.management.base import CommandError

    settings.SETTINGS_MODULE = "elearning.settings.production"
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo_content", verbosity=0)
