"""Taking quizzes: attempts, grading on the server, answer-key secrecy, bad input, limits and
waits, frozen results, and quizzes counting toward the course."""

import datetime
import random
import re

import pytest
from django.utils import timezone

from courses.grading import field_name
from courses.models import QuizAttempt, QuizChoice, QuizPage
from courses.services import enrolment_create, lesson_mark_done, quiz_attempt_start
from tests.factories import (
    SAMPLE_QUESTIONS,
    make_course,
    make_lesson,
    make_quiz,
    right_answers,
    wrong_answers,
)

# Everything the browser must not see before grading: feedback, explanations, accepted answers.
SECRETS = [feedback for spec in SAMPLE_QUESTIONS for _t, _c, feedback in spec.get("choices", [])] + [
    "Wyjaśnienie:",
    "mikrodotacja",
]


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("ola", "ola@example.org", "haslo-oli-123")


@pytest.fixture
def course(course_index):
    return make_course(course_index, title="Mikrogranty w praktyce")


@pytest.fixture
def quiz(course):
    return make_quiz(course)


@pytest.fixture
def enrolled(client, learner, course):
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    return learner


def start(client, quiz):
    return client.post(f"/nauka/quiz/{quiz.pk}/rozpocznij/")


def submit(client, attempt, data):
    return client.post(f"/nauka/podejscie/{attempt.pk}/wyslij/", data)


def open_attempt(learner, quiz):
    return QuizAttempt.objects.get(learner=learner, quiz=quiz, submitted_at__isnull=True)


def test_visitors_see_the_quiz_but_must_log_in_and_enrol(client, django_user_model, quiz):
    page = client.get(quiz.url)
    assert page.status_code == 200 and "Zaloguj się" in page.content.decode()
    response = start(client, quiz)
    assert response.status_code == 302 and "/konto/login/" in response.url
    stranger = django_user_model.objects.create_user("obcy", "obcy@example.org", "haslo-obcego-1")
    client.force_login(stranger)
    refused = start(client, quiz)
    assert refused.status_code == 403
    assert "Zapisz się na kurs, aby rozwiązywać jego quizy." in refused.content.decode()
    assert not QuizAttempt.objects.exists()


def test_a_learner_takes_the_quiz_and_the_server_grades_it(client, enrolled, quiz):
    response = start(client, quiz)
    assert response.status_code == 302 and response.url == f"{quiz.url}#attempt-heading"
    page = client.get(quiz.url).content.decode()
    assert page.count("<fieldset") == len(SAMPLE_QUESTIONS) == page.count("<legend>")
    assert "Pytanie 1 z 5" in page and "Wyślij odpowiedzi" in page
    attempt = open_attempt(enrolled, quiz)

    response = submit(client, attempt, right_answers(attempt))
    assert response.status_code == 302 and response.url == f"/nauka/podejscie/{attempt.pk}/"
    attempt.refresh_from_db()
    assert attempt.passed is True and attempt.percent == 100 and attempt.score == attempt.max_score == 6
    assert set(attempt.answers) == {str(question["id"]) for question in attempt.questions}

    result = client.get(response.url).content.decode()
    assert "Zaliczony" in result and "6 z 6 punktów (100%)" in result
    # After passing, the default rules show the correct answers, explanations and feedback.
    assert "(poprawna odpowiedź)" in result and "Wyjaśnienie: Kto może złożyć" in result
    assert "Tak: mikrogranty są dla grup nieformalnych." in result


