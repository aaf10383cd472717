"""Page types can only be created where they belong."""

import pytest
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, LessonPage
from home.models import HomePage, StandardPage
from webinars.models import WebinarIndexPage, WebinarPage

ALLOWED = [
    (HomePage, "root"),
    (StandardPage, "home"),
    (CourseIndexPage, "home"),
    (WebinarIndexPage, "home"),
    (CoursePage, "course_index"),
    (LessonPage, "course"),
    (WebinarPage, "webinar_index"),
]
FORBIDDEN = [
    (LessonPage, "home"),
    (LessonPage, "course_index"),
    (LessonPage, "webinar_index"),
    (CoursePage, "home"),
    (CoursePage, "course"),
    (WebinarPage, "home"),
    (WebinarPage, "course_index"),
    (HomePage, "home"),
    (StandardPage, "course"),
]


@pytest.fixture
def parents(home_page, course_index, webinar_index):
    course = course_index.add_child(instance=CoursePage(title="Kurs", summary="Opis"))
    return {
        "root": Page.get_first_root_node(),
        "home": home_page,
        "course_index": course_index,
        "webinar_index": webinar_index,
        "course": course,
    }


@pytest.mark.parametrize(("model", "parent"), ALLOWED, ids=[f"{m.__name__}-under-{p}" for m, p in ALLOWED])
def test_allowed(parents, model, parent):
    parent_page = parents[parent].specific
    assert model in parent_page.specific_class.allowed_subpage_models() or (
        parent == "root" and model.is_creatable
    )
    assert type(parent_page) in model.allowed_parent_page_models()


@pytest.mark.parametrize(
    "model", [HomePage, CourseIndexPage, WebinarIndexPage], ids=["home", "course-index", "webinar-index"]
)
def test_only_one_of_each_index(parents, model):
    parent = parents["root"] if model is HomePage else parents["home"]
    assert not model.can_create_at(parent)


@pytest.mark.parametrize(
    ("model", "parent"), FORBIDDEN, ids=[f"{m.__name__}-under-{p}" for m, p in FORBIDDEN]
)
def test_forbidden(parents, model, parent):
    assert not model.can_create_at(parents[parent])


def test_editor_cannot_add_a_lesson_under_the_home_page(editor_client, parents):
    home, course = parents["home"], parents["course"]
    refused = editor_client.get(f"/admin/pages/add/courses/lessonpage/{home.pk}/")
    # Wagtail's admin answers a refused page type with a redirect to the dashboard and a message.
    assert refused.status_code == 302 and refused.url == "/admin/"
    allowed = editor_client.get(f"/admin/pages/add/courses/lessonpage/{course.pk}/")
    assert allowed.status_code == 200


def test_lessons_are_leaves(parents):
    assert LessonPage.allowed_subpage_models() == []
