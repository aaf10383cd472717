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

import base64
import contextlib
import datetime
import logging
import mimetypes
from decimal import ROUND_HALF_UP, Decimal
from smtplib import SMTPException

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from common.models import SiteSettings
from elearning.celery import send_task_safely
from elearning.storage import storage_errors

from .models import ENDED_STATES, Certificate, CertificateBatch

logger = logging.getLogger(__name__)

# Errors worth another try later: the mail server, the network, the cache or the broker said
# "not now". A certificate stays retrying (and the periodic sweep queues it again); only other
# errors end it as failed.
RETRYABLE_ERRORS = (SMTPException, *storage_errors(), RedisError, BrokerError)


def certificate_queue(certificate_id: int) -> None:
    """Issue the certificate in a worker once the current transaction commits."""
    from .tasks import certificate_issue

    transaction.on_commit(lambda: send_task_safely(certificate_issue, certificate_id))


def on_course_completed(sender, *, enrolment, steps, **kwargs):
    """courses' `course_completed` signal: a completed course gets its certificate."""
    certificate_for_completion(enrolment=enrolment, steps=steps)


def certificate_for_completion(*, enrolment, steps) -> Certificate | None:
    """Create the learner's pending certificate for a course just completed (when the course
    gives one), queued on commit. Runs inside the completion's transaction (courses'
    `course_completed` signal), so the two commit together. None when there is none to make
    or it exists already."""
    course, learner = enrolment.course, enrolment.learner
    if not course.certificate_enabled:
        return None
    hours = course.certificate_hours
    if hours is None:
        seconds = sum(step.estimated_seconds for step in steps)
        hours = (Decimal(seconds) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    certificate, created = Certificate.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "learner": learner,
            "course": course,
            "completed_on": timezone.localdate(enrolment.completed_at),
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


def _logo_data_url(logo) -> str | None:
    """The logo inline (a data: address), so WeasyPrint needs no path or network to draw it
    whether media is on this machine or on object storage; a 600 px rendition keeps the PDF
    small. A logo whose file is gone leaves the certificate without one (and says so in the
    log) rather than failing it."""
    if logo is None:
        return None
    try:
        rendition = logo.get_rendition("max-600x300")
        with rendition.file.open("rb") as handle:
            data = base64.b64encode(handle.read()).decode("ascii")
    except Exception:  # noqa: BLE001 - any missing or unreadable file
        logger.warning("The certificate logo %s could not be read; certificates go without it", logo.pk)
        return None
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "image/png"
    return f"data:{content_type};base64,{data}"


def certificate_render_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF (WeasyPrint, from templates/certificates/certificate.html), in the
    learner's language, with a QR code of the verification address."""
    import segno
    import weasyprint
    from wagtail.models import Site

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
                "logo_url": _logo_data_url(logo),
                "verification_url": url,
                "qr_svg": segno.make(url, error="m").svg_inline(scale=3, omitsize=True),
            },
        )
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


# A safety cap on top of the task's own retries (which end after about ten minutes of backoff):
# re-queued chains must not retry a hopeless certificate for ever.
MAX_ATTEMPTS = 50


def certificate_issue(*, certificate_id: int, final_attempt: bool = False) -> Certificate | None:
    """Make, store and email the certificate, resuming after whatever step was done before.

    Each step runs with the row locked (skipped if another worker holds it) and is recorded as
    it completes: a rerun after the PDF was stored does not make it again, and no second email
    goes once the mail server has accepted one. A retryable error (the mail server or network
    said "not now") is recorded and raised for the task to retry; on the task's last retry
    (`final_attempt`), after MAX_ATTEMPTS in all, or on an error a retry cannot fix, the
    certificate is marked failed for coordinators to see."""
    try:
        if _render_step(certificate_id):
            _email_step(certificate_id)
    except RETRYABLE_ERRORS as error:
        _record_failure(certificate_id, error, final=final_attempt)
        raise
    except Exception as error:
        logger.exception("Certificate %s could not be issued", certificate_id)
        _record_failure(certificate_id, error, final=True)
    return Certificate.objects.filter(pk=certificate_id).first()


def _record_failure(certificate_id, error, *, final):
    attempts = Certificate.objects.filter(pk=certificate_id).values_list("attempts", flat=True).first() or 0
    final = final or attempts + 1 >= MAX_ATTEMPTS
    Certificate.objects.filter(pk=certificate_id).exclude(
        state__in=[*ENDED_STATES, Certificate.State.ISSUED, Certificate.State.FAILED]
    ).update(
        state=Certificate.State.FAILED if final else Certificate.State.RETRYING,
        attempts=models.F("attempts") + 1,  # the failed try's own count was rolled back
        last_error=f"{type(error).__name__}: {error}"[:2000],
        updated_at=timezone.now(),
    )


