"""The course catalogue and a course page."""

import pytest

from tests.factories import make_course, make_lesson, make_topic


@pytest.fixture
def courses(course_index):
    civic = make_topic("Modele aktywności obywatelskiej", "aktywnosc")
    cooperation = make_topic("Modele współpracy międzysektorowej", "wspolpraca")
    micro = make_course(course_index, title="Mikrogranty w gminie", topic=civic)
    make_lesson(micro, title="Lekcja 1")
    make_lesson(micro, title="Lekcja 2")
    make_lesson(micro, title="Szkic", publish=False)
    purchases = make_course(course_index, title="Mikrozakupy lokalne", topic=cooperation)
    make_lesson(purchases, title="Lekcja 1")
    return micro, purchases


def titles(response):
    return [course.title for course in response.context["courses"]]


def test_catalogue_lists_courses_with_lesson_counts_and_time(client, course_index, courses):
    response = client.get(course_index.url)
    assert titles(response) == ["Mikrogranty w gminie", "Mikrozakupy lokalne"]
    micro = response.context["courses"][0]
    assert micro.lesson_count == 2  # the draft does not count
    assert micro.estimated_seconds == 2 * 5 * 60
    assert "10 min" in response.content.decode()


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("aktywnosc", ["Mikrogranty w gminie"]),
        ("wspolpraca", ["Mikrozakupy lokalne"]),
        ("", ["Mikrogranty w gminie", "Mikrozakupy lokalne"]),
    ],
    ids=["civic", "cooperation", "all"],
)
def test_catalogue_filters_by_topic(client, course_index, courses, topic, expected):
    assert titles(client.get(course_index.url, {"topic": topic})) == expected


def test_an_unknown_topic_is_explained(client, course_index, courses):
    response = client.get(course_index.url, {"topic": "nie-ma-takiego"})
    assert response.status_code == 200
    assert titles(response) == ["Mikrogranty w gminie", "Mikrozakupy lokalne"]
    assert 'role="alert"' in response.content.decode()


def test_course_page_shows_the_syllabus_in_order_without_drafts(client, courses):
    micro, _ = courses
    page = client.get(micro.url).content.decode()
    assert page.index("Lekcja 1") < page.index("Lekcja 2")
    assert "Szkic" not in page
    assert "Zaplanujesz program mikrograntów." in page


def test_draft_lessons_are_not_served(client, courses):
    micro, _ = courses
    draft = micro.get_children().get(title="Szkic")
    assert client.get(draft.url or f"{micro.url}szkic/").status_code == 404
