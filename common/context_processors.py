"""Context for the templates' content fragments."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from elearning import page_cache


def content_generation(request):
    """`content_generation`: the page cache's generation, which a publish raises. Content
    fragments ({% wagtailpagecache %}) vary on it, so a changed slide deck or image shows at
    once on every page that includes it. Read from the cache only by templates that use it."""
    return {
        "content_generation": SimpleLazyObject(lambda: page_cache.generation() or ""),
        "fragment_cache_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
