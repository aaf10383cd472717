"""Learner endpoints: enrolment, progress saving, "mark as done", quiz attempts and My learning. Progress
endpoints speak JSON; every refusal carries a message in the learner's language."""

import json
import logging
from urllib.parse import unquote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from elearning import sql
from home.page_cache import cached

from . import grading, selectors, services
from .access import in_scope
from .models import CoursePage, LessonPage, QuizAttempt, QuizPage
from .quiz_forms import QuizAttemptForm

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024


@require_POST
def course_enrol(request, course_id):
    """Enrol in a course from its page; anonymous visitors go to log in and come back."""
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    if not request.user.is_authenticated:
        return redirect_to_login(unquote(course.url))
    services.enrolment_create(learner=request.user, course=course)
    messages.success(request, _("You are enrolled. Good luck!"))
    return redirect(course.url)


def _json_error(message, status):
    return JsonResponse({"error": str(message)}, status=status)


def _learner_lesson(request, payload):
    """The live lesson named in the payload, or a JsonResponse explaining why not."""
    if not request.user.is_authenticated:
        return None, _json_error(_("Log in to save your progress."), 403)
    lesson_id = payload.get("lesson")
    if not isinstance(lesson_id, int) or isinstance(lesson_id, bool):
        return None, _json_error(_("Say which lesson the progress is for."), 400)
    lesson = _live_step("lesson", lambda: LessonPage.objects.live().public(), lesson_id)
    if lesson is None:
        return None, _json_error(_("There is no such lesson."), 400)
    return lesson, None


def _live_step(kind, queryset, step_id):
    """The live lesson or quiz (from `queryset()`) with its course, and a lesson's video segments,
    from the page cache (which publishing and unpublishing empty): progress saves arrive every
    few seconds per learner, and quiz submissions in a rush at the end of a webinar."""

    def load():
        step = queryset().filter(pk=step_id).first()  # public() queries the restrictions
        if step is not None:
            step.prepare_for_cache()
        return step

    return cached(f"{kind}:{step_id}", load)


def _read_json(request):
    if len(request.body) > MAX_BODY_BYTES:
        raise ValidationError(_("The request is too large."))
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise ValidationError(_("The request is not valid JSON; it may have been cut off.")) from None
    if not isinstance(payload, dict):
        raise ValidationError(_("The request must be a JSON object."))
    return payload


def _progress_json(progress):
    return {
        "completed": progress.completed_at is not None,
        "position": progress.position,
        "watched_seconds": round(progress.watched_seconds, 1),
    }


@require_POST
def lesson_progress(request):
    """Save the position and the played ranges of a video segment (JSON)."""
    try:
        payload = _read_json(request)
    except ValidationError as error:
        return _json_error(error.messages[0], 400)
    lesson, refusal = _learner_lesson(request, payload)
    if refusal:
        return refusal
    try:
        progress = services.lesson_progress_record(
            learner=request.user,
            lesson=lesson,
            segment=payload.get("segment"),
            position=payload.get("position"),
            ranges=payload.get("ranges", []),
        )
    except ValidationError as error:
        return _json_error(error.messages[0], 400)
    except PermissionDenied as error:
        return _json_error(str(error), 403)
    return JsonResponse(_progress_json(progress))


@require_POST
def lesson_done(request, lesson_id):
    """ "Mark as done" for a lesson without video: a plain form post, so it works without JS."""
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    if not request.user.is_authenticated:
        return redirect_to_login(unquote(lesson.url))
    try:
        services.lesson_mark_done(learner=request.user, lesson=lesson)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(lesson.url)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(lesson.get_parent().url)
    messages.success(request, _("Lesson marked as done."))
    course = lesson.get_parent().specific
    state = selectors.course_state(request.user, course, course.syllabus())
    following = state.next_item
    return redirect(following.url if following else course.url)


