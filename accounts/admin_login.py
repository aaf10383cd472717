"""The Wagtail admin's login, guarded as the learners' one is: every attempt goes through
allauth (its rate limits: attempts per address per minute, failed attempts per account, counted
under the account's email, so both doors share one count), and only people who may use the
admin are let in. A learner who types their password here is told where to log in, and no
session is made."""

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.views.account import LoginView


class AdminLoginForm(LoginForm):
    """Wagtail's login form (username or email and password) through allauth's guard."""

    error_messages = {
        **LoginForm.error_messages,
        "no_admin_access": _(
            "This account cannot use the administration. Learners log in on the site: %(url)s"
        ),
        "too_many_attempts": _("Too many login attempts. Try again in a few minutes."),
    }

    def clean(self):
        identifier = (self.cleaned_data.get("username") or "").strip()
        password = self.cleaned_data.get("password")
        if not identifier or not password:
            return self.cleaned_data
        if not ratelimit.consume(self.request, action="login"):
            raise self.too_many()
        known = (
            get_user_model()
            .objects.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier))
            .only("username", "email")
            .first()
        )
        # Counted under the account's email, as allauth counts the learners' door.
        credentials = {"email": known.email} if known and known.email else {"username": identifier}
        try:
            user = get_adapter(self.request).authenticate(self.request, password=password, **credentials)
        except forms.ValidationError:  # allauth's "too many failed attempts"
            raise self.too_many() from None
        if user is None:
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(user)
        if not user.has_perm("wagtailadmin.access_admin"):
            raise forms.ValidationError(
                self.error_messages["no_admin_access"],
                code="no_admin_access",
                params={"url": self.request.build_absolute_uri(reverse("account_login"))},
            )
        self.user_cache = user
        return self.cleaned_data

    def too_many(self):
        return forms.ValidationError(self.error_messages["too_many_attempts"], code="too_many_attempts")


class AdminLoginView(LoginView):
    """Wagtail's login view with the guarded form; refused for too many attempts, it answers 429."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", "too_many_attempts"):
            response.status_code = 429
        return response

    def get_form_class(self):
        return AdminLoginForm
