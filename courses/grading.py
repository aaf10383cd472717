"""Grading quiz answers against the answer key frozen in an attempt when it started.

Pure functions over plain data, so the rules can be tested case by case and a later edit of the
quiz cannot change how an attempt already taken is graded. A frozen question is a dict:

    {"id", "token", "kind", "prompt", "points", "partial_credit", "choices": [{"id", "token",
     "text", "correct", "feedback"}], "answer" (true/false), "accepted" (text or number
     variants), "tolerance", "explanation"}

The browser sees questions and options only by their tokens, random per attempt, so neither
database ids nor their order (which follows the editor's order, not the shuffled one) give
anything away.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
TEXT = "text"
NUMBER = "number"
CHOICE_KINDS = (SINGLE, MULTIPLE)
AFTER_LAST_ATTEMPT = "final"  # QuizPage.AnswersShown value the editor form checks

# What the browser may see of a frozen question: the key and the feedback stay on the server.
PUBLIC_QUESTION_KEYS = ("token", "kind", "prompt", "points")
PUBLIC_CHOICE_KEYS = ("token", "text")

_CENT = Decimal("0.01")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_SPACES = re.compile(r"\s+")


def normalize_text(value: str) -> str:
    """A text answer as compared: case, surrounding spaces and punctuation, runs of spaces and
    Unicode composition do not matter; Polish letters do ("łąka" is not "laka")."""
    value = unicodedata.normalize("NFC", str(value)).casefold()
    value = _SPACES.sub(" ", value).strip()
    return value.strip(" .,;:!?\"'„”«»()")


def parse_number(value) -> Decimal | None:
    """A number as learners type it in Polish or English: "2,5", "2.5", "1 000", "-3"."""
    text = str(value).strip().translate(_MINUS_SIGNS).replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def public_questions(questions: list[dict]) -> list[dict]:
    """The frozen questions as the quiz form shows them: prompt, points and the options' text,
    never which option is correct, the accepted answers or any feedback."""
    public = []
    for question in questions:
        item = {key: question[key] for key in PUBLIC_QUESTION_KEYS}
        item["choices"] = [
            {key: choice[key] for key in PUBLIC_CHOICE_KEYS} for choice in question.get("choices", [])
        ]
        public.append(item)
    return public


def field_name(question: dict) -> str:
    """The form field of a frozen question."""
    return f"q_{question['token']}"


def resolve_answers(questions: list[dict], by_token: dict) -> dict:
    """Answers given by token (as the form cleaned them) keyed and valued by ids, as stored and
    graded. The form has already refused a token that is not one of the question's options."""
    resolved = {}
    for question in questions:
        if question["token"] not in by_token:
            continue
        answer = by_token[question["token"]]
        choice_ids = {choice["token"]: choice["id"] for choice in question.get("choices", [])}
        if question["kind"] == SINGLE:
            answer = choice_ids[answer]
        elif question["kind"] == MULTIPLE:
            answer = sorted(choice_ids[token] for token in answer)
        resolved[str(question["id"])] = answer
    return resolved


@dataclass(frozen=True)
class QuestionResult:
    """The points one answer earned: `credit` is the share of the question's points (0 to 1)."""

    question_id: int
    credit: Decimal
    points: Decimal
    max_points: Decimal

    @property
    def correct(self) -> bool:
        return self.credit == 1

    def as_dict(self):
        return {
            "id": self.question_id,
            "credit": str(self.credit.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)),
            "points": str(self.points.quantize(_CENT, rounding=ROUND_HALF_UP)),
            "max_points": str(self.max_points),
            "correct": self.correct,
        }


def question_credit(question: dict, answer) -> Decimal:
    """The share of the question's points the answer earns, from 0 to 1.

    `answer` is what the quiz form cleaned: a choice id (single), a list of choice ids
    (multiple), a bool (true/false), a string (text or number)."""
    kind = question["kind"]
    if kind == SINGLE:
        correct = {choice["id"] for choice in question["choices"] if choice["correct"]}
        return Decimal(1) if answer in correct else Decimal(0)
    if kind == MULTIPLE:
        correct = {choice["id"] for choice in question["choices"] if choice["correct"]}
        wrong = {choice["id"] for choice in question["choices"] if not choice["correct"]}
        chosen = set(answer or [])
        if not question.get("partial_credit"):
            return Decimal(1) if chosen == correct else Decimal(0)
        # Each correct option chosen earns its share; each wrong one chosen takes a share back,
        # so ticking every box earns nothing.
        earned = Decimal(len(chosen & correct)) / len(correct)
        if wrong:
            earned -= Decimal(len(chosen & wrong)) / len(wrong)
        return max(earned, Decimal(0))
    if kind == TRUE_FALSE:
        return Decimal(1) if answer is question["answer"] else Decimal(0)
    if kind == TEXT:
        given = normalize_text(answer or "")
        accepted = {normalize_text(variant) for variant in question["accepted"]}
        return Decimal(1) if given and given in accepted else Decimal(0)
    if kind == NUMBER:
        given = parse_number(answer if answer is not None else "")
        if given is None:
            return Decimal(0)
        tolerance = Decimal(str(question.get("tolerance") or 0))
        for variant in question["accepted"]:
            value = parse_number(variant)
            if value is not None and abs(given - value) <= tolerance:
                return Decimal(1)
        return Decimal(0)
    raise ValueError(f"Unknown question kind {kind!r}")


def grade_question(question: dict, answer) -> QuestionResult:
    credit = question_credit(question, answer)
    max_points = Decimal(question["points"])
    return QuestionResult(
        question_id=question["id"], credit=credit, points=max_points * credit, max_points=max_points
    )


@dataclass(frozen=True)
class AttemptGrade:
    """An attempt's grade. Scores are summed exactly and rounded only for storage and display,
    so three thirds make a whole point and 69.996% does not pass a 70% mark."""

    exact_score: Decimal
    max_score: Decimal
    results: list

    @property
    def score(self) -> Decimal:
        return self.exact_score.quantize(_CENT, rounding=ROUND_HALF_UP)

    @property
    def percent(self) -> Decimal:
        if not self.max_score:
            return Decimal(0)
        return (100 * self.exact_score / self.max_score).quantize(_CENT, rounding=ROUND_HALF_UP)

    def passed(self, pass_mark: int) -> bool:
        return bool(self.max_score) and self.exact_score * 100 >= pass_mark * self.max_score


def grade_attempt(questions: list[dict], answers: dict) -> AttemptGrade:
    """Grade every frozen question; `answers` maps str(question id) to the cleaned answer."""
    results = [grade_question(question, answers.get(str(question["id"]))) for question in questions]
    return AttemptGrade(
        exact_score=sum((result.points for result in results), Decimal(0)),
        max_score=sum((result.max_points for result in results), Decimal(0)),
        results=results,
    )
