"""A live webinar's whole path, in the browser and in Polish, with a real Celery worker (beat
asking every second), a real SMTP server and Redis: the editor schedules a webinar and makes it
a course's step; a learner registers from the lesson and a guest from the event's page,
confirming by the emailed link; the calendar files are parsed; the reminders go once each at
the right times (the clock moved, not waited for); the learner joins through the personal link;
the coordinator imports the Zoom attendance report; the step completes for the learner who
attended enough and not for one who left early, and the course's certificate follows by email;
the editor publishes the recording and each registrant is sent it once."""

import datetime
import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.db.models import F
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from certificates.models import Certificate
from courses.models import CoursePage, Enrolment, LessonPage, LessonProgress
from courses.services import enrolment_create
from tests.e2e.test_lesson_editor import add_block, log_in_as_editor, publish
from tests.factories import zoom_report
from tests.services import wait_for
from webinars.models import WARSAW, Registration, WebinarAnnouncement, WebinarPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Mikrozakupy lokalne – seminarium na żywo"
MEETING = "https://zoom.example.org/j/987654321"


def time_passes(webinar, *, until_start):
    """Move the clock forward until the event starts in `until_start`: the event's start and
    every moment already recorded about its registrants move back alike (the page published
    again with what registrants were told moved too, so nothing reads as a new time)."""
    page = WebinarPage.objects.get(pk=webinar.pk)
    delta = page.starts_at - (timezone.now() + until_start).replace(microsecond=0)
    WebinarAnnouncement.objects.filter(webinar=page).update(starts_at=F("starts_at") - delta)
    moments = (
        "created_at",
        "confirmed_at",
        "seat_email_sent_at",
        "reminder_day_sent_at",
        "reminder_hour_sent_at",
    )
    Registration.objects.filter(webinar=page).update(**{name: F(name) - delta for name in moments})
    page.starts_at -= delta
    page.date = timezone.localtime(page.starts_at, WARSAW).date()
    page.save_revision().publish()
    return page


def published(page):
    publish(page)
    expect(page.locator(".messages")).to_contain_text("opublikowana")


def type_rich_text(page, editor, field_id, text):
    """Type into a rich text editor once it has taken the focus (a block just added may not have
    started yet), and wait until the form's field holds the text (the editor writes it there a
    moment later)."""
    editor.click()
    expect(editor).to_be_focused()
    editor.press_sequentially(text)
    expect(page.locator(f"#{field_id}")).to_have_value(re.compile(re.escape(text)))


def open_panel(page, heading):
    """Open the admin form's collapsed panel with this heading."""
    heading_id = page.get_by_role("heading", name=heading, exact=True).get_attribute("id")
    page.locator(f'[data-panel-toggle][aria-describedby="{heading_id}"]').click()


def subjects(smtp_server, to):
    return [str(m["Subject"]) for m in list(smtp_server.messages) if str(m["To"]) == to]


def sent(smtp_server, to, subject) -> int:
    """How many emails to `to` had a subject ending with `subject` (after the site's prefix)."""
    return sum(found.endswith(subject) for found in subjects(smtp_server, to))


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def calendar_in(message):
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    (event,) = calendar.events
    return calendar, event


