"""Writes of the courses app: enrolment, lesson progress and quiz attempts. Safe under double clicks, retries
and two open tabs: unique constraints, row locks, conditional updates (a progress save stores its
merge only over the revision it read), and played ranges are merged, never replaced."""

import datetime
import math
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from webinars.models import Attendance, WebinarPage

from . import grading
from .models import CoursePage, Enrolment, LessonPage, LessonProgress, ManualCompletion, QuizAttempt, QuizPage
from .selectors import course_state, course_steps, live_step, minute_up
from .signals import course_completed

# Positions beyond the end of a recording by more than this are absurd, not rounding.
_TOLERANCE_SECONDS = 5.0
MAX_RANGES = 500


def enrolment_create(*, learner, course: CoursePage) -> Enrolment:
    """Enrol the learner in the course; enrolling again returns the same enrolment. Live events
    of the course the learner already attended count at once."""
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(learner=learner, course=course)
            if created:
                _credit_earlier_attendance(enrolment)
    except IntegrityError:  # the same click arrived twice at once
        enrolment = Enrolment.objects.get(learner=learner, course=course)
    return enrolment


# Live events as steps ----------------------------------------------------------------------


def _live_steps(**where):
    return LessonPage.objects.live().filter(live_event__isnull=False, **where)


def _credit_earlier_attendance(enrolment: Enrolment) -> None:
    """A learner who attended a course's live event before enrolling: the step counts. Rows of
    an imported report under their email that no account was matched to then (they signed up
    after the event, or came as a guest) become theirs."""
    course = enrolment.course
    learner = enrolment.learner
    steps = _live_steps(path__startswith=course.path, depth=course.depth + 1)
    theirs = Q(user_id=learner.pk)
    if learner.email:
        theirs |= Q(user__isnull=True, email__iexact=learner.email)
    # The events' rows locked as an import locks them: an import in flight finishes first, so its
    # rows are read here, or it reads this enrolment (one query when the course has no live step).
    events = list(
        WebinarPage.objects.select_for_update(of=("self",))
        .filter(pk__in=steps.values("live_event"))
        .values_list("pk", flat=True)
    )
    if not events:
        return
    attended = list(Attendance.objects.filter(theirs, webinar_id__in=events))
    unclaimed = [attendance.pk for attendance in attended if attendance.user_id is None]
    if unclaimed:
        Attendance.objects.filter(pk__in=unclaimed, user__isnull=True).update(user_id=learner.pk)
        for attendance in attended:
            attendance.user_id = learner.pk
    for webinar_id in {attendance.webinar_id for attendance in attended}:
        live_steps_credit(webinar_id=webinar_id, attendances=attended)


def live_steps_credit(*, webinar_id: int, attendances) -> int:
    """Complete the steps made of this live event (`LessonPage.live_event`) for the enrolled
    learners among `attendances` who attended the step's `attendance_share` of the event's planned
    time; record their minutes on the step either way. A step once completed stays completed (a
    report imported again with fewer minutes does not take back a certificate). Inside the
    caller's transaction, with a fixed number of queries per step, whatever the number of
    learners, and the course's completion check for each step it completes. Progress rows are
    locked in learner order, so two imports touching the same learners cannot deadlock. Returns
    how many steps it completed."""
    minutes = {}
    for attendance in attendances:
        if attendance.user_id and attendance.webinar_id == webinar_id:
            minutes[attendance.user_id] = max(minutes.get(attendance.user_id, 0), attendance.minutes)
    if not minutes:
        return 0
    duration = WebinarPage.objects.filter(pk=webinar_id).values_list("duration_minutes", flat=True).first()
    completed = []
    now = timezone.now()
    for lesson in _live_steps(live_event_id=webinar_id).only("id", "path", "depth", "attendance_share"):
        enrolments = dict(
            Enrolment.objects.filter(
                course__path=lesson.path[: -Page.steplen], learner_id__in=list(minutes)
            ).values_list("learner_id", "pk")
        )
        if not enrolments:
            continue
        LessonProgress.objects.bulk_create(
            [
                LessonProgress(learner_id=learner_id, lesson=lesson, enrolment_id=enrolment_id)
                for learner_id, enrolment_id in enrolments.items()
            ],
            ignore_conflicts=True,  # the rows that exist stay as they are
        )
        rows = list(
            LessonProgress.objects.select_for_update(of=("self",))
            .filter(lesson=lesson, learner_id__in=list(enrolments))
            .order_by("learner_id")
        )
        for progress in rows:
            attended = minutes[progress.learner_id]
            progress.attended_minutes, progress.updated_at = attended, now
            enough = bool(duration) and attended * 100 >= lesson.attendance_share * duration
            if enough and progress.completed_at is None:
                progress.completed_at = now
                completed.append(progress.enrolment_id)
        LessonProgress.objects.bulk_update(rows, ["attended_minutes", "completed_at", "updated_at"])
    for enrolment_id in completed:
        course_completion_check(enrolment_id=enrolment_id)
    return len(completed)


