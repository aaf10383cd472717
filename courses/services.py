"""Writes of the courses app: enrolment and lesson progress. Safe under double clicks, retries
and two open tabs: unique constraints plus row locks, and played ranges are merged, never
replaced."""

import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import CoursePage, Enrolment, LessonPage, LessonProgress

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


def _enrolment_for(learner, lesson: LessonPage) -> Enrolment:
    """The learner's enrolment in the lesson's course, with the course, in one query (the
    course is the lesson's parent, found by its tree path)."""
    enrolment = (
        Enrolment.objects.select_related("course")
        .filter(learner=learner, course__path=lesson.path[: -Page.steplen])
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_("Enrol in the course to save your progress."))
    return enrolment


def lesson_progress_record(*, learner, lesson: LessonPage, segment: str, position, ranges) -> LessonProgress:
    """Store where the learner is in a video segment and what they really played, merging with
    what is saved; complete the lesson once the played share reaches the course's threshold."""
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
    enrolment = _enrolment_for(learner, lesson)

    with transaction.atomic():
        progress = _locked_progress(learner, lesson, enrolment)
        watched = dict(progress.watched or {})
        watched[segment] = merge_ranges(watched.get(segment, []) + clipped)
        # Only segments still in the lesson count (an editor may have changed it).
        progress.watched = {key: value for key, value in watched.items() if key in segments}
        progress.watched_seconds = sum(b - a for ranges_ in progress.watched.values() for a, b in ranges_)
        progress.segment = segment
        progress.position = min(max(float(position), start), end)
        total = sum(b - a for a, b in segments.values())
        threshold = enrolment.course.completion_threshold / 100
        now = timezone.now()
        if progress.completed_at is None and total and progress.watched_seconds >= threshold * total - 0.5:
            progress.completed_at = now
        progress.save()
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_activity_at=now)
    return progress


def lesson_mark_done(*, learner, lesson: LessonPage) -> LessonProgress:
    """Complete a lesson without video by the learner's own "mark as done"."""
    if lesson.video_segments():
        raise ValidationError(_("A video lesson is completed by watching its video."))
    enrolment = _enrolment_for(learner, lesson)
    with transaction.atomic():
        progress = _locked_progress(learner, lesson, enrolment)
        if progress.completed_at is None:
            progress.completed_at = timezone.now()
            progress.save()
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_activity_at=timezone.now())
    return progress


def _locked_progress(learner, lesson, enrolment) -> LessonProgress:
    """The learner's progress row for the lesson, created if missing, locked for this
    transaction (on PostgreSQL; SQLite serialises writers anyway)."""
    try:
        with transaction.atomic():
            LessonProgress.objects.get_or_create(
                learner=learner, lesson=lesson, defaults={"enrolment": enrolment}
            )
    except IntegrityError:  # created by a parallel request
        pass
    return LessonProgress.objects.select_for_update().get(learner=learner, lesson=lesson)
