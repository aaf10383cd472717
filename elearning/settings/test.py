"""Settings for the test suite. The database comes from DATABASE_URL (SQLite by default,
PostgreSQL in CI's second run); Redis is started by the tests themselves."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, file_storages, redis_caches

DEBUG = False
SECRET_KEY = "test-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Worker processes in the fault tests send to a real SMTP server the test runs.
if os.environ.get("ELEARNING_TEST_EMAIL_URL"):
    vars().update(env.email_url("ELEARNING_TEST_EMAIL_URL"))  # noqa: F405
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)  # noqa: F405

# The SQLite test database is a file, not memory, so that Celery worker processes started by
# the tests see what the tests wrote.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)  # a fresh clone has no var/ yet
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("ELEARNING_TEST_SQLITE", str(BASE_DIR / "var" / "test-db.sqlite3"))
    }
    # The fault tests run Celery workers that hold SQLite's single write lock while a
    # certificate is rendered; on a loaded machine ten writing threads can queue behind them
    # for longer than the default 20 s.
    DATABASES["default"]["OPTIONS"]["timeout"] = 60
# A Celery worker process started by a test connects straight to the test database.
if os.environ.get("ELEARNING_TEST_DB_NAME"):
    DATABASES["default"]["NAME"] = os.environ["ELEARNING_TEST_DB_NAME"]

# The tests start a Redis server of their own (tests/conftest.py) and point the caches and the
# broker at it: what production caches, the tests cache, the page cache included.
CACHES = redis_caches(REDIS_URL)  # noqa: F405
STORAGES = {
    # This machine's folders; object storage only for a worker that a test starts with it
    # (tests/elearning/test_object_storage.py), never from a developer's shell.
    **(
        file_storages(env)  # noqa: F405
        if os.environ.get("ELEARNING_TEST_OBJECT_STORAGE")
        else {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {"BACKEND": "elearning.storage.PrivateStorage"},
        }
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = None  # static files come from the finders; nothing is collected in tests
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
