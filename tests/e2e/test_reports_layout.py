"""A coordinator's reports in a 1280x900 window: no report widens the page, every column heading
stays readable on one or two lines (short headings, the full wording in a tooltip and the
export), the table scrolls inside its box with the first column in view, and the exports are
buttons in the header."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from tests.factories import make_course, make_lesson, make_quiz
from tests.reporting.test_reports import attempt, enrol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def reports(home_page, course_index, django_user_model):
    course = make_course(course_index, title="Fundusz sąsiedzki – jak wspierać mieszkańców w działaniu")
    make_lesson(course, title="Czym jest fundusz sąsiedzki")
    quizzes = [
        make_quiz(course, title="Sprawdź się: zasady funduszu sąsiedzkiego i budżetu obywatelskiego"),
        make_quiz(course, title="Sprawdź się: mikrogranty i mikrozakupy w praktyce gminy"),
    ]
    make_course(course_index, title="Mikrogranty jako narzędzie budowania aktywności społecznej", slug="m")
    learners = []
    for n in range(3):
        learner = django_user_model.objects.create_user(
            f"u{n}",
            f"uczestniczka{n}@stowarzyszenie-przykladowe.example.org",
            "haslo-uczestniczki-1",
            display_name=f"Małgorzata Konstantynowicz-Przybyszewska {n}",
            organisation_name="Stowarzyszenie Inicjatyw Lokalnych Ziemi Łęczyckiej",
            municipality="Konstantynów Łódzki",
        )
        enrolment = enrol(learner, course)
        for quiz in quizzes:
            attempt(enrolment, quiz, 1, 80)
        learners.append(learner)
    coordinator = django_user_model.objects.create_user("koordynator", "k@example.org", "haslo-koordynatora")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    return course, learners, coordinator


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_reports_fit_a_1280_window(page, live_server, reports):
    course, learners, coordinator = reports
    log_in(page, live_server, coordinator)
    page.set_viewport_size({"width": 1280, "height": 900})
    for url in (
        "/admin/reports/courses/",
        f"/admin/reports/courses/{course.pk}/",
        "/admin/reports/learners/",
        f"/admin/reports/learners/{learners[0].pk}/",
    ):
        page.goto(live_server.url + url)
        table = page.locator(".report-table table").first
        expect(table).to_be_visible()
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url}: the page scrolls sideways by {overflow} px"
        headings = page.locator(".report-table thead th")
        for i in range(headings.count()):
            box = headings.nth(i).bounding_box()
            text = headings.nth(i).inner_text().strip()
            assert box["height"] < 70, f"{url}: the heading {text!r} wraps ({box['height']} px high)"
            assert box["width"] >= 40 or not text, f"{url}: the heading {text!r} is {box['width']} px wide"
        first = page.locator(
            ".report-table tbody tr td:first-child, .report-table tbody tr th:first-child"
        ).first
        assert first.bounding_box()["width"] >= 200, f"{url}: the first column is squeezed"
        expect(page.get_by_role("link", name="Pobierz CSV")).to_be_visible()
        expect(page.get_by_role("link", name="Pobierz XLSX")).to_be_visible()
    # The full wording of a short heading is its tooltip.
    page.goto(f"{live_server.url}/admin/reports/courses/{course.pk}/")
    full = "Najlepszy wynik: Sprawdź się: mikrogranty i mikrozakupy w praktyce gminy"
    expect(page.locator(f".report-table thead [title='{full}']")).to_have_count(1)
