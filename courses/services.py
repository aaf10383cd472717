"""Writes of the courses app: enrolment, lesson progress and quiz attempts. Safe under double clicks, retries
and two open tabs: unique constraints, row locks, conditional updates (a progress save stores its
merge only over the revision it read), and played ranges are merged, never replaced."""

import contextlib
import datetime
import math
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from elearning import sql

from . import grading
from .models import CoursePage, Enrolment, LessonPage, LessonProgress, QuizAttempt, QuizPage
from .selectors import enrolment_with_progress

# Positions beyond the end of a recording by more than this are absurd, not rounding.
_TOLERANCE_SECONDS = 5.0
MAX_RANGES = 500


def enrolment_create(*, learner, course: CoursePage) -> Enrolment:
    """Enrol the learner in the course; enrolling again returns the same enrolment."""
    try:
        with transaction.atomic():
            enrolment, _created = Enrolment.objects.get_or_create(learner=learner, course=course)
    except IntegrityError:  # the same click arrived twice at once
        enrolment = Enrolment.objects.get(learner=learner, course=course)
    return enrolment


def merge_ranges(ranges):
    """Union of [start, end] ranges, sorted and without overlaps."""
    merged = []
    for start, end in sorted((float(a), float(b)) for a, b in ranges if b > a):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _clean_ranges(ranges, start, end):
    """Validate ranges sent by the browser and clip them to the segment."""
    if not isinstance(ranges, list) or len(ranges) > MAX_RANGES:
        raise ValidationError(
            _("The played ranges must be a list of at most %(max)s pairs.") % {"max": MAX_RANGES}
        )
    clipped = []
    for item in ranges:
        if (
            not isinstance(item, list | tuple)
            or len(item) != 2
            or not all(
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in item
            )
        ):
            raise ValidationError(_("Each played range must be a pair of numbers of seconds."))
        a, b = item
        if a < 0 or b < a or b > end + _TOLERANCE_SECONDS:
            raise ValidationError(_("A played range lies outside the recording."))
        a, b = max(a, start), min(b, end)
        if b > a:
            clipped.append([a, b])
    return clipped


def _enrolment_for(learner, item: Page, message=None) -> Enrolment:
    """The learner's enrolment in the course of a quiz, in one query (the course is the item's
    parent, found by its tree path)."""
    enrolment = Enrolment.objects.filter(
        learner_id=learner.pk, course__path=item.path[: -Page.steplen]
    ).first()
    if enrolment is None:
        raise PermissionDenied(message or _("Enrol in the course to save your progress."))
    return enrolment


def lesson_progress_record(*, learner, lesson: LessonPage, segment: str, position, ranges) -> LessonProgress:
    """Store where the learner is in a video segment and what they really played, merging with
    what is saved; complete the lesson once the played share reaches the course's threshold.

    A video saves every few seconds per learner, so a save takes no lock: it reads the enrolment
    and the progress row in one query and writes the merged row only if no other save changed
    it meanwhile (its `revision`), else reads again. Two tabs therefore lose nothing, and after
    a few collisions in a row the save waits for the row's lock instead."""
    segments = lesson.video_segments()
    if segment not in segments:
        raise ValidationError(_("This video segment is not part of the lesson."))
    start, end = segments[segment]
    if (
        not isinstance(position, int | float)
        or isinstance(position, bool)
        or not math.isfinite(position)
        or position < 0
        or position > end + _TOLERANCE_SECONDS
    ):
        raise ValidationError(_("The position must be a number of seconds within the recording."))
    clipped = _clean_ranges(ranges, start, end)
    course = lesson.get_parent().specific  # kept with the lesson in the page cache
    for attempt in range(_OPTIMISTIC_TRIES + 1):
        locked = attempt == _OPTIMISTIC_TRIES
        with transaction.atomic() if locked else contextlib.nullcontext():
            progress = _progress_for(learner, lesson, course, lock=locked)
            now = timezone.now()
            newly_completed = _merge(progress, segments, segment, clipped, position, course, now)
            # Completing a lesson may complete the course: decided in the same transaction.
            with transaction.atomic() if newly_completed else contextlib.nullcontext():
                if not _progress_store(progress, now):
                    continue  # another save came first: merge with what it stored
                _note_activity(progress.enrolment, lesson, now)
                if newly_completed:
                    _completion_check(progress.enrolment_id)
            return progress
    raise RuntimeError("A locked progress row changed under its lock")  # the last try holds the lock


def _merge(progress, segments, segment, clipped, position, course, now) -> bool:
    """Add the played ranges and the position to the row read; True if that completes it."""
    start, end = segments[segment]
    watched = dict(progress.watched or {})
    watched[segment] = merge_ranges(watched.get(segment, []) + clipped)
    # Only segments still in the lesson count (an editor may have changed it).
    progress.watched = {key: value for key, value in watched.items() if key in segments}
    progress.watched_seconds = sum(b - a for ranges_ in progress.watched.values() for a, b in ranges_)
    progress.segment = segment
    progress.position = min(max(float(position), start), end)
    total = sum(b - a for a, b in segments.values())
    newly_completed = bool(
        progress.completed_at is None
        and total
        and progress.watched_seconds >= course.completion_threshold / 100 * total - 0.5
    )
    if newly_completed:
        progress.completed_at = now
    return newly_completed


