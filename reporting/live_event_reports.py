"""Live events for coordinators: per event, registrations (seats, the waiting list,
cancellations), attendance from the imported reports, the attendance rate and the minutes
attended; per event, its registrants and the same figures by organisation type and voivodeship.
Built as Wagtail report views with the CSV/XLSX exports of the other reports.

"Attended" counts registrants holding a seat who spent at least a minute in the meeting by the
imported report, so the rate (attended / registered) stays within 100%; people in the meeting
without a seat (not matched, or from the waiting list) are counted apart as "others present".
A coordinator limited to chosen courses sees only the events that are steps of their courses."""

from collections import defaultdict

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from accounts.models import OrganisationType, Voivodeship
from courses.access import course_scope, forbidden, scope_children_q
from courses.models import LessonPage
from elearning.paginator import CountedListingMixin, CountedPaginator
from webinars.models import WARSAW, Attendance, Registration, WebinarPage

from .reports import OneObjectReportMixin, StreamingExportMixin, heading, percent_display

LIVE_EVENTS_PERMISSION = "webinars.view_attendance"
IMPORT_ATTENDANCE = "webinars.add_attendance"
REGISTERED = Registration.Status.REGISTERED
NOT_GIVEN = _("not given")


def live_events_for(user):
    """The live events the user may report on: all of them, or for a coordinator limited to
    chosen courses, those that are a published lesson's live event in one of those courses."""
    events = WebinarPage.objects.filter(starts_at__isnull=False)
    if course_scope(user) is None:
        return events
    steps = LessonPage.objects.live().filter(scope_children_q(user), live_event__isnull=False)
    return events.filter(pk__in=steps.values("live_event"))


def live_event_or_404(user, webinar_id: int) -> WebinarPage:
    """The event, if the user may see it; 404 otherwise (its existence is not confirmed)."""
    return get_object_or_404(live_events_for(user), pk=webinar_id)


def registrations_counted(events):
    """Events annotated with their registrations by status (one join, counted per status)."""
    return events.annotate(
        registered_count=Count("registrations", filter=Q(registrations__status=REGISTERED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
        cancelled_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CANCELLED)),
    )


def rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def average(total, count):
    return round(total / count, 1) if count else None


def decorate_events(events) -> list:
    """Attendance figures of the events (annotated by `registrations_counted`), one query for
    all of them."""
    events = list(events)
    seat = Q(registration__status=REGISTERED)
    present = Q(minutes__gt=0)
    figures = {
        row["webinar"]: row
        for row in Attendance.objects.filter(webinar__in=[event.pk for event in events])
        .values("webinar")
        .annotate(
            attended=Count("registration", distinct=True, filter=present & seat),
            minutes_total=Coalesce(Sum("minutes", filter=present & seat), 0),
            others=Count("pk", filter=present & (Q(registration__isnull=True) | ~seat)),
        )
    }
    for event in events:
        row = figures.get(event.pk)
        event.imported = row is not None
        event.starts_display = date_format(timezone.localtime(event.starts_at, WARSAW), "j E Y, H:i")
        event.cancelled_display = gettext("yes") if event.cancelled else gettext("no")
        if not event.imported:
            # Nothing known yet: blank in the exports, not a rate of 0%.
            event.attended = event.others_present = event.minutes_total = None
            event.attendance_rate = event.minutes_average = None
            event.attended_display = gettext("not imported")
            event.attendance_rate_display = event.minutes_average_display = "—"
            event.minutes_total_display = event.others_present_display = "—"
            continue
        event.attended, event.others_present = row["attended"], row["others"]
        event.minutes_total = row["minutes_total"]
        event.attendance_rate = rate(event.attended, event.registered_count)
        event.minutes_average = average(event.minutes_total, event.attended)
        event.attended_display = event.attended
        event.minutes_total_display, event.others_present_display = event.minutes_total, event.others_present
        event.attendance_rate_display = percent_display(event.attendance_rate)
        event.minutes_average_display = (
            "—" if event.minutes_average is None else number_format(event.minutes_average)
        )
    return events


class LiveEventsPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(LIVE_EVENTS_PERMISSION):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class LiveEventReportView(LiveEventsPermissionMixin, StreamingExportMixin, CountedListingMixin, ReportView):
    """The base of the live event reports: permission checked, exports streamed."""


class LiveEventsPaginator(CountedPaginator):
    verbose_name_plural = _("Live events")  # not the model's "Webinars"