def test_the_answer_key_never_reaches_the_browser_before_grading(client, enrolled, quiz):
    assert start(client, quiz).status_code == 302
    attempt = open_attempt(enrolled, quiz)
    page = client.get(quiz.url).content.decode()
    missing = submit(client, attempt, {})  # the form again, with errors
    assert missing.status_code == 400
    for body in (page, missing.content.decode()):
        for secret in SECRETS:
            assert secret not in body
        attempt_section = body.split('id="attempt"')[1].split("</section>")[0]
        # No tag carries a marker (class, data attribute, id) of a correct option, and no text
        # marks one.
        # (The CSRF token is random letters: "key" turns up in it now and then.)
        tags = re.sub(r'<input type="hidden" name="csrfmiddlewaretoken"[^>]*>', "", attempt_section)
        assert not re.search(r"<[^>]*(correct|poprawn|right|key)[^>]*>", tags, re.IGNORECASE)
        assert "(poprawna odpowiedź)" not in attempt_section and "<script" not in attempt_section
        # The only script on the page is the project's focus helper, with no quiz data.
        assert re.findall(r"<script[^>]*>", body) == ['<script src="/static/js/quiz.js" defer>']
        # Right and wrong options of a question are rendered alike: the same tag but for id and value.
        for question in attempt.questions:
            name = field_name(question)
            tags = re.findall(rf'<input type="(?:radio|checkbox)" name="{name}"[^>]*>', body)
            assert len(tags) == len(question["choices"]) or question["kind"] == "true_false"
            assert len({re.sub(r'\s(id|value)="[^"]*"', "", tag) for tag in tags}) <= 1


