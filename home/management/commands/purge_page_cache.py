"""Empty the page cache: run it on deploy, since the cache holds pickled pages and fragments
rendered by the previous code (see home/page_cache.py)."""

from django.core.management.base import BaseCommand

from home.page_cache import purge_now


class Command(BaseCommand):
    help = "Empty the page cache (whole pages, routes, fragments); run it on every deploy."

    def handle(self, *args, **options):
        purge_now(second=False)
        self.stdout.write("Page cache emptied.")
