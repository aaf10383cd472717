"""Course and lesson pages run a fixed number of queries, whatever the number of lessons."""

import pytest

from tests.factories import make_course, make_deck, make_lesson, make_webinar
from tests.queries import count_queries

COURSE_PAGE_MAX_QUERIES = 15
LESSON_PAGE_MAX_QUERIES = 20
CATALOGUE_MAX_QUERIES = 15


def build_course(course_index, webinar_index, lessons):
    _webinar, part = make_webinar(webinar_index, chapters=[(0, "Wstęp"), (30, "Przykłady")])
    deck = make_deck()
    course = make_course(course_index, title=f"Kurs {lessons}", slug=f"kurs-{lessons}")
    made = [
        make_lesson(
            course,
            title=f"Lekcja {n}",
            part=part,
            start=n,
            end=n + 50,
            deck=deck,
            timecodes=[(1, n), (2, n + 20)],
        )
        for n in range(lessons)
    ]
    return course, made


@pytest.mark.parametrize("lessons", [3, 30], ids=["3-lessons", "30-lessons"])
def test_course_page_queries_are_pinned(
    client, course_index, webinar_index, lessons, django_assert_max_num_queries
):
    course, _ = build_course(course_index, webinar_index, lessons)
    client.get(course.url)
    with django_assert_max_num_queries(COURSE_PAGE_MAX_QUERIES):
        response = client.get(course.url)
    assert response.status_code == 200
    assert response.content.decode().count('class="syllabus__item"') == lessons


@pytest.mark.parametrize("lessons", [3, 30], ids=["3-lessons", "30-lessons"])
def test_lesson_page_queries_are_pinned(
    client, course_index, webinar_index, lessons, django_assert_max_num_queries
):
    _course, made = build_course(course_index, webinar_index, lessons)
    client.get(made[1].url)
    with django_assert_max_num_queries(LESSON_PAGE_MAX_QUERIES):
        response = client.get(made[1].url)
    assert response.status_code == 200
    assert 'data-slide="2"' in response.content.decode()


def test_query_counts_do_not_grow_with_lessons(client, course_index, webinar_index):
    small_course, small = build_course(course_index, webinar_index, 3)
    big_course, big = build_course(course_index, webinar_index, 30)
    assert count_queries(client, small_course.url) == count_queries(client, big_course.url)
    assert count_queries(client, small[1].url) == count_queries(client, big[1].url)


@pytest.mark.parametrize("courses", [2, 12], ids=["2-courses", "12-courses"])
def test_catalogue_queries_are_pinned(client, course_index, courses, django_assert_max_num_queries):
    for n in range(courses):
        course = make_course(course_index, title=f"Kurs {n}", slug=f"kurs-{n}")
        make_lesson(course, title="Lekcja")
    client.get(course_index.url)
    with django_assert_max_num_queries(CATALOGUE_MAX_QUERIES):
        response = client.get(course_index.url)
    assert response.content.decode().count("course-card") >= courses
