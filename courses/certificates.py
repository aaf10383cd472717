"""Certificates: decided at completion, issued by a worker (PDF, private storage, email), then
verifiable by anyone.

Nothing lost, nothing doubled:
- completion and the pending certificate row commit in one transaction (one row per learner
  and course, by a unique constraint); the task is queued on commit;
- the task locks the row and records each step (PDF made, email accepted), so a rerun after a
  crash resumes where it stopped, and a duplicate delivery finds nothing left to do;
- SMTP errors retry with backoff; a periodic task re-queues rows left pending or retrying, so a
  lost message, a dead worker or a Redis outage only delays a certificate.
"""

import datetime
import logging
from decimal import ROUND_HALF_UP, Decimal
from smtplib import SMTPException

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Certificate, Enrolment
from .selectors import course_state

logger = logging.getLogger(__name__)

# Errors worth another try later: the mail server or the network said "not now".
RETRYABLE_ERRORS = (SMTPException, OSError)


def _send(task, *args):
    # A broker outage must not break the learner's request; the periodic re-queue picks it up.
    try:
        task.apply_async(args=args, retry=False)
    except Exception:  # noqa: BLE001 - any broker error
        logger.warning("Could not queue %s%r; it will be re-queued later", task.name, args, exc_info=True)


def certificate_queue(certificate_id: int) -> None:
    """Issue the certificate in a worker once the current transaction commits."""
    from .tasks import certificate_issue

    transaction.on_commit(lambda: _send(certificate_issue, certificate_id))


def course_completion_check(*, enrolment_id: int) -> Certificate | None:
    """Mark the enrolment complete when every lesson is complete and every quiz passed, and in
    the same transaction create the learner's pending certificate (when the course gives one).
    Returns the certificate created, or None. Calling it twice at once creates one."""
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .select_related("course", "learner")
            .filter(pk=enrolment_id)
            .first()
        )
        if enrolment is None or enrolment.completed_at is not None:
            return None
        course, learner = enrolment.course, enrolment.learner
        items = course.syllabus()
        if not course_state(learner, course, items, enrolment=enrolment).is_complete:
            return None
        now = timezone.now()
        enrolment.completed_at = now
        enrolment.save(update_fields=["completed_at"])
        if not course.certificate_enabled:
            return None
        hours = course.certificate_hours
        if hours is None:
            seconds = sum(item.estimated_seconds for item in items)
            hours = (Decimal(seconds) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        certificate, created = Certificate.objects.get_or_create(
            enrolment=enrolment,
            defaults={
                "learner": learner,
                "course": course,
                "completed_on": timezone.localdate(now),
                "course_hours": hours,
                "language": learner.preferred_language or settings.LANGUAGE_CODE,
            },
        )
        if created:
            certificate_queue(certificate.pk)
        return certificate if created else None


def verification_url(certificate: Certificate) -> str:
    """The public address that the QR code holds."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificate_verify", args=[certificate.verification_id])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def certificate_render_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF (WeasyPrint, from templates/certificates/certificate.html), in the
    learner's language, with a QR code of the verification address."""
    import segno
    import weasyprint
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    site_settings = SiteSettings.for_site(site) if site else SiteSettings()
    url = verification_url(certificate)
    logo = site_settings.certificate_logo
    with translation.override(certificate.language):
        html = render_to_string(
            "certificates/certificate.html",
            {
                "certificate": certificate,
                "settings": site_settings,
                "logo_url": logo.file.path if logo else None,
                "verification_url": url,
                "qr_svg": segno.make(url, error="m").svg_inline(scale=3, omitsize=True),
            },
        )
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def certificate_issue(*, certificate_id: int, final_attempt: bool = False) -> Certificate | None:
    """Make, store and email the certificate, resuming after whatever step was done before.

    Each step runs with the row locked (skipped if another worker holds it) and is recorded as
    it completes: a rerun after the PDF was stored does not make it again, and no second email
    goes once the mail server has accepted one. A retryable error is recorded and raised for the
    task to retry; on the last attempt the certificate is marked failed for coordinators."""
    if not _render_step(certificate_id):
        return Certificate.objects.filter(pk=certificate_id).first()
    try:
        _email_step(certificate_id)
    except RETRYABLE_ERRORS as error:
        state = Certificate.State.FAILED if final_attempt else Certificate.State.RETRYING
        Certificate.objects.filter(pk=certificate_id, emailed_at__isnull=True).exclude(
            state=Certificate.State.REVOKED
        ).update(state=state, last_error=f"{type(error).__name__}: {error}"[:2000], updated_at=timezone.now())
        raise
    return Certificate.objects.filter(pk=certificate_id).first()


def _locked(certificate_id):
    query = Certificate.objects.select_related("learner", "course")
    if transaction.get_connection().features.has_select_for_update_skip_locked:
        query = query.select_for_update(skip_locked=True, of=("self",))
    return query.filter(pk=certificate_id).first()


def _render_step(certificate_id) -> bool:
    """Render and store the PDF unless it is there. True when the email step should follow."""
    with transaction.atomic():
        certificate = _locked(certificate_id)
        if certificate is None or certificate.state == Certificate.State.REVOKED:
            return False  # gone, revoked, or another worker has it
        if certificate.rendered_at is None:
            certificate.learner_name = certificate.learner.display_name or certificate.learner.get_full_name()
            certificate.learner_name = certificate.learner_name or certificate.learner.email
            certificate.course_title = certificate.course.title
            pdf = certificate_render_pdf(certificate)
            if certificate.pdf:
                certificate.pdf.delete(save=False)
            certificate.pdf.save(f"{certificate.verification_id}.pdf", ContentFile(pdf), save=False)
            certificate.rendered_at = timezone.now()
            certificate.attempts += 1
            certificate.save()
        elif not certificate.email_wanted:
            if certificate.state != Certificate.State.ISSUED:
                certificate.state = Certificate.State.ISSUED
                certificate.save(update_fields=["state", "updated_at"])
            return False
    return True


def _email_step(certificate_id) -> None:
    with transaction.atomic():
        certificate = _locked(certificate_id)
        if certificate is None or certificate.state == Certificate.State.REVOKED:
            return
        if certificate.email_wanted:
            certificate.attempts += 1
            _send_email(certificate)
            # Recorded in the same transaction, right after the server accepted the message.
            certificate.emailed_at = timezone.now()
            certificate.email_wanted = False
        certificate.state = Certificate.State.ISSUED
        certificate.last_error = ""
        certificate.save()


def _send_email(certificate: Certificate) -> None:
    with translation.override(certificate.language):
        context = {"certificate": certificate, "verification_url": verification_url(certificate)}
        subject = _("Your certificate: %(course)s") % {"course": certificate.course_title}
        body = render_to_string("certificates/email.txt", context)
        filename = _("certificate-%(code)s.pdf") % {"code": certificate.code}
    message = EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        to=[certificate.learner.email],
        headers={"X-Certificate-Code": certificate.code},
    )
    certificate.pdf.open("rb")
    try:
        message.attach(filename, certificate.pdf.read(), "application/pdf")
    finally:
        certificate.pdf.close()
    message.send()


