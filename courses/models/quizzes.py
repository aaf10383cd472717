"""Quizzes: a check of understanding inside a course. Questions and their options are edited
inline on the quiz's own editor screen; only the server knows which answers are right."""

import random
import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from elearning.panels import NamedInlinePanel

from .. import grading
from ..quiz_forms import QuizAttemptForm, QuizPageForm
from .pages import SyllabusItemMixin


class QuizPage(SyllabusItemMixin, Page):
    """A quiz: instructions, rules (pass mark, attempts, waits, shuffling, when answers are
    shown, an optional pool) and questions. A passed quiz counts toward completing the course."""

    class AnswersShown(models.TextChoices):
        NEVER = "never", _("Never")
        AFTER_PASSING = "passed", _("After the learner passes")
        AFTER_LAST_ATTEMPT = grading.AFTER_LAST_ATTEMPT, _("After the learner's last attempt")

    instructions = RichTextField(
        _("instructions"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    wait_minutes = models.PositiveIntegerField(
        _("wait between attempts (minutes)"),
        default=0,
        help_text=_("How long a learner waits after an attempt before starting the next one."),
    )
    shuffle_questions = models.BooleanField(_("shuffle the questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle the options"), default=False)
    pool_size = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Draw this many questions at random for each attempt; leave empty to ask them all."),
    )
    show_feedback = models.BooleanField(
        _("show feedback after each attempt"),
        default=True,
        help_text=_(
            "Which answers were right or wrong, with the feedback written for the chosen options. "
            "This hints at the correct answers even when they are not shown."
        ),
    )
    answers_shown = models.CharField(
        _("show the correct answers"),
        max_length=8,
        choices=AnswersShown.choices,
        default=AnswersShown.AFTER_PASSING,
        help_text=_(
            "With “after the learner passes”, a learner who passed has seen the answers and cannot "
            "take the quiz again."
        ),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"),
        default=10,
        help_text=_(
            "How long the quiz usually takes, counted in the course's estimated time. Not a time limit."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("estimated_minutes")]),
                FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("wait_minutes")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldPanel("pool_size"),
                FieldRowPanel([FieldPanel("show_feedback"), FieldPanel("answers_shown")]),
            ],
            heading=_("Rules"),
        ),
    ]
    question_panels = [
        NamedInlinePanel(
            "questions",
            heading=_("Questions"),
            label=_("question"),
            add_label=_("Add a question"),
            min_num=1,
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(question_panels, heading=_("Questions")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("instructions")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    base_form_class = QuizPageForm
    is_quiz = True

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @property
    def estimated_seconds(self):
        return self.estimated_minutes * 60

    def freeze_questions(self, rng: random.Random | None = None) -> list[dict]:
        """The questions of a new attempt with their answer key, drawn from the pool and
        shuffled as the rules say. Stored on the attempt, so the quiz's later edits do not
        touch it."""
        rng = rng or random.SystemRandom()
        # Editor order; pk breaks ties where sort_order was never set (questions made in code).
        choices = models.Prefetch("choices", queryset=QuizChoice.objects.order_by("sort_order", "pk"))
        questions = list(self.questions.order_by("sort_order", "pk").prefetch_related(choices))
        if self.pool_size and self.pool_size < len(questions):
            drawn = set(rng.sample(range(len(questions)), self.pool_size))
            questions = [question for i, question in enumerate(questions) if i in drawn]
        if self.shuffle_questions:
            rng.shuffle(questions)
        frozen = [question.freeze() for question in questions]
        if self.shuffle_choices:
            for question in frozen:
                rng.shuffle(question["choices"])
        # The browser names questions and options by tokens random to this attempt.
        tokens = set()
        for item in [*frozen, *(choice for question in frozen for choice in question["choices"])]:
            token = secrets.token_hex(4)
            while token in tokens:
                token = secrets.token_hex(4)
            tokens.add(token)
            item["token"] = token
        return frozen

    def get_context(self, request, *args, form=None, refusal=None, **kwargs):
        from ..selectors import quiz_state  # selectors read these models

        context = super().get_context(request, *args, **kwargs)
        state = quiz_state(self, context["learner"])
        context["quiz"] = state
        context["refusal"] = refusal
        if state.open_attempt_allowed and not context["locked"]:
            # The form is built from the public part of the frozen questions only.
            context["form"] = form or QuizAttemptForm(grading.public_questions(state.open_attempt.questions))
        return context

    def render_with(self, request, *, status, **extra):
        """The quiz page with an attempt form carrying errors, or a refusal, and its status."""
        context = self.get_context(request, **extra)
        return TemplateResponse(request, self.get_template(request), context, status=status)


class QuizQuestion(ClusterableModel, Orderable):
    """One question of a quiz, with its options or accepted answers and points."""

    class Kind(models.TextChoices):
        SINGLE = grading.SINGLE, _("Single choice")
        MULTIPLE = grading.MULTIPLE, _("Multiple choice")
        TRUE_FALSE = grading.TRUE_FALSE, _("True or false")
        TEXT = grading.TEXT, _("Short text answer")
        NUMBER = grading.NUMBER, _("Number")

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.SINGLE)
    prompt = models.TextField(_("question"))
    points = models.PositiveSmallIntegerField(
        _("points"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    partial_credit = models.BooleanField(
        _("partial credit"),
        default=False,
        help_text=_(
            "Multiple choice: each correct option earns its share of the points and each wrong "
            "one takes a share back. Otherwise all or nothing."
        ),
    )
    true_false_answer = models.CharField(
        _("the statement is"),
        max_length=5,
        blank=True,
        choices=[("true", _("True")), ("false", _("False"))],
        help_text=_("True or false questions only."),
    )
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_(
            "Text or number questions: one accepted answer per line. Case and extra spaces do "
            "not matter; numbers may use a comma (2,5)."
        ),
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=12,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Number questions: how far from an accepted number an answer may be."),
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown with the correct answer after grading.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("points")]),
        FieldPanel("prompt"),
        # Each of these is shown only for the question types that use it (static/js/quiz_editor.js).
        NamedInlinePanel(
            "choices",
            heading=_("Options"),
            label=_("option"),
            add_label=_("Add an option"),
            attrs={"data-question-kinds": "single multiple"},
        ),
        FieldPanel("partial_credit", attrs={"data-question-kinds": "multiple"}),
        FieldPanel("true_false_answer", attrs={"data-question-kinds": "true_false"}),
        FieldPanel("accepted_answers", attrs={"data-question-kinds": "text number"}),
        FieldPanel("tolerance", attrs={"data-question-kinds": "number"}),
        FieldPanel("explanation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.prompt[:80]

    def accepted_list(self):
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]

    def freeze(self) -> dict:
        """This question and its answer key as plain data, for an attempt to keep."""
        return {
            "id": self.pk,
            "kind": self.kind,
            "prompt": self.prompt,
            "points": self.points,
            "partial_credit": self.partial_credit,
            "choices": [
                {"id": c.pk, "text": c.text, "correct": c.is_correct, "feedback": c.feedback}
                for c in self.choices.all()
            ],
            "answer": self.true_false_answer == "true",
            "accepted": self.accepted_list(),
            "tolerance": str(self.tolerance),
            "explanation": self.explanation,
        }


class QuizChoice(Orderable):
    """An option of a single or multiple choice question, with feedback for whoever picks it."""

    question = ParentalKey(QuizQuestion, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("option"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(_("feedback"), blank=True, help_text=_("Shown to a learner who picks it."))

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.text
