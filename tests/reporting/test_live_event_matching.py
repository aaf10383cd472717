"""Matching by hand the attendance rows a report could not match: to one of the event's
registrations or to a learner's account by email, on the attendance page (the service
`webinars.attendance.attendance_match` and its admin form); refusals with the reason (400), the
signal the course steps hear, and who may match."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils import translation

from courses.models import CoordinatorScope
from tests.factories import make_live_webinar
from webinars.attendance import attendance_match
from webinars.models import Attendance, Registration
from webinars.signals import attendance_recorded

from .conftest import STARTS, attend, register


def page_url(webinar):
    return f"/admin/reports/live-events/{webinar.pk}/attendance/"


def match_url(attendance):
    return f"/admin/reports/live-events/{attendance.webinar_id}/attendance/{attendance.pk}/match/"


@pytest.fixture
def unmatched(live_event):
    return Attendance.objects.get(webinar=live_event, name="Telefon 600 100 200")


@pytest.fixture
def recorded():
    """What `attendance_recorded` sent, as (webinar, attendances) pairs."""
    calls = []

    def receiver(sender, webinar, attendances, **kwargs):
        calls.append((webinar, [attendance.pk for attendance in attendances]))

    attendance_recorded.connect(receiver, sender=Attendance, weak=False, dispatch_uid="test_recorded")
    yield calls
    attendance_recorded.disconnect(sender=Attendance, dispatch_uid="test_recorded")


def test_the_page_offers_registrations_without_a_row_first(staff, live_event, unmatched):
    latecomer = register(live_event, name="Spóźniona", email="spozniona@example.org")
    page = staff.get(page_url(live_event))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="attendance-match"') == 1  # only the unmatched row has a form
    assert f'for="match-{unmatched.pk}-registration"' in html and f'for="match-{unmatched.pk}-email"' in html
    groups = page.context["match_choices"]
    assert [str(group) for group, _options in groups] == ["Not on any row yet", "Already on another row"]
    free, taken = (dict(options) for _group, options in groups)
    assert list(free) == [latecomer.pk]
    assert "Czekająca <czeka@example.org> (On the waiting list)" in taken.values()
    assert live_event.people["ola"].pk in taken
    assert live_event.people["cancelled"].pk not in free | taken  # never offered


def test_a_coordinator_matches_a_row_to_a_guest_registration(staff, live_event, recorded):
    latecomer = register(live_event, name="Spóźniona", email="spozniona@example.org")
    row = attend(live_event, name="iPhone (Spóźniona)", minutes=40)
    page = staff.get(page_url(live_event))
    free, _taken = (dict(options) for _group, options in page.context["match_choices"])
    assert list(free) == [latecomer.pk]
    response = staff.post(match_url(row), {"registration": latecomer.pk, "email": ""}, follow=True)
    assert response.status_code == 200
    assert "“iPhone (Spóźniona)” is matched to Spóźniona." in response.content.decode()
    row.refresh_from_db()
    assert (row.registration, row.user) == (latecomer, None)
    assert recorded == [(live_event, [row.pk])]


def test_a_learner_registration_brings_its_account(staff, live_event, learners, recorded):
    piotr = learners["ola"].__class__.objects.create_user("piotr", "piotr@example.org", "haslo-piotra-123")
    registration = register(live_event, name="Piotr", email=piotr.email, user=piotr)
    row = attend(live_event, name="Laptop", minutes=15)
    response = staff.post(match_url(row), {"registration": registration.pk})
    assert response.status_code == 302 and response["Location"] == page_url(live_event)
    row.refresh_from_db()
    assert (row.registration, row.user) == (registration, piotr)
    assert recorded == [(live_event, [row.pk])]


def test_matching_by_email_finds_the_account_and_its_registration(staff, live_event, django_user_model):
    piotr = django_user_model.objects.create_user("piotr", "piotr@example.org", "haslo-piotra-123")
    registration = register(live_event, name="Piotr", email=piotr.email, user=piotr)
    row = attend(live_event, name="Laptop", minutes=15)
    assert staff.post(match_url(row), {"email": "PIOTR@example.org"}).status_code == 302
    row.refresh_from_db()
    assert (row.registration, row.user) == (registration, piotr)
    # An account without a registration: matched to the account only.
    anna = django_user_model.objects.create_user("anna", "anna@example.org", "haslo-anny-123")
    other = attend(live_event, name="Anna z telefonu", minutes=25)
    assert staff.post(match_url(other), {"email": anna.email}).status_code == 302
    other.refresh_from_db()
    assert (other.registration, other.user) == (None, anna)


def refused(client, row, data, message):
    response = client.post(match_url(row), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html, html[html.find("error-message") - 200 : html.find("error-message") + 400]
    assert 'role="alert"' in html
    row.refresh_from_db()
    assert row.registration_id is None and row.user_id is None


def test_refusals_answer_400_with_the_reason(staff, live_event, unmatched, webinar_index, django_user_model):
    elsewhere = make_live_webinar(webinar_index, title="Inne wydarzenie", starts_at=STARTS)
    foreign = register(elsewhere, name="Z innego", email="inny@example.org")
    refused(staff, unmatched, {}, "Choose a registration or give a learner&#x27;s email.")
    refused(staff, unmatched, {"registration": foreign.pk}, "This registration is for another event.")
    cancelled = live_event.people["cancelled"]
    refused(staff, unmatched, {"registration": cancelled.pk}, "This registration was cancelled.")
    refused(
        staff,
        unmatched,
        {"registration": live_event.people["ola"].pk},
        "Ola is already matched to another row of this event (“Ola K.”).",
    )
    refused(
        staff,
        unmatched,
        {"registration": live_event.people["guest"].pk, "email": "ola@example.org"},
        "Choose a registration or give an email, not both.",
    )
    refused(staff, unmatched, {"email": "nikt@example.org"}, "No account has the email nikt@example.org.")
    refused(staff, unmatched, {"email": "to nie adres"}, "Enter a valid email address.")
    refused(staff, unmatched, {"email": "jan@example.org"}, "Jan is already matched to another row")
    gone = django_user_model.objects.create_user("gone", "gone@example.org", "haslo-123456", is_active=False)
    refused(staff, unmatched, {"email": gone.email}, "This account is not active.")
    # The submitted choice is kept in the form shown again.
    response = staff.post(match_url(unmatched), {"email": "nikt@example.org"})
    assert 'value="nikt@example.org"' in response.content.decode()


def test_a_matched_row_is_not_matched_again(staff, live_event):
    ola_row = Attendance.objects.get(webinar=live_event, name="Ola K.")
    response = staff.post(match_url(ola_row), {"registration": live_event.people["guest"].pk})
    assert response.status_code == 400 and "This row is already matched." in response.content.decode()
    ola_row.refresh_from_db()
    assert ola_row.registration == live_event.people["ola"]


def test_the_service_refuses_in_words_a_coordinator_reads(live_event, unmatched, recorded):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        attendance_match(attendance=unmatched)
    assert error.value.messages == ["Choose a registration or give a learner's email."]
    waiting = live_event.people["waiting"]
    # The one waiting already has a row (20 minutes): refused, nothing sent.
    with translation.override("en"), pytest.raises(ValidationError) as error:
        attendance_match(attendance=unmatched, registration=waiting)
    assert "already matched to another row" in error.value.messages[0]
    assert recorded == []
    # A guest registration and an account of someone else: refused too.
    Attendance.objects.filter(registration=waiting).delete()
    matched = attendance_match(attendance=unmatched, registration=waiting)
    assert matched.registration == waiting and matched.user is None
    assert recorded == [(live_event, [unmatched.pk])]


def test_a_row_replaced_by_a_new_import_is_refused(live_event, unmatched):
    Attendance.objects.filter(pk=unmatched.pk).delete()
    latecomer = register(live_event, name="Spóźniona", email="spozniona@example.org")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        attendance_match(attendance=unmatched, registration=latecomer)
    assert error.value.messages == ["The attendance was imported again meanwhile: reload the page."]


def test_only_those_who_import_may_match(client, editor, learners, live_event, unmatched):
    data = {"registration": live_event.people["ewa"].pk}
    # Viewing the attendance is not enough.
    editor.user_permissions.add(Permission.objects.get(codename="view_attendance"))
    client.force_login(editor)
    assert client.post(match_url(unmatched), data).status_code == 403
    client.force_login(learners["ewa"])
    assert client.post(match_url(unmatched), data).status_code == 302  # to the admin's login
    unmatched.refresh_from_db()
    assert unmatched.registration_id is None


def test_matching_is_post_only_and_keeps_to_the_event(staff, live_event, unmatched, webinar_index):
    assert staff.get(match_url(unmatched)).status_code == 405
    elsewhere = make_live_webinar(webinar_index, title="Inne wydarzenie", starts_at=STARTS)
    url = f"/admin/reports/live-events/{elsewhere.pk}/attendance/{unmatched.pk}/match/"
    assert staff.post(url, {"registration": live_event.people["ewa"].pk}).status_code == 404


def test_a_coordinator_limited_to_no_courses_cannot_match(client, live_event, unmatched, django_user_model):
    user = django_user_model.objects.create_user("ograniczony", "o@example.org", "haslo-koordynatora")
    user.groups.add(Group.objects.get(name="Coordinators"))
    CoordinatorScope.objects.create(user=user)  # limited to no courses
    client.force_login(user)
    response = client.post(match_url(unmatched), {"registration": live_event.people["ewa"].pk})
    assert response.status_code == 404
    assert Registration.objects.filter(attendances=unmatched).count() == 0