class LiveEventsFilterSet(WagtailFilterSet):
    starts_from = django_filters.DateFilter(
        label=_("Starting from"), field_name="starts_at", lookup_expr="date__gte", widget=AdminDateInput
    )
    starts_to = django_filters.DateFilter(
        label=_("Starting until"), field_name="starts_at", lookup_expr="date__lte", widget=AdminDateInput
    )

    class Meta:
        model = WebinarPage
        fields = []


class LiveEventsView(LiveEventReportView):
    """Every live event the coordinator may see, newest first: registered, waiting list,
    cancelled, attended, the attendance rate and the minutes attended."""

    page_title = _("Live events")
    header_icon = "date"
    index_url_name = "report_live_events"
    index_results_url_name = "report_live_events_results"
    results_template_name = "reporting/live_events_results.html"
    filterset_class = LiveEventsFilterSet
    paginator_class = LiveEventsPaginator
    paginate_by = 50

    @cached_property
    def columns(self):
        can_import = self.request.user.has_perm(IMPORT_ATTENDANCE)
        return [
            Column("starts_display", label=_("Starts")),
            TitleColumn(
                "title_display",
                label=_("Event"),
                get_url=lambda event: reverse("report_live_event", args=[event.pk]),
            ),
            Column("registered_count", label=_("Registered")),
            Column("waiting_count", label=heading(_("Waiting"), _("On the waiting list"))),
            Column("cancelled_count", label=heading(_("Cancelled"), _("Registrations cancelled"))),
            Column("attended_display", label=heading(_("Attended"), _("Registrants who attended"))),
            Column("attendance_rate_display", label=heading(_("Attendance %"), _("Attendance rate"))),
            Column("minutes_total_display", label=heading(_("Minutes"), _("Minutes attended, in total"))),
            Column(
                "minutes_average_display",
                label=heading(_("Avg. minutes"), _("Minutes attended, on average per attendee")),
            ),
            Column(
                "others_present_display",
                label=heading(_("Others"), _("Others present (not matched, or without a seat)")),
            ),
            Column("attendance_link", label=_("Attendance report") if can_import else _("Attendance")),
        ]

    list_export = [
        "starts_at",
        "title",
        "cancelled_display",
        "registered_count",
        "waiting_count",
        "cancelled_count",
        "attended",
        "attendance_rate",
        "minutes_total",
        "minutes_average",
        "others_present",
    ]
    export_headings = {
        "starts_at": _("Starts"),
        "title": _("Event"),
        "cancelled_display": _("Event cancelled"),
        "registered_count": _("Registered"),
        "waiting_count": _("On the waiting list"),
        "cancelled_count": _("Registrations cancelled"),
        "attended": _("Registrants who attended"),
        "attendance_rate": _("Attendance rate (%)"),
        "minutes_total": _("Minutes attended, in total"),
        "minutes_average": _("Minutes attended, on average per attendee"),
        "others_present": _("Others present (not matched, or without a seat)"),
    }

    def get_queryset(self):
        events = live_events_for(self.request.user).only("id", "title", "starts_at", "cancelled")
        return registrations_counted(events).order_by("-starts_at", "pk")

    def decorate_paginated_queryset(self, object_list):
        events = decorate_events(object_list)
        for event in events:
            event.title_display = (
                format_html("{} ({})", event.title, _("cancelled")) if event.cancelled else event.title
            )
            event.attendance_link = format_html(
                '<a href="{}">{}</a>',
                reverse("report_webinar_attendance", args=[event.pk]),
                _("Import and match") if not event.imported else _("Who was there"),
            )
        return events

    def get_filename(self):
        return "wydarzenia-na-zywo"


class RegistrantFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Registration.Status.choices)
    kind = django_filters.ChoiceFilter(
        label=_("Learner or guest"),
        choices=[("learner", _("learner")), ("guest", _("guest"))],
        method="filter_kind",
    )

    class Meta:
        model = Registration
        fields = ["status"]

    def filter_kind(self, queryset, name, value):
        return queryset.filter(user__isnull=value == "guest")


def minutes_attended():
    """A registration's minutes in the meeting, by the imported report (0 when none)."""
    return Coalesce(
        Subquery(
            Attendance.objects.filter(registration=OuterRef("pk"))
            .order_by()
            .values("registration")
            .annotate(total=Sum("minutes"))
            .values("total")[:1]
        ),
        0,
        output_field=IntegerField(),
    )


