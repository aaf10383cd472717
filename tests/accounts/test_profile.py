"""My account: editing the profile, downloading one's data, deleting the account."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts import services
from tests.accounts.conftest import LEARNER_EMAIL, LEARNER_PASSWORD

pytestmark = pytest.mark.django_db


def test_profile_page_shows_the_profile_and_the_account_links(learner_client, home_page):
    response = learner_client.get("/konto/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert 'value="Ewa Nowak"' in html
    for href in ["/konto/email/", "/konto/password/change/", "/konto/moje-dane.json", "/konto/usun/"]:
        assert f'href="{href}"' in html


def test_profile_edit(learner_client, learner):
    response = learner_client.post(
        "/konto/",
        {
            "display_name": "Ewa Maria Nowak",
            "organisation_type": "informal_group",
            "organisation_name": "Sąsiedzi z Bałut",
            "voivodeship": "lodzkie",
            "municipality": "Łódź",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    learner.refresh_from_db()
    assert learner.display_name == "Ewa Maria Nowak"
    assert learner.organisation_type == "informal_group"
    assert learner.organisation_name == "Sąsiedzi z Bałut"
    assert learner.voivodeship == "lodzkie"
    assert learner.municipality == "Łódź"
    assert learner.preferred_language == "en"
    assert learner.email == LEARNER_EMAIL  # not a profile field


def test_profile_edit_refuses_bad_input(learner_client, learner):
    response = learner_client.post(
        "/konto/", {"display_name": "", "organisation_type": "spółka", "preferred_language": "pl"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_display_name_error"' in html
    assert 'id="id_organisation_type_error"' in html
    assert "To pole jest wymagane." in html
    learner.refresh_from_db()
    assert learner.display_name == "Ewa Nowak"


def test_export_contains_the_learners_own_data_only(learner_client, learner, django_user_model):
    other = django_user_model.objects.create_user(
        "adam", "adam@example.org", "haslo-adama-123", display_name="Adam Inny", municipality="Kutno"
    )
    EmailAddress.objects.create(user=other, email="adam@example.org", verified=True, primary=True)

    response = learner_client.get("/konto/moje-dane.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "cams-elearning-my-data-" in disposition and disposition.endswith('.json"')
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]

    data = json.loads(response.content)
    assert data["account"]["email"] == LEARNER_EMAIL
    assert data["profile"]["display_name"] == "Ewa Nowak"
    assert data["profile"]["organisation_type"] == "ngo"
    assert data["email_addresses"] == [{"email": LEARNER_EMAIL, "verified": True, "primary": True}]
    text = response.content.decode()
    assert "adam" not in text.lower() and "Kutno" not in text


def test_export_includes_sections_other_apps_register(learner_client, learner, monkeypatch):
    monkeypatch.setattr(services, "_export_sections", {})
    services.register_export_section(
        "enrolments", lambda user: [{"course": "Mikrogranty", "learner": user.pk}]
    )
    data = json.loads(learner_client.get("/konto/moje-dane.json").content)
    assert data["enrolments"] == [{"course": "Mikrogranty", "learner": learner.pk}]
    with pytest.raises(ValueError):
        services.register_export_section("profile", lambda user: {})


def test_export_and_profile_need_a_login(client, home_page):
    assert client.get("/konto/moje-dane.json").status_code == 302
    assert client.post("/konto/usun/", {"password": "x"}).status_code == 302


def test_export_is_a_download_not_a_form(learner_client):
    assert learner_client.post("/konto/moje-dane.json").status_code == 405


def test_deletion_page_says_what_is_kept_and_what_goes(learner_client):
    response = learner_client.get("/konto/usun/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html
    assert "Zanonimizowane statystyki nauki" in html


def test_deletion_needs_the_password(learner_client, learner):
    response = learner_client.post("/konto/usun/", {"password": "zle-haslo"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_password_error"' in html
    learner.refresh_from_db()
    assert learner.is_active and learner.email == LEARNER_EMAIL
    assert learner_client.session["_auth_user_id"] == str(learner.pk)


def test_deletion_anonymises_the_account(client, learner, home_page, monkeypatch):
    seen = []
    monkeypatch.setattr(services, "_anonymise_hooks", {})
    services.register_anonymise_hook(lambda user: seen.append((user.pk, user.email)))
    other_browser = client.__class__()
    other_browser.force_login(learner)
    client.force_login(learner)

    response = client.post("/konto/usun/", {"password": LEARNER_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    # The hook ran while the row still said whose it was.
    assert seen == [(learner.pk, LEARNER_EMAIL)]

    user = get_user_model().objects.get(pk=learner.pk)
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.anonymised_at is not None
    assert user.email == ""
    assert user.display_name == "" and user.organisation_type == "" and user.municipality == ""
    assert user.username.startswith("deleted-") and "ewa" not in user.username
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email__iexact=LEARNER_EMAIL).exists()

    # The other browser's session has ended too.
    assert other_browser.get("/konto/").status_code == 302
    # The old address no longer logs in.
    response = client.post("/konto/login/", {"login": LEARNER_EMAIL, "password": LEARNER_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_address_of_a_deleted_account_can_sign_up_again(client, learner, privacy_page):
    services.learner_account_delete(user=learner)
    response = client.post(
        "/konto/signup/",
        {
            "email": LEARNER_EMAIL,
            "password1": "Calkiem-Nowe-Konto-5",
            "password2": "Calkiem-Nowe-Konto-5",
            "display_name": "Ewa Nowak",
            "organisation_type": "resident",
            "preferred_language": "pl",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    new = get_user_model().objects.get(email=LEARNER_EMAIL)
    assert new.pk != learner.pk


def test_staff_accounts_are_not_deleted_here(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "haslo-admina-1")
    client.force_login(admin)
    assert 'name="password"' not in client.get("/konto/usun/").content.decode()
    response = client.post("/konto/usun/", {"password": "haslo-admina-1"})
    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.is_active


def test_deleting_twice_changes_nothing(learner):
    first = services.learner_account_delete(user=learner)
    again = services.learner_account_delete(user=learner)
    assert again.username == first.username
    assert again.anonymised_at == first.anonymised_at


def test_password_guesses_on_the_deletion_form_are_limited(learner_client, learner):
    for _ in range(10):
        learner_client.post("/konto/usun/", {"password": "zgaduje"})
    response = learner_client.post("/konto/usun/", {"password": LEARNER_PASSWORD})
    assert response.status_code == 429
    learner.refresh_from_db()
    assert learner.is_active
