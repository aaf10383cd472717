"""Double clicks and two tabs, for real: requests on separate threads and database connections
at the same moment. One attempt is started, and an attempt is graded once."""

import threading

import pytest
from django.db import connection
from django.test import Client

from courses.models import QuizAttempt
from courses.services import enrolment_create, quiz_attempt_start
from tests.factories import make_course, make_quiz, right_answers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def at_once(calls):
    """Run the callables on their own threads, released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # reported by the assertions of the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.fixture
def setup(course_index, django_user_model):
    learner = django_user_model.objects.create_user("kasia", "kasia@example.org", "haslo-kasi-123")
    course = make_course(course_index, title="Wyścigi")
    quiz = make_quiz(course)
    enrolment_create(learner=learner, course=course)
    clients = []
    for _ in range(4):
        client = Client()
        client.force_login(learner)
        clients.append(client)
    return learner, quiz, clients


def test_four_starts_at_once_open_one_attempt(setup):
    learner, quiz, clients = setup
    url = f"/nauka/quiz/{quiz.pk}/rozpocznij/"
    responses = at_once([lambda c=c: c.post(url) for c in clients])
    assert [r.status_code for r in responses] == [302] * 4
    assert QuizAttempt.objects.filter(learner=learner, quiz=quiz).count() == 1


def test_the_same_attempt_submitted_twice_at_once_is_graded_once(setup):
    learner, quiz, clients = setup
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    url = f"/nauka/podejscie/{attempt.pk}/wyslij/"
    data = right_answers(attempt)
    responses = at_once([lambda c=c: c.post(url, data) for c in clients[:2]])
    assert sorted(r.status_code for r in responses) == [302, 409]
    attempt.refresh_from_db()
    assert attempt.passed and attempt.percent == 100
    assert QuizAttempt.objects.filter(learner=learner, quiz=quiz).count() == 1
