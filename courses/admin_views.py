"""Admin views for coordinators: one certificate's details with resend, reissue and revoke, and
course-wide resend or reissue jobs with their progress."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import certificates as services
from .access import require_in_scope, scope_q
from .models import Certificate, CertificateBatch, CoursePage, Enrolment
from .reports import COMPLETE_PERMISSION, can_be_completed, forbidden, learner_label

CHANGE = "courses.change_certificate"


class CoordinatorView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason for revoking the certificate.")},
    )


class NameForm(forms.Form):
    learner_name = forms.CharField(label=gettext_lazy("Name on the certificate"), max_length=200)


class CertificateManageView(CoordinatorView):
    """A certificate's state and steps, with its actions."""

    template_name = "courses/admin/certificate_manage.html"
    page_title = gettext_lazy("Certificate")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("learner", "course"), pk=kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(CHANGE):
            require_in_scope(request.user, self.certificate.course_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.certificate.code

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("revoke_form", RevokeForm())
        context.setdefault("name_form", NameForm(initial={"learner_name": self.certificate.learner_name}))
        context["certificate"] = self.certificate
        context["index_url"] = reverse("certificates:index")
        return context

    def post(self, request, *args, **kwargs):
        certificate = self.certificate
        action = request.POST.get("action")
        if certificate.state == Certificate.State.REVOKED:
            messages.error(request, _("This certificate is revoked."))
        elif action == "resend":
            services.certificate_resend(certificate=certificate)
            messages.success(request, _("The certificate will be emailed again."))
        elif action == "reissue":
            form = NameForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(name_form=form), status=400)
            services.certificate_reissue(
                certificate=certificate, learner_name=form.cleaned_data["learner_name"]
            )
            messages.success(request, _("The certificate will be made again and emailed."))
        elif action == "revoke":
            form = RevokeForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(revoke_form=form), status=400)
            try:
                services.certificate_revoke(certificate=certificate, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error("reason", error)
                return self.render_to_response(self.get_context_data(revoke_form=form), status=400)
            messages.success(request, _("The certificate is revoked."))
        else:
            messages.error(request, _("Choose an action."))
        return redirect("certificate_manage", pk=certificate.pk)


class BatchForm(forms.Form):
    course = forms.ModelChoiceField(label=gettext_lazy("Course"), queryset=CoursePage.objects.none())
    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=CertificateBatch.Action.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.filter(scope_q(user)).order_by("title")


class CertificateBatchView(CoordinatorView):
    """Resend or reissue every certificate of a course, and the jobs with their progress."""

    template_name = "courses/admin/certificate_batches.html"
    page_title = gettext_lazy("Resend or reissue a course's certificates")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", BatchForm(user=self.request.user))
        batches = services.certificate_batches_with_progress(where=scope_q(self.request.user, "course"))
        context["batches"] = batches
        context["running"] = any(
            batch.state != CertificateBatch.State.DONE or batch.pending for batch in batches
        )
        context["index_url"] = reverse("certificates:index")
        return context

    def post(self, request, *args, **kwargs):
        form = BatchForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        batch = services.certificate_batch_create(
            course=form.cleaned_data["course"], action=form.cleaned_data["action"], requested_by=request.user
        )
        messages.success(
            request,
            _("%(action)s: %(count)d certificates of “%(course)s” queued.")
            % {"action": batch.get_action_display(), "count": batch.total, "course": batch.course.title},
        )
        return redirect("certificate_batches")


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
        context["learner_name"] = learner_label(self.enrolment.learner)
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
            % {"course": self.enrolment.course.title, "learner": learner_label(self.enrolment.learner)},
        )
        return redirect("report_learner", user_id=self.enrolment.learner_id)
