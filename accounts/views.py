"""The learner's own account pages: "My account" (the profile), the data export and account
deletion. Sign-up, log-in, email and password pages are allauth's."""

import json

from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .forms import AccountDeleteForm, LearnerProfileForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """My account: the learner edits their profile and finds the email, password, export and
    deletion pages."""
    if request.method == "POST":
        form = LearnerProfileForm(request.POST, user=request.user)
        if form.is_valid():
            services.learner_profile_update(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    else:
        form = LearnerProfileForm(user=request.user)
    return render(request, "accounts/profile.html", {"form": form})


@never_cache
@login_required
@require_GET
def data_export(request):
    """Everything the platform holds about the learner, as a JSON file to download."""
    data = services.learner_data_export(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"cams-elearning-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@sensitive_post_parameters("password")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Deleting the account: explains what goes and what stays, then asks for the password."""
    user = request.user
    allowed = not services.has_staff_role(user)
    form = AccountDeleteForm(user=user)
    status = 200
    if request.method == "POST":
        if not allowed:
            status = 403
        else:
            # The same limit as allauth's re-authentication: the password cannot be guessed
            # through this form faster than through allauth's own.
            limited = consume_or_429(request, action="reauthenticate", user=user)
            if limited:
                return limited
            form = AccountDeleteForm(request.POST, user=user)
            if form.is_valid():
                services.learner_account_delete(user=user)
                logout(request)
                messages.success(request, _("Your account has been deleted."))
                return redirect(reverse("wagtail_serve", args=[""]))
    return render(request, "accounts/delete.html", {"form": form, "allowed": allowed}, status=status)
