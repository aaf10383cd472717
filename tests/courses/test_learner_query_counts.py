"""Learner pages run a fixed number of queries, whatever the number of lessons or enrolments."""

import pytest

from courses.services import enrolment_create, lesson_mark_done
from tests.factories import make_course, make_lesson
from tests.queries import count_queries

# With the caches warm: Wagtail's site, its root page and the page served, the user, and the
# learner's enrolment, progress and attempts (a lesson also its course). Routes, view
# restrictions, course steps, menus and content fragments come from the page cache.
COURSE_PAGE_MAX_QUERIES = 9
LESSON_PAGE_MAX_QUERIES = 10
MY_LEARNING_MAX_QUERIES = 8  # +1 since the learner's live events are listed


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("jan", "jan@example.org", "haslo-jana-123")


def build(course_index, learner, *, courses, lessons):
    made = []
    for n in range(courses):
        course = make_course(course_index, title=f"Kurs {n}", slug=f"kurs-{n}")
        course_lessons = [make_lesson(course, title=f"Lekcja {i}") for i in range(lessons)]
        enrolment_create(learner=learner, course=course)
        lesson_mark_done(learner=learner, lesson=course_lessons[0])
        made.append((course, course_lessons))
    return made


@pytest.mark.parametrize("lessons", [3, 30], ids=["3-lessons", "30-lessons"])
def test_enrolled_course_and_lesson_pages_are_pinned(
    client, course_index, learner, lessons, django_assert_max_num_queries
):
    ((course, course_lessons),) = build(course_index, learner, courses=1, lessons=lessons)
    client.force_login(learner)
    client.get(course.url)
    with django_assert_max_num_queries(COURSE_PAGE_MAX_QUERIES):
        page = client.get(course.url)
    assert page.content.decode().count("lesson-state") == lessons
    client.get(course_lessons[1].url)
    with django_assert_max_num_queries(LESSON_PAGE_MAX_QUERIES):
        assert client.get(course_lessons[1].url).status_code == 200


@pytest.mark.parametrize("courses", [1, 20], ids=["1-enrolment", "20-enrolments"])
def test_my_learning_is_pinned(client, course_index, learner, courses, django_assert_max_num_queries):
    build(course_index, learner, courses=courses, lessons=3)
    client.force_login(learner)
    client.get("/moja-nauka/")
    with django_assert_max_num_queries(MY_LEARNING_MAX_QUERIES):
        response = client.get("/moja-nauka/")
    assert response.content.decode().count("data-percent") == courses


def test_counts_do_not_grow(client, course_index, learner, django_user_model):
    small = build(course_index, learner, courses=1, lessons=3)
    client.force_login(learner)
    small_counts = (
        count_queries(client, small[0][0].url),
        count_queries(client, small[0][1][1].url),
        count_queries(client, "/moja-nauka/"),
    )
    other = django_user_model.objects.create_user("piotr", "piotr@example.org", "haslo-piotra-1")
    big = []
    for n in range(20):
        course = make_course(course_index, title=f"Duży {n}", slug=f"duzy-{n}")
        lessons = [make_lesson(course, title=f"L {i}") for i in range(30 if n == 0 else 2)]
        enrolment_create(learner=other, course=course)
        big.append((course, lessons))
    client.force_login(other)
    big_counts = (
        count_queries(client, big[0][0].url),
        count_queries(client, big[0][1][1].url),
        count_queries(client, "/moja-nauka/"),
    )
    assert small_counts == big_counts


PROGRESS_SAVE_MAX_QUERIES = 9
QUIZ_SUBMIT_MAX_QUERIES = 10


@pytest.mark.parametrize("lessons", [1, 20], ids=["1-lesson", "20-lessons"])
def test_progress_saves_and_quiz_submissions_are_pinned(
    client, course_index, webinar_index, learner, lessons, django_assert_max_num_queries
):
    """A progress save: the user, the lesson and its course's threshold, then in one transaction
    the locked progress row with its enrolment and its update. A quiz submission reads the
    attempt with its quiz, records it, notes the activity and checks the completion (lock,
    progress, attempts), in one transaction. The same with 1 lesson or 20."""
    import json

    from courses.services import quiz_attempt_start
    from tests.factories import make_quiz, make_webinar, right_answers

    ((course, _lessons),) = build(course_index, learner, courses=1, lessons=lessons)
    _webinar, part = make_webinar(webinar_index, duration_seconds=600)
    video = make_lesson(course, title="Wideo", part=part, start=0, end=300)
    quiz = make_quiz(course)
    segment = next(iter(video.video_segments()))
    client.force_login(learner)

    def save(start):
        body = {"lesson": video.pk, "segment": segment, "position": start + 5, "ranges": [[start, start + 5]]}
        response = client.post("/nauka/postep/", json.dumps(body), content_type="application/json")
        assert response.status_code == 200

    save(0)  # creates the row
    for start in (5, 10):
        with django_assert_max_num_queries(PROGRESS_SAVE_MAX_QUERIES):
            save(start)
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    url = f"/nauka/podejscie/{attempt.pk}/wyslij/"
    with django_assert_max_num_queries(QUIZ_SUBMIT_MAX_QUERIES):
        response = client.post(url, right_answers(attempt))
    assert response.status_code == 302
