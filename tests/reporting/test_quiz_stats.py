"""Quiz statistics: per-question figures against values computed by hand on a small fixture,
the discrimination index's threshold, filters, CSV and XLSX exports, who may see which quiz, and
query counts that do not grow with the learners. The test settings run in Polish, so nothing
here looks at translated text: rows are read by the position of `list_export`'s columns."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses.models import CoordinatorScope, Enrolment, QuizAttempt, QuizPage, QuizQuestion
from reporting.quiz_stats import (
    DISCRIMINATION_MIN_ATTEMPTS,
    QuizListView,
    QuizQuestionsView,
    question_rows,
    question_statistics,
)
from tests.factories import make_course, make_quiz

LIST_URL = "/admin/reports/quizzes/"
LEARNERS = 25  # first attempts ranked 0..24 by result (4 × rank %); groups of 7 (27% of 25)
SECOND_TRIES = 5  # learners 0..4 (from łódzkie) try again and score 100%


def quiz_url(quiz):
    return f"/admin/reports/quizzes/{quiz.pk}/"


def spec(prompt):
    return {"kind": "single", "prompt": prompt, "choices": [("Tak", True, "Dobrze."), ("Nie", False, "Źle.")]}


def result(question_id, credit):
    return {"id": question_id, "credit": f"{credit:.4f}", "points": f"{credit:.2f}", "max_points": "1"}


def submit(enrolment, quiz, number, percent, questions, results):
    return QuizAttempt.objects.create(
        learner=enrolment.learner,
        quiz=quiz,
        enrolment=enrolment,
        number=number,
        submitted_at=timezone.now(),
        questions=questions,
        results=results,
        max_score=len(results),
        score=Decimal(percent) * len(results) / 100,
        percent=percent,
        pass_mark=70,
        passed=percent >= 70,
    )


def first_attempt_results(rank, q1, q2, q3, q4):
    """Q1 tells the stronger from the weaker (right from rank 10), Q2 the other way round (right
    below rank 10), Q3 gives half credit on odd ranks, removed Q4 was asked below rank 15 and
    answered right on ranks divisible by 3."""
    results = [
        result(q1, Decimal(rank >= 10)),
        result(q2, Decimal(rank < 10)),
        result(q3, Decimal(1) if rank % 2 == 0 else Decimal("0.5")),
    ]
    if rank < 15:
        results.append(result(q4, Decimal(rank % 3 == 0)))
    return results


@pytest.fixture
def quiz_fixture(course_index, django_user_model):
    """Course A's quiz (questions Q5, Q1, Q2, Q3 in editor order; Q4 removed after being asked;
    Q5 added after every attempt) with 25 learners' first attempts, 5 second attempts and one
    attempt still open; course B's quiz with one attempt."""
    course = make_course(course_index, title="A: mikrogranty", slug="a")
    quiz = make_quiz(course, questions=[spec(f"Pytanie {n}") for n in range(1, 6)])
    q1, q2, q3, q4, q5 = quiz.questions.order_by("pk")
    QuizQuestion.objects.filter(pk=q5.pk).update(sort_order=-1)
    frozen = [question for question in quiz.freeze_questions() if question["id"] != q5.pk]
    ids = (q1.pk, q2.pk, q3.pk, q4.pk)
    for rank in range(LEARNERS):
        learner = django_user_model.objects.create_user(
            f"l{rank}", f"l{rank}@example.org", "haslo-uczestnika-1",
            voivodeship="lodzkie" if rank < SECOND_TRIES else "mazowieckie",
        )  # fmt: skip
        enrolment = Enrolment.objects.create(learner=learner, course=course)
        # The attempts freeze Q4 as it read when they started; the newest one holds its last wording.
        questions = [
            {**question, "prompt": "Q4, ostatnia wersja" if rank == 14 else "Q4, pierwsza wersja"}
            if question["id"] == q4.pk
            else question
            for question in frozen
        ]
        submit(enrolment, quiz, 1, 4 * rank, questions, first_attempt_results(rank, *ids))
        if rank < SECOND_TRIES:
            again = [question for question in frozen if question["id"] != q4.pk]
            submit(enrolment, quiz, 2, 100, again, [result(pk, Decimal(1)) for pk in ids[:3]])
        if rank == LEARNERS - 1:
            QuizAttempt.objects.create(
                learner=learner, quiz=quiz, enrolment=enrolment, number=2, questions=frozen, pass_mark=70
            )
    QuizQuestion.objects.filter(pk=q4.pk).delete()
    other = make_course(course_index, title="B: badania", slug="b")
    other_quiz = make_quiz(other, title="Quiz B", questions=[spec("Pytanie B")])
    learner = django_user_model.objects.get(username="l5")
    enrolment = Enrolment.objects.create(learner=learner, course=other)
    submit(enrolment, other_quiz, 1, 100, other_quiz.freeze_questions(), [])
    return quiz, other_quiz, {"q1": q1.pk, "q2": q2.pk, "q3": q3.pk, "q4": q4.pk, "q5": q5.pk}