# Optimistic saves before a save waits for the row's lock (only two tabs of one learner collide).
_OPTIMISTIC_TRIES = 3


def _progress_for(learner, lesson, course, *, lock=False) -> LessonProgress:
    """The learner's progress row for the lesson (created if missing) with its enrolment, read
    in one plain query; locked for the current transaction with `lock` (PostgreSQL).
    PermissionDenied when the learner is not enrolled in the course."""
    progress = _progress_row(learner.pk, lesson.pk, course.pk, lock)
    if progress is None and lock:  # no progress row to lock yet, or not enrolled
        progress = _progress_row(learner.pk, lesson.pk, course.pk, False)
    if progress is None:
        raise PermissionDenied(_("Enrol in the course to save your progress."))
    if progress.pk is None:
        try:
            with transaction.atomic():
                LessonProgress.objects.create(
                    learner=learner, lesson=lesson, enrolment_id=progress.enrolment_id
                )
        except IntegrityError:  # created by a parallel request
            pass
        progress = _progress_row(learner.pk, lesson.pk, course.pk, lock)
    return progress


def _progress_row(learner_id, lesson_id, course_id, lock):
    """The progress row with `enrolment` set (pk None if the learner has no row yet), or None
    when the learner is not enrolled. With `lock`, only an existing row, locked."""
    enrolment, records = enrolment_with_progress(learner_id, course_id, [lesson_id], lock=lock)
    if enrolment is None:
        return None
    progress = records.get(lesson_id) or LessonProgress(learner_id=learner_id, lesson_id=lesson_id)
    progress.enrolment = enrolment
    return progress


def _progress_store(progress: LessonProgress, now) -> bool:
    """Write the merged row if it is still the revision that was read; False if another save
    changed it meanwhile."""
    values = {name: getattr(progress, name) for name in _PROGRESS_SAVED} | {"updated_at": now}
    stored = sql.update(
        LessonProgress,
        values,
        "id = %s AND revision = %s",
        [progress.pk, progress.revision],
        also="revision = revision + 1",
    )
    if stored:
        progress.updated_at = now
        progress.revision += 1
    return bool(stored)


_PROGRESS_SAVED = ("segment", "position", "watched", "watched_seconds", "completed_at")


# A learner's last activity in a course is kept to the minute: a video saves its progress every
# few seconds, and rewriting the enrolment each time would double the writes.
ACTIVITY_PRECISION = datetime.timedelta(minutes=1)


def _note_activity(enrolment, lesson, now):
    if (
        enrolment.last_lesson_id != lesson.pk
        or enrolment.last_activity_at is None
        or now - enrolment.last_activity_at >= ACTIVITY_PRECISION
    ):
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_activity_at=now)


def _completion_check(enrolment_id):
    """The course may be complete now: decided in the same transaction as the step that
    completed it."""
    from .certificates import course_completion_check

    course_completion_check(enrolment_id=enrolment_id)


def lesson_mark_done(*, learner, lesson: LessonPage) -> LessonProgress:
    """Complete a lesson without video by the learner's own "mark as done"."""
    if lesson.video_segments():
        raise ValidationError(_("A video lesson is completed by watching its video."))
    course = lesson.get_parent().specific
    with transaction.atomic():
        progress = _progress_for(learner, lesson, course, lock=True)
        now = timezone.now()
        newly_completed = progress.completed_at is None
        if newly_completed:
            progress.completed_at = now
            if not _progress_store(progress, now):  # the row is locked: nobody else writes it
                raise RuntimeError("A locked progress row changed under its lock")
        Enrolment.objects.filter(pk=progress.enrolment_id).update(last_lesson=lesson, last_activity_at=now)
        if newly_completed:
            _completion_check(progress.enrolment_id)
    return progress


