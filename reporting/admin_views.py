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