def export(client, url, export_format="csv", **params):
    response = client.get(url, {**params, "export": export_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "xlsx":
        return list(openpyxl.load_workbook(io.BytesIO(content)).active.values)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def question_table(client, quiz, **params):
    """{question id: {column of list_export: value}} from the CSV export, in row order."""
    header, *rows = export(client, quiz_url(quiz), **params)
    assert len(header) == len(QuizQuestionsView.list_export)
    records = [dict(zip(QuizQuestionsView.list_export, row, strict=True)) for row in rows]
    return {int(record["question_id"]): record for record in records}


def figures(record):
    return (record["asked"], record["share_correct"], record["average_credit"], record["discrimination"])


def test_question_figures_match_the_hand_computed_ones(client, coordinator, quiz_fixture):
    quiz, _other, q = quiz_fixture
    client.force_login(coordinator)
    page = client.get(quiz_url(quiz))
    assert page.status_code == 200 and "Q4, ostatnia wersja" in page.content.decode()

    table = question_table(client, quiz, attempts="first")
    # Editor order (Q5 was moved first), then the removed Q4 with its newest frozen prompt.
    assert list(table) == [q["q5"], q["q1"], q["q2"], q["q3"], q["q4"]]
    assert [table[pk]["number"] for pk in table] == ["1", "2", "3", "4", "5"]
    assert (table[q["q1"]]["prompt"], table[q["q1"]]["in_quiz"]) == ("Pytanie 1", "True")
    assert (table[q["q4"]]["prompt"], table[q["q4"]]["in_quiz"]) == ("Q4, ostatnia wersja", "False")
    # Groups: ranks 0..6 (lower) and 18..24 (upper).
    assert figures(table[q["q1"]]) == ("25", "60.0", "60.0", "1.0")  # 15 right; 7/7 − 0/7
    assert figures(table[q["q2"]]) == ("25", "40.0", "40.0", "-1.0")  # 10 right; 0/7 − 7/7
    # 13 right (even ranks), 12 halves: (13 + 6) / 25 = 76%; even ranks: 4/7 − 4/7
    assert figures(table[q["q3"]]) == ("25", "52.0", "76.0", "0.0")
    assert figures(table[q["q4"]]) == ("15", "33.3", "33.3", "")  # ranks 0, 3, 6, 9, 12; < 20 asked
    assert figures(table[q["q5"]]) == ("0", "", "", "")  # added after every attempt

    # All attempts: 30, groups of 8; Q1 is right in every second attempt, as in the upper ranks.
    every = question_table(client, quiz)
    assert figures(every[q["q1"]]) == ("30", "66.7", "66.7", "1.0")
    assert every[q["q4"]]["asked"] == "15"


def test_discrimination_needs_enough_attempts():
    def attempts(count):
        # Weaker half wrong, stronger half right.
        return [(n, Decimal(n), [{"id": 1, "credit": str(int(n >= count / 2))}]) for n in range(count)]

    enough = question_statistics(attempts(DISCRIMINATION_MIN_ATTEMPTS), DISCRIMINATION_MIN_ATTEMPTS)[1]
    assert enough.discrimination == 1 and enough.share_correct == 0.5
    few = question_statistics(attempts(DISCRIMINATION_MIN_ATTEMPTS - 1), DISCRIMINATION_MIN_ATTEMPTS - 1)[1]
    assert few.discrimination is None and few.asked == DISCRIMINATION_MIN_ATTEMPTS - 1
    with pytest.raises(ValueError):
        question_statistics(reversed(attempts(3)), 3)


def test_removed_questions_keep_their_newest_wording(course_index, django_user_model):
    """Each removed question's prompt comes from the newest attempt asking it, even when a newer
    attempt asking another removed question holds an older wording of it."""
    quiz = make_quiz(make_course(course_index), questions=[spec("Pytanie 1")])
    learner = django_user_model.objects.create_user("l", "l@example.org", "haslo-uczestnika-1")
    enrolment = Enrolment.objects.create(learner=learner, course=quiz.get_parent().specific)
    x, y = 10**6, 10**6 + 1
    asked = [(1, [(x, "X v1")]), (2, [(x, "X v2"), (y, "Y v1")]), (3, [(y, "Y v2")])]
    for number, questions in asked:
        frozen = [{"id": pk, "prompt": prompt} for pk, prompt in questions]
        submit(enrolment, quiz, number, 50, frozen, [result(pk, Decimal(1)) for pk, _prompt in questions])
    attempts = QuizAttempt.objects.order_by("percent", "pk").values_list("pk", "percent", "results")
    rows = question_rows(quiz, question_statistics(attempts, 3))
    assert [(row.question_id, row.prompt, row.in_quiz, row.asked) for row in rows][1:] == [
        (x, "X v2", False, 2),
        (y, "Y v2", False, 2),
    ]


def test_learner_filter(client, coordinator, quiz_fixture):
    quiz, _other, q = quiz_fixture
    client.force_login(coordinator)
    # Łódzkie: ranks 0..4 with their second tries (10 attempts); first tries only: 5.
    both = question_table(client, quiz, voivodeship="lodzkie")
    assert figures(both[q["q1"]]) == ("10", "50.0", "50.0", "")
    first = question_table(client, quiz, voivodeship="lodzkie", attempts="first")
    assert figures(first[q["q1"]]) == ("5", "0.0", "0.0", "")
    assert figures(first[q["q4"]]) == ("5", "40.0", "40.0", "")  # ranks 0 and 3
    assert question_table(client, quiz, enrolled_from="2999-01-01")[q["q1"]]["asked"] == "0"


def quiz_list(client, export_format="csv", **params):
    header, *rows = export(client, LIST_URL, export_format, **params)
    assert len(header) == len(QuizListView.list_export)
    return {row[0]: dict(zip(QuizListView.list_export, row, strict=True)) for row in rows}


def test_quiz_list(client, coordinator, quiz_fixture):
    quiz, _other, _q = quiz_fixture
    client.force_login(coordinator)
    page = client.get(LIST_URL, {"voivodeship": "lodzkie"})
    assert page.status_code == 200
    assert f'href="{quiz_url(quiz)}?voivodeship=lodzkie"' in page.content.decode()
    rows = quiz_list(client)
    assert list(rows) == ["Sprawdź się", "Quiz B"]  # by course title
    # 30 submitted (the open one not counted), 25 learners, 12 passed (7 first time: 72% and up,
    # 5 second time); best: 100 × 5 + 4 × (5 + ... + 24) = 1660, / 25 = 66.4.
    assert rows["Sprawdź się"] == {
        "title": "Sprawdź się",
        "course_title": "A: mikrogranty",
        "attempt_count": "30",
        "learner_count": "25",
        "pass_rate": "48.0",
        "average_best": "66.4",
    }
    lodz = quiz_list(client, voivodeship="lodzkie")
    assert (lodz["Sprawdź się"]["attempt_count"], lodz["Sprawdź się"]["pass_rate"]) == ("10", "100.0")
    assert (lodz["Quiz B"]["learner_count"], lodz["Quiz B"]["pass_rate"]) == ("0", "")


def test_xlsx_exports(client, coordinator, quiz_fixture):
    quiz, _other, q = quiz_fixture
    client.force_login(coordinator)
    rows = export(client, quiz_url(quiz), "xlsx", attempts="first")
    assert len(rows) == 1 + 5
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id[q["q1"]][4:] == (25, 60.0, 60.0, 1.0)
    assert by_id[q["q4"]][4:] == (15, 33.3, 33.3, None)
    listing = export(client, LIST_URL, "xlsx")
    assert listing[1] == ("Sprawdź się", "A: mikrogranty", 30, 25, 48.0, 66.4)


def test_learners_and_editors_do_not_see_it(client, editor, quiz_fixture):
    quiz, _other, _q = quiz_fixture
    for url in (LIST_URL, quiz_url(quiz), f"{quiz_url(quiz)}results/"):
        client.force_login(editor)
        response = client.get(url, {"export": "csv"})
        assert response.status_code in (302, 403)
        assert b"Pytanie 1" not in b"".join(getattr(response, "streaming_content", [response.content]))
        client.force_login(Enrolment.objects.first().learner)
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))


