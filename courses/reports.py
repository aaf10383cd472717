"""Coordinator reports in the admin's "Learning" menu, built as Wagtail report views: filters,
a table, and CSV/XLSX exports with the filters applied."""

import statistics
from collections import defaultdict

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from elearning.accounts.models import OrganisationType, Voivodeship
from home.models import TopicArea

from .models import Certificate, CoursePage, Enrolment, QuizAttempt

REPORTS_PERMISSION = "courses.view_learning_reports"


class LearnerFilterSet(WagtailFilterSet):
    """Who is counted: enrolled in a date range, by organisation type, voivodeship and
    municipality. These narrow the learners counted, not the courses listed."""

    enrolled_from = django_filters.DateFilter(label=_("Enrolled from"), method="keep", widget=AdminDateInput)
    enrolled_to = django_filters.DateFilter(label=_("Enrolled until"), method="keep", widget=AdminDateInput)
    organisation_type = django_filters.ChoiceFilter(
        label=_("Organisation type"), choices=OrganisationType.choices, method="keep"
    )
    voivodeship = django_filters.ChoiceFilter(
        label=_("Voivodeship"), choices=Voivodeship.choices, method="keep"
    )
    municipality = django_filters.CharFilter(label=_("Municipality"), method="keep")

    def keep(self, queryset, name, value):
        return queryset

    def enrolment_q(self, prefix="") -> Q:
        """The chosen learners, as a condition on enrolments (reached through `prefix`)."""
        data = self.form.cleaned_data if self.is_valid() else {}
        q = Q()
        if data.get("enrolled_from"):
            q &= Q(**{f"{prefix}enrolled_at__date__gte": data["enrolled_from"]})
        if data.get("enrolled_to"):
            q &= Q(**{f"{prefix}enrolled_at__date__lte": data["enrolled_to"]})
        for field in ("organisation_type", "voivodeship"):
            if data.get(field):
                q &= Q(**{f"{prefix}learner__{field}": data[field]})
        if data.get("municipality"):
            q &= Q(**{f"{prefix}learner__municipality__iexact": data["municipality"].strip()})
        return q


class CoursesOverviewFilterSet(LearnerFilterSet):
    topic_area = django_filters.ModelChoiceFilter(label=_("Topic area"), queryset=TopicArea.objects.all())

    class Meta:
        model = CoursePage
        fields = ["topic_area"]


class ReportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORTS_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _count(queryset):
    return Coalesce(
        Subquery(queryset.order_by().values("course").annotate(n=Count("pk")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


class CoursesOverviewView(ReportPermissionMixin, ReportView):
    """Per course: enrolled, in progress, completed, completion rate, median days to complete,
    average best quiz score and certificates issued, for the learners the filters choose."""

    page_title = _("Courses overview")
    header_icon = "table"
    index_url_name = "report_courses_overview"
    index_results_url_name = "report_courses_overview_results"
    filterset_class = CoursesOverviewFilterSet
    paginate_by = 50
    columns = [
        Column("title", label=_("Course")),
        Column("enrolled", label=_("Enrolled")),
        Column("in_progress", label=_("In progress")),
        Column("completed", label=_("Completed the course")),
        Column("completion_rate_display", label=_("Completion rate")),
        Column("median_days_display", label=_("Median days to complete")),
        Column("average_best_display", label=_("Average best quiz score")),
        Column("certificates_issued", label=_("Certificates issued")),
    ]
    list_export = [
        "title",
        "enrolled",
        "in_progress",
        "completed",
        "completion_rate",
        "median_days",
        "average_best",
        "certificates_issued",
    ]
    export_headings = {
        "title": _("Course"),
        "enrolled": _("Enrolled"),
        "in_progress": _("In progress"),
        "completed": _("Completed the course"),
        "completion_rate": _("Completion rate (%)"),
        "median_days": _("Median days to complete"),
        "average_best": _("Average best quiz score (%)"),
        "certificates_issued": _("Certificates issued"),
    }

    def get_queryset(self):
        q = self.filters.enrolment_q() if self.filters else Q()
        enrolments = Enrolment.objects.filter(q, course=OuterRef("pk"))
        certificates = Certificate.objects.filter(
            self.filters.enrolment_q("enrolment__") if self.filters else Q(),
            course=OuterRef("pk"),
            state=Certificate.State.ISSUED,
        )
        return (
            CoursePage.objects.live()
            .only("id", "title", "path", "depth", "url_path")
            .annotate(
                enrolled=_count(enrolments),
                completed=_count(enrolments.filter(completed_at__isnull=False)),
                certificates_issued=_count(certificates),
            )
            .order_by("title")
        )

    def decorate_paginated_queryset(self, object_list):
        courses = list(object_list)
        ids = [course.pk for course in courses]
        q = self.filters.enrolment_q() if self.filters else Q()
        durations = defaultdict(list)
        for course_id, enrolled_at, completed_at in Enrolment.objects.filter(
            q, course__in=ids, completed_at__isnull=False
        ).values_list("course", "enrolled_at", "completed_at"):
            durations[course_id].append((completed_at - enrolled_at).total_seconds() / 86400)
        best = defaultdict(list)
        attempts = (
            QuizAttempt.objects.filter(self.filters.enrolment_q("enrolment__") if self.filters else Q())
            .filter(enrolment__course__in=ids, percent__isnull=False)
            .values("enrolment__course", "enrolment")
            .annotate(best=Max("percent"))
        )
        for row in attempts:
            best[row["enrolment__course"]].append(float(row["best"]))
        for course in courses:
            course.in_progress = course.enrolled - course.completed
            course.completion_rate = (
                round(100 * course.completed / course.enrolled, 1) if course.enrolled else None
            )
            days = durations.get(course.pk)
            course.median_days = round(statistics.median(days), 1) if days else None
            scores = best.get(course.pk)
            course.average_best = round(sum(scores) / len(scores), 1) if scores else None
            course.completion_rate_display = (
                "—" if course.completion_rate is None else f"{course.completion_rate}%"
            )
            course.median_days_display = "—" if course.median_days is None else course.median_days
            course.average_best_display = "—" if course.average_best is None else f"{course.average_best}%"
        return courses

    def get_filename(self):
        return "kursy-przeglad"
