"""Reads of the courses app: a course's steps (one selector for every count of them), a
course's state for one learner, a quiz's, and "My learning". Each runs a fixed number of
queries, whatever the number of courses, steps or enrolments."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from urllib.parse import unquote, urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from elearning import page_cache
from webinars.live_events import registration_of
from webinars.models import Attendance, Registration, WebinarPage

from . import grading
from .models import Enrolment, LessonPage, LessonProgress, QuizAttempt, QuizPage

# What a syllabus, a progress record and a report need of a step.
_STEP_FIELDS = ("id", "title", "slug", "path", "depth", "url_path", "draft_title", "live")


@dataclass
class Step:
    """A step of a course (a live, public lesson or quiz) as syllabi, progress, completion and
    reports need it: plain data, kept in the page cache as public content. `{% pageurl %}`
    takes it like a page. `result` is set per request on a copy (a quiz's QuizResult)."""

    pk: int
    title: str
    url: str
    path: str
    is_quiz: bool
    estimated_seconds: int
    intro: str = ""
    result: object = None

    @property
    def id(self):
        return self.pk

    def get_url(self, request=None, current_site=None):
        return self.url


def _steps_from_database(courses) -> dict[int, list[Step]]:
    where = Q()
    for course in courses:
        where |= Q(path__startswith=course.path, depth=course.depth + 1)
    private = Page.objects.private_q()
    lessons = (
        LessonPage.objects.live()
        .filter(where)
        .exclude(private)
        .only(*_STEP_FIELDS, "estimated_seconds", "intro")
    )
    quizzes = QuizPage.objects.live().filter(where).exclude(private).only(*_STEP_FIELDS, "estimated_minutes")
    course_by_path = {course.path: course.pk for course in courses}
    steps = {course.pk: [] for course in courses}
    for page in sorted([*lessons, *quizzes], key=lambda page: page.path):
        steps[course_by_path[page.path[: -Page.steplen]]].append(
            Step(
                pk=page.pk,
                title=page.title,
                url=page.get_url(),
                path=page.path,
                is_quiz=page.is_quiz,
                estimated_seconds=page.estimated_seconds,
                intro=getattr(page, "intro", ""),
            )
        )
    return steps


def course_steps(courses) -> dict[int, list[Step]]:
    """{course id: its steps}: the live, public lessons and quizzes of each course in editor
    order. Every count of a course's steps (the catalogue, the course page, My learning,
    completion, the reports) goes through here, so they agree. Kept in the page cache per
    course, language and generation (a publish makes them stale): one cache read, and three
    queries for the courses missing there, however many courses and steps."""
    courses = list(courses)
    if not courses:
        return {}
    current = page_cache.generation()
    if current is None:  # the cache cannot be reached
        return _steps_from_database(courses)
    prefix = f"steps:{page_cache.release()}:{current}:{get_language()}"
    keys = {course.pk: f"{prefix}:{course.pk}" for course in courses}
    cache_ = page_cache.page_cache()
    found = cache_.get_many(list(keys.values()))
    steps = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [course for course in courses if course.pk not in steps]
    if missing:
        loaded = _steps_from_database(missing)
        cache_.set_many({keys[pk]: value for pk, value in loaded.items()}, settings.PAGE_CACHE_SECONDS)
        steps.update(loaded)
    return steps


def attach_step_totals(courses) -> None:
    """Set `lesson_count`, `quiz_count` and `estimated_seconds` on each course (catalogue cards),
    counted from `course_steps`."""
    steps = course_steps(courses)
    for course in courses:
        course_items = steps[course.pk]
        course.lesson_count = sum(1 for step in course_items if not step.is_quiz)
        course.quiz_count = sum(1 for step in course_items if step.is_quiz)
        course.estimated_seconds = sum(step.estimated_seconds for step in course_items)


def learner_context(request, course, items) -> dict:
    """What a course, lesson or quiz page shows about the visitor as a learner: enrolment,
    progress, which syllabus items are open, and where to log in or sign up."""
    state = course_state(request.user, course, items)
    open_ids = {item.pk for item in items if state.is_open(item, course.sequential)}
    for item in items:
        if item.is_quiz:
            item.result = state.quiz_result(item)
    context = {"learner": state, "open_ids": open_ids, "completed_ids": state.completed_ids}
    if not request.user.is_authenticated:
        back = unquote(request.path)  # page URLs come percent-encoded; redirect_to_login encodes
        context["login_url"] = redirect_to_login(back).url
        try:
            context["signup_url"] = f"{reverse('account_signup')}?{urlencode({'next': back})}"
        except NoReverseMatch:
            context["signup_url"] = None
    return context


@dataclass
class QuizResult:
    """One learner's attempts at one quiz, submitted ones in order, and the best of them."""

    attempts: list = field(default_factory=list)
    open_attempt_id: int | None = None

    @property
    def best(self):
        graded = [attempt for attempt in self.attempts if attempt.percent is not None]
        return max(graded, key=lambda attempt: (attempt.percent, -attempt.number), default=None)

    @property
    def passed(self):
        return any(attempt.passed for attempt in self.attempts)


@dataclass
class CourseState:
    """Where one learner stands in one course: `items` are its lessons and quizzes in order."""

    enrolment: Enrolment | None
    items: list
    progress: dict = field(default_factory=dict)  # lesson id -> LessonProgress
    quiz_results: dict = field(default_factory=dict)  # quiz id -> QuizResult

    @cached_property
    def completed_ids(self):
        """Lessons completed and quizzes passed."""
        done = {pk for pk, record in self.progress.items() if record.completed_at}
        return done | {pk for pk, result in self.quiz_results.items() if result.passed}

    @property
    def completed_count(self):
        return sum(1 for item in self.items if item.pk in self.completed_ids)

    @property
    def percent(self):
        return round(100 * self.completed_count / len(self.items)) if self.items else 0

    @property
    def is_complete(self):
        return bool(self.items) and self.completed_count == len(self.items)

    @property
    def next_item(self):
        """The first lesson or quiz not completed yet, or None when all are done."""
        done = self.completed_ids
        return next((item for item in self.items if item.pk not in done), None)

    def quiz_result(self, quiz):
        return self.quiz_results.get(quiz.pk) or QuizResult()

    @property
    def quizzes(self):
        """(quiz, QuizResult) for each quiz of the course, in syllabus order."""
        return [(item, self.quiz_result(item)) for item in self.items if item.is_quiz]

    def is_open(self, item, sequential):
        """A step is open unless the course is sequential and an earlier one is not done."""
        if not sequential:
            return True
        done = self.completed_ids
        for earlier in self.items:
            if earlier.pk == item.pk:
                return True
            if earlier.pk not in done:
                return False
        return True


def minute_up(moment):
    """A local time rounded up to the whole minute, so a learner told "13:24" is not refused
    at 13:24."""
    moment = timezone.localtime(moment)
    rounded = moment.replace(second=0, microsecond=0)
    return rounded if rounded == moment else rounded + datetime.timedelta(minutes=1)


# Enough of an attempt to list it and find the best one; the frozen questions stay unloaded.
_ATTEMPT_SUMMARY = ("id", "quiz_id", "number", "submitted_at", "score", "max_score", "percent", "passed")


def _progress(learner_id, lesson_ids) -> dict:
    """{lesson id: LessonProgress} of the learner in these lessons, in one query."""
    if not lesson_ids:
        return {}
    records = LessonProgress.objects.filter(learner_id=learner_id, lesson_id__in=lesson_ids)
    return {record.lesson_id: record for record in records}


def _quiz_results(learner_id, quiz_ids) -> dict:
    """{quiz id: QuizResult} of the learner's attempts at these quizzes, in one query."""
    results = {}
    if not quiz_ids:
        return results
    attempts = QuizAttempt.objects.filter(learner_id=learner_id, quiz_id__in=quiz_ids).only(*_ATTEMPT_SUMMARY)
    for attempt in attempts:
        result = results.setdefault(attempt.quiz_id, QuizResult())
        if attempt.submitted_at is None:
            result.open_attempt_id = attempt.pk
        else:
            result.attempts.append(attempt)
    for result in results.values():
        result.attempts.sort(key=lambda attempt: attempt.number)
    return results


def course_state(learner, course, items, enrolment=None) -> CourseState:
    """The learner's enrolment (unless given: then `learner` and `course` are not needed), lesson
    progress and quiz attempts in `course` (three queries at most; none if anonymous)."""
    lesson_ids = [item.pk for item in items if not item.is_quiz]
    if enrolment is None:
        if not learner.is_authenticated:
            return CourseState(enrolment=None, items=items)
        enrolment = Enrolment.objects.filter(learner_id=learner.pk, course_id=course.pk).first()
        if enrolment is None:
            return CourseState(enrolment=None, items=items)
    progress = _progress(enrolment.learner_id, lesson_ids)
    return CourseState(
        enrolment=enrolment,
        items=items,
        progress=progress,
        quiz_results=_quiz_results(enrolment.learner_id, [item.pk for item in items if item.is_quiz]),
    )


@dataclass
class QuizState:
    """What the quiz page shows one learner: their attempts, the attempt in progress, whether
    and when they may start another, and whether the correct answers may be shown."""

    quiz: QuizPage
    result: QuizResult
    enrolled: bool
    open_attempt: QuizAttempt | None = None
    now: datetime.datetime = field(default_factory=timezone.now)

    @property
    def open_attempt_allowed(self):
        """An attempt is in progress and still within the attempts allowed (an editor may have
        lowered the limit since it started)."""
        if self.open_attempt is None:
            return False
        return self.quiz.max_attempts is None or self.open_attempt.number <= self.quiz.max_attempts

    @property
    def attempts_left(self):
        """Attempts still allowed, or None when unlimited."""
        if self.quiz.max_attempts is None:
            return None
        return max(self.quiz.max_attempts - len(self.result.attempts), 0)

    @property
    def next_start_at(self):
        """When the wait after the last attempt ends, or None if there is no wait now."""
        if not self.quiz.wait_minutes or not self.result.attempts:
            return None
        last = self.result.attempts[-1].submitted_at
        opens = last + datetime.timedelta(minutes=self.quiz.wait_minutes)
        return opens if opens > self.now else None

    @property
    def finished_with_answers(self):
        """Passed, with the correct answers shown after passing: no more attempts."""
        return self.quiz.answers_shown == QuizPage.AnswersShown.AFTER_PASSING and self.result.passed

    @property
    def can_start(self):
        return (
            self.enrolled
            and self.open_attempt is None
            and self.attempts_left != 0
            and self.next_start_at is None
            and not self.finished_with_answers
        )

    @property
    def next_start_display(self):
        return minute_up(self.next_start_at) if self.next_start_at else None

    @property
    def answers_visible(self):
        """The correct answers may be shown: the quiz allows it and the learner has passed, or
        has no attempt left."""
        rule = self.quiz.answers_shown
        if rule == QuizPage.AnswersShown.AFTER_PASSING:
            return self.result.passed
        if rule == QuizPage.AnswersShown.AFTER_LAST_ATTEMPT:
            return self.attempts_left == 0 and self.open_attempt is None
        return False


def quiz_state(quiz, learner_state: CourseState) -> QuizState:
    """The learner's state at a quiz, from their course state plus, when an attempt is in
    progress, that attempt (one query)."""
    result = learner_state.quiz_results.get(quiz.pk, QuizResult())
    open_attempt = None
    if result.open_attempt_id:
        open_attempt = QuizAttempt.objects.filter(pk=result.open_attempt_id).first()
    return QuizState(
        quiz=quiz, result=result, enrolled=learner_state.enrolment is not None, open_attempt=open_attempt
    )


def my_learning(learner) -> list[CourseState]:
    """Every course the learner is enrolled in, with its live lessons and quizzes and the
    learner's progress and attempts: six queries in all, however many courses."""
    # The course's columns the page needs (title, address, place in the tree), not the whole
    # course page.
    course_fields = ("title", "slug", "url_path", "path", "depth", "live", "content_type_id", "locale_id")
    enrolments = list(
        Enrolment.objects.filter(learner=learner, course__live=True)
        .select_related("course")
        .only(
            *[f.name for f in Enrolment._meta.concrete_fields], *[f"course__{name}" for name in course_fields]
        )
        .order_by("-last_activity_at")
    )
    if not enrolments:
        return []
    steps = course_steps([enrolment.course for enrolment in enrolments])
    items = [item for course_items in steps.values() for item in course_items]
    records = _progress(learner.pk, [item.pk for item in items if not item.is_quiz])
    quiz_results = _quiz_results(learner.pk, [item.pk for item in items if item.is_quiz])
    return [
        CourseState(
            enrolment=enrolment,
            items=steps[enrolment.course_id],
            progress={item.pk: records[item.pk] for item in steps[enrolment.course_id] if item.pk in records},
            quiz_results={
                item.pk: quiz_results[item.pk]
                for item in steps[enrolment.course_id]
                if item.pk in quiz_results
            },
        )
        for enrolment in enrolments
    ]


def learning_records_export(learner) -> dict:
    """The learner's enrolments, lesson progress and quiz attempts, for their data export."""
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
                "playback_refused_seconds": record.refused_seconds,
                "completed_at": record.completed_at,
                "minutes_attended_live": record.attended_minutes,
                "updated_at": record.updated_at,
            }
            for record in progress
        ],
        "quiz_attempts": [
            {
                "quiz": attempt.quiz.title,
                "attempt": attempt.number,
                "started_at": attempt.started_at,
                "submitted_at": attempt.submitted_at,
                "answers": attempt.answers,
                "score": attempt.score,
                "max_score": attempt.max_score,
                "percent": attempt.percent,
                "passed": attempt.passed,
            }
            for attempt in QuizAttempt.objects.filter(learner=learner).select_related("quiz").order_by("pk")
        ],
    }


