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
