"""Completion certificates: one per learner and course, made and emailed by a Celery worker,
publicly verifiable by an unguessable id (the QR code) or a short code typed by hand."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Enrolment
from elearning.storage import get_private_storage

# Crockford's base32 without I, L, O and U: nothing to confuse when typed from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 3, 4


def new_certificate_code() -> str:
    """A short human code such as "7K3M-9QXP-2D4F" (60 random bits)."""
    characters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    return "-".join(
        characters[i : i + CODE_GROUP_LENGTH] for i in range(0, len(characters), CODE_GROUP_LENGTH)
    )


def normalize_certificate_code(text: str) -> str:
    """A code as typed (any case, spaces or dashes, O for 0, I or L for 1) in its stored form,
    or "" when it cannot be one."""
    raw = "".join(ch for ch in str(text).upper() if ch.isalnum())
    raw = raw.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(raw) != CODE_GROUPS * CODE_GROUP_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return ""
    return "-".join(raw[i : i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))


def certificate_pdf_path(certificate, filename):
    return f"certificates/{certificate.verification_id}.pdf"


class Certificate(models.Model):
    """A learner's certificate for a course. Created pending together with the enrolment's
    completion; a worker renders the PDF, stores it and emails it, recording each step so a rerun
    resumes instead of repeating."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        RETRYING = "retrying", _("Waiting to retry")
        ISSUED = "issued", _("Issued")
        FAILED = "failed", _("Failed")
        REVOKED = "revoked", _("Revoked")
        WITHDRAWN = "withdrawn", _("Withdrawn at the holder's request")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="certificates"
    )
    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    verification_id = models.UUIDField(_("verification id"), default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(
        _("code"), max_length=14, unique=True, default=new_certificate_code, editable=False
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    # What the certificate says, fixed when the PDF is rendered (again on reissue).
    learner_name = models.CharField(_("name on the certificate"), max_length=200, blank=True)
    course_title = models.CharField(_("course title"), max_length=255, blank=True)
    completed_on = models.DateField(_("completed on"))
    course_hours = models.DecimalField(_("course hours"), max_digits=6, decimal_places=1, default=0)
    language = models.CharField(_("language"), max_length=8, default="pl")
    pdf = models.FileField(_("PDF"), storage=get_private_storage, upload_to=certificate_pdf_path, blank=True)
    # Each step of issuing, recorded as it is done.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    rendered_at = models.DateTimeField(_("PDF made"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    email_wanted = models.BooleanField(
        default=True, help_text="An email with the PDF is still to be sent (again after a resend)."
    )
    render_wanted = models.BooleanField(
        default=False, help_text="The PDF is to be made again (a reissue); the old one stays valid meanwhile."
    )
    last_batch = models.ForeignKey(
        "CertificateBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    reissued_at = models.DateTimeField(_("reissued"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="one_certificate_per_learner_course"),
            models.CheckConstraint(
                condition=~models.Q(state="revoked") | ~models.Q(revoked_reason=""),
                name="revoked_certificate_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["state", "updated_at"])]

    def __str__(self):
        return f"{self.code} – {self.learner_name or self.learner} – {self.course_title or self.course}"


# States after which nothing is made or sent any more.
ENDED_STATES = (Certificate.State.REVOKED, Certificate.State.WITHDRAWN)


class CertificateBatch(models.Model):
    """A coordinator's request to resend or reissue every certificate of a course, run by a
    Celery job; its progress is counted from the certificates themselves."""

    class Action(models.TextChoices):
        RESEND = "resend", _("Resend by email")
        REISSUE = "reissue", _("Reissue (make the PDF again) and send")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Queued every certificate")

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    total = models.PositiveIntegerField(_("certificates"), default=0)
    queued = models.PositiveIntegerField(_("queued"), default=0)

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} – {self.course}"

    def candidates(self):
        """The course's certificates the batch applies to."""
        return Certificate.objects.filter(course=self.course).exclude(state__in=ENDED_STATES)