def test_a_live_webinar_from_scheduling_to_the_certificate(
    browser, page, live_server, editor, coordinator, django_user_model, start_worker, smtp_server,
    course_index, webinar_index, tmp_path,
):  # fmt: skip
    base = live_server.url
    learner = django_user_model.objects.create_user(
        "uczestnik", "uczestnik@example.org", "haslo-uczestnika-123", display_name="Anna Uczestniczka"
    )
    early = django_user_model.objects.create_user(
        "wczesny", "wczesny@example.org", "haslo-wczesnego-123", display_name="Piotr Wcześniej"
    )
    for person in (learner, early):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    start_worker(env={"WEBINAR_REMINDERS_EVERY": "1"})

    # 1. The editor schedules the webinar (in 4 days, 60 minutes, 20 seats) and makes it the
    # only step of a course, to be completed by attending half of it.
    starts = timezone.localtime(timezone.now() + datetime.timedelta(days=4), WARSAW).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    log_in_as_editor(page, live_server)
    page.goto(f"{base}/admin/pages/add/webinars/webinarpage/{webinar_index.pk}/")
    page.locator("#id_title").press_sequentially(TITLE)
    summary = page.locator('[data-contentpath="summary"] [contenteditable=true]')
    type_rich_text(page, summary, "id_summary", "Jak gmina kupuje lokalnie.")
    open_panel(page, "Wydarzenie na żywo")  # collapsed until a live event is wanted
    page.fill("#id_starts_at", starts.strftime("%Y-%m-%d %H:%M"))
    page.fill("#id_duration_minutes", "60")
    page.fill("#id_meeting_url", MEETING)
    page.fill("#id_seat_limit", "20")
    published(page)
    webinar = WebinarPage.objects.get(title=TITLE)
    assert webinar.live and webinar.starts_at == starts and webinar.date == starts.date()

    page.goto(f"{base}/admin/pages/add/courses/coursepage/{course_index.pk}/")
    page.locator("#id_title").press_sequentially("Mikrozakupy w gminie")
    page.fill("#id_summary", "Seminarium na żywo o mikrozakupach.")
    published(page)
    course = CoursePage.objects.get()
    page.goto(f"{base}/admin/pages/add/courses/lessonpage/{course.pk}/")
    page.locator("#id_title").press_sequentially("Seminarium: mikrozakupy")
    open_panel(page, "Wydarzenie na żywo")
    page.locator("#id_live_event-chooser [data-chooser-action-choose]").click()
    page.locator(f'.modal.in a.choose-page[data-id="{webinar.pk}"]').click()
    expect(page.locator(".modal.in")).to_have_count(0)
    page.fill("#id_attendance_share", "50")
    add_block(page, "text")
    text_block = page.locator('[data-contentpath="body"] [contenteditable=true]').first
    type_rich_text(page, text_block, "body-0-value", "Program seminarium.")
    published(page)
    lesson = LessonPage.objects.get()
    assert lesson.live_event_id == webinar.pk and lesson.attendance_share == 50

    # 2. The learner enrols and registers from the lesson, in one click.
    learner_page = browser.new_context(locale="pl-PL", viewport={"width": 320, "height": 800}).new_page()
    learner_page.goto(f"{base}/konto/login/?next={course.url}")
    learner_page.fill("#id_login", "uczestnik@example.org")
    learner_page.fill("#id_password", "haslo-uczestnika-123")
    learner_page.get_by_role("button", name="Zaloguj").click()
    learner_page.wait_for_url(base + course.url)
    with learner_page.expect_navigation():
        learner_page.locator("[data-enrolment] button[type=submit]").click()
    assert Enrolment.objects.filter(learner=learner, course=course).exists()
    learner_page.goto(base + lesson.url)
    live = learner_page.locator(".live-step")
    expect(live).to_contain_text("10:00")
    expect(live).to_contain_text("(30 min)")
    with learner_page.expect_navigation(url=base + lesson.url):  # back to the lesson
        live.get_by_role("button", name="Zapisz się na wydarzenie").click()
    expect(live).to_contain_text("Dołącz")
    registration = Registration.objects.get(user=learner)
    assert registration.status == "registered"
    assert MEETING not in learner_page.content()

    # 3. A guest registers on the event's page and confirms with the emailed link.
    guest_page = browser.new_context(locale="pl-PL").new_page()
    guest_page.goto(f"{base}/wydarzenia/{webinar.pk}/zapisy/")
    guest_page.fill("#id_name", "Gość Seminarium")
    guest_page.fill("#id_email", "gosc@example.org")
    guest_page.get_by_role("button", name="Zapisz się").click()
    expect(guest_page.locator("main")).to_contain_text("gosc@example.org")
    wait_for(
        lambda: subjects(smtp_server, "gosc@example.org"), timeout=30, message="the guest's confirmation"
    )
    (confirm,) = [m for m in smtp_server.messages if str(m["To"]) == "gosc@example.org"]
    # The emailed link, on this test's server.
    confirm_path = re.search(r"https?://[^/\s]+(/wydarzenia/potwierdz/[\w-]+/)", body(confirm)).group(1)
    guest_page.goto(base + confirm_path)
    guest_page.locator("main form button[type=submit]").click()
    expect(guest_page.locator("main")).to_contain_text("Masz miejsce")

    # The one who will leave early registered too (and enrolled).
    enrolment_create(learner=early, course=course)
    Registration.objects.create(
        webinar=webinar, user=early, name="Piotr Wcześniej", email=early.email, status="registered",
        confirmed_at=timezone.now(),
    )  # fmt: skip

    # Each seat's email carries a calendar file that a calendar reads: one stable UID per
    # registration, the start in Polish time, never the meeting's address.
    for email in ("uczestnik@example.org", "gosc@example.org"):
        wait_for(
            lambda email=email: sent(smtp_server, email, "Potwierdzenie zapisu: " + TITLE),
            timeout=30,
            message=f"the seat email to {email}",
        )
        (seat,) = [
            m
            for m in smtp_server.messages
            if str(m["To"]) == email and "Potwierdzenie zapisu" in m["Subject"]
        ]
        calendar, event = calendar_in(seat)
        registration = Registration.objects.get(email=email)
        assert str(calendar["method"]) == "REQUEST"
        assert str(event["uid"]).startswith(f"webinar-{webinar.pk}-{registration.pk}@")
        assert event.decoded("dtstart") == starts and str(event["dtstart"].params["TZID"]) == "Europe/Warsaw"
        assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(minutes=60)
        text = body(seat) + calendar.to_ical().decode()
        assert f"/wydarzenia/dolacz/{registration.token}/" in text and MEETING not in text

    # 4. Reminders: a day before, then an hour before; each once, though beat asks every second.
    everyone = ("uczestnik@example.org", "gosc@example.org", "wczesny@example.org")
    day, hour = "Jutro: " + TITLE, "Za godzinę: " + TITLE
    for until_start, due, expected in (
        (datetime.timedelta(hours=23), day, {day: 1, hour: 0}),
        (datetime.timedelta(minutes=50), hour, {day: 1, hour: 1}),
    ):
        webinar = time_passes(webinar, until_start=until_start)
        for email in everyone:
            wait_for(lambda email=email, due=due: sent(smtp_server, email, due), timeout=30, message=due)
        time.sleep(3)  # beat keeps asking: nothing more goes
        for email in everyone:
            assert {subject: sent(smtp_server, email, subject) for subject in expected} == expected

    # 5. Ten minutes before the start the learner joins through the personal link on the lesson.
    webinar = time_passes(webinar, until_start=datetime.timedelta(minutes=10))
    learner_page.goto(base + lesson.url)
    with learner_page.expect_request(lambda request: request.url.startswith(MEETING)):
        learner_page.locator(".live-step").get_by_role("link", name="Dołącz").click()
    joined = Registration.objects.get(user=learner)
    assert joined.join_count == 1 and joined.joined_at is not None

    # 6. After the event the coordinator imports the Zoom report: the learner stayed 40 of 60
    # minutes (two stretches), the other learner 20, the guest the whole hour.
    webinar = time_passes(webinar, until_start=-datetime.timedelta(minutes=90))
    report = tmp_path / "participants.csv"
    report.write_bytes(
        zoom_report(
            webinar.starts_at,
            [
                ("Anna Uczestniczka", "uczestnik@example.org", 0, 25),
                ("Anna (telefon)", "uczestnik@example.org", 40, 15),
                ("Piotr Wcześniej", "wczesny@example.org", 0, 20),
                ("Gość Seminarium", "gosc@example.org", -3, 63),
            ],
        )
    )
    coordinator_page = browser.new_context(locale="pl-PL").new_page()
    coordinator_page.goto(f"{base}/admin/login/")
    coordinator_page.fill("#id_username", "koordynator")
    coordinator_page.fill("#id_password", "haslo-koordynatora")
    coordinator_page.get_by_role("button", name="Zaloguj").click()
    coordinator_page.wait_for_url(base + "/admin/")
    coordinator_page.goto(f"{base}/admin/reports/live-events/{webinar.pk}/attendance/")
    upload = coordinator_page.locator("form", has=coordinator_page.locator("input[type=file]"))
    upload.locator("input[type=file]").set_input_files(str(report))
    upload.locator("button[type=submit]").click()
    expect(coordinator_page.locator(".messages")).to_contain_text(
        "Zaimportowano osób: 3; dopasowane: 3; niedopasowane: 0."
    )

    progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert progress.completed_at is not None and progress.attended_minutes == 40
    left = LessonProgress.objects.get(learner=early, lesson=lesson)
    assert left.completed_at is None and left.attended_minutes == 20
    assert Enrolment.objects.get(learner=learner).completed_at is not None
    assert Enrolment.objects.get(learner=early).completed_at is None

    # 7. The certificate follows: made by the worker and emailed; the learner sees it.
    wait_for(
        lambda: any("certyfikat" in s.lower() for s in subjects(smtp_server, "uczestnik@example.org")),
        timeout=90,
        message="the certificate email",
    )
    certificate = Certificate.objects.get(learner=learner)
    assert certificate.course_id == course.pk and not Certificate.objects.filter(learner=early).exists()
    learner_page.goto(base + lesson.url)
    expect(learner_page.locator(".lesson-status")).to_contain_text("Lekcja ukończona")
    expect(learner_page.locator(".live-step")).to_contain_text("40 minut")
    learner_page.goto(f"{base}/moja-nauka/")
    expect(learner_page.locator("main")).to_contain_text("Pobierz plik PDF")

    # 8. The editor publishes the recording on the event's page: each registrant is sent it once.
    page.goto(f"{base}/admin/pages/{webinar.pk}/edit/")
    page.get_by_role("button", name="Dodaj część nagrania").click()
    page.fill("#id_recordings-0-title", "Nagranie seminarium")
    page.fill("#id_recordings-0-video_url", "https://www.youtube.com/watch?v=gKEAfWSmGTY")
    page.fill("#id_recordings-0-duration", "1:00:00")
    published(page)
    for email in everyone:
        wait_for(
            lambda email=email: sent(smtp_server, email, "Nagranie: " + TITLE),
            timeout=30,
            message="recordings",
        )
    page.goto(f"{base}/admin/pages/{webinar.pk}/edit/")
    published(page)  # published again: nothing more
    time.sleep(3)
    assert [sent(smtp_server, email, "Nagranie: " + TITLE) for email in everyone] == [1, 1, 1]