def certificate_requeue_stale(*, older_than: int | None = None) -> int:
    """Queue again every certificate left pending or waiting to retry for longer than
    CERTIFICATE_REQUEUE_AFTER seconds. Returns how many."""
    from .tasks import certificate_issue

    seconds = settings.CERTIFICATE_REQUEUE_AFTER if older_than is None else older_than
    cutoff = timezone.now() - datetime.timedelta(seconds=seconds)
    stale = list(
        Certificate.objects.filter(
            state__in=[Certificate.State.PENDING, Certificate.State.RETRYING], updated_at__lte=cutoff
        ).values_list("pk", flat=True)
    )
    for pk in stale:
        # Touch it first so the next sweep waits again instead of queueing it twice at once.
        Certificate.objects.filter(pk=pk).update(updated_at=timezone.now())
        _send(certificate_issue, pk)
    return len(stale)


def certificate_reissue(*, certificate: Certificate) -> None:
    """Make the PDF again (after a name correction) and email it, keeping the verification id
    and the code."""
    Certificate.objects.filter(pk=certificate.pk).exclude(state=Certificate.State.REVOKED).update(
        state=Certificate.State.PENDING,
        rendered_at=None,
        email_wanted=True,
        reissued_at=timezone.now(),
        last_error="",
        updated_at=timezone.now(),
    )
    certificate_queue(certificate.pk)


def certificate_resend(*, certificate: Certificate) -> None:
    """Email the stored certificate again."""
    Certificate.objects.filter(pk=certificate.pk).exclude(state=Certificate.State.REVOKED).update(
        state=Certificate.State.PENDING, email_wanted=True, last_error="", updated_at=timezone.now()
    )
    certificate_queue(certificate.pk)


def certificate_revoke(*, certificate: Certificate, reason: str) -> Certificate:
    """Revoke the certificate; the verification page then says so, with the date and reason."""
    from django.core.exceptions import ValidationError

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking the certificate."))
    now = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(
        state=Certificate.State.REVOKED, revoked_at=now, revoked_reason=reason, updated_at=now
    )
    certificate.refresh_from_db()
    return certificate
