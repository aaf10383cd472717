"""Template tags of the course pages."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def course_completion_notices(context, course, enrolment):
    """What the apps above courses tell a learner who has completed `course`: each function
    registered for the `course_completion_notice` hook is called with (request, course,
    enrolment) and returns HTML or "" (the certificates app: the certificate's state)."""
    if enrolment is None or enrolment.completed_at is None:
        return ""
    request = context.get("request")
    notices = (notice(request, course, enrolment) for notice in hooks.get_hooks("course_completion_notice"))
    return mark_safe("".join(conditional_escape(notice) for notice in notices if notice))  # noqa: S308
