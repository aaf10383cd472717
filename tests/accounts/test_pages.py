"""The account pages are the site's pages: its layout, Polish at /konto/ and English at
/en/konto/, labelled form fields; and axe finds nothing wrong with them in a real browser."""

import re

import pytest
from django.test import Client

from tests.accounts.conftest import LEARNER_EMAIL
from tests.browser import axe_violations

ALLAUTH_PAGES = [
    ("/konto/login/", "Zaloguj", "Sign In"),
    ("/konto/signup/", "Załóż konto", "Sign Up"),
    ("/konto/password/reset/", "Resetowanie hasła", "Password Reset"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path, polish, english", ALLAUTH_PAGES, ids=["login", "signup", "password-reset"])
def test_allauth_pages_in_the_site_layout_in_both_languages(client, home_page, path, polish, english):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert re.search(rf"<h1>\s*{polish}\s*</h1>", html)
    assert 'class="site-header"' in html and 'class="container narrow"' in html
    assert f"<title>{polish} – " in html

    response = client.get("/en" + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert re.search(rf"<h1>\s*{english}\s*</h1>", html)
    assert "Skip to main content" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/konto/", "/konto/usun/"], ids=["my-account", "delete"])
def test_own_account_pages_in_both_languages(learner_client, home_page, path):
    assert '<html lang="pl">' in learner_client.get(path).content.decode()
    html = learner_client.get("/en" + path).content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


@pytest.mark.django_db
def test_every_visible_input_has_a_label(client, privacy_page):
    html = client.get("/konto/signup/").content.decode()
    form = html[html.index('<form class="account-form"') :]
    ids = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', form)
    assert len(ids) >= 10
    for field_id in ids:
        assert f'<label for="{field_id}">' in form, field_id


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_axe_finds_no_violations_on_the_account_pages(page, live_server, home_page, privacy_page, learner):  # noqa: F811
    url = live_server.url
    anonymous_pages = [
        "/konto/login/",
        "/konto/signup/",
        "/konto/confirm-email/",
        "/konto/password/reset/",
        "/konto/password/reset/done/",
        "/en/konto/signup/",
    ]
    for path in anonymous_pages:
        page.goto(url + path)
        assert axe_violations(page) == [], path

    # Forms showing their errors.
    page.goto(url + "/konto/signup/")
    page.fill("#id_email", "zly-adres@example.org")
    page.fill("#id_password1", "krotkie")
    page.fill("#id_password2", "inne")
    page.evaluate("document.querySelector('form.account-form').noValidate = true")
    page.click("form.account-form button[type=submit]")
    page.wait_for_selector(".field__error")
    assert page.get_attribute("#id_display_name", "aria-invalid") == "true"
    assert "id_display_name_error" in page.get_attribute("#id_display_name", "aria-describedby")
    assert axe_violations(page) == [], "signup with errors"

    page.goto(url + "/konto/login/")
    page.fill("#id_login", LEARNER_EMAIL)
    page.fill("#id_password", "zle-haslo")
    page.click("form.account-form button[type=submit]")
    page.wait_for_selector(".form-errors")
    assert axe_violations(page) == [], "login with an error"

    # Logged in: My account and the deletion page.
    client = Client()
    client.force_login(learner)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])
    for path in ["/konto/", "/konto/usun/", "/konto/email/", "/konto/password/change/", "/konto/logout/"]:
        page.goto(url + path)
        assert axe_violations(page) == [], path
    page.goto(url + "/konto/usun/")
    page.fill("#id_password", "zle-haslo")
    page.click("form.account-form button[type=submit]")
    page.wait_for_selector(".field__error")
    assert axe_violations(page) == [], "deletion with a wrong password"
