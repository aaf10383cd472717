"""Template helpers used across the site's templates."""

import functools

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


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        from home import page_cache

        if getattr(context.get("request"), "is_preview", False):
            return self.nodelist.render(context)
        parts = [str(expression.resolve(context)) for expression in self.vary_on]
        if "" in parts:  # a key missing from the context (or empty): never shared
            return self.nodelist.render(context)
        key = ":".join(["fragment", self.name, get_language() or "", *parts])
        return page_cache.cached(key, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    """{% fragment "name" key ... %}...{% endfragment %}: a part of a page that is the same for
    every visitor (a lesson's body, a footer), kept in the page cache per name, keys and
    language, and purged with the pages. Rendered afresh in previews and with the cache off.
    Nothing personal (the user's name, a CSRF token) may go inside, and nothing that differs
    between visitors unless the keys carry it: a syllabus is kept per learner state
    (courses.models.pages.steps_key), which gives everyone in that state the same text."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "'\"":
        raise template.TemplateSyntaxError("{% fragment %} needs a quoted name first")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