def _locked(certificate_id):
    query = Certificate.objects.select_related("learner", "course")
    if transaction.get_connection().features.has_select_for_update_skip_locked:
        query = query.select_for_update(skip_locked=True, of=("self",))
    return query.filter(pk=certificate_id).first()


def _render_step(certificate_id) -> bool:
    """Render and store the PDF unless it is there. True when the email step should follow."""
    with transaction.atomic():
        certificate = _locked(certificate_id)
        if certificate is None or certificate.state in (*ENDED_STATES, Certificate.State.FAILED):
            return False  # gone, revoked, withdrawn, failed, or another worker has it
        if certificate.rendered_at is None or certificate.render_wanted:
            certificate.learner_name = certificate.learner_name or certificate.learner.get_display_name()
            certificate.course_title = certificate.course_title or certificate.course.title
            pdf = certificate_render_pdf(certificate)
            old_name = certificate.pdf.name
            # A new file name each time: the old PDF stays until the new one is committed.
            stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
            certificate.pdf.save(f"{certificate.verification_id}-{stamp}.pdf", ContentFile(pdf), save=False)
            certificate.rendered_at = timezone.now()
            certificate.render_wanted = False
            certificate.attempts += 1
            certificate.save()
            if old_name:
                storage = certificate.pdf.storage
                transaction.on_commit(lambda: storage.delete(old_name))
        elif not certificate.email_wanted:
            if certificate.state != Certificate.State.ISSUED:
                certificate.state = Certificate.State.ISSUED
                certificate.save(update_fields=["state", "updated_at"])
            return False
    return True


def _email_step(certificate_id) -> None:
    connection = None
    try:
        with transaction.atomic():
            certificate = _locked(certificate_id)
            if certificate is None or certificate.state in (*ENDED_STATES, Certificate.State.FAILED):
                return
            if certificate.render_wanted or certificate.rendered_at is None:
                return  # a reissue came in meanwhile: its own run renders and sends the new PDF
            if certificate.email_wanted:
                # The record is written first and committed the moment the server has accepted
                # the message (before even saying goodbye), so the gap in which a crash could
                # make a rerun send it again is as short as a commit.
                certificate.attempts += 1
                certificate.emailed_at = timezone.now()
                certificate.email_wanted = False
                certificate.state = Certificate.State.ISSUED
                certificate.last_error = ""
                certificate.save()
                connection = _send_email(certificate)
            elif certificate.state != Certificate.State.ISSUED:
                certificate.state = Certificate.State.ISSUED
                certificate.last_error = ""
                certificate.save()
    finally:
        if connection is not None:
            # A failed goodbye after the server accepted the message must not make it look
            # unsent (and send it again).
            try:
                connection.close()
            except Exception:  # noqa: BLE001
                logger.warning("Closing the mail connection failed after certificate %s", certificate_id)


def _send_email(certificate: Certificate):
    """Send the certificate email and return the still open connection."""
    from django.core.mail import get_connection

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
    with certificate.pdf.open("rb") as handle:
        message.attach(filename, handle.read(), "application/pdf")
    connection = get_connection()
    connection.open()
    try:
        connection.send_messages([message])
    except BaseException:
        with contextlib.suppress(Exception):
            connection.close()
        raise
    return connection


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
        send_task_safely(certificate_issue, pk)
    certificate_batches_requeue_stale()
    return len(stale)


def certificate_reissue(*, certificate: Certificate, learner_name: str | None = None, batch=None) -> None:
    """Make the PDF again (after a name correction: the given name, or else the learner's
    current one) and email it, keeping the verification id and the code."""
    learner = certificate.learner
    Certificate.objects.filter(pk=certificate.pk).exclude(state__in=ENDED_STATES).update(
        learner_name=(learner_name or "").strip() or learner.get_display_name(),
        course_title=certificate.course.title,
        state=Certificate.State.PENDING,
        render_wanted=True,
        email_wanted=True,
        reissued_at=timezone.now(),
        last_error="",
        last_batch=batch or certificate.last_batch,
        updated_at=timezone.now(),
    )
    certificate_queue(certificate.pk)


def certificate_resend(*, certificate: Certificate, batch=None) -> None:
    """Email the stored certificate again."""
    Certificate.objects.filter(pk=certificate.pk).exclude(state__in=ENDED_STATES).update(
        state=Certificate.State.PENDING,
        email_wanted=True,
        last_error="",
        last_batch=batch or certificate.last_batch,
        updated_at=timezone.now(),
    )
    certificate_queue(certificate.pk)


