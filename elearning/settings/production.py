"""Production settings: everything secret or host-specific comes from the environment and
`manage.py check --deploy --fail-level WARNING` passes."""

from .base import *  # noqa: F403
from .base import env, file_storages, redis_caches

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# No silent fallbacks in production: these must be set.
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
REDIS_URL = env("REDIS_URL")
CACHES = redis_caches(REDIS_URL, env("PAGE_CACHE_URL", default=None))
CELERY_BROKER_URL = REDIS_URL
vars().update(env.email_url("EMAIL_URL"))
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
# The proxy or object storage serves /media/ (with HTTP ranges); Django does not.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override this to SAMEORIGIN themselves
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

STORAGES = {
    **file_storages(env),  # this machine's folders, or object storage (base.file_storages)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
