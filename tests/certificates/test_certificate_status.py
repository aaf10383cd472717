"""A learner who completes a course is told so, and what becomes of the certificate: being
prepared (the page asks the server again by itself), then ready with its links, on the course
page and on the result of the last quiz. The state is the learner's own."""

import pytest

from certificates.models import Certificate
from certificates.services import certificate_issue
from courses.models import QuizAttempt
from tests.certificates.test_certificates import complete
from tests.factories import course_pages

pytestmark = pytest.mark.django_db


def test_the_course_page_and_the_result_follow_the_certificate(
    client, learner, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        complete(learner, course)
    certificate = Certificate.objects.get()
    client.force_login(learner)
    status_url = f"/certyfikat/stan/{course.pk}/"

    page = client.get(course.url).content.decode()
    assert "Ukończono ten kurs." in page
    assert "Twój certyfikat jest przygotowywany" in page and f'data-status-url="{status_url}"' in page
    result = client.get(f"/nauka/podejscie/{QuizAttempt.objects.get().pk}/").content.decode()
    assert "Ukończono ten kurs." in result and f'data-status-url="{status_url}"' in result

    status = client.get(status_url).json()
    assert status["waiting"] is True and "przygotowywany" in status["html"]

    certificate_issue(certificate_id=certificate.pk)
    status = client.get(status_url).json()
    assert status["waiting"] is False
    assert f"/certyfikat/{certificate.verification_id}/pdf/" in status["html"]
    page = client.get(course.url).content.decode()
    assert "Twój certyfikat jest gotowy." in page and "data-status-url" not in page


def test_the_status_is_only_the_learners_own(client, learner, course, django_user_model):
    status_url = f"/certyfikat/stan/{course.pk}/"
    assert client.get(status_url).status_code == 403
    client.force_login(learner)
    assert client.get(status_url).status_code == 404  # not completed
    stranger = django_user_model.objects.create_user("obcy", "obcy@example.org", "haslo-obcego-123")
    complete(learner, course)
    client.force_login(stranger)
    assert client.get(status_url).status_code == 404


def test_a_course_without_certificates_says_only_that_it_is_complete(client, learner, course):
    course.certificate_enabled = False
    course.save_revision().publish()
    complete(learner, course)
    client.force_login(learner)
    page = client.get(course.url).content.decode()
    assert "Ukończono ten kurs." in page and "certyfikat" not in page.split("<main", 1)[1].lower()
    status = client.get(f"/certyfikat/stan/{course.pk}/").json()
    assert status == {"html": "", "waiting": False}
    assert len(course_pages(course)) == 2