def certificate_revoke(*, certificate: Certificate, reason: str) -> Certificate:
    """Revoke the certificate; the verification page then says so, with the date and reason."""
    from django.core.exceptions import ValidationError

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking the certificate."))
    now = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).exclude(state=Certificate.State.WITHDRAWN).update(
        state=Certificate.State.REVOKED, revoked_at=now, revoked_reason=reason, updated_at=now
    )
    certificate.refresh_from_db()
    return certificate


def certificates_withdraw(user) -> None:
    """The accounts app's anonymise hook: the learner deleted their account. Their certificates
    stay countable (the reports keep the completion) but no longer name them: the name on each
    is cleared, its PDF deleted once the deletion commits, nothing more is made or sent, and the
    public verification page says it was withdrawn at its holder's request (a revoked one stays
    revoked, with its reason, without the name)."""
    now = timezone.now()
    certificates = list(Certificate.objects.select_for_update().filter(learner=user))
    files = [(c.pdf.storage, c.pdf.name) for c in certificates if c.pdf]
    ended = {"learner_name": "", "pdf": "", "email_wanted": False, "render_wanted": False, "last_error": ""}
    Certificate.objects.filter(learner=user).exclude(state=Certificate.State.REVOKED).update(
        state=Certificate.State.WITHDRAWN, withdrawn_at=now, updated_at=now, **ended
    )
    Certificate.objects.filter(learner=user, state=Certificate.State.REVOKED).update(updated_at=now, **ended)

    def delete_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)


def certificate_batch_create(*, course, action: str, requested_by) -> CertificateBatch:
    """Resend or reissue every certificate of the course, in a Celery job queued on commit."""
    from .tasks import certificate_batch_run

    batch = CertificateBatch.objects.create(course=course, action=action, requested_by=requested_by)
    batch.total = batch.candidates().count()
    batch.save(update_fields=["total"])
    transaction.on_commit(lambda: send_task_safely(certificate_batch_run, batch.pk))
    return batch


BATCH_STALE_SECONDS = 120


def certificate_batch_run(*, batch_id: int) -> CertificateBatch | None:
    """Mark each certificate of the batch for resending or reissuing and queue it, counting as
    it goes. One run at a time claims the batch (a heartbeat keeps the claim); a run after a
    crash continues where it stopped, since each certificate records the batch that marked it."""
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=BATCH_STALE_SECONDS)
    claimed = (
        CertificateBatch.objects.filter(pk=batch_id)
        .filter(
            models.Q(state=CertificateBatch.State.QUEUED)
            | models.Q(state=CertificateBatch.State.RUNNING, updated_at__lt=stale)
        )
        .update(state=CertificateBatch.State.RUNNING, updated_at=now)
    )
    batch = CertificateBatch.objects.filter(pk=batch_id).select_related("course").first()
    if not claimed or batch is None:
        return batch  # done, or another run has it
    action = certificate_reissue if batch.action == CertificateBatch.Action.REISSUE else certificate_resend
    todo = batch.candidates().exclude(last_batch=batch).select_related("learner", "course", "last_batch")
    for certificate in todo.iterator():
        with transaction.atomic():
            action(certificate=certificate, batch=batch)
            # Counting is the heartbeat too.
            CertificateBatch.objects.filter(pk=batch.pk).update(
                queued=models.F("queued") + 1, updated_at=timezone.now()
            )
    CertificateBatch.objects.filter(pk=batch.pk).update(state=CertificateBatch.State.DONE)
    batch.refresh_from_db()
    return batch


def certificate_batches_requeue_stale() -> int:
    """Queue again the batches nobody is running (lost message, Redis down, a dead worker)."""
    from .tasks import certificate_batch_run

    stale = timezone.now() - datetime.timedelta(seconds=BATCH_STALE_SECONDS)
    pks = list(
        CertificateBatch.objects.filter(
            state__in=[CertificateBatch.State.QUEUED, CertificateBatch.State.RUNNING], updated_at__lt=stale
        ).values_list("pk", flat=True)
    )
    for pk in pks:
        send_task_safely(certificate_batch_run, pk)
    return len(pks)


def certificate_batches_with_progress(limit=20, where=None) -> list:
    """The latest batches (of the courses `where` keeps), each with `done` (certificates it
    marked that have been emailed since) and `pending` (still to go), in one query."""
    return list(
        CertificateBatch.objects.filter(where or models.Q())
        .select_related("course", "requested_by")
        .annotate(
            done=models.Count(
                "certificates",
                filter=models.Q(
                    certificates__emailed_at__gte=models.F("created_at"), certificates__email_wanted=False
                ),
            ),
            pending=models.Count(
                "certificates",
                filter=models.Q(
                    certificates__state__in=[Certificate.State.PENDING, Certificate.State.RETRYING]
                ),
            ),
        )[:limit]
    )