def on_attendance_recorded(sender, webinar, attendances, **kwargs):
    """`webinars.signals.attendance_recorded`: the live event's attendance counts for its steps."""
    live_steps_credit(webinar_id=webinar.pk, attendances=attendances)


def on_lesson_published(sender, instance, **kwargs):
    """page_published of a lesson: one made a live event's step after its report was imported
    (or published only then) credits the learners already enrolled."""
    if instance.live_event_id:
        attendances = Attendance.objects.filter(webinar_id=instance.live_event_id, user__isnull=False)
        live_steps_credit(webinar_id=instance.live_event_id, attendances=list(attendances))


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


def new_playback(stored: list, sent: list) -> list:
    """The stretches of `sent` that `stored` (merged ranges) does not hold yet, earliest first."""
    pieces = []
    for start, end in merge_ranges(sent):
        cursor = start
        for held_start, held_end in stored:
            if held_end <= cursor:
                continue
            if held_start >= end:
                break
            if held_start > cursor:
                pieces.append([cursor, held_start])
            cursor = max(cursor, held_end)
            if cursor >= end:
                break
        if cursor < end:
            pieces.append([cursor, end])
    return pieces


def playback_credit(stored: list, sent: list, budget: float) -> tuple[list, float]:
    """(the ranges to credit, the seconds refused): the new stretches of `sent`, earliest first,
    up to `budget` seconds of them. A pure function; the caller decides the budget."""
    credited, left, refused = [], max(budget, 0.0), 0.0
    for start, end in new_playback(stored, sent):
        take = min(end - start, left)
        if take > 0:
            credited.append([start, start + take])
            left -= take
        refused += end - start - max(take, 0.0)
    return credited, refused


# A save refused less than this (a 2x viewer's save arriving a little early) is not recorded as
# suspicious: what it claimed is credited by the next saves, which send it again.
REFUSAL_NOTED_SECONDS = 5.0


def _credit_playback(progress: LessonProgress, segment: str, sent: list, now) -> list:
    """What of `sent` (ranges of `segment`, clipped to it) to credit: at most the playback that
    could have happened since the learner's earlier saves of this lesson. The budget grows with
    wall-clock time at the fastest playback rate from `playback_clock` (a first save may carry
    LEARNING_FIRST_SAVE_SECONDS) and each credited second uses it up; two tabs share it. The
    browser sends all it played since the page opened, so a stretch refused now is credited by
    a later save once enough time has passed: a real viewer loses nothing. A save that claims
    much more than could have been played is noted on the record for the coordinators."""
    rate = settings.LEARNING_MAX_PLAYBACK_RATE
    clock = progress.playback_clock
    if clock is None:
        clock = now - datetime.timedelta(seconds=settings.LEARNING_FIRST_SAVE_SECONDS / rate)
    budget = rate * (now - clock).total_seconds()
    stored = (progress.watched or {}).get(segment, [])
    credited, refused = playback_credit(stored, sent, budget)
    progress.playback_clock = clock + datetime.timedelta(seconds=sum(b - a for a, b in credited) / rate)
    if refused >= REFUSAL_NOTED_SECONDS and refused > progress.refused_seconds:
        progress.refused_seconds = round(refused, 1)
        progress.refused_at = now
    return credited


def progress_merge(watched: dict, segments: dict, segment: str, clipped: list) -> dict:
    """The played ranges of each segment after adding `clipped` to `segment`'s: a pure function
    of what is stored and what was sent, so any order of saves gives the same union. Segments
    no longer in the lesson (an editor changed it) are dropped."""
    merged = dict(watched or {})
    merged[segment] = merge_ranges(merged.get(segment, []) + clipped)
    return {key: value for key, value in merged.items() if key in segments}


