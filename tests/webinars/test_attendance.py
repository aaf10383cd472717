"""Attendance reports from Zoom and Teams (sample files in tests/webinars/samples/, shaped like
the tools' exports): read, intervals merged and clipped to the event, matched by email to
registrations and accounts, the rest listed for a coordinator; bad files refused with the
reason in Polish."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_live_webinar
from webinars.attendance import attendance_import, merge_intervals, parse_report
from webinars.models import WARSAW, Attendance

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def event(webinar_index):
    webinar = make_live_webinar(
        webinar_index, starts_at=datetime.datetime(2026, 12, 10, 10, 0, tzinfo=WARSAW)
    )
    return webinar


@pytest.fixture
def people(event, django_user_model):
    first = django_user_model.objects.create_user("uczen1", "uczen1@example.org", "haslo-ucznia-123")
    second = django_user_model.objects.create_user("uczen2", "uczen2@example.org", "haslo-ucznia-123")
    # Registered before the event (registration has closed since).
    from webinars.models import Registration

    registration = Registration.objects.create(
        webinar=event, user=first, name="Uczeń 1", email=first.email, status=Registration.Status.REGISTERED
    )
    return first, second, registration


def test_a_zoom_report_is_merged_clipped_and_matched(event, people):
    first, second, registration = people
    result = attendance_import(webinar=event, data=(SAMPLES / "zoom_participants.csv").read_bytes())
    assert (result.people, result.matched) == (4, 2)
    assert sorted(a.name for a in result.unmatched) == ["Centrum OPUS", "Gość bez konta"]
    by_email = {a.email: a for a in Attendance.objects.all()}
    one = by_email["uczen1@example.org"]
    # 09:58–10:40 on a laptop and 10:35–11:31 on a phone: one stretch, counted within 10:00–11:30.
    assert one.registration == registration and one.user == first and one.minutes == 90
    assert len(one.intervals) == 1 and one.source == "zoom"
    two = by_email["uczen2@example.org"]
    assert two.user == second and two.registration is None and two.minutes == 19
    guest = Attendance.objects.get(email="")
    assert guest.name == "Gość bez konta" and guest.minutes == 55
    # Importing again replaces, never adds.
    attendance_import(webinar=event, data=(SAMPLES / "zoom_participants.csv").read_bytes())
    assert Attendance.objects.count() == 4


def test_a_teams_report_in_utf16_with_sections(event, people):
    result = attendance_import(webinar=event, data=(SAMPLES / "teams_attendance.csv").read_bytes())
    assert (result.people, result.matched) == (2, 2)
    minutes = dict(Attendance.objects.values_list("email", "minutes"))
    assert minutes == {"uczen1@example.org": 85, "uczen2@example.org": 15}  # a 5-minute gap not counted
    assert set(Attendance.objects.values_list("source", flat=True)) == {"teams"}


def test_without_the_per_join_section_teams_gives_first_join_and_last_leave():
    text = (SAMPLES / "teams_attendance.csv").read_bytes().decode("utf-16").split("\r\n\r\n3.")[0]
    report = parse_report(text.encode("utf-16"))
    assert [(row.email, row.end - row.start) for row in report.rows] == [
        ("uczen1@example.org", datetime.timedelta(minutes=90)),
        ("uczen2@example.org", datetime.timedelta(minutes=15)),
    ]


def test_a_clickmeeting_list_with_iso_times_and_their_own_offsets(event, people):
    """Shaped by ClickMeeting's attendee fields (nickname, email, start_date, end_date): no real
    export was at hand. A time with an offset keeps it (`Z` is UTC: 10:10Z is 11:10 in Warsaw)."""
    first, _second, registration = people
    result = attendance_import(webinar=event, data=(SAMPLES / "clickmeeting_attendees.csv").read_bytes())
    assert (result.people, result.matched) == (3, 1)
    one = Attendance.objects.get(email="uczen1@example.org")
    # 10:05–11:00 and 11:10–11:40, counted until 11:30.
    assert one.user == first and one.registration == registration and one.minutes == 75
    assert Attendance.objects.get(name="Anna Gość").minutes == 30  # no email, no offset: Polish time
    assert Attendance.objects.get(email="szkolenia@opus.org.pl").minutes == 90
    assert set(Attendance.objects.values_list("source", flat=True)) == {"other"}


def test_a_list_saved_by_a_polish_spreadsheet(event, people):
    """Semicolons, Windows-1250, Polish headers and dates: a list a coordinator typed up."""
    _first, second, _registration = people
    result = attendance_import(webinar=event, data=(SAMPLES / "lista_obecnosci.csv").read_bytes())
    assert (result.people, result.matched) == (2, 1)
    minutes = dict(Attendance.objects.values_list("name", "minutes"))
    assert minutes == {"Uczeń 2": 45, "Józef Żółć": 74}
    assert Attendance.objects.get(name="Uczeń 2").user == second


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Imie;Nazwisko\nAnna;Nowak\n", "To nie jest raport obecności z Zooma"),
        (
            "Name (Original Name),User Email,Join Time,Leave Time\nA,a@example.org,wczoraj,dziś\n".encode(),
            "Raport zawiera czas, którego platforma nie umie odczytać: „wczoraj”.",
        ),
        (b"x" * (5 * 1024 * 1024 + 1), "Raport jest większy niż 5 MB."),
    ],
    ids=["not-a-report", "unreadable-time", "too-large"],
)
def test_a_bad_file_is_refused_with_the_reason(data, message):
    with pytest.raises(ValidationError) as error:
        parse_report(data)
    assert message in error.value.messages[0]


def test_merging_intervals():
    t = [datetime.datetime(2026, 12, 10, 10, m, tzinfo=WARSAW) for m in range(0, 60, 10)]
    assert merge_intervals([(t[2], t[4]), (t[0], t[1]), (t[1], t[2]), (t[5], t[5])]) == [
        [t[0], t[4]],
        [t[5], t[5]],
    ]


def test_the_learners_data_export_has_their_registrations_and_attendance(event, people):
    from accounts.services import learner_data_export

    first, _second, _registration = people
    attendance_import(webinar=event, data=(SAMPLES / "zoom_participants.csv").read_bytes())
    exported = learner_data_export(first)["webinars"]
    assert [r["webinar"] for r in exported["registrations"]] == ["Fundusz sąsiedzki na żywo"]
    assert exported["attendance"][0]["minutes"] == 90


def test_deleting_the_account_anonymises_their_registrations_and_attendance(event, people):
    from accounts.services import learner_account_delete

    first, _second, registration = people
    attendance_import(webinar=event, data=(SAMPLES / "zoom_participants.csv").read_bytes())
    learner_account_delete(user=first)
    registration.refresh_from_db()
    assert registration.name == "" and registration.email.endswith("@invalid.invalid")
    mine = Attendance.objects.get(user=first)
    assert (mine.name, mine.email, mine.minutes) == ("", "", 90)  # still counted, no longer named
    assert Attendance.objects.filter(email="uczen2@example.org").exists()


def test_guests_are_forgotten_some_months_after_the_event_and_still_counted(
    webinar_index, django_user_model, settings
):
    from django.utils import timezone

    from webinars.live_events import past_guests_forget
    from webinars.models import Registration

    settings.WEBINAR_GUESTS_KEPT_DAYS = 180
    now = timezone.now()
    old = make_live_webinar(webinar_index, title="Dawne", starts_at=now - datetime.timedelta(days=200))
    recent = make_live_webinar(webinar_index, title="Niedawne", starts_at=now - datetime.timedelta(days=30))
    learner = django_user_model.objects.create_user("uczen1", "uczen1@example.org", "haslo-ucznia-123")
    for webinar in (old, recent):
        guest = Registration.objects.create(
            webinar=webinar,
            name="Gość Gościński",
            email=f"gosc-{webinar.pk}@example.org",
            status="registered",
        )
        Registration.objects.create(
            webinar=webinar, user=learner, name="Uczeń", email=learner.email, status="registered"
        )
        Attendance.objects.create(
            webinar=webinar, registration=guest, name="Gość G.", email=guest.email, source="zoom", minutes=40
        )
        Attendance.objects.create(
            webinar=webinar, user=learner, name="Uczeń", email=learner.email, source="zoom", minutes=50
        )
    assert past_guests_forget() == (1, 1)
    assert past_guests_forget() == (0, 0)  # once
    forgotten = Registration.objects.get(webinar=old, user__isnull=True)
    assert forgotten.name == "" and forgotten.email.endswith("@invalid.invalid")
    assert Attendance.objects.get(webinar=old, user__isnull=True).email == ""
    # The learner's records and the recent event's guest stay; the old event still counts two.
    assert Registration.objects.get(webinar=old, user=learner).email == learner.email
    assert Registration.objects.get(webinar=recent, user__isnull=True).name == "Gość Gościński"
    assert Attendance.objects.filter(webinar=old, minutes__gt=0).count() == 2
