"""Template helpers used across the site's templates."""

from django import template
from django.urls import translate_url
from django.utils.translation import get_language

from courses.models import format_duration
from home.timecodes import format_timecode

register = template.Library()


@register.filter
def duration(seconds):
    """Seconds as a learner-facing estimate: "1 h 20 min"."""
    return format_duration(seconds or 0)


@register.filter
def timecode(seconds):
    """Seconds as a player time: "12:05" or "1:02:03"."""
    return format_timecode(seconds or 0)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page's address in each site language, for the language switcher."""
    from django.conf import settings

    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


@register.filter
def startswith(value, prefix):
    """True if the string starts with the prefix; used to mark the menu's current section."""
    return str(value).startswith(str(prefix))
