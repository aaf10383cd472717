"""The certificates' admin: their list (in the "Learning" menu), actions and course-wide jobs."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import (
    CertificateBatchMenuItem,
    CertificateBatchView,
    CertificateListPolicy,
    CertificateManageView,
)
from .models import Certificate
from .selectors import course_certificate_status

register_permission_policy(Certificate, CertificateListPolicy(Certificate))


@hooks.register("register_learning_menu_item")
def register_certificate_batches_menu_item():
    return CertificateBatchMenuItem(
        _("Resend or reissue"), reverse("certificate_batches"), icon_name="mail", order=1000
    )


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path("certificates/<id:pk>/manage/", CertificateManageView.as_view(), name="certificate_manage"),
        path("certificates/courses/", CertificateBatchView.as_view(), name="certificate_batches"),
    ]


@hooks.register("course_completion_notice")
def certificate_completion_notice(request, course, enrolment):
    """On the course page and the quiz result of a completed course: the certificate's state,
    refreshing itself while it is being made."""
    status = course_certificate_status(enrolment)
    if status["certificate"] is None:
        return ""
    context = {"course": course, **status}
    return render_to_string("certificates/includes/course_status.html", context, request=request)
