"""Certificates in one process: completion creates one, the issuing service makes a PDF in
Polish with a QR code and emails it once; verification, lookup by code, access, reissue and
revocation. (Workers, Redis and SMTP failures: tests/faults/.)"""

import io
import re

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError

from certificates.models import Certificate
from certificates.services import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    verification_url,
)
from courses import grading
from courses.models import Enrolment
from courses.services import (
    course_completion_check,
    enrolment_create,
    lesson_mark_done,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests.certificates.conftest import NAME
from tests.factories import course_pages, right_answers


def complete(learner, course):
    """Do every step of the course: mark the lesson done and pass the quiz."""
    enrolment_create(learner=learner, course=course)
    for item in course_pages(course):
        if item.is_quiz:
            attempt = quiz_attempt_start(learner=learner, quiz=item)
            quiz_attempt_submit(attempt=attempt, answers=right_answers(attempt.questions))
        else:
            lesson_mark_done(learner=learner, lesson=item)
    return Enrolment.objects.get(learner=learner, course=course)


def issued(learner, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        complete(learner, course)
    assert len(queued) == 1  # the issuing task, queued when the completion committed
    certificate = Certificate.objects.get(learner=learner, course=course)
    return certificate_issue(certificate_id=certificate.pk)


def pdf_text(certificate):
    with certificate.pdf.open("rb") as handle:
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(handle.read())).pages)


def test_completing_every_step_completes_the_enrolment_with_a_pending_certificate(
    learner, course, django_capture_on_commit_callbacks
):
    enrolment_create(learner=learner, course=course)
    lesson, quiz = course_pages(course)
    lesson_mark_done(learner=learner, lesson=lesson)
    assert Enrolment.objects.get().completed_at is None and not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        attempt = quiz_attempt_start(learner=learner, quiz=quiz)
        quiz_attempt_submit(attempt=attempt, answers=right_answers(attempt.questions))
    enrolment = Enrolment.objects.get()
    certificate = Certificate.objects.get()
    assert enrolment.completed_at is not None and certificate.enrolment == enrolment
    assert certificate.state == "pending" and len(queued) == 1
    assert re.fullmatch(
        r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", certificate.code
    )
    # Checking again changes nothing.
    assert course_completion_check(enrolment_id=enrolment.pk) is None
    assert Certificate.objects.count() == 1


def test_a_failed_quiz_does_not_complete_the_course(learner, course):
    enrolment_create(learner=learner, course=course)
    lesson, quiz = course_pages(course)
    lesson_mark_done(learner=learner, lesson=lesson)
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    quiz_attempt_submit(attempt=attempt, answers={})
    assert Enrolment.objects.get().completed_at is None and not Certificate.objects.exists()


def test_a_course_without_certificates_completes_without_one(learner, course):
    course.certificate_enabled = False
    course.save_revision().publish()
    assert complete(learner, course).completed_at is not None
    assert not Certificate.objects.exists()


def test_the_pdf_is_in_polish_with_a_qr_code_and_is_emailed_once(
    learner, course, django_capture_on_commit_callbacks, settings
):
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    assert certificate.state == "issued" and certificate.rendered_at and certificate.emailed_at
    # Stored privately, not under MEDIA_ROOT.
    assert str(settings.PRIVATE_MEDIA_ROOT) in certificate.pdf.path
    assert str(settings.MEDIA_ROOT) not in certificate.pdf.path

    text = pdf_text(certificate)
    for expected in (
        NAME,
        "Fundusz sąsiedzki – źródła i ścieżki",
        certificate.code,
        "Certyfikat ukończenia kursu",
    ):
        assert expected in text
    with certificate.pdf.open("rb") as handle:
        image = pypdfium2.PdfDocument(handle.read())[0].render(scale=3).to_pil()
    codes = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    assert codes == [verification_url(certificate)]
    assert codes[0] == f"http://testserver/certyfikat/{certificate.verification_id}/"

    (message,) = mail.outbox
    assert message.to == ["zofia@example.org"] and "Twój certyfikat" in message.subject
    assert certificate.code in message.body and verification_url(certificate) in message.body
    (attachment,) = message.attachments
    assert attachment[0] == f"certyfikat-{certificate.code}.pdf" and attachment[2] == "application/pdf"
    assert attachment[1].startswith(b"%PDF")

    # A rerun (a duplicate delivery) finds nothing to do: no second email, the same PDF.
    again = certificate_issue(certificate_id=certificate.pk)
    assert len(mail.outbox) == 1 and again.rendered_at == certificate.rendered_at


