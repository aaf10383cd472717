"""Template helpers used across the site's templates."""

import functools

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
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


@register.simple_tag
def nav_title(page):
    """A page's name in the menu and the breadcrumbs: on the English site its English title where
    it has one (`title_en`, common.models.EnglishNavigationTitle), else its Polish title marked
    lang="pl"; on the Polish site its title. `page` is a page or a menu item (a dict)."""
    content_language = settings.WAGTAIL_CONTENT_LANGUAGES[0][0]
    if isinstance(page, dict):
        title, title_en = page["title"], page.get("title_en", "")
    else:
        title, title_en = page.title, getattr(page, "title_en", "")
    if get_language() == content_language:
        return title
    if title_en:
        return title_en
    return format_html('<span lang="{}">{}</span>', content_language, title)
