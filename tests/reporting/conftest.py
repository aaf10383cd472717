"""Live events with a known set of registrations and attendance, for the live event reports and
manual matching (tests/reporting/test_live_event_*.py)."""

import datetime

import pytest

from tests.factories import make_live_webinar
from webinars.models import WARSAW, Attendance, Registration

STARTS = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=WARSAW)


def in_english(user):
    """The admin in English for `user`, so that the assertions hold before and after the Polish
    translation of the new wording."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def register(webinar, *, name, email, user=None, status=Registration.Status.REGISTERED, join_count=0):
    return Registration.objects.create(
        webinar=webinar, user=user, name=name, email=email, status=status, join_count=join_count
    )


def attend(webinar, *, name, minutes, registration=None, user=None, email=""):
    return Attendance.objects.create(
        webinar=webinar, registration=registration, user=user, name=name, email=email,
        source=Attendance.Source.ZOOM, minutes=minutes,
    )  # fmt: skip


@pytest.fixture
def learners(db, django_user_model):
    def learner(username, kind, voivodeship, **fields):
        return django_user_model.objects.create_user(
            username, f"{username}@example.org", "haslo-ucznia-123", organisation_type=kind,
            voivodeship=voivodeship, display_name=username.capitalize(), **fields,
        )  # fmt: skip

    return {
        "ola": learner("ola", "ngo", "mazowieckie"),
        "jan": learner("jan", "local_government", "lodzkie"),
        "ewa": learner("ewa", "ngo", "lodzkie"),
    }


@pytest.fixture
def live_event(webinar_index, learners):
    """Four with a seat (three learners, a guest), one waiting, one cancelled. Ola attended 60
    minutes, Jan 30, the guest 45; Ewa's row has 0 minutes; the one waiting came for 20 and
    somebody nobody matched for 10."""
    webinar = make_live_webinar(webinar_index, starts_at=STARTS, duration_minutes=90, seat_limit=4)
    ola, jan, ewa = learners["ola"], learners["jan"], learners["ewa"]
    rows = {
        "ola": register(webinar, name="Ola", email=ola.email, user=ola, join_count=2),
        "jan": register(webinar, name="Jan", email=jan.email, user=jan, join_count=1),
        "ewa": register(webinar, name="Ewa", email=ewa.email, user=ewa),
        "guest": register(webinar, name="Gość Gościński", email="gosc@example.org"),
        "waiting": register(
            webinar, name="Czekająca", email="czeka@example.org", status=Registration.Status.WAITING
        ),
        "cancelled": register(
            webinar, name="Rezygnująca", email="rezygnuje@example.org", status=Registration.Status.CANCELLED
        ),
    }
    attend(webinar, name="Ola K.", minutes=60, registration=rows["ola"], user=ola, email=ola.email)
    attend(webinar, name="Jan N.", minutes=30, registration=rows["jan"], user=jan, email=jan.email)
    attend(webinar, name="Ewa", minutes=0, registration=rows["ewa"], user=ewa, email=ewa.email)
    attend(webinar, name="Gość", minutes=45, registration=rows["guest"], email="gosc@example.org")
    attend(webinar, name="Czekająca", minutes=20, registration=rows["waiting"], email="czeka@example.org")
    attend(webinar, name="Telefon 600 100 200", minutes=10)
    webinar.people = rows
    return webinar


@pytest.fixture
def staff(client, coordinator):
    """A coordinator logged in, their admin in English (the tests read the labels as written)."""
    in_english(coordinator)
    client.force_login(coordinator)
    return client
