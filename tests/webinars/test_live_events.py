"""Live webinars: registration (a learner in one click, a guest by email), seats and the waiting
list, the calendar file, reminders once each, updates and cancellations, the personal join link.
Emails go through the real Celery task, run eagerly in this process."""

import datetime
import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

from tests.factories import make_live_webinar
from webinars import live_events
from webinars.models import Registration, WebinarPage

START = datetime.timedelta(days=3)


@pytest.fixture
def eager_tasks():
    from elearning.celery import app

    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = False, False


@pytest.fixture
def live_webinar(webinar_index):
    webinar = WebinarPage(
        title="Fundusz sąsiedzki na żywo",
        summary="<p>Jak wspierać mieszkańców.</p>",
        starts_at=timezone.now().replace(microsecond=0) + START,
        duration_minutes=90,
        meeting_url="https://zoom.example.org/j/123456789?pwd=tajne",
    )
    webinar.full_clean(exclude=["path", "depth", "slug"])
    webinar_index.add_child(instance=webinar)
    webinar.save_revision().publish()
    return webinar


def learner(django_user_model, n=1):
    return django_user_model.objects.create_user(
        f"uczen{n}", f"uczen{n}@example.org", "haslo-ucznia-123", display_name=f"Uczeń {n}"
    )


def calendar_of(message):
    """The calendar file as a mail client finds it: the text/calendar part of the sent message,
    its METHOD parameter agreeing with the file's."""
    (part,) = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "wydarzenie.ics" and part.get_content_charset() == "utf-8"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert part.get_param("method") == str(calendar["method"])
    (event,) = calendar.events
    return calendar, event


def link(message, kind):
    return re.search(rf"https?://\S+/wydarzenia/{kind}/[\w-]+/", message.body).group(0)


