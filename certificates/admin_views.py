"""Admin views for coordinators: the certificates list, one certificate's details with resend,
reissue and revoke, and course-wide resend or reissue jobs with their progress."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from courses.access import forbidden, require_in_scope, scope_q
from courses.models import CoursePage
from elearning.paginator import CountedListingMixin

from . import services
from .models import Certificate, CertificateBatch

CHANGE = "certificates.change_certificate"


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
        elif certificate.state == Certificate.State.WITHDRAWN:
            messages.error(request, _("This certificate was withdrawn at its holder's request."))
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


class CertificateListPolicy(ModelPermissionPolicy):
    """Certificates are made by completion and changed only through their actions, never
    through a generic add, edit or delete form."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def scoped_courses(request):
    return CoursePage.objects.filter(scope_q(request.user)).order_by("title")


class CertificateFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(label=gettext_lazy("Course"), queryset=scoped_courses)

    class Meta:
        model = Certificate
        fields = ["state", "course"]


class CertificateIndexView(CountedListingMixin, IndexView):
    """Only the certificates of the coordinator's courses."""

    def get_base_queryset(self):
        return super().get_base_queryset().filter(scope_q(self.request.user, "course"))


class CertificateViewSet(ModelViewSet):
    model = Certificate
    index_view_class = CertificateIndexView
    filterset_class = CertificateFilterSet
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    url_prefix = "certificates"
    name = "certificates"
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "code",
            label=gettext_lazy("Code"),
            get_url=lambda certificate: reverse("certificate_manage", args=[certificate.pk]),
        ),
        "learner_name",
        "course_title",
        Column("get_state_display", label=gettext_lazy("State"), sort_key="state"),
        DateColumn("emailed_at", label=gettext_lazy("Emailed")),
        "last_error",
    ]
    search_fields = ["code", "learner_name", "learner__email", "course_title"]
    form_fields = ["learner_name"]  # never shown: the policy allows no add or edit form
    ordering = ["-created_at"]


class CertificateBatchMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(CHANGE)
