"""The learners' side of live events: registering (a learner in one click, a guest by name and
email), the emailed links to confirm and to cancel (each asks for a click, so that mail scanners
that open links change nothing), and the personal join link."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from elearning.ratelimit import within_limit

from . import live_events
from .forms import GuestRegistrationForm
from .models import Registration, WebinarPage

GUEST_REGISTRATIONS_PER_HOUR = 10


def _webinar(webinar_id) -> WebinarPage:
    webinar = WebinarPage.objects.live().public().filter(pk=webinar_id).first()
    if webinar is None or not webinar.is_live_event:
        raise Http404
    return webinar


def _registration_page(request, webinar, *, form=None, error="", status=200):
    registration = None
    if request.user.is_authenticated:
        registration = live_events.registration_of(request.user, webinar)
    taken = webinar.registrations.filter(status=Registration.Status.REGISTERED).count()
    context = {
        "webinar": webinar,
        "registration": registration,
        "form": form or GuestRegistrationForm(),
        "error": error,
        "open": webinar.is_open_for_registration(),
        "seats_left": None if webinar.seat_limit is None else max(0, webinar.seat_limit - taken),
        "starts_at": webinar.starts_at,
    }
    return render(request, "webinars/registration.html", context, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def webinar_register(request, webinar_id):
    webinar = _webinar(webinar_id)
    if request.method == "GET":
        return _registration_page(request, webinar)
    language = translation.get_language() or "pl"
    if request.user.is_authenticated:
        try:
            live_events.registration_create(webinar=webinar, user=request.user, language=language)
        except ValidationError as error:
            return _registration_page(request, webinar, error=error.messages[0], status=409)
        # Registered from a course's step: back to the step, which shows the place.
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return HttpResponseRedirect(back)
        return redirect("webinar_register", webinar_id=webinar.pk)
    form = GuestRegistrationForm(request.POST)
    if not form.is_valid():
        return _registration_page(request, webinar, form=form, status=400)
    if not within_limit(
        request, "webinar-guest-registration", limit=GUEST_REGISTRATIONS_PER_HOUR, window=3600
    ):
        error = _("Too many registrations from your address. Try again in an hour.")
        response = _registration_page(request, webinar, form=form, error=error, status=429)
        response["Retry-After"] = "3600"
        return response
    try:
        registration = live_events.registration_create(
            webinar=webinar, language=language, **form.cleaned_data
        )
    except ValidationError as error:
        return _registration_page(request, webinar, form=form, error=error.messages[0], status=409)
    context = {"webinar": webinar, "email": registration.email}
    return render(request, "webinars/registration_sent.html", context)


def _by_token(token) -> Registration:
    registration = Registration.objects.select_related("webinar").filter(token=token).first()
    if registration is None:
        raise Http404
    return registration


@require_http_methods(["GET", "POST"])
@never_cache
def registration_confirm(request, token):
    registration = _by_token(token)
    if request.method == "POST" and registration.status == Registration.Status.PENDING:
        try:
            registration = live_events.registration_confirm(token=token)
        except ValidationError as error:
            return _action_page(request, registration, "confirm", error=error.messages[0], status=409)
    return _action_page(request, registration, "confirm")


@require_http_methods(["GET", "POST"])
@never_cache
def registration_cancel(request, token):
    registration = _by_token(token)
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        registration = live_events.registration_cancel(registration=registration)
        messages.success(request, _("Your registration has been cancelled."))
    return _action_page(request, registration, "cancel")


def _action_page(request, registration, action, *, error="", status=200):
    context = {
        "registration": registration,
        "webinar": registration.webinar,
        "action": action,
        "error": error,
    }
    return render(request, "webinars/registration_action.html", context, status=status)


@require_http_methods(["GET"])
@never_cache
def webinar_join(request, token):
    registration = _by_token(token)
    try:
        return HttpResponseRedirect(live_events.registration_join(token=token))
    except PermissionDenied as error:
        return _join_page(request, registration, str(error), 403)
    except ValidationError as error:
        return _join_page(
            request, registration, error.messages[0], 409 if registration.webinar.is_upcoming() else 410
        )


def _join_page(request, registration, message, status):
    context = {"registration": registration, "webinar": registration.webinar, "message": message}
    return render(request, "webinars/join_closed.html", context, status=status)
