"""Admin views for coordinators: mark a course complete for a learner, with a reason; import a
live event's attendance report and match by hand the people it could not."""

from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses import services
from courses.access import forbidden, require_in_scope
from courses.models import Enrolment
from webinars.attendance import attendance_import, attendance_match
from webinars.models import Attendance, Registration

from .live_event_reports import IMPORT_ATTENDANCE, LIVE_EVENTS_PERMISSION, live_event_or_404
from .reports import COMPLETE_PERMISSION, can_be_completed

User = get_user_model()


class ManualCompletionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy(
            "Why the course counts as completed, e.g. “Took part in the on-site seminar on 12 May”. "
            "Kept with your name and the date, and shown in the reports."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Give the reason for marking the course complete.")},
    )


class ManualCompletionView(WagtailAdminTemplateMixin, TemplateView):
    """Mark a course complete for a learner, with a reason kept for the audit trail."""

    template_name = "courses/admin/manual_completion.html"
    page_title = gettext_lazy("Mark the course as completed")
    header_icon = "tick"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(COMPLETE_PERMISSION):
            return forbidden(request)
        self.enrolment = get_object_or_404(
            Enrolment.objects.select_related("learner", "course"), pk=kwargs["pk"]
        )
        require_in_scope(request.user, self.enrolment.course_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.enrolment.course.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ManualCompletionForm())
        context["enrolment"] = self.enrolment
        context["learner_name"] = self.enrolment.learner.get_display_name()
        context["completable"] = can_be_completed(self.enrolment.learner)
        context["back_url"] = reverse("report_learner", args=[self.enrolment.learner_id])
        return context

    def post(self, request, *args, **kwargs):
        form = ManualCompletionForm(request.POST)
        if form.is_valid():
            try:
                services.course_complete_manually(
                    enrolment_id=self.enrolment.pk, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error("reason", error)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            request,
            _("“%(course)s” is marked as completed for %(learner)s.")
            % {"course": self.enrolment.course.title, "learner": self.enrolment.learner.get_display_name()},
        )
        return redirect("report_learner", user_id=self.enrolment.learner_id)


class AttendanceReportForm(forms.Form):
    report = forms.FileField(
        label=gettext_lazy("Attendance report"),
        help_text=gettext_lazy(
            "Zoom: Participants (CSV). Microsoft Teams: the attendance report (.csv). ClickMeeting or any "
            "other tool: a CSV with the columns name, email, join time and leave time (in English or Polish)."
        ),
        error_messages={"required": gettext_lazy("Choose the report file.")},
    )
    # Reports carry no zone: their times are the downloader's clock.
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Times in the report are in"),
        choices=[
            ("Europe/Warsaw", gettext_lazy("Polish time")),
            ("UTC", "UTC"),
            ("Europe/London", gettext_lazy("British time (London)")),
            ("Europe/Kyiv", gettext_lazy("Ukrainian time (Kyiv)")),
            ("America/New_York", gettext_lazy("US Eastern time (New York)")),
        ],
        initial="Europe/Warsaw",
        required=False,
        help_text=gettext_lazy("The clock of the account that downloaded the report; usually Polish time."),
    )


class AttendanceMatchForm(forms.Form):
    """A row of the report matched by hand: to one of the event's registrations, or to a
    learner's account by its email. What may be matched is the service's to say."""

    registration = forms.ModelChoiceField(queryset=Registration.objects.all(), required=False)
    email = forms.EmailField(required=False)

    def clean(self):
        data = super().clean()
        registration, email = data.get("registration"), data.get("email")
        if self.errors:
            return data
        if registration and email:
            raise ValidationError(_("Choose a registration or give an email, not both."))
        if not registration and not email:
            raise ValidationError(_("Choose a registration or give a learner's email."))
        if email:
            data["user"] = User.objects.filter(email__iexact=email).order_by("-is_active", "pk").first()
            if data["user"] is None:
                raise ValidationError(_("No account has the email %(email)s.") % {"email": email})
        return data


class WebinarAttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """Import a live event's attendance report and see who was there, for how long, and who
    could not be matched to a registration or a learner; match those by hand."""

    template_name = "reporting/webinar_attendance.html"
    page_title = gettext_lazy("Attendance")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(LIVE_EVENTS_PERMISSION):
            return forbidden(request)
        if request.method != "GET" and not request.user.has_perm(IMPORT_ATTENDANCE):
            return forbidden(request)
        self.webinar = live_event_or_404(request.user, kwargs["webinar_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.webinar.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("report_live_events"), "label": _("Live events")},
            {"url": reverse("report_live_event", args=[self.webinar.pk]), "label": self.webinar.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def match_choices(self):
        """The event's active registrations for the match forms, those not yet on an attendance
        row first (one query, shared by every row's form)."""
        registrations = (
            Registration.objects.filter(webinar=self.webinar)
            .exclude(status=Registration.Status.CANCELLED)
            .annotate(on_a_row=Exists(Attendance.objects.filter(registration=OuterRef("pk"))))
            .only("name", "email", "status")
            .order_by("on_a_row", "name", "pk")
        )
        groups = {False: [], True: []}
        for registration in registrations:
            label = f"{registration.name} <{registration.email}>"
            if registration.status != Registration.Status.REGISTERED:
                label += f" ({registration.get_status_display()})"
            groups[registration.on_a_row].append((registration.pk, label))
        return [
            (group, options)
            for group, options in (
                (_("Not on any row yet"), groups[False]),
                (_("Already on another row"), groups[True]),
            )
            if options
        ]

    def get_context_data(self, match_form=None, match_row=None, **kwargs):
        context = super().get_context_data(**kwargs)
        can_import = self.request.user.has_perm(IMPORT_ATTENDANCE)
        context["can_import"] = can_import
        if can_import:
            context.setdefault("form", AttendanceReportForm())
        context["webinar"] = self.webinar
        attendances = list(
            self.webinar.attendances.select_related("user", "registration").order_by("-minutes", "name")
        )
        for attendance in attendances:
            attendance.matched = bool(attendance.user_id or attendance.registration_id)
            attendance.match_form = match_form if match_row == attendance.pk else None
        context["attendances"] = attendances
        context["unmatched_count"] = sum(1 for attendance in attendances if not attendance.matched)
        if can_import and context["unmatched_count"]:
            context["match_choices"] = self.match_choices()
        context["back_url"] = reverse("report_live_event", args=[self.webinar.pk])
        return context

    def post(self, request, *args, **kwargs):
        form = AttendanceReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = attendance_import(
                    webinar=self.webinar,
                    data=form.cleaned_data["report"].read(),
                    tz=ZoneInfo(form.cleaned_data["time_zone"] or "Europe/Warsaw"),
                )
            except ValidationError as error:
                form.add_error("report", error)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            request,
            _("Imported: %(people)s people, %(matched)s matched, %(unmatched)s not matched.")
            % {"people": result.people, "matched": result.matched, "unmatched": len(result.unmatched)},
        )
        return redirect("report_webinar_attendance", webinar_id=self.webinar.pk)


class AttendanceMatchView(WebinarAttendanceView):
    """Match one row of the event's attendance by hand (POST only); a refusal shows the
    attendance page again with the reason at the row, as 400."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        attendance = get_object_or_404(Attendance, pk=kwargs["attendance_id"], webinar=self.webinar)
        attendance.webinar = self.webinar
        form = AttendanceMatchForm(request.POST)
        if form.is_valid():
            try:
                attendance_match(
                    attendance=attendance,
                    registration=form.cleaned_data["registration"],
                    user=form.cleaned_data.get("user"),
                )
            except ValidationError as error:
                form.add_error(None, error)
        if not form.is_valid():
            context = self.get_context_data(match_form=form, match_row=attendance.pk)
            return self.render_to_response(context, status=400)
        person = attendance.user.get_display_name() if attendance.user else attendance.registration.name
        messages.success(
            request, _("“%(name)s” is matched to %(person)s.") % {"name": attendance.name, "person": person}
        )
        return redirect("report_webinar_attendance", webinar_id=self.webinar.pk)
