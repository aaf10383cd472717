"""Reads of the courses app for learners: a course's state for one learner, and "My learning".
Each runs a fixed number of queries, whatever the number of lessons or enrolments."""

from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Page

from .models import Enrolment, LessonPage, LessonProgress


@dataclass
class CourseState:
    """Where one learner stands in one course."""

    enrolment: Enrolment | None
    lessons: list
    progress: dict = field(default_factory=dict)  # lesson id -> LessonProgress

    @property
    def completed_ids(self):
        return {pk for pk, record in self.progress.items() if record.completed_at}

    @property
    def completed_count(self):
        return sum(1 for lesson in self.lessons if lesson.pk in self.completed_ids)

    @property
    def percent(self):
        return round(100 * self.completed_count / len(self.lessons)) if self.lessons else 0

    @property
    def next_lesson(self):
        """The first lesson not completed yet, or None when all are done."""
        done = self.completed_ids
        return next((lesson for lesson in self.lessons if lesson.pk not in done), None)

    def is_open(self, lesson, sequential):
        """A lesson is open unless the course is sequential and an earlier one is not done."""
        if not sequential:
            return True
        done = self.completed_ids
        for earlier in self.lessons:
            if earlier.pk == lesson.pk:
                return True
            if earlier.pk not in done:
                return False
        return True


def course_state(learner, course, lessons) -> CourseState:
    """The learner's enrolment and lesson progress in `course` (two queries; none if anonymous)."""
    if not learner.is_authenticated:
        return CourseState(enrolment=None, lessons=lessons)
    enrolment = Enrolment.objects.filter(learner=learner, course=course).first()
    if enrolment is None:
        return CourseState(enrolment=None, lessons=lessons)
    records = LessonProgress.objects.filter(learner=learner, lesson__in=[lesson.pk for lesson in lessons])
    return CourseState(enrolment=enrolment, lessons=lessons, progress={r.lesson_id: r for r in records})


def my_learning(learner) -> list[CourseState]:
    """Every course the learner is enrolled in, with its live lessons and their progress: three
    queries in all."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner, course__live=True)
        .select_related("course")
        .order_by("-last_activity_at")
    )
    if not enrolments:
        return []
    in_courses = Q()
    for enrolment in enrolments:
        in_courses |= Q(path__startswith=enrolment.course.path, depth=enrolment.course.depth + 1)
    lessons = list(
        LessonPage.objects.live()
        .public()
        .filter(in_courses)
        .order_by("path")
        .only("id", "title", "url_path", "path")
    )
    records = {r.lesson_id: r for r in LessonProgress.objects.filter(learner=learner, lesson__in=lessons)}
    states = []
    for enrolment in enrolments:
        prefix = enrolment.course.path
        course_lessons = [lesson for lesson in lessons if lesson.path[: -Page.steplen] == prefix]
        states.append(
            CourseState(
                enrolment=enrolment,
                lessons=course_lessons,
                progress={
                    pk: records[pk] for pk in (lesson.pk for lesson in course_lessons) if pk in records
                },
            )
        )
    return states


def learning_records_export(learner) -> dict:
    """The learner's enrolments and lesson progress, for their data export."""
    enrolments = Enrolment.objects.filter(learner=learner).select_related("course", "last_lesson")
    progress = LessonProgress.objects.filter(learner=learner).select_related("lesson")
    return {
        "enrolments": [
            {
                "course": enrolment.course.title,
                "enrolled_at": enrolment.enrolled_at,
                "last_activity_at": enrolment.last_activity_at,
                "last_lesson": enrolment.last_lesson.title if enrolment.last_lesson else None,
                "completed_at": enrolment.completed_at,
            }
            for enrolment in enrolments
        ],
        "lessons": [
            {
                "lesson": record.lesson.title,
                "position_seconds": record.position,
                "watched_seconds": record.watched_seconds,
                "watched_ranges": record.watched,
                "completed_at": record.completed_at,
                "updated_at": record.updated_at,
            }
            for record in progress
        ],
    }
