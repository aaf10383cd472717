"""Quiz statistics for coordinators: per quiz, how many tried and passed; per question, how
often it was answered correctly and whether it separates stronger learners from weaker ones
(the upper–lower discrimination index). Built as Wagtail report views in the "Learning" menu,
with the learner filters and CSV/XLSX exports of the courses overview."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import django_filters
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.models import Page

from courses.access import scope_children_q
from courses.models import CoursePage, QuizAttempt, QuizPage

from .reports import (
    REPORTS_PERMISSION,
    CountedReportView,
    LearnerFilterSet,
    OneObjectReportMixin,
    ReportMenuItem,
    percent_display,
    report_paths,
)

# A discrimination index from fewer attempts than this is mostly noise, so it is not shown.
DISCRIMINATION_MIN_ATTEMPTS = 20
# The upper and lower groups: this share (%) of the attempts with the best and worst results.
GROUP_PERCENT = 27
NO_VALUE = "—"


def group_size(count: int) -> int:
    """How many attempts each of the upper and lower groups holds: 27% of them, rounded."""
    return (count * GROUP_PERCENT + 50) // 100


@dataclass
class QuestionStats:
    """Figures of one question (by its frozen id) over the attempts that asked it."""

    question_id: int
    asked: int = 0
    correct: int = 0
    credit_total: Decimal = Decimal(0)
    upper_asked: int = 0
    upper_correct: int = 0
    lower_asked: int = 0
    lower_correct: int = 0
    latest_attempt_id: int = 0  # the newest attempt that asked it, to read its frozen prompt

    @property
    def share_correct(self) -> float | None:
        return self.correct / self.asked if self.asked else None

    @property
    def average_credit(self) -> float | None:
        return float(self.credit_total) / self.asked if self.asked else None

    @property
    def discrimination(self) -> float | None:
        """Share correct in the upper group minus share correct in the lower group, from -1 to 1;
        None when too few attempts asked the question."""
        if self.asked < DISCRIMINATION_MIN_ATTEMPTS or not self.upper_asked or not self.lower_asked:
            return None
        return self.upper_correct / self.upper_asked - self.lower_correct / self.lower_asked

    def add(self, attempt_id: int, credit: Decimal, *, upper: bool, lower: bool) -> None:
        correct = credit == 1
        self.asked += 1
        self.correct += correct
        self.credit_total += credit
        self.latest_attempt_id = max(self.latest_attempt_id, attempt_id)
        if upper:
            self.upper_asked += 1
            self.upper_correct += correct
        if lower:
            self.lower_asked += 1
            self.lower_correct += correct


def question_statistics(
    attempts: Iterable[tuple[int, Decimal, list[dict]]], count: int
) -> dict[int, QuestionStats]:
    """Per-question figures from submitted attempts given as (id, percent, results) in ascending
    order of percent, `count` of them. Read in one pass, so the attempts can stream from the
    database: the lowest-ranked `group_size(count)` form the lower group, the highest the upper
    one. `results` are the attempt's `{"id", "credit", ...}` dicts (grading.QuestionResult)."""
    # Ties at a group's edge go by the order given (attempt id, from the database), as in the
    # classic method; a quiz of few questions has few distinct results, so ties are common.
    size = group_size(count)
    stats: dict[int, QuestionStats] = {}
    previous = None
    for rank, (attempt_id, percent, results) in enumerate(attempts):
        if previous is not None and percent < previous:
            raise ValueError("Attempts must come in ascending order of their result.")
        previous = percent
        lower, upper = rank < size, rank >= count - size
        for result in results:
            question = stats.get(result["id"])
            if question is None:
                question = stats[result["id"]] = QuestionStats(result["id"])
            question.add(attempt_id, Decimal(result["credit"]), upper=upper, lower=lower)
    return stats


def _percent(share: float | None, places: int = 1) -> float | None:
    return None if share is None else round(100 * share, places)


@dataclass
class QuestionRow:
    """One line of the one-quiz report: a question with its figures."""

    number: int
    prompt: str
    in_quiz: bool
    stats: QuestionStats

    @property
    def question_id(self):
        return self.stats.question_id

    @property
    def asked(self):
        return self.stats.asked

    @property
    def share_correct(self):
        return _percent(self.stats.share_correct)

    @property
    def average_credit(self):
        return _percent(self.stats.average_credit)

    @property
    def discrimination(self):
        value = self.stats.discrimination
        return None if value is None else round(value, 2)

    @property
    def prompt_display(self):
        return (
            self.prompt if self.in_quiz else _("%(prompt)s (no longer in the quiz)") % {"prompt": self.prompt}
        )

    @property
    def share_correct_display(self):
        return percent_display(self.share_correct)

    @property
    def average_credit_display(self):
        return percent_display(self.average_credit)

    @property
    def discrimination_display(self):
        if self.discrimination is None:
            count = DISCRIMINATION_MIN_ATTEMPTS
            return ngettext(
                "— (fewer than %(count)d attempt)", "— (fewer than %(count)d attempts)", count
            ) % {"count": count}
        return number_format(self.discrimination, 2)