def lesson_progress_record(*, learner, lesson: LessonPage, segment: str, position, ranges) -> LessonProgress:
    """Store where the learner is in a video segment and what they really played, merged with
    what is saved; complete the lesson once the played share reaches the course's threshold.
    Only playback that could really have happened is credited (`_credit_playback`). In a
    sequential course a step that is still locked is refused (PermissionDenied), as opening it is.

    One short transaction with the learner's progress row locked, so two tabs saving at once
    take turns and lose nothing (the merge is a union); completing the lesson decides the
    course's completion in the same transaction."""
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
    # What the course's rules need: a video saves its progress every few seconds.
    course = CoursePage.objects.only(*_COURSE_RULES).get(path=lesson.path[: -lesson.steplen])
    refuse_locked_step(learner, course, lesson)
    if not clipped and not LessonProgress.objects.filter(learner_id=learner.pk, lesson_id=lesson.pk).exists():
        # Nothing played yet (the page was opened, or left, before playing): nothing is recorded,
        # so the reports count only lessons really started, and no playback budget starts.
        if not Enrolment.objects.filter(learner_id=learner.pk, course_id=course.pk).exists():
            raise PermissionDenied(_("Enrol in the course to save your progress."))
        return LessonProgress(learner=learner, lesson=lesson, segment=segment, position=float(position))
    with transaction.atomic():
        progress = _progress_locked(learner.pk, lesson, course.pk)
        now = timezone.now()
        credited = _credit_playback(progress, segment, clipped, now)
        progress.watched = progress_merge(progress.watched, segments, segment, credited)
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
        progress.save(update_fields=[*_PROGRESS_SAVED, "updated_at"])
        _note_activity(progress.enrolment, lesson, now)
        if newly_completed:
            course_completion_check(enrolment_id=progress.enrolment_id)
    return progress


_PROGRESS_SAVED = (
    "segment",
    "position",
    "watched",
    "watched_seconds",
    "completed_at",
    "playback_clock",
    "refused_seconds",
    "refused_at",
)
_COURSE_RULES = ("id", "path", "depth", "completion_threshold", "sequential")


def refuse_locked_step(learner, course: CoursePage, step) -> None:
    """PermissionDenied when `step` is still locked for the learner: in a sequential course,
    an earlier step is not complete. Nothing to read in other courses."""
    if not course.sequential:
        return
    steps = course_steps([course])[course.pk]
    state = course_state(learner, course, steps)
    this = next((item for item in steps if item.pk == step.pk), None)
    if this is not None and state.enrolment is not None and not state.is_open(this, True):
        raise PermissionDenied(_("Complete the earlier steps of the course first."))


def _progress_locked(learner_id: int, lesson, course_id: int) -> LessonProgress:
    """The learner's progress row for the lesson with its enrolment, locked until the current
    transaction ends (created first if missing). PermissionDenied when the learner is not
    enrolled in the course."""
    locked = (
        LessonProgress.objects.select_for_update(of=("self",))
        .select_related("enrolment")
        .filter(learner_id=learner_id, lesson_id=lesson.pk)
    )
    progress = locked.first()
    if progress is None:
        enrolment = Enrolment.objects.filter(learner_id=learner_id, course_id=course_id).first()
        if enrolment is None:
            raise PermissionDenied(_("Enrol in the course to save your progress."))
        try:
            with transaction.atomic():
                LessonProgress.objects.create(learner_id=learner_id, lesson=lesson, enrolment=enrolment)
        except IntegrityError:  # created by a parallel request
            pass
        progress = locked.get()
    return progress


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


