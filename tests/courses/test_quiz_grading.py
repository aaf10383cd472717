"""Grading rules for every question type, edge cases included (pure functions, no database)."""

from decimal import Decimal

import pytest

from courses import grading


def choice_question(kind, correct_ids, all_ids=(1, 2, 3, 4), points=2, partial=False):
    return {
        "id": 10,
        "kind": kind,
        "prompt": "?",
        "points": points,
        "partial_credit": partial,
        "token": "q10",
        "choices": [
            {"id": i, "token": f"t{i}", "text": str(i), "correct": i in correct_ids, "feedback": ""}
            for i in all_ids
        ],
    }


@pytest.mark.parametrize(
    ("answer", "points"),
    [(2, "2.00"), (1, "0.00"), (None, "0.00"), (99, "0.00")],
    ids=["right", "wrong", "missing", "foreign-choice"],
)
def test_single_choice(answer, points):
    result = grading.grade_question(choice_question("single", {2}), answer)
    assert result.points == Decimal(points)
    assert result.correct is (points == "2.00")


@pytest.mark.parametrize(
    ("answer", "points"),
    [([1, 2], "2.00"), ([2, 1], "2.00"), ([1], "0.00"), ([1, 2, 3], "0.00"), ([], "0.00"), (None, "0.00")],
    ids=["exact", "any-order", "one-missing", "one-extra", "none", "missing"],
)
def test_multiple_choice_all_or_nothing(answer, points):
    result = grading.grade_question(choice_question("multiple", {1, 2}), answer)
    assert result.points == Decimal(points)


@pytest.mark.parametrize(
    ("answer", "points", "correct"),
    [
        ([1, 2], "2.00", True),
        ([1], "1.00", False),  # half the right options
        ([1, 2, 3], "1.00", False),  # all right, minus one of the two wrong options
        ([1, 3], "0.00", False),  # half right, minus half the wrong options
        ([1, 2, 3, 4], "0.00", False),  # ticking everything earns nothing
        ([3, 4], "0.00", False),  # never below zero
        ([], "0.00", False),
    ],
    ids=["exact", "half", "right-plus-one-wrong", "half-and-half", "everything", "only-wrong", "none"],
)
def test_multiple_choice_partial_credit(answer, points, correct):
    result = grading.grade_question(choice_question("multiple", {1, 2}, partial=True), answer)
    assert result.points == Decimal(points)
    assert result.correct is correct


def test_partial_credit_when_every_option_is_correct():
    question = choice_question("multiple", {1, 2, 3}, all_ids=(1, 2, 3), points=3, partial=True)
    assert grading.grade_question(question, [1, 2]).points == Decimal("2.00")
    assert grading.grade_question(question, [1, 2, 3]).points == Decimal("3.00")


@pytest.mark.parametrize(
    ("key", "answer", "points"),
    [
        (True, True, "1.00"),
        (True, False, "0.00"),
        (False, False, "1.00"),
        (False, True, "0.00"),
        (False, None, "0.00"),
    ],
    ids=["true-true", "true-false", "false-false", "false-true", "missing"],
)
def test_true_false(key, answer, points):
    question = {"id": 1, "kind": "true_false", "points": 1, "answer": key, "choices": []}
    assert grading.grade_question(question, answer).points == Decimal(points)


@pytest.mark.parametrize(
    ("answer", "right"),
    [
        ("mikrogrant", True),
        ("  Mikrogrant. ", True),
        ("MIKRODOTACJA", True),
        ("fundusz   sąsiedzki", True),
        ("„Fundusz sąsiedzki”", True),
        ("fundusz sasiedzki", False),  # Polish letters matter
        ("mikrogranty", False),
        ("", False),
        (None, False),
    ],
    ids=[
        "exact",
        "case-space-dot",
        "variant",
        "inner-spaces",
        "quotes",
        "no-diacritics",
        "plural",
        "empty",
        "missing",
    ],
)
def test_text_answer(answer, right):
    question = {
        "id": 1,
        "kind": "text",
        "points": 1,
        "accepted": ["mikrogrant", "mikrodotacja", "Fundusz sąsiedzki"],
        "choices": [],
    }
    assert grading.grade_question(question, answer).correct is right