def question_rows(quiz, stats: dict[int, QuestionStats]) -> list[QuestionRow]:
    """The quiz's questions in editor order, then those asked but since removed (by id), with
    the prompt of today's question or, for a removed one, as the newest attempt froze it."""
    current = list(quiz.questions.order_by("sort_order", "pk").values_list("pk", "prompt"))
    ids = {pk for pk, _prompt in current}
    removed = sorted(pk for pk in stats if pk not in ids)
    prompts = frozen_prompts(stats[pk] for pk in removed)
    lines = [(pk, prompt, True) for pk, prompt in current] + [
        (pk, prompts.get(pk, ""), False) for pk in removed
    ]
    return [
        QuestionRow(number, prompt, in_quiz, stats.get(pk) or QuestionStats(pk))
        for number, (pk, prompt, in_quiz) in enumerate(lines, start=1)
    ]


def frozen_prompts(questions: Iterable[QuestionStats]) -> dict[int, str]:
    """The prompts of questions no longer in the quiz, each as the newest attempt asking it froze
    it: only those few attempts' questions are read."""
    wanted = defaultdict(set)  # attempt id -> the questions it is the newest to ask
    for question in questions:
        wanted[question.latest_attempt_id].add(question.question_id)
    prompts = {}
    if wanted:
        attempts = QuizAttempt.objects.filter(pk__in=wanted).order_by().values_list("pk", "questions")
        for attempt_id, frozen in attempts:
            prompts.update((q["id"], q["prompt"]) for q in frozen if q["id"] in wanted[attempt_id])
    return prompts


def with_course_title(quizzes):
    """Quizzes annotated with their course's title: a quiz's parent is its course, whose path is
    the quiz's less one step."""
    course = CoursePage.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    )
    return quizzes.annotate(course_title=Subquery(course.values("title")[:1]))


class QuizListFilterSet(LearnerFilterSet):
    class Meta:
        model = QuizPage
        fields = []


class QuizListView(CountedReportView):
    """Per published quiz in the coordinator's courses: submitted attempts, learners who tried,
    the share of them who passed at least once and their average best score, for the learners
    the filters choose."""

    page_title = _("Quiz statistics")
    header_icon = "table"
    index_url_name = "report_quizzes"
    index_results_url_name = "report_quizzes_results"
    filterset_class = QuizListFilterSet
    paginate_by = 50
    columns = [
        TitleColumn("title", label=_("Quiz"), get_url=lambda quiz: quiz.stats_url),
        Column("course_title", label=_("Course")),
        Column("attempt_count", label=_("Submitted attempts")),
        Column("learner_count", label=_("Learners who tried")),
        Column("pass_rate_display", label=_("Pass rate")),
        Column("average_best_display", label=_("Average best score")),
    ]
    list_export = ["title", "course_title", "attempt_count", "learner_count", "pass_rate", "average_best"]
    export_headings = {
        "title": _("Quiz"),
        "course_title": _("Course"),
        "attempt_count": _("Submitted attempts"),
        "learner_count": _("Learners who tried"),
        "pass_rate": _("Pass rate (%)"),
        "average_best": _("Average best score (%)"),
    }

    def learner_q(self):
        return self.filters.enrolment_q("enrolment__") if self.filters else Q()

    def get_queryset(self):
        quizzes = QuizPage.objects.live().filter(scope_children_q(self.request.user))
        return with_course_title(quizzes.only("id", "title", "path", "depth")).order_by(
            "course_title", "path"
        )

    def decorate_paginated_queryset(self, object_list):
        quizzes = list(object_list)
        figures = {
            quiz.pk: {"attempts": 0, "learners": 0, "passed": 0, "best": Decimal(0)} for quiz in quizzes
        }
        # One row per quiz and learner, streamed: memory does not grow with the learners.
        per_learner = (
            QuizAttempt.objects.filter(self.learner_q(), quiz__in=figures, submitted_at__isnull=False)
            .values("quiz", "learner")
            .annotate(n=Count("pk"), best=Max("percent"), passes=Count("pk", filter=Q(passed=True)))
            .order_by()
        )
        for row in per_learner.iterator():
            quiz = figures[row["quiz"]]
            quiz["attempts"] += row["n"]
            quiz["learners"] += 1
            quiz["passed"] += row["passes"] > 0
            quiz["best"] += row["best"]
        query = self.request.GET.copy()
        for key in ("p", "export", "_w_filter_fragment"):
            query.pop(key, None)
        for quiz in quizzes:
            self.decorate(quiz, figures[quiz.pk], query.urlencode())
        return quizzes

    def decorate(self, quiz, figures, query):
        learners = figures["learners"]
        quiz.attempt_count, quiz.learner_count = figures["attempts"], learners
        quiz.pass_rate = round(100 * figures["passed"] / learners, 1) if learners else None
        quiz.average_best = round(float(figures["best"]) / learners, 1) if learners else None
        quiz.pass_rate_display = percent_display(quiz.pass_rate)
        quiz.average_best_display = percent_display(quiz.average_best)
        # The question report keeps the learners chosen here.
        quiz.stats_url = reverse("report_quiz", args=[quiz.pk]) + (f"?{query}" if query else "")

    def get_filename(self):
        return "quizy"


