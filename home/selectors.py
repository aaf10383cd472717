"""Reads shared across the site."""

from wagtail.models import Page


def site_search(query: str):
    """Live public pages matching `query`. Slide text is indexed with the webinars and lessons
    that show the slides, so a word found only on a slide finds them too."""
    return Page.objects.live().public().filter(depth__gt=1).specific().search(query)