def breakdowns(webinar) -> dict:
    """Registered, attended, the rate and the minutes of an event's registrants holding a seat,
    by organisation type and by voivodeship (guests and learners who did not say under "not
    given"). One query."""
    groups = {field: defaultdict(lambda: [0, 0, 0]) for field in ("organisation_type", "voivodeship")}
    rows = (
        Registration.objects.filter(webinar=webinar, status=REGISTERED)
        .annotate(minutes=minutes_attended())
        .values_list("user__organisation_type", "user__voivodeship", "minutes")
    )
    for organisation_type, voivodeship, minutes in rows.iterator(chunk_size=2000):
        for field, value in (("organisation_type", organisation_type), ("voivodeship", voivodeship)):
            figures = groups[field][value or ""]
            figures[0] += 1
            if minutes > 0:
                figures[1] += 1
                figures[2] += minutes

    def table(field, choices):
        labels = [*choices, ("", NOT_GIVEN)]
        found = groups[field]
        return [
            {
                "label": label,
                "registered": found[value][0],
                "attended": found[value][1],
                "rate": percent_display(rate(found[value][1], found[value][0])),
                "minutes": found[value][2],
            }
            for value, label in labels
            if value in found
        ]

    return {
        "organisation_type": table("organisation_type", OrganisationType.choices),
        "voivodeship": table("voivodeship", Voivodeship.choices),
    }


class LiveEventView(OneObjectReportMixin, LiveEventReportView):
    """One live event: its figures, the same by organisation type and voivodeship, and its
    registrants with their status, join clicks and minutes attended."""

    header_icon = "date"
    index_url_name = "report_live_event"
    index_results_url_name = "report_live_event_results"
    parent_url_name = "report_live_events"
    parent_label = _("Live events")
    results_template_name = "reporting/live_event_results.html"
    filterset_class = RegistrantFilterSet
    paginate_by = 100

    @cached_property
    def columns(self):
        # Built per request: `heading` renders its labels in the request's language.
        return [
            Column("name", label=pgettext_lazy("person", "Name")),
            Column("email", label=_("Email")),
            Column("kind", label=_("Learner or guest")),
            Column("get_status_display", label=_("Status")),
            Column("registered_display", label=_("Registered at")),
            Column("organisation_type_display", label=_("Organisation type")),
            Column("voivodeship_display", label=_("Voivodeship")),
            Column("join_count", label=heading(_("Joins"), _("Join link clicks"))),
            Column("minutes", label=heading(_("Minutes"), _("Minutes attended"))),
        ]

    list_export = [
        "name",
        "email",
        "kind",
        "get_status_display",
        "created_at",
        "organisation_type_display",
        "voivodeship_display",
        "join_count",
        "minutes",
    ]
    export_headings = {
        "name": pgettext_lazy("person", "Name"),
        "email": _("Email"),
        "kind": _("Learner or guest"),
        "get_status_display": _("Status"),
        "created_at": _("Registered at"),
        "organisation_type_display": _("Organisation type"),
        "voivodeship_display": _("Voivodeship"),
        "join_count": _("Join link clicks"),
        "minutes": _("Minutes attended"),
    }

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(LIVE_EVENTS_PERMISSION):
            self.webinar = live_event_or_404(request.user, kwargs["webinar_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.webinar.title

    def get_page_subtitle(self):
        return _("Live event report")

    def report_object_id(self):
        return self.webinar.pk

    def get_queryset(self):
        return (
            Registration.objects.filter(webinar=self.webinar)
            .select_related("user")
            .only(
                "name",
                "email",
                "status",
                "created_at",
                "join_count",
                "user_id",
                "user__organisation_type",
                "user__voivodeship",
            )  # fmt: skip
            .annotate(minutes=minutes_attended())
            .order_by("created_at", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        registrations = list(object_list)
        for registration in registrations:
            user = registration.user
            registration.kind = gettext("learner") if user else gettext("guest")
            registration.registered_display = date_format(
                timezone.localtime(registration.created_at, WARSAW), "j E Y, H:i"
            )
            registration.organisation_type_display = (
                user.get_organisation_type_display() if user and user.organisation_type else ""
            )
            registration.voivodeship_display = (
                user.get_voivodeship_display() if user and user.voivodeship else ""
            )
        return registrations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        (event,) = decorate_events(registrations_counted(WebinarPage.objects.filter(pk=self.webinar.pk)))
        context["event"] = event
        context["breakdowns"] = breakdowns(self.webinar)
        context["attendance_url"] = reverse("report_webinar_attendance", args=[self.webinar.pk])
        return context

    def get_filename(self):
        return f"wydarzenie-{self.webinar.pk}-zapisani"