class QuizQuestionsFilterSet(LearnerFilterSet):
    attempts = django_filters.ChoiceFilter(
        label=_("Attempts"),
        choices=[("first", _("First attempts only"))],
        empty_label=_("All attempts"),
        method="keep",
    )

    class Meta:
        model = QuizAttempt
        fields = []

    def first_only(self) -> bool:
        return self.is_valid() and self.form.cleaned_data.get("attempts") == "first"


class QuizQuestionsView(OneObjectReportMixin, CountedReportView):
    """One quiz's questions: how many attempts asked each, the share answering correctly, the
    average credit and the discrimination index, over the attempts the filters choose."""

    page_title = _("Quiz statistics")
    header_icon = "table"
    index_url_name = "report_quiz"
    index_results_url_name = "report_quiz_results"
    parent_url_name = "report_quizzes"
    parent_label = _("Quiz statistics")
    results_template_name = "courses/admin/quiz_stats_questions_results.html"
    filterset_class = QuizQuestionsFilterSet
    paginate_by = 100
    columns = [
        Column("number", label="#"),
        Column("prompt_display", label=_("Question")),
        Column("asked", label=_("Attempts that asked it")),
        Column("share_correct_display", label=_("Answered correctly")),
        Column("average_credit_display", label=_("Average credit")),
        Column("discrimination_display", label=_("Discrimination index")),
    ]
    list_export = [
        "number",
        "question_id",
        "prompt",
        "in_quiz",
        "asked",
        "share_correct",
        "average_credit",
        "discrimination",
    ]
    export_headings = {
        "number": "#",
        "question_id": _("Question id"),
        "prompt": _("Question"),
        "in_quiz": _("Still in the quiz"),
        "asked": _("Attempts that asked it"),
        "share_correct": _("Answered correctly (%)"),
        "average_credit": _("Average credit (%)"),
        "discrimination": _("Discrimination index"),
    }

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(REPORTS_PERMISSION):
            # Outside the coordinator's courses the quiz is not found, as if it did not exist.
            quizzes = with_course_title(QuizPage.objects.filter(scope_children_q(request.user)))
            self.quiz = get_object_or_404(quizzes, pk=kwargs["quiz_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.quiz.title

    def get_page_subtitle(self):
        return self.quiz.course_title

    def report_object_id(self):
        return self.quiz.pk

    def attempts(self):
        """The submitted attempts the filters choose."""
        queryset = QuizAttempt.objects.filter(quiz=self.quiz, submitted_at__isnull=False)
        if self.filters:
            queryset = queryset.filter(self.filters.enrolment_q("enrolment__"))
            if self.filters.first_only():
                queryset = queryset.filter(number=1)
        return queryset

    def get_filtered_queryset(self):
        attempts = self.attempts()
        self.attempt_count = attempts.count()
        ranked = attempts.order_by("percent", "pk").values_list("pk", "percent", "results")
        stats = question_statistics(ranked.iterator(chunk_size=500), self.attempt_count)
        return question_rows(self.quiz, stats)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attempt_count"] = self.attempt_count
        context["group_size"] = group_size(self.attempt_count)
        context["group_percent"] = GROUP_PERCENT
        context["min_attempts"] = DISCRIMINATION_MIN_ATTEMPTS
        return context

    def get_filename(self):
        return f"quiz-{self.quiz.pk}-pytania"


@hooks.register("register_learning_menu_item")
def register_quiz_stats_menu_item():
    return ReportMenuItem(_("Quiz statistics"), reverse("report_quizzes"), icon_name="table", order=30)


@hooks.register("register_admin_urls")
def register_quiz_stats_urls():
    return [
        *report_paths("reports/quizzes/", QuizListView, "report_quizzes"),
        *report_paths("reports/quizzes/<id:quiz_id>/", QuizQuestionsView, "report_quiz"),
    ]
