"""The quiz page, a submission and the result page run a fixed number of queries, the same for 5
and 50 questions, and course pages stay fixed however many quizzes and attempts there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import QuizAttempt
from courses.services import enrolment_create
from tests.factories import SAMPLE_QUESTIONS, make_course, make_lesson, make_quiz, right_answers
from tests.queries import count_queries

QUIZ_PAGE_MAX_QUERIES = 25
SUBMISSION_MAX_QUERIES = 16  # a pass checks whether the course is complete
RESULT_PAGE_MAX_QUERIES = 16
COURSE_WITH_QUIZZES_MAX_QUERIES = 21
MY_LEARNING_MAX_QUERIES = 15


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("ewa", "ewa@example.org", "haslo-ewy-1234")


def quiz_with(course_index, learner, questions):
    course = make_course(course_index, title=f"Kurs {questions}", slug=f"kurs-{questions}")
    make_lesson(course, title="Lekcja")
    specs = [SAMPLE_QUESTIONS[n % len(SAMPLE_QUESTIONS)] for n in range(questions)]
    quiz = make_quiz(course, questions=specs)
    enrolment_create(learner=learner, course=course)
    return course, quiz


def start_attempt(client, quiz, learner):
    assert client.post(f"/nauka/quiz/{quiz.pk}/rozpocznij/").status_code == 302
    return QuizAttempt.objects.get(quiz=quiz, learner=learner, submitted_at__isnull=True)


def submission_queries(client, attempt):
    with CaptureQueriesContext(connection) as captured:
        response = client.post(f"/nauka/podejscie/{attempt.pk}/wyslij/", right_answers(attempt))
    assert response.status_code == 302
    return len(captured)


@pytest.mark.parametrize("questions", [5, 50], ids=["5-questions", "50-questions"])
def test_quiz_page_submission_and_result_are_pinned(
    client, course_index, learner, questions, django_assert_max_num_queries
):
    _course, quiz = quiz_with(course_index, learner, questions)
    client.force_login(learner)
    attempt = start_attempt(client, quiz, learner)
    client.get(quiz.url)
    with django_assert_max_num_queries(QUIZ_PAGE_MAX_QUERIES):
        page = client.get(quiz.url)
    assert page.content.decode().count("<fieldset") == questions
    with django_assert_max_num_queries(SUBMISSION_MAX_QUERIES):
        response = client.post(f"/nauka/podejscie/{attempt.pk}/wyslij/", right_answers(attempt))
    assert response.status_code == 302
    client.get(response.url)
    with django_assert_max_num_queries(RESULT_PAGE_MAX_QUERIES):
        result = client.get(response.url)
    assert result.content.decode().count('class="review__item"') == questions


def test_quiz_queries_do_not_grow_with_questions(client, course_index, learner):
    client.force_login(learner)
    counts = []
    for questions in (5, 50):
        _course, quiz = quiz_with(course_index, learner, questions)
        attempt = start_attempt(client, quiz, learner)
        page = count_queries(client, quiz.url)
        submitted = submission_queries(client, attempt)
        result = count_queries(client, f"/nauka/podejscie/{attempt.pk}/")
        counts.append((page, submitted, result))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("quizzes", [1, 10], ids=["1-quiz", "10-quizzes"])
def test_course_page_and_my_learning_with_quizzes_are_pinned(
    client, course_index, learner, quizzes, django_assert_max_num_queries
):
    course = make_course(course_index, title="Kurs z quizami", slug="kurs-z-quizami")
    made = [make_quiz(course, title=f"Quiz {n}") for n in range(quizzes)]
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    for quiz in made:
        attempt = start_attempt(client, quiz, learner)
        submission_queries(client, attempt)
    client.get(course.url)
    with django_assert_max_num_queries(COURSE_WITH_QUIZZES_MAX_QUERIES):
        page = client.get(course.url).content.decode()
    assert page.count("najlepszy wynik 100%") == quizzes
    with django_assert_max_num_queries(MY_LEARNING_MAX_QUERIES):
        learning = client.get("/moja-nauka/").content.decode()
    assert learning.count("najlepszy wynik 100%") == quizzes