def attempt_review(attempt: QuizAttempt, *, feedback: bool, answers: bool) -> list[dict]:
    """The questions of a submitted attempt as its result page shows them: the learner's answer
    and points, and, as far as the quiz allows, whether each answer was right with the feedback
    for the chosen options (`feedback`) and the correct answers with explanations (`answers`)."""
    results = {result["id"]: result for result in attempt.results}
    true_false = {True: _("True"), False: _("False")}
    rows = []
    for number, question in enumerate(attempt.questions, 1):
        given = attempt.answers.get(str(question["id"]))
        result = results.get(question["id"], {})
        chosen = set(given if isinstance(given, list) else [given])
        row = {
            "number": number,
            "prompt": question["prompt"],
            "kind": question["kind"],
            "points": result.get("points"),
            "max_points": question["points"],
            "correct": result.get("correct") if feedback else None,
            "partial": feedback and 0 < Decimal(result.get("credit", "0")) < 1,
            "choices": [
                {
                    "text": choice["text"],
                    "chosen": choice["id"] in chosen,
                    "correct": choice["correct"] if answers else None,
                    "feedback": choice["feedback"] if feedback and choice["id"] in chosen else "",
                }
                for choice in question.get("choices", [])
            ],
            "explanation": question.get("explanation", "") if answers else "",
            "correct_answer": "",
        }
        if question["kind"] == grading.TRUE_FALSE:
            row["given"] = true_false.get(given, "")
            if answers:
                row["correct_answer"] = true_false[question["answer"]]
        elif question["kind"] in (grading.TEXT, grading.NUMBER):
            row["given"] = given or ""
            if answers:
                row["correct_answer"] = " / ".join(question["accepted"])
        rows.append(row)
    return rows


