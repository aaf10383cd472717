"""Context for the templates' content fragments."""

import uuid

from django.conf import settings

from elearning import page_cache


def content_generation(request):
    """`content_generation`: the page cache's generation, which a publish raises. Content
    fragments ({% wagtailpagecache %}) vary on it, so a changed slide deck or image shows at
    once on every page that includes it."""
    current = page_cache.generation()  # read once per request
    if current is None:  # the cache cannot be reached: fragments are rendered, not kept
        return {"content_generation": uuid.uuid4().hex, "fragment_cache_seconds": 0}
    return {"content_generation": current, "fragment_cache_seconds": settings.FRAGMENT_CACHE_SECONDS}
