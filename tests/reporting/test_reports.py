"""The courses overview report: figures against values computed by hand on a small fixture,
filters, CSV and XLSX exports, who may see it, and a query count that does not grow."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment, ManualCompletion, QuizAttempt
from tests.factories import make_course, make_lesson, make_quiz, make_topic

URL = "/admin/reports/courses/"
DAY = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)


def enrol(learner, course, *, days_to_complete=None):
    enrolment = Enrolment.objects.create(learner=learner, course=course)
    completed = DAY + datetime.timedelta(days=days_to_complete) if days_to_complete is not None else None
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=DAY, completed_at=completed)
    enrolment.refresh_from_db()
    return enrolment


def attempt(enrolment, quiz, number, percent):
    return QuizAttempt.objects.create(
        learner=enrolment.learner,
        quiz=quiz,
        enrolment=enrolment,
        number=number,
        submitted_at=timezone.now(),
        max_score=100,
        score=percent,
        percent=percent,
        pass_mark=70,
        passed=percent >= 70,
    )


@pytest.fixture
def fixture(course_index, django_user_model):
    """Course A (3 learners: one completed in 10 days with best score 80, one failed with 50,
    one not started) and course B (1 learner), in different topic areas."""
    a = make_course(
        course_index, title="A: mikrogranty", slug="a", topic=make_topic("Aktywność", "aktywnosc")
    )
    make_lesson(a, title="Lekcja A")
    quiz = make_quiz(a)
    b = make_course(course_index, title="B: badania", slug="b", topic=make_topic("Badania", "badania"))
    make_lesson(b, title="Lekcja B")

    def learner(name, voivodeship, kind, town):
        return django_user_model.objects.create_user(
            name, f"{name}@example.org", "haslo-uczestnika-1", voivodeship=voivodeship,
            organisation_type=kind, municipality=town,
        )  # fmt: skip

    l1 = learner("l1", "mazowieckie", "ngo", "Warszawa")
    l2 = learner("l2", "lodzkie", "local_government", "Łódź")
    l3 = learner("l3", "lodzkie", "ngo", "Łódź")
    e1 = enrol(l1, a, days_to_complete=10)
    attempt(e1, quiz, 1, 40)
    attempt(e1, quiz, 2, 80)
    Certificate.objects.create(
        learner=l1, course=a, enrolment=e1, state="issued", completed_on=DAY.date(), rendered_at=DAY
    )
    e2 = enrol(l2, a)
    attempt(e2, quiz, 1, 50)
    enrol(l3, a)
    enrol(l1, b)
    return a, b


def rows(client, **params):
    response = client.get(URL, {**params, "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row["Kurs"]: row for row in csv.DictReader(io.StringIO(text))}


def test_figures_match_the_hand_computed_ones(client, coordinator, fixture):
    # In B, l1 was marked complete by hand: counted, but not in the median days.
    by_hand = Enrolment.objects.get(course=fixture[1])
    Enrolment.objects.filter(pk=by_hand.pk).update(completed_at=DAY + datetime.timedelta(days=3))
    ManualCompletion.objects.create(enrolment=by_hand, completed_by_name="K", reason="Seminarium")
    client.force_login(coordinator)
    page = client.get(URL)
    assert page.status_code == 200 and "Przegląd kursów" in page.content.decode()
    data = rows(client)
    assert data["A: mikrogranty"] == {
        "Kurs": "A: mikrogranty",
        "Zapisani": "3",
        "W trakcie": "2",
        "Ukończyli": "1",
        "W tym oznaczeni ręcznie": "0",
        "Odsetek ukończeń (%)": "33.3",
        "Mediana dni do ukończenia (bez ukończeń ręcznych)": "10.0",
        "Średni najlepszy wynik quizu (%, na osobę i quiz)": "65.0",  # (80 + 50) / 2
        "Wydane certyfikaty": "1",
    }
    b = data["B: badania"]
    assert (b["Zapisani"], b["Ukończyli"], b["W tym oznaczeni ręcznie"]) == ("1", "1", "1")
    assert data["B: badania"]["Mediana dni do ukończenia (bez ukończeń ręcznych)"] == ""


def test_filters(client, coordinator, fixture):
    client.force_login(coordinator)
    lodz = rows(client, voivodeship="lodzkie")["A: mikrogranty"]
    assert (
        lodz["Zapisani"],
        lodz["Ukończyli"],
        lodz["Średni najlepszy wynik quizu (%, na osobę i quiz)"],
    ) == (
        "2",
        "0",
        "50.0",
    )
    assert lodz["Wydane certyfikaty"] == "0"
    ngo = rows(client, organisation_type="ngo")["A: mikrogranty"]
    assert (ngo["Zapisani"], ngo["Ukończyli"]) == ("2", "1")
    assert rows(client, municipality=" Łódź ")["A: mikrogranty"]["Zapisani"] == "2"
    later = rows(client, enrolled_from="2026-01-02")["A: mikrogranty"]
    assert later["Zapisani"] == "0"
    _a, b = fixture
    only_b = rows(client, topic_area=b.topic_area_id)
    assert list(only_b) == ["B: badania"]


def test_xlsx_export(client, coordinator, fixture):
    client.force_login(coordinator)
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = list(workbook.active.values)
    assert values[0][0] == "Kurs" and values[1][:4] == ("A: mikrogranty", 3, 2, 1)


def test_only_coordinators_see_it(client, editor, django_user_model, fixture):
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code in (302, 403) and "A: mikrogranty" not in response.content.decode()
    learner = django_user_model.objects.get(username="l1")
    client.force_login(learner)
    assert client.get(URL).status_code == 302  # to the admin login


@pytest.mark.parametrize("learners", [10, 200], ids=["10-learners", "200-learners"])
def test_query_count_does_not_grow_with_learners(
    client, coordinator, course_index, django_user_model, learners
):
    course = make_course(course_index, title="Duży kurs", slug="duzy")
    quiz = make_quiz(course)
    users = django_user_model.objects.bulk_create(
        [django_user_model(username=f"u{n}", email=f"u{n}@example.org") for n in range(learners)]
    )
    for n, user in enumerate(users):
        enrolment = enrol(user, course, days_to_complete=n % 7 if n % 2 else None)
        attempt(enrolment, quiz, 1, 50 + n % 50)
    client.force_login(coordinator)
    client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    assert len(captured) <= 15, [q["sql"][:120] for q in captured.captured_queries]
