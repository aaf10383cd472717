"""Learner endpoints: enrolment, progress saving, "mark as done" and quiz attempts. Progress
endpoints speak JSON; every refusal carries a message in the learner's language."""

import logging
from urllib.parse import unquote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import grading, payloads, selectors, services
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


# What a progress save needs of its lesson: its place in the tree, its body (the video segments)
# and what Wagtail's cache key is made of. Progress saves come every few seconds per learner.
_PROGRESS_LESSON_FIELDS = ("id", "path", "depth", "url_path", "last_published_at", "live", "title", "body")


def _progress_json(progress):
    return {
        "completed": progress.completed_at is not None,
        "position": progress.position,
        "watched_seconds": round(progress.watched_seconds, 1),
    }


@require_POST
def lesson_progress(request):
    """Save the position and the played ranges of a video segment (JSON, checked by the schema
    in courses.payloads)."""
    if not request.user.is_authenticated:
        return _json_error(_("Log in to save your progress."), 403)
    if len(request.body) > MAX_BODY_BYTES:
        return _json_error(_("The request is too large."), 400)
    try:
        payload = payloads.progress_save(request.body)
    except payloads.PayloadError as error:
        return _json_error(error, 400)
    lessons = LessonPage.objects.live().public().only(*_PROGRESS_LESSON_FIELDS)
    lesson = lessons.filter(pk=payload.lesson).first()
    if lesson is None:
        return _json_error(_("There is no such lesson."), 400)
    try:
        progress = services.lesson_progress_record(
            learner=request.user,
            lesson=lesson,
            segment=payload.segment,
            position=payload.position,
            ranges=[list(pair) for pair in payload.ranges],
        )
    except ValidationError as error:
        return _json_error(error.messages[0], 400)
    except PermissionDenied as error:
        return _json_error(str(error), 403)
    return JsonResponse(_progress_json(progress))


@require_POST
def lesson_done(request, lesson_id):
    """ "Mark as done" for a lesson without video, or for a video lesson read instead (`without_video`,
    where the course allows it): a plain form post, so it works without JS."""
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    if not request.user.is_authenticated:
        return redirect_to_login(unquote(lesson.url))
    try:
        without_video = request.POST.get("without_video") == "1"
        progress = services.lesson_mark_done(learner=request.user, lesson=lesson, without_video=without_video)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(lesson.url)
    except PermissionDenied as error:  # not enrolled, or a step still locked
        return _message_page(request, str(error), 403, title=lesson.title, back=lesson.course)
    without = progress.completed_without_video
    done = _("Lesson marked as done without the video.") if without else _("Lesson marked as done.")
    messages.success(request, done)
    course = lesson.course
    state = selectors.course_state(request.user, course, course.syllabus())
    following = state.next_item
    return redirect(following.url if following else course.url)


def _quiz_refusal(request, quiz, message, status, retry_after=None):
    """The quiz page again, with the reason an action was refused, and the matching status."""
    response = quiz.render_with(request, refusal=message, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _message_page(request, message, status, *, title, back=None):
    """A page saying why a request was refused, with a way back (to `back`, a page, or to My
    learning)."""
    context = {"message": message, "back": back, "title": title}
    return render(request, "courses/message.html", context, status=status)


def _quiz_message(request, message, status, quiz=None):
    return _message_page(request, message, status, title=_("Quiz"), back=quiz)


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
    try:
        services.quiz_attempt_start(learner=request.user, quiz=quiz)
    except services.QuizRefused as refusal:
        return _quiz_refusal(request, quiz, refusal.message, refusal.status, refusal.retry_after)
    except PermissionDenied as error:
        return _quiz_refusal(request, quiz, str(error), 403)
    return redirect(f"{quiz.url}#attempt-heading")


def _own_attempt(request, attempt_id):
    """The learner's own attempt with its quiz, or None: another learner's id is as unknown as a
    made-up one."""
    attempts = QuizAttempt.objects.select_related("quiz")
    return attempts.filter(pk=attempt_id, learner_id=request.user.pk).first()


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
    course = quiz.course
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