class QuizRefused(PermissionDenied):
    """A quiz attempt may not start or be submitted; `status` is the HTTP status to answer."""

    status = 403

    def __init__(self, message, *, retry_after=None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class QuizWaitRefused(QuizRefused):
    status = 429


class AttemptAlreadySubmitted(QuizRefused):
    status = 409


def quiz_attempt_start(*, learner, quiz: QuizPage, rng=None) -> QuizAttempt:
    """Start an attempt at the quiz, freezing the questions it asks and their order; if one is
    in progress, return it. Refused when the attempts are used up or the wait is not over."""
    enrolment = _enrolment_for(learner, quiz, message=_("Enrol in the course to take its quizzes."))
    with transaction.atomic():
        # Locking the enrolment serialises starts of one learner in one course (PostgreSQL);
        # the partial unique constraint catches what slips through anyway.
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        attempts = list(QuizAttempt.objects.filter(learner=learner, quiz=quiz).only(*_ATTEMPT_FIELDS))
        open_attempt = next((a for a in attempts if a.submitted_at is None), None)
        if open_attempt:
            return QuizAttempt.objects.get(pk=open_attempt.pk)
        _check_attempt_allowed(
            quiz, [a for a in attempts if a.submitted_at], len(attempts) + 1, timezone.now()
        )
        questions = quiz.freeze_questions(rng)
        max_score = sum(question["points"] for question in questions)
        try:
            with transaction.atomic():
                return QuizAttempt.objects.create(
                    learner=learner,
                    quiz=quiz,
                    enrolment=enrolment,
                    number=max((a.number for a in attempts), default=0) + 1,
                    questions=questions,
                    max_score=max_score,
                    pass_mark=quiz.pass_mark,
                )
        except IntegrityError:  # a parallel click started it first
            pass
    return QuizAttempt.objects.get(learner=learner, quiz=quiz, submitted_at__isnull=True)


_ATTEMPT_FIELDS = ("id", "number", "submitted_at", "passed")


def minute_up(moment):
    """A local time rounded up to the whole minute, so a learner told "13:24" is not refused
    at 13:24."""
    moment = timezone.localtime(moment)
    rounded = moment.replace(second=0, microsecond=0)
    return rounded if rounded == moment else rounded + datetime.timedelta(minutes=1)


def _check_attempt_allowed(quiz: QuizPage, submitted: list, number: int, at) -> None:
    """Refuse attempt `number` begun at `at` when the quiz's rules do not allow it: beyond the
    attempts allowed, after a pass that showed the correct answers, or within the wait after
    the learner's last submitted attempt."""
    if quiz.answers_shown == QuizPage.AnswersShown.AFTER_PASSING and any(
        a.passed for a in submitted if a.submitted_at <= at
    ):
        raise QuizRefused(_("You have passed this quiz and seen its answers, so it cannot be taken again."))
    if quiz.max_attempts is not None and number > quiz.max_attempts:
        raise QuizRefused(
            ngettext(
                "You have used the %(count)d attempt this quiz allows.",
                "You have used all %(count)d attempts this quiz allows.",
                quiz.max_attempts,
            )
            % {"count": quiz.max_attempts}
        )
    earlier = [a.submitted_at for a in submitted if a.submitted_at <= at]
    if quiz.wait_minutes and earlier:
        opens = max(earlier) + datetime.timedelta(minutes=quiz.wait_minutes)
        if opens > at:
            now = timezone.now()
            raise QuizWaitRefused(
                _("You can try again at %(time)s.")
                % {"time": date_format(minute_up(opens), "DATETIME_FORMAT")},
                retry_after=max(math.ceil((opens - now).total_seconds()), 1),
            )


def quiz_attempt_submit(*, attempt: QuizAttempt, answers: dict) -> QuizAttempt:
    """Grade the attempt's answers against its frozen key and record the result, once: the
    conditional update means a second submission of the same attempt changes nothing. Refused
    when the attempt is beyond the attempts allowed or began during the wait."""
    quiz = attempt.quiz
    if quiz.max_attempts is not None or quiz.wait_minutes:
        # The rules are checked when an attempt starts; checked again here in case the attempt
        # got round them (an editor tightened them meanwhile, or it was made some other way).
        submitted = list(
            QuizAttempt.objects.filter(learner_id=attempt.learner_id, quiz=quiz, submitted_at__isnull=False)
            .exclude(pk=attempt.pk)
            .only(*_ATTEMPT_FIELDS)
        )
        try:
            _check_attempt_allowed(quiz, submitted, attempt.number, attempt.started_at)
        except QuizRefused as refusal:
            # Never graded, so withdrawing it loses nothing, and the learner is not left with
            # an attempt that can never be submitted.
            QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).delete()
            withdrawn = _("This attempt has been withdrawn and not counted.")
            raise type(refusal)(f"{refusal.message} {withdrawn}", retry_after=refusal.retry_after) from None
    grade = grading.grade_attempt(attempt.questions, answers)
    recorded = {
        "submitted_at": timezone.now(),
        "answers": answers,
        "results": [result.as_dict() for result in grade.results],
        "score": grade.score,
        # As the database stores them (two decimal places), since the attempt is returned as is.
        "max_score": grade.max_score.quantize(Decimal("0.01")),
        "percent": grade.percent.quantize(Decimal("0.01")),
        "passed": grade.passed(attempt.pass_mark),
    }
    now = recorded["submitted_at"]
    with transaction.atomic():
        if not sql.update(QuizAttempt, recorded, "id = %s AND submitted_at IS NULL", [attempt.pk]):
            raise AttemptAlreadySubmitted(
                _("This attempt has already been submitted; its result is recorded.")
            )
        sql.update(Enrolment, {"last_activity_at": now}, "id = %s", [attempt.enrolment_id])
        if recorded["passed"]:
            _completion_check(attempt.enrolment_id)
    for name, value in recorded.items():
        setattr(attempt, name, value)
    return attempt
