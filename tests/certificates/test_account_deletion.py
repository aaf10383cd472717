"""Deleting an account forgets the person everywhere the platform keeps them: the certificates
(withdrawn at the holder's request, the name cleared, the PDF deleted, the public page saying
so without the name), free-text quiz answers, every session; and the learner's data export,
before that, holds their certificates. Accounts with roles are not deleted by their owners."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.models import UserSession
from accounts.services import learner_account_delete
from certificates.models import Certificate
from certificates.services import certificate_revoke
from courses import grading
from courses.models import QuizAttempt
from tests.certificates.conftest import NAME
from tests.certificates.test_certificates import complete, issued

pytestmark = pytest.mark.django_db


def sessions_of(user):
    return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]


def test_deletion_withdraws_the_certificate_and_forgets_the_name(
    client, learner, course, django_capture_on_commit_callbacks, django_user_model
):
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    storage, name = certificate.pdf.storage, certificate.pdf.name
    assert storage.exists(name)
    page = client.get(f"/certyfikat/{certificate.verification_id}/").content.decode()
    assert NAME in page

    with django_capture_on_commit_callbacks(execute=True):
        learner_account_delete(user=learner)

    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.WITHDRAWN and certificate.withdrawn_at is not None
    assert certificate.learner_name == "" and not certificate.pdf
    assert not storage.exists(name)
    response = client.get(f"/certyfikat/{certificate.verification_id}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wycofany" in page and "na prośbę posiadacza" in page
    assert "Zofia" not in page and "Łęcka" not in page
    # The code still finds it (it was real), without the name.
    found = client.get("/certyfikat/sprawdz/", {"code": certificate.code}, follow=True).content.decode()
    assert "Wycofany" in found and "Zofia" not in found
    # Coordinators searching the certificates by the name find nothing.
    admin = django_user_model.objects.create_superuser("szef", "szef@example.org", "haslo-szefa-123")
    client.force_login(admin)
    listing = client.get("/admin/certificates/", {"q": "Zofia"}).content.decode()
    assert certificate.code not in listing
    assert client.get(f"/certyfikat/{certificate.verification_id}/pdf/").status_code == 404


def test_a_revoked_certificate_stays_revoked_without_the_name(
    client, learner, course, django_capture_on_commit_callbacks
):
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    certificate_revoke(certificate=certificate, reason="Ukończenie za kogoś innego.")
    with django_capture_on_commit_callbacks(execute=True):
        learner_account_delete(user=learner)
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.REVOKED and certificate.learner_name == ""
    page = client.get(f"/certyfikat/{certificate.verification_id}/").content.decode()
    assert "Ukończenie za kogoś innego." in page and "Zofia" not in page


def test_deletion_clears_typed_quiz_answers_and_keeps_the_scores(learner, course):
    complete(learner, course)
    attempt = QuizAttempt.objects.get(learner=learner)
    typed = [str(q["id"]) for q in attempt.questions if q["kind"] == grading.TEXT]
    chosen = [str(q["id"]) for q in attempt.questions if q["kind"] != grading.TEXT]
    assert typed and chosen and all(key in attempt.answers for key in typed + chosen)
    score = attempt.score
    learner_account_delete(user=learner)
    attempt.refresh_from_db()
    assert not any(key in attempt.answers for key in typed)
    assert all(key in attempt.answers for key in chosen)
    assert attempt.score == score and attempt.passed


def test_deletion_deletes_every_session_of_the_account(learner, home_page):
    browsers = [Client(), Client()]
    for browser in browsers:
        browser.force_login(learner)
    assert len(sessions_of(learner)) == 2
    learner_account_delete(user=learner)
    assert sessions_of(learner) == []
    assert not UserSession.objects.filter(user=learner).exists()


def test_logging_out_forgets_the_session_note(client, learner, home_page):
    client.force_login(learner)
    assert UserSession.objects.filter(user=learner).count() == 1
    client.post("/konto/logout/")
    assert not UserSession.objects.filter(user=learner).exists()


def test_the_data_export_holds_the_certificates(client, learner, course, django_capture_on_commit_callbacks):
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    client.force_login(learner)
    data = client.get("/konto/moje-dane.json").json()
    (exported,) = data["certificates"]
    assert exported["code"] == certificate.code


@pytest.mark.parametrize("group", ["Editors", "Coordinators"])
def test_people_with_roles_from_groups_cannot_delete_their_own_accounts(client, django_user_model, group):
    person = django_user_model.objects.create_user("rola", "rola@example.org", "haslo-z-rola-123")
    person.groups.add(Group.objects.get(name=group))
    client.force_login(person)
    assert 'name="password"' not in client.get("/konto/usun/").content.decode()
    assert client.post("/konto/usun/", {"password": "haslo-z-rola-123"}).status_code == 403
    person.refresh_from_db()
    assert person.is_active and person.email == "rola@example.org"
