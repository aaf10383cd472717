"""Make every stored anonymous page stale at once (a new generation). Not needed after a deploy
(the release is part of every key); for an operator who changed something the signals don't
see, such as a bulk UPDATE in a shell."""

from django.core.management.base import BaseCommand

from elearning.page_cache import raise_generation


class Command(BaseCommand):
    help = "Make every page in the anonymous page cache stale (raise its generation)."

    def handle(self, *args, **options):
        raise_generation()
        self.stdout.write("Page cache: new generation; stored pages will not be served again.")