@require_GET
@login_required
def my_learning(request):
    """The learner's courses: in progress with a continue link, and completed."""
    from .models import CourseIndexPage

    states = selectors.my_learning(request.user)
    catalogue_url = cached(
        f"catalogue-url:{get_language()}", lambda: getattr(CourseIndexPage.objects.live().first(), "url", "")
    )
    return render(
        request,
        "courses/my_learning.html",
        {
            "in_progress": [s for s in states if not s.is_complete],
            "completed": [s for s in states if s.is_complete],
            "certificates": selectors.my_certificates(request.user),
            "catalogue_url": catalogue_url,
        },
    )


def _quiz_refusal(request, quiz, message, status, retry_after=None):
    """The quiz page again, with the reason an action was refused, and the matching status."""
    response = quiz.render_with(request, refusal=message, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _message_page(request, message, status, *, title, quiz=None):
    """A page saying why a request was refused, with a way back."""
    context = {"message": message, "quiz": quiz, "title": title}
    return render(request, "courses/message.html", context, status=status)


def _quiz_message(request, message, status, quiz=None):
    return _message_page(request, message, status, title=_("Quiz"), quiz=quiz)


@require_http_methods(["GET", "POST"])
@never_cache
def quiz_attempt_start(request, quiz_id):
    """Start an attempt (or return to the one in progress) and go to its questions. A GET (the
    language switcher on a refusal shown at this address) goes to the quiz page."""
    quiz = get_object_or_404(QuizPage.objects.live().public(), pk=quiz_id)
    if request.method == "GET":
        return redirect(quiz.url)
    if not request.user.is_authenticated:
        return redirect_to_login(unquote(quiz.url))
    course = CoursePage.objects.get(path=quiz.path[: -QuizPage.steplen])
    if course.sequential:
        state = selectors.course_state(request.user, course, course.syllabus())
        if not state.is_open(quiz, True):
            return _quiz_refusal(request, quiz, _("Complete the earlier steps of the course first."), 403)
    try:
        services.quiz_attempt_start(learner=request.user, quiz=quiz)
    except services.QuizRefused as refusal:
        return _quiz_refusal(request, quiz, refusal.message, refusal.status, refusal.retry_after)
    except PermissionDenied as error:
        return _quiz_refusal(request, quiz, str(error), 403)
    return redirect(f"{quiz.url}#attempt-heading")


def _own_attempt(request, attempt_id):
    """The learner's own attempt, or None: another learner's id is as unknown as a made-up one.
    Its quiz comes from the page cache while live (with its course), like a progress save's
    lesson; the attempt is one plain query."""
    attempt = sql.select_one(QuizAttempt, "id = %s AND learner_id = %s", [attempt_id, request.user.pk])
    if attempt is not None:
        live = _live_step("quiz", QuizPage.objects.live, attempt.quiz_id)
        attempt.quiz = live or QuizPage.objects.get(pk=attempt.quiz_id)
    return attempt


@require_http_methods(["GET", "POST"])
@never_cache
def quiz_attempt_submit(request, attempt_id):
    """Check the answers, grade them on the server and record the result once. A GET (the
    language switcher on the form shown again with errors) goes back to the quiz page."""
    if not request.user.is_authenticated:
        return _quiz_message(request, _("Log in to take the quiz."), 403)
    attempt = _own_attempt(request, attempt_id)
    if attempt is None:
        return _quiz_message(request, _("There is no such quiz attempt of yours."), 404)
    if request.method == "GET":
        return redirect(attempt.quiz.url)
    if not attempt.quiz.live:
        return _quiz_message(request, _("This quiz is no longer available."), 404)
    if attempt.is_submitted:
        return _quiz_message(
            request, _("This attempt has already been submitted; its result is recorded."), 409, attempt.quiz
        )
    form = QuizAttemptForm(grading.public_questions(attempt.questions), request.POST)
    if not form.is_valid():
        return attempt.quiz.render_with(request, form=form, status=400)
    try:
        answers = grading.resolve_answers(attempt.questions, form.answers())
        services.quiz_attempt_submit(attempt=attempt, answers=answers)
    except services.AttemptAlreadySubmitted as refusal:
        return _quiz_message(request, refusal.message, refusal.status, attempt.quiz)
    except services.QuizRefused as refusal:
        return _quiz_refusal(request, attempt.quiz, refusal.message, refusal.status, refusal.retry_after)
    return redirect("quiz_attempt_result", attempt_id=attempt.pk)


@require_GET
@login_required
@never_cache
def quiz_attempt_result(request, attempt_id):
    """The result of a submitted attempt: score, passed or not, and feedback and correct
    answers as far as the quiz allows."""
    attempt = _own_attempt(request, attempt_id)
    if attempt is None or not attempt.is_submitted:
        return _quiz_message(request, _("There is no such quiz result of yours."), 404)
    quiz = attempt.quiz
    course = quiz.get_parent().specific  # kept with the quiz in the page cache
    syllabus = course.syllabus()
    state = selectors.course_state(request.user, course, syllabus)
    quiz_state = selectors.quiz_state(quiz, state)
    return render(
        request,
        "courses/quiz_result.html",
        {
            "attempt": attempt,
            "quiz": quiz_state,
            "page": quiz,
            "course": course,
            "learner": state,
            "review": selectors.attempt_review(
                attempt, feedback=quiz.show_feedback, answers=quiz_state.answers_visible
            ),
        },
    )


# Certificates ---------------------------------------------------------------------------------

CODE_LOOKUPS_PER_WINDOW = 20
CODE_LOOKUP_WINDOW_SECONDS = 600


def _client_key(request) -> str:
    """The visitor's address as allauth sees it (behind ALLAUTH_TRUSTED_PROXY_COUNT proxies);
    IPv6 addresses count by their /64 network, which one household or phone usually has."""
    import ipaddress

    from allauth.account.adapter import get_adapter

    address = get_adapter(request).get_client_ip(request) or ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _lookup_allowed(request) -> bool:
    """Guessing codes is slow: at most CODE_LOOKUPS_PER_WINDOW lookups by code per address in
    CODE_LOOKUP_WINDOW_SECONDS (a counter in the cache, which is Redis in production). With the
    cache down, lookups are refused rather than unlimited."""
    from django.core.cache import cache

    key = f"certificate-lookup:{_client_key(request)}"
    try:
        cache.add(key, 0, CODE_LOOKUP_WINDOW_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, CODE_LOOKUP_WINDOW_SECONDS)
            count = 1
    except Exception:  # noqa: BLE001 - the cache server is unreachable
        logger.warning("Certificate lookups refused: the cache is unreachable", exc_info=True)
        return False
    return count <= CODE_LOOKUPS_PER_WINDOW


@require_GET
def certificate_verify(request, verification_id):
    """The public verification page of one certificate: who, which course, when, and whether
    it is valid or revoked (with the date and reason)."""
    from .models import Certificate

    certificate = (
        Certificate.objects.filter(verification_id=verification_id).exclude(rendered_at__isnull=True).first()
    )
    if certificate is None:
        return render(request, "certificates/verify.html", {"not_found": True}, status=404)
    return render(request, "certificates/verify.html", {"certificate": certificate})


@require_GET
def certificate_lookup(request):
    """Find a certificate by the short code printed on it."""
    from .forms import CertificateCodeForm
    from .models import Certificate

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
    from django.http import FileResponse, Http404

    from .models import Certificate

    certificate = Certificate.objects.filter(verification_id=verification_id).first()
    allowed = certificate is not None and (
        certificate.learner_id == request.user.pk
        or (
            request.user.has_perm("courses.view_certificate")
            and in_scope(request.user, certificate.course_id)
        )
    )
    if not allowed:
        raise Http404
    if (
        not certificate.pdf
        or certificate.state == Certificate.State.REVOKED
        or not certificate.pdf.storage.exists(certificate.pdf.name)
    ):
        return _message_page(
            request, _("This certificate has no PDF to download."), 404, title=_("Certificate")
        )
    filename = _("certificate-%(code)s.pdf") % {"code": certificate.code}
    return FileResponse(
        certificate.pdf.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
