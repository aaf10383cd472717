"""Reads shared across the site."""

import re

from wagtail.models import Page

# Characters the search backends treat as query syntax (SQLite FTS5 fails on a stray quote).
_QUERY_SYNTAX = re.compile(r"[^\w\s'-]+")


def site_search(query: str):
    """Live public pages matching `query`. Slide text is indexed with the webinars and lessons
    that show the slides, so a word found only on a slide finds them too."""
    words = " ".join(_QUERY_SYNTAX.sub(" ", query).split())
    if not words:
        return Page.objects.none()
    return Page.objects.live().public().filter(depth__gt=1).specific().search(words)
