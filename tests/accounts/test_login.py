"""Logging in and out with an email address, the failed-login limit, password reset, and the
Wagtail admin's own username log-in beside it."""

import re

import pytest

from tests.accounts.conftest import LEARNER_EMAIL, LEARNER_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/login/"


def test_log_in_with_email_and_out_again(client, learner, home_page):
    response = client.post(LOGIN_URL, {"login": LEARNER_EMAIL.upper(), "password": LEARNER_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(learner.pk)

    page = client.get("/")
    html = page.content.decode()
    # allauth greets the learner by their display name, not the generated username.
    assert "Ewa Nowak" in html and ">ewa<" not in html
    assert 'href="/konto/"' in html  # "My account" in the header
    assert 'action="/konto/logout/"' in html

    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_english_learners_are_sent_to_the_english_home_page(client, learner, home_page):
    response = client.post("/en" + LOGIN_URL, {"login": LEARNER_EMAIL, "password": LEARNER_PASSWORD})
    assert response["Location"] == "/en/"
    response = client.post("/en/konto/logout/")
    assert response["Location"] == "/en/"


def test_log_in_returns_to_the_page_asked_for(client, learner, home_page):
    response = client.post(
        LOGIN_URL + "?next=/kursy/", {"login": LEARNER_EMAIL, "password": LEARNER_PASSWORD}
    )
    assert response["Location"] == "/kursy/"


def test_header_links_bring_the_visitor_back(client, course_index):
    html = client.get("/kursy/").content.decode()
    assert 'href="/konto/login/?next=%2Fkursy%2F"' in html
    assert 'href="/konto/signup/?next=%2Fkursy%2F"' in html


def test_wrong_password_shows_an_error(client, learner):
    response = client.post(LOGIN_URL, {"login": LEARNER_EMAIL, "password": "not-the-password"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Podany adres e-mail i/lub hasło są niepoprawne." in html
    assert 'class="form-errors" role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_are_stopped(client, learner):
    """allauth's "login_failed" limit: five failures per address, then even the right
    password is refused for a while."""
    for _ in range(5):
        response = client.post(LOGIN_URL, {"login": LEARNER_EMAIL, "password": "zgaduje-haslo"})
        assert response.status_code == 200
        assert "Zbyt wiele" not in response.content.decode()
    response = client.post(LOGIN_URL, {"login": LEARNER_EMAIL, "password": LEARNER_PASSWORD})
    assert response.status_code == 200
    assert "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie później." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_log_in_requests_get_429_in_the_learners_language(client, home_page):
    """allauth's "login" limit (30 attempts a minute from one IP address) answers 429 with the
    site's own page."""
    for _ in range(30):
        client.post(LOGIN_URL, {"login": "kto@example.org", "password": "x"})
    response = client.post(LOGIN_URL, {"login": "kto@example.org", "password": "x"})
    assert response.status_code == 429
    assert '<html lang="pl">' in response.content.decode()


def test_password_reset(client, learner, mailoutbox):
    response = client.post("/konto/password/reset/", {"email": LEARNER_EMAIL})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [LEARNER_EMAIL]
    path = re.search(r"https?://testserver(/\S+)", mailoutbox[0].body).group(1)
    assert path.startswith("/konto/password/reset/key/")

    # allauth moves the key from the URL into the session, then shows the form.
    response = client.get(path)
    assert response.status_code == 302
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    new_password = "Nowe-Haslo-Sasiedzkie-9"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302

    learner.refresh_from_db()
    assert learner.check_password(new_password)
    response = client.post(LOGIN_URL, {"login": LEARNER_EMAIL, "password": new_password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_password_reset_for_an_unknown_address_reveals_nothing(client, home_page, mailoutbox):
    response = client.post("/konto/password/reset/", {"email": "nikt@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/password/reset/done/"


def test_wagtail_admin_still_logs_in_with_a_username(client, editor):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    response = client.post("/admin/login/", {"username": "redaktor", "password": "haslo-redaktora"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.get("/admin/").status_code == 200


def test_pages_that_need_a_login_send_visitors_to_the_learner_log_in(client, home_page):
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/konto/"
    response = client.get("/en/konto/")
    assert response["Location"] == "/en/konto/login/?next=/en/konto/"


# One login door: the admin's login is guarded as the learners' is --------------------------

ADMIN_LOGIN = "/admin/login/"


def test_the_admin_login_stops_repeated_failures_with_429(client, editor):
    """allauth's failed-login limit holds at the admin's door too: after five failures for
    an account, even its right password is refused for a while, with 429."""
    for _ in range(5):
        response = client.post(ADMIN_LOGIN, {"username": "redaktor", "password": "zgaduje-haslo"})
        assert response.status_code == 200
    response = client.post(ADMIN_LOGIN, {"username": "redaktor", "password": "haslo-redaktora"})
    assert response.status_code == 429
    assert "Zbyt wiele prób logowania" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_both_doors_share_one_count_of_failures(client, editor):
    """Failures at the learners' door (by email) count at the admin's (by username)."""
    for _ in range(5):
        client.post(LOGIN_URL, {"login": "redaktor@example.org", "password": "zgaduje-haslo"})
    response = client.post(ADMIN_LOGIN, {"username": "redaktor", "password": "haslo-redaktora"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_limits_attempts_per_address(client, home_page):
    for _ in range(30):
        client.post(ADMIN_LOGIN, {"username": "ktos", "password": "x"})
    assert client.post(ADMIN_LOGIN, {"username": "ktos", "password": "x"}).status_code == 429


def test_learners_cannot_log_in_through_the_admin(client, learner):
    """Their right password gets them no session there: they are told where to log in."""
    response = client.post(ADMIN_LOGIN, {"username": LEARNER_EMAIL, "password": LEARNER_PASSWORD})
    assert response.status_code == 200
    html = response.content.decode()
    assert "nie może korzystać z panelu administracyjnego" in html and "/konto/login/" in html
    assert "_auth_user_id" not in client.session


def test_an_unverified_account_cannot_log_in_through_the_admin(client, django_user_model, home_page):
    django_user_model.objects.create_user("nowy", "nowy@example.org", "Haslo-Nowego-123")
    response = client.post(ADMIN_LOGIN, {"username": "nowy@example.org", "password": "Haslo-Nowego-123"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    # At the learners' door it is sent to verify the address first.
    response = client.post(LOGIN_URL, {"login": "nowy@example.org", "password": "Haslo-Nowego-123"})
    assert response["Location"] == "/konto/confirm-email/" and "_auth_user_id" not in client.session


def test_wagtails_own_front_end_login_is_the_learners_one(client, home_page):
    response = client.get("/_util/login/?next=/kursy/")
    assert response.status_code == 302 and response["Location"] == "/konto/login/?next=/kursy/"
    response = client.get("/en/_util/login/?next=/en/kursy/")
    assert response["Location"] == "/en/konto/login/?next=/en/kursy/"
    assert client.post("/_util/login/", {"username": "admin", "password": "x"}).status_code == 302


def test_a_page_for_logged_in_visitors_sends_them_to_the_learners_login(client, home_page):
    from wagtail.models import PageViewRestriction

    from home.models import StandardPage

    page = home_page.add_child(instance=StandardPage(title="Dla zalogowanych", slug="dla-zalogowanych"))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"] == f"/konto/login/?next={page.url}"
