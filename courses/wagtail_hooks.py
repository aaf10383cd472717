"""Admin for coordinators: a "Learning" menu with the certificates (states, actions) and the
course-wide resend and reissue jobs."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import CertificateBatchView, CertificateManageView
from .models import Certificate
from .reports import REPORTS_PERMISSION, CoursesOverviewView


class CertificateListPolicy(ModelPermissionPolicy):
    """Certificates are made by completion and changed only through their actions, never
    through a generic add, edit or delete form."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Certificate, CertificateListPolicy(Certificate))


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    url_prefix = "certificates"
    name = "certificates"
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "code",
            label=_("Code"),
            get_url=lambda certificate: reverse("certificate_manage", args=[certificate.pk]),
        ),
        "learner_name",
        "course_title",
        Column("get_state_display", label=_("State"), sort_key="state"),
        DateColumn("emailed_at", label=_("Emailed")),
        "last_error",
    ]
    list_filter = ["state", "course"]
    search_fields = ["code", "learner_name", "learner__email", "course_title"]
    form_fields = ["learner_name"]  # never shown: the policy allows no add or edit form
    ordering = ["-created_at"]


class CertificateBatchMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.change_certificate")


class LearningGroup(ViewSetGroup):
    """The "Learning" menu; other items join it through the `register_learning_menu_item` hook."""

    menu_label = _("Learning")
    menu_icon = "user"
    menu_order = 250
    submenu_hook = "register_learning_menu_item"
    items = [CertificateViewSet]


@hooks.register("register_learning_menu_item")
def register_certificate_batches_menu_item():
    return CertificateBatchMenuItem(
        _("Resend or reissue"), reverse("certificate_batches"), icon_name="mail", order=1000
    )


@hooks.register("register_admin_viewset")
def register_learning_menu():
    return LearningGroup()


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORTS_PERMISSION)


@hooks.register("register_learning_menu_item")
def register_courses_overview_menu_item():
    return ReportMenuItem(
        _("Courses overview"), reverse("report_courses_overview"), icon_name="table", order=10
    )


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path("reports/courses/", CoursesOverviewView.as_view(), name="report_courses_overview"),
        path(
            "reports/courses/results/",
            CoursesOverviewView.as_view(results_only=True),
            name="report_courses_overview_results",
        ),
        path("certificates/<int:pk>/manage/", CertificateManageView.as_view(), name="certificate_manage"),
        path("certificates/courses/", CertificateBatchView.as_view(), name="certificate_batches"),
    ]
