"""Coordinators import a live event's attendance report in the admin and see who was there."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import make_live_webinar
from webinars.models import WARSAW, Attendance, Registration

SAMPLES = Path(__file__).parent.parent / "webinars" / "samples"


@pytest.fixture
def event(webinar_index, django_user_model):
    webinar = make_live_webinar(
        webinar_index, starts_at=datetime.datetime(2026, 12, 10, 10, 0, tzinfo=WARSAW)
    )
    learner = django_user_model.objects.create_user("uczen1", "uczen1@example.org", "haslo-ucznia-123")
    Registration.objects.create(
        webinar=webinar,
        user=learner,
        name="Uczeń 1",
        email=learner.email,
        status=Registration.Status.REGISTERED,
    )
    return webinar


def test_a_coordinator_imports_a_report_and_sees_who_was_there(client, coordinator, event):
    client.force_login(coordinator)
    listing = client.get("/admin/reports/live-events/")
    assert listing.status_code == 200 and "Fundusz sąsiedzki na żywo" in listing.content.decode()
    address = f"/admin/reports/live-events/{event.pk}/attendance/"
    report = SimpleUploadedFile(
        "participants.csv", (SAMPLES / "zoom_participants.csv").read_bytes(), "text/csv"
    )
    response = client.post(address, {"report": report}, follow=True)
    page = response.content.decode()
    assert "Zaimportowano osób: 4; dopasowane: 1; niedopasowane: 3." in page
    assert "niedopasowane" in page and "Gość bez konta" in page
    assert Attendance.objects.filter(webinar=event).count() == 4


def test_a_report_downloaded_on_another_clock_is_read_in_its_zone(client, coordinator, event):
    """The same Zoom report read as Polish time, then as UTC (an hour later in Poland in December:
    the stretches slide past the event's end)."""
    client.force_login(coordinator)
    address = f"/admin/reports/live-events/{event.pk}/attendance/"
    data = (SAMPLES / "zoom_participants.csv").read_bytes()
    client.post(
        address, {"report": SimpleUploadedFile("p.csv", data, "text/csv"), "time_zone": "Europe/Warsaw"}
    )
    polish = dict(Attendance.objects.values_list("name", "minutes"))
    client.post(address, {"report": SimpleUploadedFile("p.csv", data, "text/csv"), "time_zone": "UTC"})
    utc = dict(Attendance.objects.values_list("name", "minutes"))
    assert max(polish.values()) == 90 and polish.keys() == utc.keys()
    assert all(utc[name] <= polish[name] for name in polish) and sum(utc.values()) < sum(polish.values())
    refused = client.post(
        address, {"report": SimpleUploadedFile("p.csv", data, "text/csv"), "time_zone": "Mars/Olympus"}
    )
    assert refused.status_code == 400 and dict(Attendance.objects.values_list("name", "minutes")) == utc


def test_a_file_that_is_not_a_report_is_refused_in_polish(client, coordinator, event):
    client.force_login(coordinator)
    response = client.post(
        f"/admin/reports/live-events/{event.pk}/attendance/",
        {"report": SimpleUploadedFile("lista.csv", b"Imie;Nazwisko\nAnna;Nowak\n", "text/csv")},
    )
    assert response.status_code == 400 and "To nie jest raport obecności z Zooma" in response.content.decode()
    assert not Attendance.objects.exists()


def test_editors_and_learners_cannot_import(client, editor, event, django_user_model):
    client.force_login(editor)
    assert client.get(f"/admin/reports/live-events/{event.pk}/attendance/").status_code in (302, 403)
    learner = django_user_model.objects.get(username="uczen1")
    client.force_login(learner)
    assert client.get("/admin/reports/live-events/").status_code in (302, 403)