def lesson_mark_done(*, learner, lesson: LessonPage, without_video: bool = False) -> LessonProgress:
    """Complete a lesson by the learner's own "mark as done": a lesson without video, or, where
    the course allows it (`video_fallback`), a video lesson read instead of watched because the
    video cannot play; that is recorded as such for the reports."""
    course = lesson.course
    live = live_step(None, lesson)
    if live and live.counts and not lesson.video_segments():
        raise ValidationError(
            _("This step is completed by attending its live event, or by watching its recording later.")
        )
    if lesson.video_segments():
        if not without_video:
            raise ValidationError(_("A video lesson is completed by watching its video."))
        if course.video_fallback != CoursePage.VideoFallback.READ:
            raise ValidationError(_("In this course a video lesson is completed only by watching its video."))
        if not lesson.readable_without_video:
            raise ValidationError(_("This lesson has no transcript or slides to read instead of the video."))
    else:
        without_video = False
    refuse_locked_step(learner, course, lesson)
    with transaction.atomic():
        progress = _progress_locked(learner.pk, lesson, course.pk)
        now = timezone.now()
        newly_completed = progress.completed_at is None
        if newly_completed:
            progress.completed_at = now
            progress.completed_without_video = without_video
            progress.save(update_fields=["completed_at", "completed_without_video", "updated_at"])
        Enrolment.objects.filter(pk=progress.enrolment_id).update(last_lesson=lesson, last_activity_at=now)
        if newly_completed:
            course_completion_check(enrolment_id=progress.enrolment_id)
    return progress


# Completion -------------------------------------------------------------------------------


def course_completion_check(*, enrolment_id: int) -> Enrolment | None:
    """Mark the enrolment complete when every lesson is complete and every quiz passed, and
    announce it (`course_completed`) in the same transaction, so what listeners write (the
    pending certificate) commits with it. Returns the enrolment completed, or None. Calling it
    twice at once completes it once."""
    # Inside the step's own transaction when there is one (no savepoint: an error undoes both).
    with transaction.atomic(savepoint=False):
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("course")
            .filter(pk=enrolment_id, completed_at__isnull=True)
            .first()
        )
        if enrolment is None:
            return None
        steps = course_steps([enrolment.course])[enrolment.course_id]
        if not course_state(None, None, steps, enrolment=enrolment).is_complete:
            return None
        _complete(enrolment, steps)
        return enrolment


def course_complete_manually(*, enrolment_id: int, by, reason: str) -> Enrolment:
    """A coordinator marks the course complete for a learner, with a reason. Recorded (who,
    when, why) in the same transaction; the certificate follows as for any completion."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for marking the course complete."))
    already = ValidationError(_("The learner has already completed this course."))
    try:
        with transaction.atomic():
            enrolment = (
                Enrolment.objects.select_for_update().select_related("course", "learner").get(pk=enrolment_id)
            )
            if enrolment.completed_at is not None:
                raise already
            if enrolment.learner.anonymised_at or not enrolment.learner.is_active:
                raise ValidationError(_("The learner's account is deleted or deactivated."))
            ManualCompletion.objects.create(
                enrolment=enrolment, completed_by=by, completed_by_name=by.get_display_name(), reason=reason
            )
            _complete(enrolment, enrolment.course.syllabus())
    except IntegrityError:  # the same form sent twice at once (SQLite has no row locks)
        raise already from None
    return enrolment


def _complete(enrolment: Enrolment, steps) -> None:
    """Set the enrolment complete and announce it, inside the caller's transaction with the
    enrolment locked."""
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    course_completed.send(sender=Enrolment, enrolment=enrolment, steps=steps)


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
    refuse_locked_step(learner, quiz.course, quiz)
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
        if not QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(**recorded):
            raise AttemptAlreadySubmitted(
                _("This attempt has already been submitted; its result is recorded.")
            )
        Enrolment.objects.filter(pk=attempt.enrolment_id).update(last_activity_at=now)
        if recorded["passed"]:
            course_completion_check(enrolment_id=attempt.enrolment_id)
    for name, value in recorded.items():
        setattr(attempt, name, value)
    return attempt


def quiz_answers_anonymise(learner) -> None:
    """The accounts app's anonymise hook: the learner deleted their account. Answers typed as
    free text may say who wrote them (a name, an organisation), so they are cleared; the choices
    and numbers chosen and every score stay, for the quiz statistics."""
    attempts = QuizAttempt.objects.select_for_update().filter(learner=learner)
    for attempt in attempts.only("id", "questions", "answers"):
        typed = {str(q["id"]) for q in attempt.questions if q.get("kind") == grading.TEXT}
        kept = {key: value for key, value in (attempt.answers or {}).items() if str(key) not in typed}
        if kept != attempt.answers:
            attempt.answers = kept
            attempt.save(update_fields=["answers"])