def test_an_english_speaking_learner_gets_it_in_english(learner, course, django_capture_on_commit_callbacks):
    learner.preferred_language = "en"
    learner.save()
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    assert "Certificate of completion" in pdf_text(certificate)
    assert "Your certificate" in mail.outbox[0].subject


def test_the_verification_page(client, learner, course, django_capture_on_commit_callbacks):
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    page = client.get(f"/certyfikat/{certificate.verification_id}/")
    body = page.content.decode()
    assert page.status_code == 200 and "Ważny" in body and NAME in body and certificate.code in body
    assert "Fundusz sąsiedzki – źródła i ścieżki" in body

    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, reason="  ")
    certificate_revoke(certificate=certificate, reason="Uczestnik nie spełnił warunków.")
    body = client.get(f"/certyfikat/{certificate.verification_id}/").content.decode()
    assert "Unieważniony" in body and "Uczestnik nie spełnił warunków." in body and "Ważny" not in body

    unknown = client.get("/certyfikat/00000000-0000-4000-8000-000000000000/")
    assert unknown.status_code == 404 and "Nie znaleziono certyfikatu" in unknown.content.decode()


def test_lookup_by_code(client, learner, course, django_capture_on_commit_callbacks):
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    typed = certificate.code.replace("-", " ").lower().replace("0", "o").replace("1", "l")
    found = client.get("/certyfikat/sprawdz/", {"code": typed})
    assert found.status_code == 302 and found.url == f"/certyfikat/{certificate.verification_id}/"
    other = "0000-0000-0000" if certificate.code != "0000-0000-0000" else "1111-1111-1111"
    missing = client.get("/certyfikat/sprawdz/", {"code": other})
    assert (
        missing.status_code == 404 and "Nie znaleziono certyfikatu o tym kodzie." in missing.content.decode()
    )
    bad = client.get("/certyfikat/sprawdz/", {"code": "abc"})
    assert bad.status_code == 400 and "12 liter i cyfr" in bad.content.decode()
    assert client.get("/certyfikat/sprawdz/").status_code == 200


def test_guessing_codes_is_rate_limited(client, learner, course, django_capture_on_commit_callbacks):
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    for _ in range(20):
        assert client.get("/certyfikat/sprawdz/", {"code": "ZZZZ-ZZZZ-ZZZZ"}).status_code == 404
    refused = client.get("/certyfikat/sprawdz/", {"code": certificate.code})
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "Zbyt wiele sprawdzeń" in refused.content.decode()


