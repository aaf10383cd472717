"""The admin's "Learning" menu for coordinators: reports, the certificates (from their app),
which courses a coordinator is limited to, manual completion, and live events (registrations,
attendance and its import)."""

from django import forms
from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.admin_views import CertificateViewSet
from courses.models import CoordinatorScope, CoursePage
from elearning.paginator import CountedListingMixin

from . import quiz_stats  # noqa: F401  (registers its own hooks)
from .admin_views import AttendanceMatchView, ManualCompletionView, WebinarAttendanceView
from .live_event_reports import LIVE_EVENTS_PERMISSION, LiveEventsView, LiveEventView
from .reports import (
    CourseReportView,
    CoursesOverviewView,
    LearnerReportView,
    LearnersView,
    ReportMenuItem,
    report_paths,
)

User = get_user_model()


@hooks.register("insert_global_admin_css")
def report_tables_css():
    """The reports' tables scroll inside their box, with the first column in view."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin_reports.css"))


class CoordinatorScopeForm(WagtailAdminModelForm):
    class Meta:
        model = CoordinatorScope
        fields = ["user", "courses"]
        widgets = {"courses": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(groups__name="Coordinators").order_by("email")
        self.fields["courses"].queryset = CoursePage.objects.order_by("title")


class CoordinatorScopeIndexView(CountedListingMixin, IndexView):
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


class LearningGroup(ViewSetGroup):
    """The "Learning" menu; other items join it through the `register_learning_menu_item` hook."""

    menu_label = _("Learning")
    menu_icon = "user"
    menu_order = 250
    submenu_hook = "register_learning_menu_item"
    items = [CertificateViewSet, CoordinatorScopeViewSet]


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
def register_report_admin_urls():
    return [
        *report_paths("reports/courses/", CoursesOverviewView, "report_courses_overview"),
        *report_paths("reports/courses/<id:course_id>/", CourseReportView, "report_course"),
        *report_paths("reports/learners/", LearnersView, "report_learners"),
        *report_paths("reports/learners/<id:user_id>/", LearnerReportView, "report_learner"),
        *report_paths("reports/live-events/", LiveEventsView, "report_live_events"),
        *report_paths("reports/live-events/<id:webinar_id>/", LiveEventView, "report_live_event"),
        path(
            "reports/live-events/<id:webinar_id>/attendance/",
            WebinarAttendanceView.as_view(),
            name="report_webinar_attendance",
        ),
        path(
            "reports/live-events/<id:webinar_id>/attendance/<id:attendance_id>/match/",
            AttendanceMatchView.as_view(),
            name="report_attendance_match",
        ),
        path(
            "reports/enrolments/<id:pk>/complete/", ManualCompletionView.as_view(), name="enrolment_complete"
        ),
    ]


class LiveEventsMenuItem(ReportMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(LIVE_EVENTS_PERMISSION)


@hooks.register("register_learning_menu_item")
def register_live_events_menu_item():
    return LiveEventsMenuItem(_("Live events"), reverse("report_live_events"), icon_name="date", order=30)
