"""A quiz taken by keyboard alone in a real browser: log in, start, submit with a missing answer,
fail the first attempt, pass the second; axe finds no violations on any page or state."""

import pytest

from courses.models import QuizAttempt
from courses.services import enrolment_create
from tests.e2e.test_learner_journey import no_violations, tab_to
from tests.factories import SAMPLE_QUESTIONS, make_course, make_lesson, make_quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "jan.nowak@example.org"
PASSWORD = "Mikrogranty-2024"
SINGLE, MULTIPLE, TRUE_FALSE, TEXT = (SAMPLE_QUESTIONS[i] for i in range(4))


@pytest.fixture
def quiz(course_index, django_user_model):
    from allauth.account.models import EmailAddress

    learner = django_user_model.objects.create_user("jan", EMAIL, PASSWORD, display_name="Jan Nowak")
    EmailAddress.objects.create(user=learner, email=EMAIL, verified=True, primary=True)
    course = make_course(course_index, title="Mikrogranty od podstaw")
    make_lesson(course, title="Czym jest mikrogrant")
    quiz = make_quiz(
        course, title="Sprawdź się", questions=[SINGLE, MULTIPLE, TRUE_FALSE, TEXT], max_attempts=3
    )
    enrolment_create(learner=learner, course=course)
    return quiz


def log_in(page, live_server, next_url):
    page.goto(f"{live_server.url}/konto/login/?next={next_url}")
    tab_to(page, "el.matches('#id_login')")
    page.keyboard.type(EMAIL)
    tab_to(page, "el.matches('#id_password')")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + next_url)


def focus_question(page, number):
    """Tab to the first control of question `number` (1-based) of the form, unless focus is
    there already."""
    target = f"document.querySelectorAll('fieldset.question')[{number - 1}]"
    in_question = f"el.closest('fieldset.question') === {target}"
    if not page.evaluate(f"(el => !!el && ({in_question}))(document.activeElement)"):
        tab_to(page, in_question)


def answer(page, *, single_down, multiple, statement_down, text):
    """Answer the four questions with keys only: arrows move within a radio group and choose,
    Space ticks a checkbox, letters are typed."""
    focus_question(page, 1)
    page.keyboard.press("Space")  # choose the first option of the group
    for _ in range(single_down):
        page.keyboard.press("ArrowDown")
    focus_question(page, 2)
    for index in range(3):
        if index in multiple:
            page.keyboard.press("Space")
        if index < 2:
            page.keyboard.press("Tab")
    focus_question(page, 3)
    page.keyboard.press("Space")
    for _ in range(statement_down):
        page.keyboard.press("ArrowDown")
    focus_question(page, 4)
    page.keyboard.type(text)


def submit(page):
    tab_to(page, "el.matches('button[type=submit]') && el.closest('.quiz-form')")
    page.keyboard.press("Enter")


def test_a_quiz_by_keyboard_alone_failed_then_passed(page, live_server, quiz):
    log_in(page, live_server, quiz.url)
    no_violations(page)
    tab_to(page, "el.textContent.trim() === 'Rozpocznij quiz'")
    page.keyboard.press("Enter")
    page.wait_for_selector("form.quiz-form")
    no_violations(page)

    # Submitting with nothing answered shows the errors, linked to their questions.
    submit(page)
    page.wait_for_selector(".form-errors[role=alert]")
    assert page.locator(".question--error").count() == 4
    # Focus moves to the error summary, whose links lead to the questions' first inputs.
    page.wait_for_function("() => document.activeElement.matches('.form-errors')")
    tab_to(page, "el.closest('.form-errors') && el.tagName === 'A'", limit=3)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('fieldset.question') !== null")
    no_violations(page)

    # First attempt: wrong option, a wrong extra tick, "true" for a false statement, a wrong word.
    answer(page, single_down=1, multiple={0, 2}, statement_down=0, text="budżet obywatelski")
    submit(page)
    page.wait_for_url("**/nauka/podejscie/**")
    assert "Niezaliczony" in page.locator(".quiz-verdict").inner_text()
    no_violations(page)

    # "Try again" on the result page starts the next attempt straight away.
    tab_to(page, "el.textContent.trim() === 'Spróbuj ponownie'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{quiz.url}#attempt-heading")
    page.wait_for_selector("form.quiz-form")

    # Second attempt: all right ("false" is the second option of the true/false group).
    answer(page, single_down=0, multiple={0, 1}, statement_down=1, text="Mikrogrant")
    submit(page)
    page.wait_for_url("**/nauka/podejscie/**")
    assert "Zaliczony" in page.locator(".quiz-verdict").inner_text()
    assert "(100%)" in page.locator(".quiz-verdict").inner_text()
    no_violations(page)

    attempts = list(QuizAttempt.objects.filter(quiz=quiz).order_by("number"))
    assert [(a.number, a.passed) for a in attempts] == [(1, False), (2, True)]
    assert attempts[0].percent == 0

    page.goto(live_server.url + quiz.get_parent().url)
    assert "Zaliczony · najlepszy wynik 100%" in page.content()
    no_violations(page)
