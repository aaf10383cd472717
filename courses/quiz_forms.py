"""Forms of quizzes: the editor's quiz form, which refuses questions that cannot be graded, and
the learner's attempt form, built from the questions frozen on the attempt (without the key)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm

from elearning.forms import AccessibleErrorsMixin

from . import grading


def _live_forms(formset):
    """The forms of an inline formset that will be saved: valid, not deleted, not left empty."""
    for form in formset.forms:
        if not form.is_valid():
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if form.empty_permitted and not form.has_changed():
            continue
        yield form


class QuizPageForm(WagtailAdminPageForm):
    """The quiz editor form: every question must be gradable before the quiz can be saved."""

    def clean(self):
        cleaned_data = super().clean()
        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned_data
        count = 0
        for form in _live_forms(questions):
            count += 1
            for message in self._question_problems(form):
                form.add_error(None, message)
        pool_size = cleaned_data.get("pool_size")
        if pool_size and pool_size > count:
            self.add_error(
                "pool_size",
                ngettext(
                    "The pool has only %(count)d question; draw at most that many.",
                    "The pool has only %(count)d questions; draw at most that many.",
                    count,
                )
                % {"count": count},
            )
        if (
            cleaned_data.get("answers_shown") == grading.AFTER_LAST_ATTEMPT
            and not cleaned_data.get("max_attempts")
            and "max_attempts" not in self.errors
        ):
            self.add_error(
                "answers_shown",
                _(
                    "With unlimited attempts there is no last attempt: "
                    "limit the attempts or choose another rule."
                ),
            )
        return cleaned_data

    @staticmethod
    def _question_problems(form):
        data = form.cleaned_data
        kind = data.get("kind")
        choices = [choice.cleaned_data for choice in _live_forms(form.formsets["choices"])]
        correct = sum(1 for choice in choices if choice.get("is_correct"))
        accepted = [
            line.strip() for line in (data.get("accepted_answers") or "").splitlines() if line.strip()
        ]
        if kind in grading.CHOICE_KINDS:
            if len(choices) < 2:
                yield _("A choice question needs at least two options.")
            if kind == grading.SINGLE and correct != 1:
                yield _("A single choice question needs exactly one correct option (it has %(count)d).") % {
                    "count": correct
                }
            if kind == grading.MULTIPLE and correct == 0:
                yield _("A multiple choice question needs at least one correct option.")
        elif choices:
            yield _("Only choice questions have options; remove them or change the type.")
        if kind == grading.TRUE_FALSE and not data.get("true_false_answer"):
            yield _("Say whether the statement is true or false.")
        if kind == grading.TEXT and not accepted:
            yield _("Give at least one accepted answer.")
        elif kind == grading.TEXT and not all(grading.normalize_text(line) for line in accepted):
            yield _("An accepted answer made only of punctuation can never match; write words.")
        if kind == grading.NUMBER:
            if not accepted:
                yield _("Give the correct number as an accepted answer.")
            elif any(grading.parse_number(line) is None for line in accepted):
                yield _("Each accepted answer of a number question must be a number, such as 12 or 2,5.")


class QuizAttemptForm(AccessibleErrorsMixin, forms.Form):
    """The answers to one attempt. Built from the public part of the frozen questions, so it
    cannot show what it does not have; an option from another question is refused."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, 1):
            field = self._field_for(question)
            field.question = question
            field.number = number
            self.fields[grading.field_name(question)] = field

    @staticmethod
    def _field_for(question):
        kind = question["kind"]
        choices = [(choice["token"], choice["text"]) for choice in question["choices"]]
        not_an_option = _("That is not one of this question's options.")
        if kind == grading.SINGLE:
            return forms.ChoiceField(
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer."), "invalid_choice": not_an_option},
            )
        if kind == grading.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": _("Choose at least one option."),
                    "invalid_choice": not_an_option,
                    "invalid_list": not_an_option,
                },
            )
        if kind == grading.TRUE_FALSE:
            return forms.TypedChoiceField(
                choices=[("true", _("True")), ("false", _("False"))],
                coerce=lambda value: value == "true",
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose true or false."), "invalid_choice": not_an_option},
            )
        if kind == grading.NUMBER:
            return forms.CharField(
                max_length=40,
                validators=[_number_validator],
                error_messages={"required": _("Write a number.")},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        return forms.CharField(
            max_length=300,
            error_messages={"required": _("Write your answer.")},
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )

    def bound_questions(self):
        """(question, bound field) pairs in the attempt's order, for the template."""
        return [(field.question, self[name]) for name, field in self.fields.items()]

    def answers(self) -> dict:
        """The cleaned answers keyed by question token (see grading.resolve_answers)."""
        return {field.question["token"]: self.cleaned_data[name] for name, field in self.fields.items()}


def _number_validator(value):
    if grading.parse_number(value) is None:
        raise forms.ValidationError(_("Write a number, such as 12 or 2,5."), code="not_a_number")
