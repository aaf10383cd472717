"""Fixtures of the certificate tests: a learner with a Polish name, and a course of a lesson and
a quiz."""

import pytest

from tests.factories import make_course, make_lesson, make_quiz

NAME = "Zofia Łęcka-Żółkiewska"


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user(
        "zofia", "zofia@example.org", "haslo-zofii-123", display_name=NAME, preferred_language="pl"
    )


@pytest.fixture
def course(course_index):
    course = make_course(course_index, title="Fundusz sąsiedzki – źródła i ścieżki")
    make_lesson(course, title="Czym jest fundusz")
    make_quiz(course, title="Sprawdź się", answers_shown="never")
    return course
