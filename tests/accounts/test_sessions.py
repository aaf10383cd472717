"""A password change, a deactivation or an account deletion (by the learner, in the admin, or in
Wagtail's bulk actions) ends the account's other sessions at once."""

import pytest
from django.test import Client

from accounts.services import learner_account_delete

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def is_logged_in(client):
    return 'action="/konto/logout/"' in client.get("/").content.decode()


@pytest.mark.parametrize("change", ["password", "deactivated", "deleted"])
def test_a_change_of_the_account_ends_its_other_sessions_at_once(learner, home_page, change):
    other_tab = logged_in(learner)
    assert is_logged_in(other_tab)
    if change == "password":
        learner.set_password("Nowe-haslo-2025!")
        learner.save()
    elif change == "deactivated":
        learner.is_active = False
        learner.save()
    else:
        learner_account_delete(user=learner)
    assert not is_logged_in(other_tab)


@pytest.fixture
def admin_client(django_user_model):
    admin = django_user_model.objects.create_superuser("szef", "szef@example.org", "haslo-szefa-123")
    return logged_in(admin)


def test_marking_users_inactive_in_bulk_ends_their_sessions(learner, home_page, admin_client):
    """Wagtail's bulk action updates the rows without saving the models."""
    other_tab = logged_in(learner)
    assert is_logged_in(other_tab)
    response = admin_client.post(
        f"/admin/bulk/accounts/user/set_active_state/?id={learner.pk}&next=/admin/users/",
        {"mark_as_active": "False"},
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert not learner.is_active
    assert not is_logged_in(other_tab)


def test_deleting_a_user_in_the_admin_ends_their_sessions(
    learner, home_page, admin_client, django_capture_on_commit_callbacks
):
    other_tab = logged_in(learner)
    assert is_logged_in(other_tab)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/users/delete/{learner.pk}/")
        assert response.status_code == 302
    assert not is_logged_in(other_tab)