def test_who_may_download_the_pdf(
    client, django_user_model, learner, course, django_capture_on_commit_callbacks
):
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    url = f"/certyfikat/{certificate.verification_id}/pdf/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/konto/login/" in anonymous.url

    other = django_user_model.objects.create_user("obcy", "obcy@example.org", "haslo-obcego-12")
    client.force_login(other)
    assert client.get(url).status_code == 404

    client.force_login(learner)
    own = client.get(url)
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    assert b"".join(own.streaming_content).startswith(b"%PDF")
    assert f"certyfikat-{certificate.code}.pdf" in own["Content-Disposition"]
    learning = client.get("/moja-nauka/").content.decode()
    assert url in learning and certificate.code in learning

    coordinator = django_user_model.objects.create_user("koord", "koord@example.org", "haslo-koordynatora")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_behind_the_proxy_the_pdf_is_handed_to_it_after_the_check(
    client, django_user_model, learner, course, django_capture_on_commit_callbacks, settings
):
    """With PRIVATE_MEDIA_ACCEL_REDIRECT set (nginx's internal location, deploy/nginx.conf), the
    view checks who asks and answers X-Accel-Redirect; the proxy sends the file."""
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/private-files/"
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    url = f"/certyfikat/{certificate.verification_id}/pdf/"
    stranger = django_user_model.objects.create_user("obca", "obca@example.org", "haslo-obcej-123")
    client.force_login(stranger)
    refused = client.get(url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    client.force_login(learner)
    own = client.get(url)
    assert own.status_code == 200 and own.content == b""
    assert own["X-Accel-Redirect"] == f"/private-files/{certificate.pdf.name}"
    assert own["Content-Type"] == "application/pdf"
    assert f"certyfikat-{certificate.code}.pdf" in own["Content-Disposition"]


def test_reissue_after_a_name_correction_keeps_the_id_and_code(
    learner, course, django_capture_on_commit_callbacks
):
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    learner.display_name = "Zofia Łęcka"
    learner.save()
    with django_capture_on_commit_callbacks(execute=False):
        certificate_reissue(certificate=certificate)
    again = certificate_issue(certificate_id=certificate.pk)
    assert (again.verification_id, again.code) == (certificate.verification_id, certificate.code)
    assert again.learner_name == "Zofia Łęcka" and "Zofia Łęcka\n" in pdf_text(again) + "\n"
    assert NAME not in pdf_text(again)
    assert len(mail.outbox) == 2 and again.reissued_at is not None


def test_grading_helpers_stay_consistent_with_the_demo_answers(course):
    # right_answers(...) on frozen questions gives cleaned answers that grade to 100%.
    quiz = course_pages(course)[1]
    questions = quiz.freeze_questions()
    assert grading.grade_attempt(questions, right_answers(questions)).percent == 100


def test_the_last_failed_attempt_leaves_it_failed_for_coordinators(
    learner, course, django_capture_on_commit_callbacks, settings
):
    from tests.services import free_port

    with django_capture_on_commit_callbacks(execute=False):
        complete(learner, course)
    certificate = Certificate.objects.get()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    with pytest.raises(OSError):
        certificate_issue(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.state == "retrying" and certificate.rendered_at and certificate.emailed_at is None
    with pytest.raises(OSError):
        certificate_issue(certificate_id=certificate.pk, final_attempt=True)
    certificate.refresh_from_db()
    assert certificate.state == "failed" and "Connection refused" in certificate.last_error
    assert certificate.attempts == 3  # one render, two sending attempts


def test_signatory_and_logo_come_from_the_site_settings(
    learner, course, django_capture_on_commit_callbacks, home_page
):
    from wagtail.models import Site
    from wagtail_factories import ImageFactory

    from common.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.certificate_signatory = "dr Małgorzata Świątek"
    site_settings.certificate_signatory_role = "Dyrektorka Centrum OPUS"
    site_settings.certificate_logo = ImageFactory(title="Logo")
    site_settings.save()
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    text = pdf_text(certificate)
    assert "dr Małgorzata Świątek" in text and "Dyrektorka Centrum OPUS" in text
    with certificate.pdf.open("rb") as handle:
        assert len(pypdf.PdfReader(io.BytesIO(handle.read())).pages[0].images) == 1  # the logo


def test_a_logo_whose_file_is_gone_leaves_the_certificate_without_it(
    learner, course, django_capture_on_commit_callbacks, home_page
):
    from wagtail.models import Site
    from wagtail_factories import ImageFactory

    from common.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    logo = ImageFactory(title="Logo")
    logo.file.storage.delete(logo.file.name)
    site_settings.certificate_logo = logo
    site_settings.save()
    certificate = issued(learner, course, django_capture_on_commit_callbacks)
    assert certificate.state == "issued" and certificate.emailed_at
    with certificate.pdf.open("rb") as handle:
        assert len(pypdf.PdfReader(io.BytesIO(handle.read())).pages[0].images) == 0