def test_coordinator_limited_to_another_course(client, coordinator, quiz_fixture):
    quiz, other_quiz, _q = quiz_fixture
    scope = CoordinatorScope.objects.create(user=coordinator)
    scope.courses.set([other_quiz.get_parent().pk])
    client.force_login(coordinator)
    assert client.get(quiz_url(quiz)).status_code == 404
    assert client.get(f"{quiz_url(quiz)}results/").status_code == 404
    assert client.get(quiz_url(quiz), {"export": "csv"}).status_code == 404
    assert client.get("/admin/reports/quizzes/999999/").status_code == 404
    assert list(quiz_list(client)) == ["Quiz B"]
    assert client.get(quiz_url(other_quiz)).status_code == 200


def test_menu_item_for_coordinators_only(client, coordinator, editor):
    client.force_login(coordinator)
    assert LIST_URL in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert LIST_URL not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("learners", [10, 200], ids=["10-learners", "200-learners"])
def test_query_counts_do_not_grow_with_learners(
    client, coordinator, course_index, django_user_model, django_assert_max_num_queries, learners
):
    course = make_course(course_index, title="Duży kurs", slug="duzy")
    quiz = make_quiz(course)
    frozen = quiz.freeze_questions()
    users = django_user_model.objects.bulk_create(
        [django_user_model(username=f"u{n}", email=f"u{n}@example.org") for n in range(learners)]
    )
    enrolments = Enrolment.objects.bulk_create([Enrolment(learner=user, course=course) for user in users])
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            learner=enrolment.learner,
            quiz=quiz,
            enrolment=enrolment,
            number=1,
            submitted_at=timezone.now(),
            questions=frozen,
            results=[result(question["id"], Decimal((n + i) % 2)) for i, question in enumerate(frozen)],
            max_score=len(frozen),
            score=0,
            percent=n % 100,
            pass_mark=70,
            passed=n % 100 >= 70,
        )
        for n, enrolment in enumerate(enrolments)
    )
    QuizQuestion.objects.filter(pk=frozen[0]["id"]).delete()  # its prompt comes from an attempt
    client.force_login(coordinator)
    client.get(LIST_URL)  # warm the per-process caches (site, content types)
    with django_assert_max_num_queries(13):
        assert client.get(LIST_URL, {"voivodeship": "lodzkie"}).status_code == 200
    with django_assert_max_num_queries(15):
        response = client.get(quiz_url(quiz), {"attempts": "first"})
        assert response.status_code == 200
    assert response.context["attempt_count"] == learners


