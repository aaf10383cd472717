"""Admin view for coordinators: mark a course complete for a learner, with a reason."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses import services
from courses.access import forbidden, require_in_scope
from courses.models import Enrolment

from .reports import COMPLETE_PERMISSION, can_be_completed


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


IMPORT_ATTENDANCE = "webinars.add_attendance"


class AttendanceReportForm(forms.Form):
    report = forms.FileField(
        label=gettext_lazy("Attendance report"),
        help_text=gettext_lazy("Zoom: Participants (CSV). Microsoft Teams: the attendance report (.csv)."),
        error_messages={"required": gettext_lazy("Choose the report file.")},
    )


class LiveEventsView(WagtailAdminTemplateMixin, TemplateView):
    """The live events, newest first, each with its registrations and imported attendance."""

    template_name = "reporting/live_events.html"
    page_title = gettext_lazy("Live events")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_ATTENDANCE):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Q

        from webinars.models import Registration, WebinarPage

        context = super().get_context_data(**kwargs)
        context["events"] = (
            WebinarPage.objects.filter(starts_at__isnull=False)
            .annotate(
                registered=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
                ),
                attended=Count("attendances", distinct=True),
            )
            .order_by("-starts_at")[:200]
        )
        return context


class WebinarAttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """Import a live event's attendance report and see who was there, for how long, and who
    could not be matched to a registration or a learner."""

    template_name = "reporting/webinar_attendance.html"
    page_title = gettext_lazy("Attendance")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        from webinars.models import WebinarPage

        if not request.user.has_perm(IMPORT_ATTENDANCE):
            return forbidden(request)
        self.webinar = get_object_or_404(WebinarPage, pk=kwargs["webinar_id"], starts_at__isnull=False)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.webinar.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", AttendanceReportForm())
        context["webinar"] = self.webinar
        context["attendances"] = self.webinar.attendances.select_related("user", "registration").order_by(
            "-minutes", "name"
        )
        context["back_url"] = reverse("report_live_events")
        return context

    def post(self, request, *args, **kwargs):
        from webinars.attendance import attendance_import

        form = AttendanceReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = attendance_import(webinar=self.webinar, data=form.cleaned_data["report"].read())
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