@pytest.mark.parametrize(
    ("answer", "tolerance", "right"),
    [
        ("14", "0", True),
        ("14,0", "0", True),
        ("14.0", "0", True),
        ("13,5", "0.5", True),
        ("13,4", "0.5", False),
        ("1 000", "0", True),  # the second accepted variant, with a thousands space
        ("-14", "0", False),
        ("\u221214", "0", False),  # a typographic minus is a minus
        ("czternaście", "0", False),
        ("", "0", False),
    ],
    ids=[
        "exact",
        "comma",
        "dot",
        "within-tolerance",
        "outside",
        "thousands",
        "negative",
        "typographic-minus",
        "words",
        "empty",
    ],
)
def test_number_answer(answer, tolerance, right):
    question = {"id": 1, "kind": "number", "points": 1, "accepted": ["14", "1000"], "tolerance": tolerance}
    assert grading.grade_question(question, answer).correct is right


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,5", "2.5"),
        ("-3", "-3"),
        ("\u22123", "-3"),
        (" 1\u00a0000 ", "1000"),
        (",5", "0.5"),
        ("1e3", None),
        ("1,2,3", None),
        ("", None),
    ],
    ids=[
        "comma",
        "negative",
        "typographic-minus",
        "nbsp-thousands",
        "leading-comma",
        "exponent",
        "two-commas",
        "empty",
    ],
)
def test_parse_number(text, value):
    assert grading.parse_number(text) == (Decimal(value) if value is not None else None)


def test_attempt_score_percent_and_pass_mark():
    questions = [
        choice_question("single", {1}, points=1) | {"id": 1},
        choice_question("multiple", {1, 2}, points=2, partial=True) | {"id": 2},
    ]
    grade = grading.grade_attempt(questions, {"1": 1, "2": [1]})
    assert (grade.score, grade.max_score, grade.percent) == (Decimal("2.00"), Decimal(3), Decimal("66.67"))
    assert grade.passed(66) and not grade.passed(67)
    assert [result.correct for result in grade.results] == [True, False]


def test_public_questions_hold_no_key_and_no_feedback():
    question = choice_question("single", {2}) | {"explanation": "Bo tak.", "accepted": ["x"], "answer": True}
    question["choices"][1]["feedback"] = "Brawo!"
    (public,) = grading.public_questions([question])
    assert set(public) == {"token", "kind", "prompt", "points", "choices"}
    assert all(set(choice) == {"token", "text"} for choice in public["choices"])


def test_answers_given_by_token_are_resolved_to_ids():
    questions = [
        choice_question("single", {2}) | {"id": 1, "token": "a"},
        choice_question("multiple", {1, 2}) | {"id": 2, "token": "b"},
        {"id": 3, "token": "c", "kind": "text", "choices": []},
    ]
    resolved = grading.resolve_answers(questions, {"a": "t2", "b": ["t2", "t1"], "c": "mikrogrant"})
    assert resolved == {"1": 2, "2": [1, 2], "3": "mikrogrant"}


def test_thirds_of_a_point_add_up_and_the_pass_mark_is_exact():
    question = choice_question("multiple", {1, 2, 3}, all_ids=(1, 2, 3), points=1, partial=True)
    questions = [question | {"id": n} for n in (1, 2, 3)]
    grade = grading.grade_attempt(questions, {"1": [1], "2": [2], "3": [3]})  # a third of each
    assert grade.score == Decimal("1.00") and grade.max_score == 3
    # 1 of 3 points is 33.33...%: it passes a 33% mark and fails a 34% one, whatever the rounding.
    assert grade.passed(33) and not grade.passed(34)
    nearly = grading.grade_attempt(
        [choice_question("single", {1}, points=1) | {"id": n} for n in range(3)]
        + [choice_question("multiple", {1, 2, 3}, all_ids=(1, 2, 3), points=1, partial=True) | {"id": 9}],
        {"0": 1, "1": 1, "9": [1, 2]},
    )  # 2 + 2/3 of 4 points = 66.666...%, shown as 66.67%
    assert nearly.percent == Decimal("66.67") and not nearly.passed(67) and nearly.passed(66)
