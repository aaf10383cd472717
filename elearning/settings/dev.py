"""Settings for `make run` on one machine: debug on, email to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Without REDIS_URL (`make run` sets it once Redis is up) keep the cache in-process, so commands
# such as migrate and load_demo_content work before Redis has started.
if "REDIS_URL" not in env.ENVIRON:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    # No shared cache and no broker yet: no page cache, so content saves queue no purges.
    PAGE_CACHE_SECONDS = 0
