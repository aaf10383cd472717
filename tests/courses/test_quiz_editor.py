"""Editors build quizzes on the quiz's own editor screen, with questions and options nested
inline; the editor refuses questions that could not be graded."""

import pytest
from wagtail.test.utils.form_data import inline_formset, rich_text

from courses.models import QuizPage, QuizQuestion
from tests.factories import make_course
from tests.test_editor_builds_a_course import post_page


def choices(*options):
    return inline_formset(
        [
            {"text": text, "is_correct": "on" if correct else "", "feedback": f"Uwaga do: {text}"}
            for text, correct in options
        ]
    )


def question(kind, prompt="Pytanie?", *, options=(), answer="", accepted="", points="1", partial=False):
    data = {
        "kind": kind,
        "prompt": prompt,
        "points": points,
        "true_false_answer": answer,
        "accepted_answers": accepted,
        "tolerance": "0",
        "explanation": "",
        "choices": choices(*options),
    }
    if partial:
        data["partial_credit"] = "on"
    return data


GOOD = [
    question("single", "Kto składa wniosek?", options=[("Grupa mieszkańców", True), ("Urząd", False)]),
    question(
        "multiple",
        "Co jest w regulaminie?",
        options=[("Kryteria", True), ("Kwota", True), ("Lista zwycięzców", False)],
        points="2",
        partial=True,
    ),
    question("true_false", "Fundusz sąsiedzki to budżet obywatelski.", answer="false"),
    question("text", "Jak nazywa się mała dotacja?", accepted="mikrogrant\nmikrodotacja"),
    question("number", "Ile dni trwa nabór?", accepted="14\n14,0"),
]


def quiz_form(questions, **rules):
    return {
        "title": "Sprawdź wiedzę o mikrograntach",
        "slug": "sprawdz-wiedze",
        "instructions": rich_text("<p>Pięć pytań.</p>"),
        "pass_mark": "70",
        "max_attempts": "3",
        "wait_minutes": "0",
        "pool_size": "",
        "show_feedback": "on",
        "answers_shown": "passed",
        "estimated_minutes": "10",
        "questions": inline_formset(questions, min=1),
        **rules,
    }


def test_an_editor_builds_a_quiz_with_nested_questions_and_options(editor_client, course_index):
    course = make_course(course_index)
    response = post_page(editor_client, "courses/quizpage", course, quiz_form(GOOD))
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = QuizPage.objects.get(slug="sprawdz-wiedze")
    assert quiz.live and quiz.get_parent().pk == course.pk and quiz.max_attempts == 3
    questions = list(quiz.questions.all())
    assert [q.kind for q in questions] == ["single", "multiple", "true_false", "text", "number"]
    assert [c.text for c in questions[1].choices.all()] == ["Kryteria", "Kwota", "Lista zwycięzców"]
    assert questions[1].partial_credit and questions[1].points == 2
    assert questions[3].accepted_list() == ["mikrogrant", "mikrodotacja"]
    # The quiz editor screen itself opens, with the questions on their own tab.
    edit = editor_client.get(f"/admin/pages/{quiz.pk}/edit/").content.decode()
    assert "Pytania" in edit and "Lista zwycięzców" in edit


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            question("single", options=[("A", True), ("B", True)]),
            "Pytanie jednokrotnego wyboru musi mieć dokładnie jedną poprawną opcję (ma 2).",
        ),
        (
            question("single", options=[("A", False), ("B", False)]),
            "Pytanie jednokrotnego wyboru musi mieć dokładnie jedną poprawną opcję (ma 0).",
        ),
        (question("single", options=[("A", True)]), "Pytanie wyboru musi mieć co najmniej dwie opcje."),
        (
            question("multiple", options=[("A", False), ("B", False)]),
            "Pytanie wielokrotnego wyboru musi mieć co najmniej jedną poprawną opcję.",
        ),
        (question("number"), "Podaj poprawną liczbę jako akceptowaną odpowiedź."),
        (question("number", accepted="czternaście"), "musi być liczbą, na przykład 12 albo 2,5."),
        (question("text"), "Podaj co najmniej jedną akceptowaną odpowiedź."),
        (question("true_false"), "Wskaż, czy stwierdzenie jest prawdziwe, czy fałszywe."),
        (question("text", accepted="x", options=[("A", True)]), "Opcje mają tylko pytania wyboru"),
        (question("text", accepted="mikrogrant\n?!"), "tylko ze znaków interpunkcyjnych"),
    ],
    ids=[
        "single-two-correct",
        "single-none-correct",
        "single-one-option",
        "multiple-none-correct",
        "number-without-answer",
        "number-not-a-number",
        "text-without-answer",
        "true-false-without-answer",
        "text-with-options",
        "text-punctuation-only",
    ],
)
def test_the_editor_refuses_what_cannot_be_graded(editor_client, course_index, bad, message):
    course = make_course(course_index)
    response = post_page(editor_client, "courses/quizpage", course, quiz_form([*GOOD[:2], bad]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not QuizPage.objects.exists() and not QuizQuestion.objects.exists()


def test_a_deleted_bad_question_does_not_block_saving(editor_client, course_index):
    course = make_course(course_index)
    data = quiz_form([*GOOD, question("single", options=[("A", True), ("B", True)])])
    payload_questions = data["questions"]
    payload_questions[str(len(GOOD))]["DELETE"] = "1"
    response = post_page(editor_client, "courses/quizpage", course, data)
    assert response.status_code == 302
    assert QuizPage.objects.get().questions.count() == len(GOOD)


def test_the_pool_cannot_be_larger_than_the_questions(editor_client, course_index):
    course = make_course(course_index)
    response = post_page(editor_client, "courses/quizpage", course, quiz_form(GOOD, pool_size="6"))
    assert response.status_code == 200
    assert "Pula ma tylko 5 pytań; można losować najwyżej tyle." in response.content.decode()


def test_a_quiz_needs_a_question(editor_client, course_index):
    course = make_course(course_index)
    response = post_page(editor_client, "courses/quizpage", course, quiz_form([]))
    assert response.status_code == 200
    assert not QuizPage.objects.exists()


def test_after_the_last_attempt_needs_a_limit(editor_client, course_index):
    course = make_course(course_index)
    response = post_page(
        editor_client, "courses/quizpage", course, quiz_form(GOOD, answers_shown="final", max_attempts="")
    )
    assert response.status_code == 200
    assert "Przy nieograniczonej liczbie podejść nie ma ostatniego podejścia" in response.content.decode()
