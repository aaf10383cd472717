"""Template helpers used across the site's templates."""

import functools

from django import template
from django.urls import translate_url
from django.utils.translation import get_language

from elearning.formatting import format_duration, format_timecode

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
        {"code": code, "name": name, "url": _translated(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


@functools.lru_cache(maxsize=1024)
def _translated(path, code):
    """translate_url resolves and reverses the path each time; every page header asks for each
    language, so the answers are remembered (they depend only on the URLconf)."""
    return translate_url(path, code)


@register.filter
def startswith(value, prefix):
    """True if the string starts with the prefix; used to mark the menu's current section."""
    return str(value).startswith(str(prefix))
