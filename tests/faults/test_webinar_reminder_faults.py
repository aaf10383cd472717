"""Webinar reminders go once each even when the worker (and the beat inside it) is killed while
sending: a real worker with beat asking every second, a real SMTP server that holds the sixth
message mid-conversation while the worker is killed, and a replacement that finishes the job."""

import datetime
import signal

import pytest
from django.utils import timezone

from tests.factories import make_live_webinar
from tests.services import wait_for
from webinars.models import Registration, WebinarAnnouncement

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def live_event(index, title, starts_in, registrants):
    webinar = make_live_webinar(
        index, title=title, starts_at=timezone.now() + starts_in, meeting_url="https://meet.example.org/cams"
    )
    WebinarAnnouncement.objects.get_or_create(
        webinar=webinar, defaults={"starts_at": webinar.starts_at, "duration_minutes": 90}
    )
    for n in range(registrants):
        Registration.objects.create(
            webinar=webinar,
            name=f"Osoba {n}",
            email=f"{webinar.slug}-{n}@example.org",
            status=Registration.Status.REGISTERED,
            announced_sequence=0,
        )
    # They registered days ago and were sent their seat's email then.
    days_ago = timezone.now() - datetime.timedelta(days=3)
    Registration.objects.filter(webinar=webinar).update(
        created_at=days_ago, confirmed_at=days_ago, seat_email_sent_at=days_ago
    )
    return webinar


def test_each_reminder_goes_once_though_the_worker_is_killed_while_sending(
    start_worker, smtp_server, webinar_index
):
    tomorrow = live_event(webinar_index, "Jutrzejsze", datetime.timedelta(hours=23), 20)
    soon = live_event(webinar_index, "Za chwilę", datetime.timedelta(minutes=40), 5)
    smtp_server.hold_at = 5
    every_second = {"WEBINAR_REMINDERS_EVERY": "1"}
    first = start_worker(name="killed", env=every_second)
    wait_for(lambda: smtp_server.holding, timeout=90, message=f"the sixth reminder\n{first.output()}")
    sent = Registration.objects.exclude(reminder_day_sent_at=None, reminder_hour_sent_at=None)
    wait_for(lambda: sent.count() == 5, timeout=30, message="the five accepted reminders recorded")
    first.stop(sig=signal.SIGKILL)
    assert len(smtp_server.messages) == 5
    smtp_server.release()
    replacement = start_worker(name="replacement", env=every_second)
    wait_for(
        lambda: len(smtp_server.messages) >= 25, timeout=120, message=f"25 reminders\n{replacement.output()}"
    )
    # Beat keeps asking; nothing more is due.
    asked = replacement.output().count("queue_webinar_reminders[")
    wait_for(
        lambda: replacement.output().count("queue_webinar_reminders[") >= asked + 3,
        timeout=30,
        message="three more looks for reminders",
    )
    by_recipient = {}
    for message in smtp_server.messages:
        by_recipient.setdefault(str(message["To"]), []).append(str(message["Subject"]))
    assert len(by_recipient) == 25 and all(len(subjects) == 1 for subjects in by_recipient.values())
    expected = {f"{tomorrow.slug}-{n}@example.org": "[CAMS e-learning] Jutro: Jutrzejsze" for n in range(20)}
    expected |= {f"{soon.slug}-{n}@example.org": "[CAMS e-learning] Za godzinę: Za chwilę" for n in range(5)}
    assert {to: subjects[0] for to, subjects in by_recipient.items()} == expected
    assert Registration.objects.filter(webinar=tomorrow, reminder_day_sent_at__isnull=False).count() == 20
    assert Registration.objects.filter(webinar=soon, reminder_day_sent_at__isnull=False).count() == 0
