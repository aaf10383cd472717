"""Signing up: the form with the profile and the privacy consent, the verification email, and
logging in once the address is verified."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/konto/signup/"
LOGIN_URL = "/konto/login/"


def signup_data(**overrides):
    data = {
        "email": "Jan.Kowalski@Gmina.example.pl",
        "password1": "Fundusz-Solecki-77",
        "password2": "Fundusz-Solecki-77",
        "display_name": "Jan Kowalski",
        "organisation_type": "local_government",
        "organisation_name": "Urząd Gminy Wola",
        "voivodeship": "lodzkie",
        "municipality": "Wola",
        "preferred_language": "pl",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_signup_page_asks_for_the_profile_and_links_the_privacy_policy(client, privacy_page):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    for name in ["email", "password1", "password2", "display_name", "organisation_type", "voivodeship"]:
        assert f'name="{name}"' in html
    assert 'name="username"' not in html
    assert f'href="{privacy_page.url}"' in html
    # The display name says what it is for, and the input points at that explanation.
    assert 'aria-describedby="id_display_name_helptext"' in html
    assert 'id="id_display_name_helptext"' in html


def test_without_a_privacy_page_the_consent_has_no_link(client, home_page):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    assert 'name="privacy_consent"' in response.content.decode()


def test_signup_verify_then_log_in(client, privacy_page, mailoutbox, django_user_model):
    before = timezone.now()
    response = client.post(SIGNUP_URL, signup_data())
    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"

    user = django_user_model.objects.get(email="jan.kowalski@gmina.example.pl")
    assert user.display_name == "Jan Kowalski"
    assert user.organisation_type == "local_government"
    assert user.organisation_name == "Urząd Gminy Wola"
    assert user.voivodeship == "lodzkie"
    assert user.municipality == "Wola"
    assert user.preferred_language == "pl"
    assert user.privacy_consent_at >= before
    assert user.username  # generated: editors and the admin still need one
    assert not EmailAddress.objects.get(user=user).verified

    # Not verified yet: logging in sends the learner back to "verify your email".
    client.logout()
    response = client.post(LOGIN_URL, {"login": user.email, "password": "Fundusz-Solecki-77"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert "_auth_user_id" not in client.session

    assert len(mailoutbox) >= 1
    message = mailoutbox[0]
    assert message.to == ["jan.kowalski@gmina.example.pl"]
    assert message.subject.startswith("[CAMS e-learning]")
    confirm_path = link_in(message)
    assert confirm_path.startswith("/konto/confirm-email/")

    fresh = client.__class__()
    page = fresh.get(confirm_path)
    assert page.status_code == 200
    assert "jan.kowalski@gmina.example.pl" in page.content.decode()
    response = fresh.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    response = fresh.post(
        LOGIN_URL, {"login": "jan.kowalski@gmina.example.pl", "password": "Fundusz-Solecki-77"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert fresh.session["_auth_user_id"] == str(user.pk)


def test_confirming_in_the_same_browser_logs_the_learner_in(client, privacy_page, mailoutbox):
    client.post(SIGNUP_URL, signup_data())
    response = client.post(link_in(mailoutbox[0]))
    assert response.status_code == 302
    user = get_user_model().objects.get(email="jan.kowalski@gmina.example.pl")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_privacy_consent_is_required(client, privacy_page, mailoutbox, django_user_model):
    response = client.post(SIGNUP_URL, signup_data(privacy_consent=None))
    assert response.status_code == 200
    html = response.content.decode()
    assert "You must accept the privacy policy" in html or "polityk" in html
    # The error is tied to the checkbox for screen readers.
    assert 'id="id_privacy_consent_error"' in html
    assert re.search(r'<input[^>]*aria-describedby="id_privacy_consent_error"[^>]*>', html) or re.search(
        r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_privacy_consent_error"', html
    )
    assert not django_user_model.objects.filter(email="jan.kowalski@gmina.example.pl").exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"display_name": ""}, "display_name"),
        ({"organisation_type": ""}, "organisation_type"),
        ({"organisation_type": "company"}, "organisation_type"),
        ({"voivodeship": "bawaria"}, "voivodeship"),
        ({"preferred_language": "de"}, "preferred_language"),
        ({"password2": "something-else-1"}, "password2"),
        ({"email": "not-an-email"}, "email"),
    ],
    ids=[
        "no-name",
        "no-org-type",
        "unknown-org-type",
        "unknown-voivodeship",
        "unknown-language",
        "passwords-differ",
        "bad-email",
    ],
)
def test_bad_input_is_refused_with_the_field_marked(
    client, privacy_page, django_user_model, overrides, field
):
    response = client.post(SIGNUP_URL, signup_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert django_user_model.objects.count() == 0


def test_errors_come_in_the_learners_language(client, privacy_page):
    polish = client.post(SIGNUP_URL, signup_data(display_name=""))
    assert "To pole jest wymagane." in polish.content.decode()
    english = client.post("/en" + SIGNUP_URL, signup_data(display_name=""))
    assert "This field is required." in english.content.decode()


def test_duplicate_email_creates_no_second_account(
    client, learner, privacy_page, mailoutbox, django_user_model
):
    """The address is taken: no second account, and (so that nobody can find out who has an
    account here) the same "check your email" answer, while the owner is told by email."""
    response = client.post(SIGNUP_URL, signup_data(email=learner.email.upper()))
    assert response.status_code == 302
    assert django_user_model.objects.count() == 1
    assert EmailAddress.objects.filter(email__iexact=learner.email).count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [learner.email]
    assert "/konto/password/reset/" in mailoutbox[0].body


def test_signup_in_english_sends_an_english_email_with_an_english_link(client, privacy_page, mailoutbox):
    response = client.post("/en" + SIGNUP_URL, signup_data(preferred_language="en"))
    assert response.status_code == 302
    assert link_in(mailoutbox[0]).startswith("/en/konto/confirm-email/")
    assert "confirm" in mailoutbox[0].body.lower()
    user = get_user_model().objects.get(email="jan.kowalski@gmina.example.pl")
    assert user.preferred_language == "en"


def test_a_mail_server_refusing_the_email_is_told_not_a_500(client, privacy_page, settings, smtp_server):
    """The real SMTP server refuses the verification email: the sign-up still answers, the
    account is kept, and the learner is told to send it again; once the server takes mail,
    "send again" delivers it."""
    host, port = smtp_server.url.removeprefix("smtp://").split(":")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = host, int(port)
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    smtp_server.refusing.set()
    response = client.post(SIGNUP_URL, signup_data(), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nie udało się wysłać wiadomości na adres jan.kowalski@gmina.example.pl" in page
    assert get_user_model().objects.filter(email="jan.kowalski@gmina.example.pl").exists()
    assert smtp_server.refused >= 1 and not smtp_server.messages


def test_the_verification_email_quotes_nothing_the_form_took(client, privacy_page, mailoutbox):
    """The email goes to whatever address was typed: the display name (free text) stays out."""
    name = "Wygrałeś nagrodę! Odbierz ją na http://evil.example/"
    assert client.post(SIGNUP_URL, signup_data(display_name=name)).status_code == 302
    (message,) = mailoutbox
    assert "evil.example" not in message.body and "Wygrałeś" not in message.body
    assert "/konto/confirm-email/" in message.body
    assert "Otrzymujesz tę wiadomość, ponieważ ten adres podano" in message.body


def test_account_emails_name_the_platform_and_come_from_its_sender(
    client, privacy_page, mailoutbox, settings
):
    settings.DEFAULT_FROM_EMAIL = "CAMS e-learning <szkolenia@opus.example.org>"
    assert client.post(SIGNUP_URL, signup_data()).status_code == 302
    (message,) = mailoutbox
    assert message.from_email == "CAMS e-learning <szkolenia@opus.example.org>"
    assert "CAMS e-learning" in message.body.splitlines()[0]
    assert "testserver!" not in message.body