def test_a_learner_registers_in_one_click_and_gets_the_calendar_file(
    client, live_webinar, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    user = learner(django_user_model)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/wydarzenia/{live_webinar.pk}/zapisy/")
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "registered" and registration.user == user
    (message,) = mail.outbox
    assert message.to == ["uczen1@example.org"] and "Fundusz sąsiedzki na żywo" in message.subject
    calendar, event = calendar_of(message)
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == f"webinar-{live_webinar.pk}-{registration.pk}@testserver"
    assert int(event["sequence"]) == 0
    start = event.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Warsaw" and start == live_webinar.starts_at
    assert event.decoded("dtend") - start == datetime.timedelta(minutes=90)
    assert calendar.timezones and str(calendar.timezones[0]["tzid"]) == "Europe/Warsaw"
    # The personal links, not the meeting's address.
    assert link(message, "dolacz") in str(event["location"])
    assert "zoom.example.org" not in message.body and b"zoom.example.org" not in calendar.to_ical()
    page = client.get(f"/wydarzenia/{live_webinar.pk}/zapisy/").content.decode()
    assert "Masz miejsce. Wysłaliśmy Ci e-mailem plik kalendarza" in page
    # Registering again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/wydarzenia/{live_webinar.pk}/zapisy/")
    assert Registration.objects.count() == 1 and len(mail.outbox) == 1


def test_the_meeting_link_never_reaches_the_public_page(client, live_webinar):
    page = client.get(live_webinar.url).content.decode()
    assert "zoom.example.org" not in page
    assert f"/wydarzenia/{live_webinar.pk}/zapisy/" in page


def test_a_guest_registers_by_name_and_email_and_confirms_with_a_click(
    client, live_webinar, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/wydarzenia/{live_webinar.pk}/zapisy/", {"name": "Anna Gość", "email": "Anna@Example.org "}
        )
    assert response.status_code == 200 and "anna@example.org" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == "pending" and registration.user is None
    (confirm,) = mail.outbox
    address = link(confirm, "potwierdz")
    assert not confirm.attachments
    # Opening the link (as a mail scanner would) changes nothing; the button confirms.
    path = address.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    assert Registration.objects.get().status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(path).content.decode()
    assert Registration.objects.get().status == "registered"
    assert "Masz miejsce." in page
    assert len(mail.outbox) == 2 and calendar_of(mail.outbox[1])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "a@example.org"}, "Podaj imię i nazwisko."),
        ({"name": "Anna", "email": "nie-email"}, "Podaj poprawny adres e-mail."),
    ],
    ids=["no-name", "bad-email"],
)
def test_bad_guest_input_is_refused_in_polish(client, live_webinar, data, message):
    response = client.post(f"/wydarzenia/{live_webinar.pk}/zapisy/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    # Each invalid input names the message shown for it.
    page = response.content.decode()
    described = re.findall(r'aria-invalid="true" aria-describedby="([\w-]+)"', page)
    assert described and all(f'id="{target}"' in page for target in described)


def test_registration_closes_at_the_deadline(client, live_webinar, django_user_model):
    live_webinar.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
    live_webinar.save_revision().publish()
    client.force_login(learner(django_user_model))
    response = client.post(f"/wydarzenia/{live_webinar.pk}/zapisy/")
    assert response.status_code == 409
    assert "Zapisy na to wydarzenie są zamknięte." in response.content.decode()
    assert not Registration.objects.exists()


def test_seats_then_the_waiting_list_which_moves_up_when_someone_cancels(
    live_webinar, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    live_webinar.seat_limit = 2
    live_webinar.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third = (
            live_events.registration_create(webinar=live_webinar, user=learner(django_user_model, n))
            for n in range(1, 4)
        )
    assert [r.status for r in (first, second, third)] == ["registered", "registered", "waiting"]
    assert "jesteś na liście rezerwowej" in mail.outbox[2].body
    assert not mail.outbox[2].attachments
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        live_events.registration_cancel(registration=second)
    third.refresh_from_db()
    assert third.status == "registered"
    kinds = {message.to[0]: message for message in mail.outbox}
    assert set(kinds) == {"uczen2@example.org", "uczen3@example.org"}
    assert str(calendar_of(kinds["uczen2@example.org"])[0]["method"]) == "CANCEL"
    assert str(calendar_of(kinds["uczen3@example.org"])[0]["method"]) == "REQUEST"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_seat_limit_holds_when_many_register_at_once(webinar_index, django_user_model):
    webinar = make_live_webinar(
        webinar_index, title="Seminarium", starts_at=timezone.now() + START, seat_limit=5
    )
    users = [learner(django_user_model, n) for n in range(20)]
    barrier = threading.Barrier(len(users))
    errors = []

    def register(user):
        try:
            barrier.wait()
            live_events.registration_create(webinar=webinar, user=user)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count("registered") == 5 and statuses.count("waiting") == 15


def test_reminders_go_once_a_day_and_an_hour_before(
    live_webinar, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = live_events.registration_create(webinar=live_webinar, user=learner(django_user_model))
    mail.outbox.clear()
    start = live_webinar.starts_at

    def at(moment):
        with django_capture_on_commit_callbacks(execute=True):
            return live_events.reminders_queue(now=moment)

    assert at(start - datetime.timedelta(hours=25)) == 0
    # Beat asks every minute; the task sends only what was not sent.
    with django_capture_on_commit_callbacks(execute=False) as queued:
        live_events.reminders_queue(now=start - datetime.timedelta(hours=23))
    assert len(queued) == 1
    for moment in (start - datetime.timedelta(hours=23), start - datetime.timedelta(hours=22)):
        for _ in range(2):
            live_events.registration_email_send(
                registration_id=registration.pk, kind="reminder_day", now=moment
            )
    assert at(start - datetime.timedelta(hours=22)) == 0
    assert [m.subject for m in mail.outbox] == ["[CAMS e-learning] Jutro: Fundusz sąsiedzki na żywo"]
    at(start - datetime.timedelta(minutes=59))
    at(start - datetime.timedelta(minutes=58))
    assert [m.subject for m in mail.outbox][1:] == ["[CAMS e-learning] Za godzinę: Fundusz sąsiedzki na żywo"]
    assert link(mail.outbox[1], "dolacz")
    assert at(start + datetime.timedelta(minutes=1)) == 0


def test_a_learner_registered_on_the_day_gets_no_day_reminder(
    live_webinar, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    live_webinar.starts_at = timezone.now() + datetime.timedelta(hours=5)
    live_webinar.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        live_events.registration_create(webinar=live_webinar, user=learner(django_user_model))
        assert live_events.reminders_queue(now=live_webinar.starts_at - datetime.timedelta(hours=4)) == 0
        assert live_events.reminders_queue(now=live_webinar.starts_at - datetime.timedelta(minutes=30)) == 1


def test_a_new_time_or_a_cancellation_updates_the_registrants_calendars(
    live_webinar, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = live_events.registration_create(webinar=live_webinar, user=learner(django_user_model))
    registration.reminder_day_sent_at = timezone.now()
    registration.save()
    mail.outbox.clear()
    webinar = WebinarPage.objects.get(pk=live_webinar.pk)
    webinar.starts_at += datetime.timedelta(days=1, hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        webinar.save_revision().publish()
        webinar.save_revision().publish()  # published again unchanged: no second email
    (update,) = mail.outbox
    assert update.subject == "[CAMS e-learning] Nowy termin: Fundusz sąsiedzki na żywo"
    calendar, event = calendar_of(update)
    assert int(event["sequence"]) == 1
    assert str(event["uid"]) == f"webinar-{webinar.pk}-{registration.pk}@testserver"
    assert event.decoded("dtstart") == webinar.starts_at
    registration.refresh_from_db()
    assert registration.reminder_day_sent_at is None  # the reminders follow the new time

    webinar.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        webinar.save_revision().publish()
    cancel = mail.outbox[1]
    calendar, event = calendar_of(cancel)
    assert str(calendar["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert live_events.reminders_queue(now=webinar.starts_at - datetime.timedelta(minutes=30)) == 0


def test_the_personal_join_link_opens_shortly_before_the_start(
    client, live_webinar, django_user_model, django_capture_on_commit_callbacks
):
    registration = live_events.registration_create(webinar=live_webinar, user=learner(django_user_model))
    address = f"/wydarzenia/dolacz/{registration.token}/"
    early = client.get(address)
    assert early.status_code == 409 and "15 minut przed" in early.content.decode()

    start = live_webinar.starts_at
    opened = live_events.registration_join(
        token=registration.token, now=start - datetime.timedelta(minutes=10)
    )
    assert opened == live_webinar.meeting_url
    live_webinar.starts_at = timezone.now() + datetime.timedelta(minutes=5)
    live_webinar.save_revision().publish()
    response = client.get(address)
    assert response.status_code == 302 and response["Location"] == live_webinar.meeting_url
    registration.refresh_from_db()
    assert registration.joined_at and registration.join_count == 2

    live_events.registration_cancel(registration=registration)
    assert client.get(address).status_code == 403
    assert client.get("/wydarzenia/dolacz/nie-ma-takiego/").status_code == 404


def test_upcoming_events_come_first_in_the_listing(client, webinar_index, live_webinar):
    from tests.factories import make_webinar

    make_webinar(webinar_index, title="Nagranie z 2021", date=datetime.date(2021, 4, 30))
    make_live_webinar(webinar_index, title="Późniejsze", starts_at=live_webinar.starts_at + START)
    page = client.get(webinar_index.url).content.decode()
    titles = re.findall(r'class="card__title"[^>]*><a href="[^"]+">([^<]+)</a>', page)
    assert titles == ["Fundusz sąsiedzki na żywo", "Późniejsze", "Nagranie z 2021"]


def test_my_learning_lists_the_learners_events_and_cancels_from_there(
    client, webinar_index, django_user_model, django_assert_max_num_queries
):
    user = learner(django_user_model)
    client.force_login(user)

    def events(count):
        for n in range(count):
            starts_at = timezone.now() + START + datetime.timedelta(hours=n)
            webinar = make_live_webinar(webinar_index, title=f"Wydarzenie {n}", starts_at=starts_at)
            live_events.registration_create(webinar=webinar, user=user)

    def queries():
        from django.db import connection as db
        from django.test.utils import CaptureQueriesContext

        client.get("/moja-nauka/")
        with CaptureQueriesContext(db) as captured:
            page = client.get("/moja-nauka/").content.decode()
        return len(captured), page

    events(1)
    one, page = queries()
    assert "Wydarzenia na żywo" in page and "Wydarzenie 0" in page and "Zapisano" in page
    events(4)
    five, page = queries()
    assert one == five and page.count('action="/wydarzenia/rezygnacja/') == 5
    registration = Registration.objects.filter(user=user).first()
    response = client.post(f"/wydarzenia/rezygnacja/{registration.token}/")
    assert response.status_code == 200 and "Twój zapis został anulowany." in response.content.decode()
    assert client.get("/moja-nauka/").content.decode().count('action="/wydarzenia/rezygnacja/') == 4


def test_the_waiting_list_gets_no_calendar_until_a_seat_and_then_its_seat_email(
    live_webinar, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    """A new time told to the waiting list is text only; a seat given later still brings the
    calendar file and the join link. A higher seat limit gives seats to those waiting, and a
    newcomer does not jump the queue."""
    live_webinar.seat_limit = 1
    live_webinar.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        first, waiting = (
            live_events.registration_create(webinar=live_webinar, user=learner(django_user_model, n))
            for n in (1, 2)
        )
    assert waiting.status == "waiting"
    mail.outbox.clear()
    webinar = WebinarPage.objects.get(pk=live_webinar.pk)
    webinar.starts_at += datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        webinar.save_revision().publish()
    told = {message.to[0]: message for message in mail.outbox}
    assert not told["uczen2@example.org"].attachments and "dolacz" not in told["uczen2@example.org"].body
    assert calendar_of(told["uczen1@example.org"])
    mail.outbox.clear()
    webinar.seat_limit = 2
    with django_capture_on_commit_callbacks(execute=True):
        webinar.save_revision().publish()
        newcomer = live_events.registration_create(webinar=webinar, user=learner(django_user_model, 3))
    waiting.refresh_from_db()
    assert waiting.status == "registered" and newcomer.status == "waiting"
    seat = next(message for message in mail.outbox if message.to == ["uczen2@example.org"])
    assert seat.subject.endswith("Masz miejsce: Fundusz sąsiedzki na żywo") and calendar_of(seat)
    assert link(seat, "dolacz")


def test_a_seat_email_lost_with_the_broker_is_sent_by_the_next_sweep(
    live_webinar, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down: nothing queued
        registration = live_events.registration_create(webinar=live_webinar, user=learner(django_user_model))
    assert not mail.outbox
    later = timezone.now() + datetime.timedelta(minutes=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert live_events.unsent_emails_queue(now=later) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert live_events.unsent_emails_queue(now=later) == 0
    (message,) = mail.outbox
    assert message.to == [registration.email] and calendar_of(message)


def test_a_guest_name_with_an_address_is_refused(client, live_webinar):
    response = client.post(
        f"/wydarzenia/{live_webinar.pk}/zapisy/",
        {"name": "Wygraj https://spam.example", "email": "a@example.org"},
    )
    assert (
        response.status_code == 400
        and "Podaj samo imię i nazwisko, bez adresów." in response.content.decode()
    )
    assert not Registration.objects.exists()