def test_a_missing_answer_is_refused_and_what_was_given_is_kept(client, enrolled, quiz):
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    data = right_answers(attempt)
    single = attempt.questions[0]
    del data[field_name(attempt.questions[1])]
    response = submit(client, attempt, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Zaznacz co najmniej jedną odpowiedź." in body and "Nic nie zostało jeszcze ocenione." in body
    kept = data[field_name(single)]
    assert re.search(rf'value="{kept}"[^>]*checked', body)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and attempt.answers == {}


@pytest.mark.parametrize("source", ["other-question", "other-quiz", "database-id", "sql"])
def test_an_option_from_elsewhere_is_refused(client, enrolled, course, quiz, source):
    other_quiz = make_quiz(course, title="Inny quiz")
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    data = right_answers(attempt)
    single, multiple = attempt.questions[0], attempt.questions[1]
    foreign = {
        "other-question": multiple["choices"][0]["token"],
        "other-quiz": quiz_attempt_start(learner=enrolled, quiz=other_quiz).questions[0]["choices"][0][
            "token"
        ],
        "database-id": str(single["choices"][0]["id"]),
        "sql": "1 OR 1=1",
    }[source]
    data[field_name(single)] = foreign
    response = submit(client, attempt, data)
    assert response.status_code == 400
    assert "To nie jest jedna z opcji tego pytania." in response.content.decode()
    assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at is None


def test_a_number_question_wants_a_number(client, enrolled, quiz):
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    data = right_answers(attempt)
    number = next(q for q in attempt.questions if q["kind"] == "number")
    data[field_name(number)] = "czternaście"
    response = submit(client, attempt, data)
    assert response.status_code == 400
    assert "Wpisz liczbę, na przykład 12 albo 2,5." in response.content.decode()


def test_someone_elses_or_a_made_up_attempt_is_not_found(client, django_user_model, enrolled, course, quiz):
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    other = django_user_model.objects.create_user("piotr", "piotr@example.org", "haslo-piotra-1")
    enrolment_create(learner=other, course=course)
    client.force_login(other)
    for attempt_id in (attempt.pk, attempt.pk + 1000):
        response = client.post(f"/nauka/podejscie/{attempt_id}/wyslij/", right_answers(attempt))
        assert response.status_code == 404
        assert "Nie masz takiego podejścia do quizu." in response.content.decode()
        assert client.get(f"/nauka/podejscie/{attempt_id}/").status_code == 404
    assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at is None


def test_a_second_submission_of_the_same_attempt_changes_nothing(client, enrolled, quiz):
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    assert submit(client, attempt, wrong_answers(attempt)).status_code == 302
    again = submit(client, attempt, right_answers(attempt))
    assert again.status_code == 409
    assert "To podejście zostało już wysłane" in again.content.decode()
    attempt.refresh_from_db()
    assert attempt.passed is False and attempt.percent == 0
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 1


def test_starting_twice_returns_the_attempt_in_progress(client, enrolled, quiz):
    start(client, quiz)
    start(client, quiz)
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 1


def test_attempts_run_out(client, enrolled, course):
    quiz = make_quiz(course, max_attempts=2)
    for _ in range(2):
        start(client, quiz)
        attempt = open_attempt(enrolled, quiz)
        submit(client, attempt, wrong_answers(attempt))
    refused = start(client, quiz)
    assert refused.status_code == 403
    assert "Wykorzystano wszystkie 2 podejścia, na które pozwala ten quiz." in refused.content.decode()
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 2
    page = client.get(quiz.url).content.decode()
    assert "Wykorzystano wszystkie podejścia" in page and "Spróbuj ponownie" not in page


def test_a_wait_between_attempts(client, enrolled, course):
    quiz = make_quiz(course, wait_minutes=30)
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    submit(client, attempt, wrong_answers(attempt))
    refused = start(client, quiz)
    assert refused.status_code == 429
    assert 1700 < int(refused["Retry-After"]) <= 1800
    assert "Możesz spróbować ponownie" in refused.content.decode()
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 1
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    assert start(client, quiz).status_code == 302
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 2


def test_a_pool_draws_questions_and_the_order_is_fixed_at_the_start(client, enrolled, course):
    quiz = make_quiz(course, pool_size=3, shuffle_questions=True, shuffle_choices=True)
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    assert len(attempt.questions) == 3
    first, second = client.get(quiz.url).content.decode(), client.get(quiz.url).content.decode()
    shown = re.findall(r'name="(q_[0-9a-f]+)"', first)
    assert list(dict.fromkeys(shown)) == [field_name(q) for q in attempt.questions]
    assert re.findall(r'value="([0-9a-f]{8})"', first) == re.findall(r'value="([0-9a-f]{8})"', second)
    submit(client, attempt, right_answers(attempt))
    assert QuizAttempt.objects.get(pk=attempt.pk).percent == 100


def test_shuffling_uses_the_rules(enrolled, course):
    quiz = make_quiz(course, shuffle_questions=True, shuffle_choices=True)
    orders = set()
    for seed in range(8):
        questions = quiz.freeze_questions(random.Random(seed))
        orders.add(tuple(q["id"] for q in questions))
    assert len(orders) > 1
    plain = make_quiz(course, title="Bez losowania")
    assert [q["prompt"] for q in plain.freeze_questions(random.Random(1))] == [
        spec["prompt"] for spec in SAMPLE_QUESTIONS
    ]


def test_editing_a_published_quiz_does_not_change_recorded_results(client, enrolled, course):
    quiz = make_quiz(course, answers_shown="never")  # so a passed quiz can be taken again
    start(client, quiz)
    done = open_attempt(enrolled, quiz)
    submit(client, done, right_answers(done))
    # A second attempt is in progress while the editor rewords a question and changes its key.
    start(client, quiz)
    in_progress = open_attempt(enrolled, quiz)
    answers_then = right_answers(in_progress)

    edited = QuizPage.objects.get(pk=quiz.pk)
    questions = list(edited.questions.all())
    questions[0].prompt = "Zmienione pytanie?"
    choices = list(questions[0].choices.all())
    for choice in choices:
        choice.is_correct = not choice.is_correct
    questions[0].choices = choices
    edited.questions = questions
    edited.save_revision().publish()
    assert QuizChoice.objects.filter(question__quiz=quiz, is_correct=True).count() == 4  # 2 + 2

    result = client.get(f"/nauka/podejscie/{done.pk}/").content.decode()
    assert "Kto może złożyć wniosek o mikrogrant?" in result and "Zmienione pytanie?" not in result
    assert QuizAttempt.objects.get(pk=done.pk).percent == 100
    submit(client, in_progress, answers_then)
    assert QuizAttempt.objects.get(pk=in_progress.pk).percent == 100


def test_a_passed_quiz_completes_the_course_with_its_lessons(client, enrolled, course):
    lesson = make_lesson(course, title="Czym są mikrogranty")
    quiz = make_quiz(course, title="Sprawdź wiedzę")
    lesson_mark_done(learner=enrolled, lesson=lesson)
    page = client.get(course.url).content.decode()
    assert "Ukończono 1 z 2 kroków" in page and "Nierozwiązany" in page

    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    submit(client, attempt, wrong_answers(attempt))
    page = client.get(course.url).content.decode()
    assert "Ukończono 1 z 2 kroków" in page and "Jeszcze niezaliczony · najlepszy wynik 0%" in page

    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    data = right_answers(attempt)
    third = field_name(attempt.questions[2])
    data[third] = wrong_answers(attempt)[third]
    submit(client, attempt, data)  # 5 of 6 points: 83.33%, above the 70% pass mark
    page = client.get(course.url).content.decode()
    assert "Ukończono 2 z 2 kroków" in page and "Zaliczony · najlepszy wynik 83,33%" in page

    learning = client.get("/moja-nauka/").content.decode()
    completed = learning.split('id="completed-heading"')[1]
    assert "Mikrogranty w praktyce" in completed and "najlepszy wynik 83,33%" in completed


@pytest.mark.parametrize(
    ("rule", "max_attempts", "passes", "shown"),
    [
        ("never", None, True, False),
        ("passed", None, True, True),
        ("passed", None, False, False),
        ("final", 1, False, True),
        ("final", 2, False, False),
    ],
    ids=["never", "after-passing", "not-passed-yet", "last-attempt-used", "attempts-left"],
)
def test_when_correct_answers_are_shown(client, enrolled, course, rule, max_attempts, passes, shown):
    quiz = make_quiz(course, answers_shown=rule, max_attempts=max_attempts)
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    submit(client, attempt, (right_answers if passes else wrong_answers)(attempt))
    result = client.get(f"/nauka/podejscie/{attempt.pk}/").content.decode()
    assert ("(poprawna odpowiedź)" in result) is shown
    assert ("Wyjaśnienie:" in result) is shown
    assert "(twoja odpowiedź)" in result  # feedback on what the learner chose is on by default


def test_feedback_can_be_turned_off(client, enrolled, course):
    quiz = make_quiz(course, answers_shown="never", show_feedback=False)
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    submit(client, attempt, wrong_answers(attempt))
    result = client.get(f"/nauka/podejscie/{attempt.pk}/").content.decode()
    assert "Niezaliczony" in result and "0 z 6 punktów" in result
    for secret in SECRETS:
        assert secret not in result
    assert "Niepoprawna" not in result


def test_a_quiz_in_a_sequential_course_opens_after_the_lessons_before_it(client, enrolled, course):
    course.sequential = True
    course.save_revision().publish()
    lesson = make_lesson(course, title="Najpierw lekcja")
    quiz = make_quiz(course)
    assert client.get(quiz.url).status_code == 403
    refused = start(client, quiz)
    assert refused.status_code == 403 and not QuizAttempt.objects.exists()
    lesson_mark_done(learner=enrolled, lesson=lesson)
    assert client.get(quiz.url).status_code == 200
    assert start(client, quiz).status_code == 302


def test_two_starts_at_once_open_one_attempt(enrolled, quiz):
    first = quiz_attempt_start(learner=enrolled, quiz=quiz)
    second = quiz_attempt_start(learner=enrolled, quiz=quiz)
    assert first.pk == second.pk and first.number == 1


def test_the_data_export_holds_the_learners_own_attempts(client, django_user_model, enrolled, course, quiz):
    other = django_user_model.objects.create_user("piotr", "piotr@example.org", "haslo-piotra-1")
    enrolment_create(learner=other, course=course)
    theirs = quiz_attempt_start(learner=other, quiz=quiz)
    start(client, quiz)
    mine = open_attempt(enrolled, quiz)
    submit(client, mine, right_answers(mine))
    data = client.get("/konto/moje-dane.json").json()
    (attempt,) = data["learning"]["quiz_attempts"]
    assert attempt["quiz"] == "Sprawdź się" and attempt["passed"] is True and attempt["percent"] == "100.00"
    assert theirs.pk != mine.pk


def test_an_attempt_beyond_a_lowered_limit_cannot_be_submitted(client, enrolled, course):
    quiz = make_quiz(course, max_attempts=3)
    start(client, quiz)
    first = open_attempt(enrolled, quiz)
    submit(client, first, wrong_answers(first))
    start(client, quiz)
    second = open_attempt(enrolled, quiz)
    QuizPage.objects.filter(pk=quiz.pk).update(max_attempts=1)  # the editor tightens the rules
    page = client.get(quiz.url).content.decode()
    assert "quiz-form" not in page and "Wykorzystano wszystkie podejścia" in page
    refused = submit(client, second, right_answers(second))
    assert refused.status_code == 403
    body = refused.content.decode()
    assert "Wykorzystano 1 podejście, na które pozwala ten quiz." in body
    assert "To podejście zostało wycofane i nie zostało policzone." in body
    assert not QuizAttempt.objects.filter(pk=second.pk).exists()
    assert list(QuizAttempt.objects.filter(quiz=quiz).values_list("number", "passed")) == [(1, False)]


def test_an_attempt_begun_during_the_wait_cannot_be_submitted(client, enrolled, course):
    quiz = make_quiz(course)
    start(client, quiz)
    first = open_attempt(enrolled, quiz)
    submit(client, first, wrong_answers(first))
    start(client, quiz)  # no wait yet
    second = open_attempt(enrolled, quiz)
    QuizPage.objects.filter(pk=quiz.pk).update(wait_minutes=60)
    refused = submit(client, second, right_answers(second))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 3000
    assert "Możesz spróbować ponownie" in refused.content.decode()
    assert not QuizAttempt.objects.filter(pk=second.pk).exists()
    assert start(client, quiz).status_code == 429  # the wait after the first attempt still runs


def test_the_language_switcher_on_a_form_with_errors_leads_back_to_the_quiz(client, enrolled, quiz):
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    body = submit(client, attempt, {}).content.decode()
    english = f"/en/nauka/podejscie/{attempt.pk}/wyslij/"
    assert f'href="{english}"' in body
    response = client.get(english)
    assert response.status_code == 302 and response.url == quiz.url
    again = client.get(f"/en/nauka/quiz/{quiz.pk}/rozpocznij/")
    assert again.status_code == 302 and again.url == quiz.url
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 1


def test_no_retake_after_passing_once_the_answers_were_shown(client, enrolled, quiz):
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    submit(client, attempt, right_answers(attempt))
    page = client.get(quiz.url).content.decode()
    assert "Quiz zaliczony." in page and "quiz-start" not in page
    refused = start(client, quiz)
    assert refused.status_code == 403
    assert "nie można go rozwiązać ponownie" in refused.content.decode()
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 1


def test_personal_quiz_pages_are_not_cached(client, enrolled, quiz):
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    response = submit(client, attempt, right_answers(attempt))
    result = client.get(response.url)
    assert "no-store" in result["Cache-Control"] and "private" in result["Cache-Control"]


def test_an_unpublished_quiz_takes_no_more_answers(client, enrolled, quiz):
    start(client, quiz)
    attempt = open_attempt(enrolled, quiz)
    QuizPage.objects.get(pk=quiz.pk).unpublish()
    response = submit(client, attempt, right_answers(attempt))
    assert response.status_code == 404
    assert "Ten quiz nie jest już dostępny." in response.content.decode()
    assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at is None


def test_course_lesson_and_quiz_pages_of_a_learner_are_not_cached(client, enrolled, course, quiz):
    lesson = make_lesson(course, title="Lekcja prywatna")
    for url in (course.url, lesson.url, quiz.url):
        assert "private" in client.get(url)["Cache-Control"], url
    client.logout()
    assert "Cache-Control" not in client.get(course.url)  # a visitor's page is the same for all
