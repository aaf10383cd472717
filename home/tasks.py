"""Tasks of the site app."""

from celery import shared_task


@shared_task
def purge_page_cache():
    """The second purge after a content change (see home.page_cache.purge)."""
    from .page_cache import purge_now

    purge_now(second=False)
