"""Admin for coordinators: a "Learning" menu with the certificates (states, actions) and the
course-wide resend and reissue jobs."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import quiz_stats  # noqa: F401  (registers its own hooks)
from .access import scope_q
from .admin_views import CertificateBatchView, CertificateManageView, ManualCompletionView
from .models import Certificate, CoordinatorScope, CoursePage
from .reports import (
    CourseReportView,
    CoursesOverviewView,
    LearnerReportView,
    LearnersView,
    ReportMenuItem,
    report_paths,
)

User = get_user_model()


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


def scoped_courses(request):
    return CoursePage.objects.filter(scope_q(request.user)).order_by("title")


class CertificateFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(label=_("Course"), queryset=scoped_courses)

    class Meta:
        model = Certificate
        fields = ["state", "course"]


class CertificateIndexView(IndexView):
    """Only the certificates of the coordinator's courses."""

    def get_base_queryset(self):
        return super().get_base_queryset().filter(scope_q(self.request.user, "course"))


class CertificateViewSet(ModelViewSet):
    model = Certificate
    index_view_class = CertificateIndexView
    filterset_class = CertificateFilterSet
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
    search_fields = ["code", "learner_name", "learner__email", "course_title"]
    form_fields = ["learner_name"]  # never shown: the policy allows no add or edit form
    ordering = ["-created_at"]


class CoordinatorScopeForm(WagtailAdminModelForm):
    class Meta:
        model = CoordinatorScope
        fields = ["user", "courses"]
        widgets = {"courses": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(groups__name="Coordinators").order_by("email")
        self.fields["courses"].queryset = CoursePage.objects.order_by("title")


class CoordinatorScopeIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user").prefetch_related("courses")


class CoordinatorScopeViewSet(ModelViewSet):
    """Which courses a coordinator is limited to; for administrators (the model permissions)."""

    model = CoordinatorScope
    index_view_class = CoordinatorScopeIndexView
    icon = "lock"
    menu_label = _("Coordinators' courses")
    url_prefix = "coordinator-courses"
    name = "coordinator_scopes"
    form_fields = ["user", "courses"]
    list_display = ["user", "course_list"]
    ordering = ["user__email"]

    def get_form_class(self, for_update=False):
        return CoordinatorScopeForm


class CertificateBatchMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.change_certificate")


class LearningGroup(ViewSetGroup):
    """The "Learning" menu; other items join it through the `register_learning_menu_item` hook."""

    menu_label = _("Learning")
    menu_icon = "user"
    menu_order = 250
    submenu_hook = "register_learning_menu_item"
    items = [CertificateViewSet, CoordinatorScopeViewSet]


@hooks.register("register_learning_menu_item")
def register_certificate_batches_menu_item():
    return CertificateBatchMenuItem(
        _("Resend or reissue"), reverse("certificate_batches"), icon_name="mail", order=1000
    )


@hooks.register("register_admin_viewset")
def register_learning_menu():
    return LearningGroup()


@hooks.register("register_learning_menu_item")
def register_courses_overview_menu_item():
    return ReportMenuItem(
        _("Courses overview"), reverse("report_courses_overview"), icon_name="table", order=10
    )


@hooks.register("register_learning_menu_item")
def register_learners_menu_item():
    return ReportMenuItem(_("Learners"), reverse("report_learners"), icon_name="group", order=20)


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        *report_paths("reports/courses/", CoursesOverviewView, "report_courses_overview"),
        *report_paths("reports/courses/<id:course_id>/", CourseReportView, "report_course"),
        *report_paths("reports/learners/", LearnersView, "report_learners"),
        *report_paths("reports/learners/<id:user_id>/", LearnerReportView, "report_learner"),
        path(
            "reports/enrolments/<id:pk>/complete/", ManualCompletionView.as_view(), name="enrolment_complete"
        ),
        path("certificates/<id:pk>/manage/", CertificateManageView.as_view(), name="certificate_manage"),
        path("certificates/courses/", CertificateBatchView.as_view(), name="certificate_batches"),
    ]