def test_random_data_gives_the_statistics_something_to_show(home_page, client, coordinator, capsys):
    """`create_random_data` answers every frozen question, consistently with each attempt's
    score, percent and pass, and its stronger learners answer more correctly."""
    call_command("create_random_data", "S")
    capsys.readouterr()
    quiz = QuizPage.objects.get(slug="sprawdz-wiedze", url_path__contains="/kurs-losowy-1/")
    attempts = list(QuizAttempt.objects.filter(quiz=quiz, submitted_at__isnull=False))
    assert len(attempts) >= DISCRIMINATION_MIN_ATTEMPTS
    for attempt in attempts:
        assert [result["id"] for result in attempt.results] == [
            question["id"] for question in attempt.questions
        ]
        score = sum(Decimal(result["points"]) for result in attempt.results)
        assert score == attempt.score and attempt.max_score == 6
        assert attempt.percent == (100 * score / attempt.max_score).quantize(Decimal("0.01"))
        assert attempt.passed == (attempt.percent >= attempt.pass_mark)
    client.force_login(coordinator)
    _header, *rows = export(client, quiz_url(quiz))
    shares = [float(row[5]) for row in rows]
    indices = [float(row[7]) for row in rows]
    assert len(indices) == 5 and max(shares) - min(shares) > 10  # questions differ in difficulty
    assert sum(indices) / len(indices) > 0.2  # the stronger do better