@dataclass
class LiveStep:
    """A lesson's live event as the learner sees it on the lesson: the event, their place at it
    and, once the report is in, the minutes they attended."""

    webinar: WebinarPage
    share: int
    registration: Registration | None = None
    attended_minutes: int | None = None
    now: datetime.datetime = field(default_factory=timezone.now)

    @property
    def required_minutes(self) -> int:
        return -(-self.share * (self.webinar.duration_minutes or 0) // 100)

    @property
    def upcoming(self) -> bool:
        return self.webinar.is_upcoming(self.now)

    @property
    def counts(self) -> bool:
        """Whether the event decides the step's completion: a cancelled one leaves an ordinary
        lesson, so no learner is left with a step they cannot do."""
        return not self.webinar.cancelled

    @property
    def open_for_registration(self) -> bool:
        return self.webinar.is_open_for_registration(self.now)


def live_step(user, lesson: LessonPage) -> LiveStep | None:
    """The lesson's live event (if it is a published one with a start), with the registration
    and attendance of `user` when one is given and logged in: three queries at most, whatever
    the number of registrants."""
    if not lesson.live_event_id:
        return None
    webinar = WebinarPage.objects.live().filter(pk=lesson.live_event_id, starts_at__isnull=False).first()
    if webinar is None:
        return None
    state = LiveStep(webinar=webinar, share=lesson.attendance_share)
    if user is not None and user.is_authenticated:
        state.registration = registration_of(user, webinar)
        if not state.upcoming:
            attended = Attendance.objects.filter(webinar=webinar, user=user).aggregate(most=Max("minutes"))
            state.attended_minutes = attended["most"]
    return state
