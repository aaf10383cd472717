"""The logged-in user from the cache, on a real Redis server: no query for the user once cached,
and a password change, a deactivation or an account deletion ends the other sessions at once,
even against a request that loaded the user just before the change."""

import pytest
from django.core.cache import caches
from django.test import Client

from elearning.accounts import user_cache
from elearning.accounts.backends import AuthenticationBackend, ModelBackend
from elearning.accounts.services import learner_account_delete
from tests.services import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def redis_cache(settings, redis_server):
    settings.CACHES = {
        **settings.CACHES,
        "users": {"BACKEND": "elearning.cache.RedisCache", "LOCATION": redis_server.url.replace("/0", "/2")},
    }
    settings.USER_CACHE_ALIAS = "users"
    caches["users"].clear()
    yield caches["users"]
    caches["users"].clear()


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def is_logged_in(client):
    return 'action="/konto/logout/"' in client.get("/").content.decode()


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_a_cached_user_costs_no_query(learner, backend, django_assert_num_queries):
    assert backend().get_user(learner.pk) == learner  # loaded once
    with django_assert_num_queries(0):
        user = backend().get_user(str(learner.pk))
    assert user == learner and user.email == learner.email


@pytest.mark.parametrize("change", ["password", "deactivated", "deleted"])
def test_a_change_of_the_account_ends_its_other_sessions_at_once(learner, home_page, change):
    other_tab = logged_in(learner)
    assert is_logged_in(other_tab)  # the user is in the cache now
    if change == "password":
        learner.set_password("Nowe-haslo-2025!")
        learner.save()
    elif change == "deactivated":
        learner.is_active = False
        learner.save()
    else:
        learner_account_delete(user=learner)
    assert not is_logged_in(other_tab)


def test_a_request_that_loaded_the_user_before_a_change_cannot_keep_it(learner):
    def load_then_change():
        stale = type(learner).objects.get(pk=learner.pk)  # read before the change below
        learner.first_name = "Zmienione"
        learner.save()  # commits, and makes the copies stale
        return stale

    assert user_cache.get(learner.pk, load_then_change).first_name == ""
    fresh = user_cache.get(learner.pk, lambda: type(learner).objects.get(pk=learner.pk))
    assert fresh.first_name == "Zmienione"
    assert user_cache.get(learner.pk, lambda: pytest.fail("loaded again")).first_name == "Zmienione"


def test_an_unreachable_cache_means_the_database(learner, home_page, settings):
    settings.CACHES = {
        **settings.CACHES,
        "down": {"BACKEND": "elearning.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{free_port()}/0"},
    }
    settings.USER_CACHE_ALIAS = "down"
    other_tab = logged_in(learner)
    assert is_logged_in(other_tab)
    learner.set_password("Nowe-haslo-2025!")
    learner.save()  # the cache cannot be told; nothing was kept in it either
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


def test_deleting_a_user_in_the_admin_forgets_them_after_the_commit(
    learner, home_page, admin_client, django_capture_on_commit_callbacks
):
    """Django sets a deleted instance's pk to None before the admin's transaction commits."""
    other_tab = logged_in(learner)
    assert is_logged_in(other_tab)
    stale = type(learner).objects.get(pk=learner.pk)
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(f"/admin/users/delete/{learner.pk}/")
        assert response.status_code == 302
        # A request that read the row before the commit stores it under the new generation.
        user_cache.get(learner.pk, lambda: stale)
    for callback in callbacks:
        callback()
    assert not is_logged_in(other_tab)
