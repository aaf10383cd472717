"""Coordinators manage certificates in the admin: the list with states and errors, resend,
reissue with a corrected name, revoke with a reason, and course-wide jobs with progress.
Editors and learners cannot."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from certificates.models import Certificate, CertificateBatch
from certificates.services import certificate_batch_run, certificate_issue
from tests.certificates.test_certificates import complete
from tests.factories import make_course, make_lesson


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("koordynatorka", "k@example.org", "haslo-koordynatorki")
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def certificates(course_index, django_user_model, django_capture_on_commit_callbacks):
    course = make_course(course_index, title="Mikrozakupy lokalne")
    make_lesson(course, title="Jedyna lekcja")
    made = []
    for n in range(2):
        learner = django_user_model.objects.create_user(
            f"osoba{n}", f"osoba{n}@example.org", "haslo-osoby-123", display_name=f"Jan Kowalski {n}"
        )
        with django_capture_on_commit_callbacks(execute=False):
            complete(learner, course)
        made.append(certificate_issue(certificate_id=Certificate.objects.get(learner=learner).pk))
    mail.outbox.clear()
    return course, made


def test_coordinators_list_certificates_and_others_cannot(client, coordinator, editor, certificates):
    _course, (first, _second) = certificates
    client.force_login(coordinator)
    listing = client.get("/admin/certificates/")
    assert listing.status_code == 200 and first.code in listing.content.decode()
    assert "Wydany" in listing.content.decode()
    failed = client.get("/admin/certificates/?state=failed")
    assert first.code not in failed.content.decode()
    # No generic add or edit form: certificates change only through their actions.
    assert client.get("/admin/certificates/new/").status_code in (302, 403)
    assert client.get(f"/admin/certificates/edit/{first.pk}/").status_code in (302, 403)

    client.force_login(editor)
    for url in (
        "/admin/certificates/",
        f"/admin/certificates/{first.pk}/manage/",
        "/admin/certificates/courses/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert first.code not in response.content.decode()


def test_revoke_needs_a_reason(client, coordinator, certificates):
    _course, (certificate, _other) = certificates
    client.force_login(coordinator)
    url = f"/admin/certificates/{certificate.pk}/manage/"
    assert certificate.code in client.get(url).content.decode()
    refused = client.post(url, {"action": "revoke", "reason": ""})
    assert refused.status_code == 400 and "Podaj powód unieważnienia certyfikatu." in refused.content.decode()
    assert Certificate.objects.get(pk=certificate.pk).state == "issued"
    assert client.post(url, {"action": "revoke", "reason": "Błędne dane."}).status_code == 302
    revoked = Certificate.objects.get(pk=certificate.pk)
    assert revoked.state == "revoked" and revoked.revoked_reason == "Błędne dane." and revoked.revoked_at
    assert "Unieważniony" in client.get(f"/certyfikat/{certificate.verification_id}/").content.decode()


def test_reissue_with_a_corrected_name(client, coordinator, certificates, django_capture_on_commit_callbacks):
    _course, (certificate, _other) = certificates
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            f"/admin/certificates/{certificate.pk}/manage/",
            {"action": "reissue", "learner_name": "Jan Kowalski-Nowak"},
        )
    assert response.status_code == 302 and len(queued) == 1
    reissued = certificate_issue(certificate_id=certificate.pk)
    assert reissued.learner_name == "Jan Kowalski-Nowak" and reissued.code == certificate.code
    assert reissued.verification_id == certificate.verification_id and len(mail.outbox) == 1


def test_a_course_wide_resend_runs_as_a_job_with_progress(
    client, coordinator, certificates, django_capture_on_commit_callbacks
):
    course, made = certificates
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post("/admin/certificates/courses/", {"course": course.pk, "action": "resend"})
    assert response.status_code == 302 and len(queued) == 1  # the job, queued on commit
    batch = CertificateBatch.objects.get()
    assert batch.total == 2 and batch.queued == 0
    page = client.get("/admin/certificates/courses/").content.decode()
    assert "0 z 2 wysłanych e-mailem" in page and 'data-refresh="5"' in page

    with django_capture_on_commit_callbacks(execute=False) as issuing:
        certificate_batch_run(batch_id=batch.pk)
    assert len(issuing) == 2 and CertificateBatch.objects.get().queued == 2
    for certificate in made:
        certificate_issue(certificate_id=certificate.pk)
    assert sorted(m.to[0] for m in mail.outbox) == ["osoba0@example.org", "osoba1@example.org"]
    page = client.get("/admin/certificates/courses/").content.decode()
    assert "2 z 2 wysłanych e-mailem" in page and 'data-refresh=""' in page
    # Running the job again (a duplicate delivery) queues nothing more.
    certificate_batch_run(batch_id=batch.pk)
    assert CertificateBatch.objects.get().queued == 2


def test_a_job_is_run_once_at_a_time_and_continues_after_a_crash(
    coordinator, certificates, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from certificates.services import certificate_batch_create, certificate_resend

    course, (first, second) = certificates
    with django_capture_on_commit_callbacks(execute=False):
        batch = certificate_batch_create(course=course, action="resend", requested_by=coordinator)
        # A run that died after marking the first certificate: still RUNNING, its heartbeat old.
        certificate_resend(certificate=first, batch=batch)
        CertificateBatch.objects.filter(pk=batch.pk).update(state="running", queued=1)
        assert certificate_batch_run(batch_id=batch.pk).queued == 1  # a live run has it: nothing done
        CertificateBatch.objects.filter(pk=batch.pk).update(
            updated_at=timezone.now() - datetime.timedelta(minutes=5)
        )
        resumed = certificate_batch_run(batch_id=batch.pk)
    assert resumed.state == "done" and resumed.queued == 2
    assert set(Certificate.objects.filter(last_batch=batch).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_a_reissue_arriving_mid_issue_never_mails_the_old_pdf(
    certificates, django_capture_on_commit_callbacks
):
    from certificates.services import _email_step, certificate_reissue

    _course, (certificate, _other) = certificates
    with django_capture_on_commit_callbacks(execute=False):
        certificate_reissue(certificate=certificate, learner_name="Nowe Nazwisko")
    _email_step(certificate.pk)  # an older run reaching its email step now
    assert mail.outbox == []
    reissued = certificate_issue(certificate_id=certificate.pk)
    assert reissued.learner_name == "Nowe Nazwisko" and len(mail.outbox) == 1
    # The verification page stayed valid throughout the reissue.
    assert reissued.rendered_at is not None
