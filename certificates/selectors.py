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
