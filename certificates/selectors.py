"""Reads of the certificates app."""

from django.db.models import F

from .models import Certificate


def my_certificates(learner) -> list:
    """The learner's certificates, newest first (one query)."""
    # The course's title only (a certificate keeps its own once rendered), not the whole page.
    certificates = Certificate.objects.filter(learner=learner).annotate(course_name=F("course__title"))
    return list(certificates.order_by("-created_at"))


def certificates_export(learner) -> list:
    """The learner's certificates, for their data export."""
    return [
        {
            "course": certificate.course_title or certificate.course_name,
            "code": certificate.code,
            "verification_id": certificate.verification_id,
            "state": certificate.state,
            "completed_on": certificate.completed_on,
            "emailed_at": certificate.emailed_at,
        }
        for certificate in my_certificates(learner)
    ]


WAITING_STATES = (Certificate.State.PENDING, Certificate.State.RETRYING)


def course_certificate_status(enrolment) -> dict:
    """The certificate of a completed enrolment as the course page shows it (one query):
    {"certificate": it or None, "waiting": whether it may still change by itself}. It is made in
    the completion's own transaction, so None means there is none to come (the course gave no
    certificate when it was completed)."""
    certificate = (
        Certificate.objects.filter(enrolment=enrolment)
        .only("state", "rendered_at", "emailed_at", "verification_id", "enrolment_id")
        .first()
    )
    waiting = certificate is not None and certificate.state in WAITING_STATES
    return {"certificate": certificate, "waiting": waiting}
