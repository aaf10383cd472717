"""Public certificate pages: verification by the QR code's address or the printed code, and the
PDF for its learner and coordinators."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from courses.access import in_scope
from courses.models import Enrolment
from elearning.ratelimit import within_limit
from elearning.storage import private_file_response

from .forms import CertificateCodeForm
from .models import ENDED_STATES, Certificate
from .selectors import course_certificate_status

CODE_LOOKUPS_PER_WINDOW = 20
CODE_LOOKUP_WINDOW_SECONDS = 600


def _lookup_allowed(request) -> bool:
    """Guessing codes is slow: at most CODE_LOOKUPS_PER_WINDOW lookups by code per address in
    CODE_LOOKUP_WINDOW_SECONDS; the codes' 60 random bits make guessing hopeless anyway."""
    return within_limit(
        request, "certificate-lookup", limit=CODE_LOOKUPS_PER_WINDOW, window=CODE_LOOKUP_WINDOW_SECONDS
    )


@require_GET
def certificate_verify(request, verification_id):
    """The public verification page of one certificate: who, which course, when, and whether
    it is valid or revoked (with the date and reason)."""
    certificate = (
        Certificate.objects.filter(verification_id=verification_id).exclude(rendered_at__isnull=True).first()
    )
    if certificate is None:
        return render(request, "certificates/verify.html", {"not_found": True}, status=404)
    return render(request, "certificates/verify.html", {"certificate": certificate})


@require_GET
def certificate_lookup(request):
    """Find a certificate by the short code printed on it."""
    form = CertificateCodeForm(request.GET or None)
    context = {"form": form}
    if not form.is_bound:
        return render(request, "certificates/lookup.html", context)
    if not _lookup_allowed(request):
        context["refusal"] = _("Too many lookups from your address. Try again in a few minutes.")
        response = render(request, "certificates/lookup.html", context, status=429)
        response["Retry-After"] = str(CODE_LOOKUP_WINDOW_SECONDS)
        return response
    if not form.is_valid():
        return render(request, "certificates/lookup.html", context, status=400)
    certificate = (
        Certificate.objects.filter(code=form.cleaned_data["code"]).exclude(rendered_at__isnull=True).first()
    )
    if certificate is None:
        context["not_found"] = True
        return render(request, "certificates/lookup.html", context, status=404)
    return redirect("certificate_verify", verification_id=certificate.verification_id)


@require_GET
@login_required
@never_cache
def certificate_pdf(request, verification_id):
    """The certificate's PDF, for its learner and for coordinators only."""

    certificate = Certificate.objects.filter(verification_id=verification_id).first()
    allowed = certificate is not None and (
        certificate.learner_id == request.user.pk
        or (
            request.user.has_perm("certificates.view_certificate")
            and in_scope(request.user, certificate.course_id)
        )
    )
    if not allowed:
        raise Http404
    if (
        not certificate.pdf
        or certificate.state in ENDED_STATES
        or not certificate.pdf.storage.exists(certificate.pdf.name)
    ):
        context = {"message": _("This certificate has no PDF to download."), "title": _("Certificate")}
        return render(request, "courses/message.html", context, status=404)
    filename = _("certificate-%(code)s.pdf") % {"code": certificate.code}
    return private_file_response(certificate.pdf, filename=filename, content_type="application/pdf")


@never_cache
@require_GET
def certificate_status(request, course_id):
    """The state of the visitor's certificate for a course they completed (JSON, for the course
    page to refresh itself): {"html": the status text, "waiting": whether it may still change}."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Log in to see your certificate.")}, status=403)
    enrolment = (
        Enrolment.objects.filter(learner=request.user, course_id=course_id, completed_at__isnull=False)
        .select_related("course")
        .first()
    )
    if enrolment is None:
        return JsonResponse({"error": _("You have not completed this course.")}, status=404)
    status = course_certificate_status(enrolment)
    html = ""
    if status["certificate"] is not None:
        context = {"course": enrolment.course, **status}
        html = render_to_string("certificates/includes/course_status_text.html", context, request=request)
    return JsonResponse({"html": html.strip(), "waiting": status["waiting"]})
