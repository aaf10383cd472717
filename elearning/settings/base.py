"""Settings shared by every environment; each value that differs between machines comes from
the environment (12-factor), read with django-environ."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# The project's apps, from the bottom layer up (see README, "What is here").
INSTALLED_APPS = [
    "elearning",
    "accounts",
    "common",
    "webinars",
    "courses",
    "certificates",
    "reporting",
    "home",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the middleware that write the body: pages and JSON compressed (elearning/compression.py).
    "elearning.compression.PageGZipMiddleware",
    "elearning.security.PermissionsPolicyMiddleware",
    "elearning.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: anonymous views of Wagtail's pages are answered from the page cache when stored.
    "elearning.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "elearning.urls"
WSGI_APPLICATION = "elearning.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.navigation",
                "common.context_processors.content_generation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a Celery worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Polish is the default (served without a prefix), English under /en/.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
# The project's catalogue (`make translations`), then Polish for what Wagtail's and wagtailmedia's
# own catalogues leave in English (kept by hand, tests/test_admin_polish.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_extra"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("pl", _("Polish"))]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Serve /media/ from Django (with HTTP Range support for video). Production turns this off when
# the proxy or object storage serves uploads.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Files only their owners may see (certificate PDFs): never under MEDIA_ROOT, served by views
# that check access (elearning.storage.PrivateStorage).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
# Behind nginx (deploy/nginx.conf): the proxy's internal location of PRIVATE_MEDIA_ROOT, e.g.
# "/private-files/". The views check access and answer X-Accel-Redirect; the proxy sends the file.
PRIVATE_MEDIA_ACCEL_REDIRECT = env("PRIVATE_MEDIA_ACCEL_REDIRECT", default="")


def file_storages(env) -> dict:
    """STORAGES' "default" (public media) and "private" (certificate PDFs) on this machine, or,
    when AWS_STORAGE_BUCKET_NAME is set, on object storage (S3 API, django-storages): public
    media in that bucket at unsigned addresses (pages are cached with them), private files in
    AWS_PRIVATE_BUCKET_NAME at signed addresses that last AWS_PRIVATE_URL_EXPIRE seconds.
    The keys come from boto3's own sources (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the
    environment, or the machine's role)."""
    from django.core.exceptions import ImproperlyConfigured

    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    private_bucket = env("AWS_PRIVATE_BUCKET_NAME", default="")
    if not bucket:
        if private_bucket:
            raise ImproperlyConfigured("AWS_PRIVATE_BUCKET_NAME is set: set AWS_STORAGE_BUCKET_NAME too.")
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {"BACKEND": "elearning.storage.PrivateStorage"},
        }
    if not private_bucket or private_bucket == bucket:
        raise ImproperlyConfigured(
            "AWS_PRIVATE_BUCKET_NAME must name a bucket of its own (no public access) for certificates."
        )
    common = {
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env("AWS_S3_REGION_NAME", default="") or None,
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    return {
        "default": {
            "BACKEND": "elearning.object_storage.PublicMediaStorage",
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "querystring_auth": False,
                # "public-read" where the provider takes object ACLs; else the bucket's policy
                # makes objects public (all but documents/, which Wagtail serves itself).
                "default_acl": env("AWS_DEFAULT_ACL", default="") or None,
                "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default="") or None,
                "object_parameters": {"CacheControl": "public, max-age=604800"},
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                # No ACL sent: the bucket allows no public access (nor do providers that
                # refuse ACLs take one).
                "bucket_name": private_bucket,
                "querystring_auth": True,
                "querystring_expire": env.int("AWS_PRIVATE_URL_EXPIRE", default=300),
            },
        },
    }


STORAGES = {
    **file_storages(env),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def media_origins(env) -> list[str]:
    """Where pages may show and play public media from (the Content-Security-Policy): the
    object storage's address, unless MEDIA_ORIGINS lists them."""
    from urllib.parse import urlsplit

    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    if env("MEDIA_ORIGINS", default="") or not bucket:
        return env.list("MEDIA_ORIGINS", default=[])
    if custom_domain := env("AWS_S3_CUSTOM_DOMAIN", default=""):
        return [f"https://{custom_domain}"]
    if endpoint := env("AWS_S3_ENDPOINT_URL", default=""):
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    region = env("AWS_S3_REGION_NAME", default="")
    regional = [f"https://{bucket}.s3.{region}.amazonaws.com"] if region else []
    return [f"https://{bucket}.s3.amazonaws.com", *regional]


MEDIA_ORIGINS = media_origins(env)
if env("AWS_STORAGE_BUCKET_NAME", default=""):
    # Documents are streamed by Wagtail's view after its privacy check, never redirected to.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploaded recordings can be large; Django streams anything above this to a temp file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Redis: the broker and the default cache (sessions, rate limits) on REDIS_URL's database, the
# page cache on a database of its own (PAGE_CACHE_URL; database 1 of the same server unless
# set). Configure the pages' Redis with a memory limit and `maxmemory-policy allkeys-lru`.
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")


def redis_database_url(redis_url: str, database: int) -> str:
    """The same Redis server, another database."""
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(redis_url)._replace(path=f"/{database}"))


def redis_caches(redis_url: str, pages_url: str | None = None) -> dict:
    """CACHES on Redis: connections fail fast and are not retried (a cache error is a miss,
    elearning.cache), so an outage costs a request milliseconds, not seconds."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    options = {
        "socket_connect_timeout": 0.25,
        "socket_timeout": 0.5,
        "retry": Retry(NoBackoff(), 0),
        "health_check_interval": 30,
    }
    return {
        "default": {"BACKEND": "elearning.cache.RedisCache", "LOCATION": redis_url, "OPTIONS": options},
        "pages": {
            "BACKEND": "elearning.cache.RedisCache",
            "LOCATION": pages_url or redis_database_url(redis_url, 1),
            "OPTIONS": options,
        },
    }


CACHES = redis_caches(REDIS_URL, env("PAGE_CACHE_URL", default=None))
# Sessions live in the database only: a copy in the cache could outlive a logout made while
# the cache was unreachable (its deletion lost) and log the cookie in again afterwards.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Anonymous page views are kept this long at most (elearning/page_cache.py); a publish makes
# them stale at once. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Content fragments (a lesson's body, a course's description) are kept this long at most.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=3600)

# A progress save credits at most the playback that could have happened since the learner's
# earlier saves of the lesson: wall-clock time x the fastest rate the players offer (YouTube's
# and the browsers' menus stop at 2x), plus what a first save may carry (the player saves every
# 15 s while playing: 30 s at 2x, and some slack). courses.services.playback_credit.
LEARNING_MAX_PLAYBACK_RATE = 2.0
LEARNING_FIRST_SAVE_SECONDS = 45.0

# A live event's guests (registered without an account) are named in its registrations and
# attendance for this many days after it, then forgotten (webinars.live_events.past_guests_forget).
WEBINAR_GUESTS_KEPT_DAYS = env.int("WEBINAR_GUESTS_KEPT_DAYS", default=180)

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-slide-decks": {
        "task": "webinars.tasks.requeue_stale_slide_decks",
        "schedule": 300.0,
    },
    "requeue-unprobed-recording-files": {
        "task": "webinars.tasks.requeue_unprobed_recording_files",
        "schedule": 300.0,
    },
    "queue-webinar-reminders": {
        "task": "webinars.tasks.queue_webinar_reminders",
        "schedule": env.float("WEBINAR_REMINDERS_EVERY", default=60.0),
    },
    "remove-orphaned-recording-files": {
        "task": "webinars.tasks.remove_orphaned_recording_files",
        "schedule": 24 * 3600.0,
    },
    "forget-past-guests": {
        "task": "webinars.tasks.forget_past_guests",
        "schedule": 24 * 3600.0,
    },
    "requeue-stale-certificates": {
        "task": "certificates.tasks.requeue_stale_certificates",
        "schedule": env.float("CERTIFICATE_REQUEUE_EVERY", default=60.0),
    },
}
# A certificate still pending or waiting to retry this long after its last change is queued
# again (its message was lost, Redis was down, or its worker died).
CERTIFICATE_REQUEUE_AFTER = env.int("CERTIFICATE_REQUEUE_AFTER", default=180)
# First wait (seconds) before retrying a certificate email the mail server refused; it doubles
# with each retry, up to five minutes.
CERTIFICATE_RETRY_BACKOFF = env.int("CERTIFICATE_RETRY_BACKOFF", default=5)
CERTIFICATE_RETRY_BACKOFF_MAX = env.int("CERTIFICATE_RETRY_BACKOFF_MAX", default=120)
# Retries before a certificate is marked failed (about ten minutes with the backoff above).
CERTIFICATE_MAX_RETRIES = env.int("CERTIFICATE_MAX_RETRIES", default=8)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
# A mail server that takes the connection and then says nothing must not hold a worker until the
# certificate task's time limit (120 s soft): the socket gives up first, and the task retries the
# timeout like any passing error (certificates.services.RETRYABLE_ERRORS: it is an OSError).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="CAMS e-learning <noreply@localhost>")

# Security headers (elearning/security.py). The site: its own scripts, styles, images and media,
# and YouTube's player; nothing inline. The admin: Wagtail still writes inline scripts and
# styles, and shows images from data: and blob: addresses while uploading.
YOUTUBE_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://www.youtube.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "https://www.youtube.com"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://i.ytimg.com", *MEDIA_ORIGINS],
        "media-src": ["'self'", *MEDIA_ORIGINS],
        "frame-src": ["'self'", *YOUTUBE_PLAYER_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": ["'self'", "'unsafe-inline'", "https://www.youtube.com"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https://i.ytimg.com", *MEDIA_ORIGINS],
}
# Browser features the site never uses are off, for it and the frames it embeds; YouTube's
# player may go full screen and picture-in-picture, and play protected media.
_PLAYER = "(self " + " ".join(f'"{origin}"' for origin in YOUTUBE_PLAYER_ORIGINS) + ")"
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "camera": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "payment": "()",
    "usb": "()",
    "fullscreen": _PLAYER,
    "picture-in-picture": _PLAYER,
    "encrypted-media": _PLAYER,
}

# Wagtail
WAGTAIL_SITE_NAME = "CAMS e-learning"
# No avatars from Gravatar in the admin: staff's email hashes are not sent to a third party, and
# the admin's Content-Security-Policy loads images from the site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Polish titles give ASCII slugs ("fundusz-sasiedzki"), not percent-encoded URLs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Slide decks and recordings uploaded by editors.
SLIDE_DECK_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
SLIDE_DECK_RENDER_WIDTH = 1280
SLIDE_DECK_MAX_PAGES = 300
VIDEO_MAX_UPLOAD_SIZE = 2 * 1024 * 1024 * 1024
# Recordings are uploaded once to the media library (wagtailmedia, "Media" in the admin) and
# chosen in webinar pages; the duration and poster are read from the file (ffprobe, ffmpeg).
WAGTAILMEDIA = {
    "MEDIA_MODEL": "webinars.RecordingFile",
    "MEDIA_FORM_BASE": "webinars.forms.RecordingFileForm",
    "VIDEO_EXTENSIONS": ["mp4", "m4v", "webm", "ogv"],
}

# Accounts: django-allauth for learners (email and password, verified email), Django's own
# ModelBackend so that editors keep logging in to the Wagtail admin with a username. The admin
# redirects to its own login page (WAGTAILADMIN_LOGIN_URL), whatever LOGIN_URL says.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# Every login on the site goes through allauth (its rate limits and email verification): pages
# that need a login send visitors there, and /_util/login/ redirects there (elearning.urls).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# The admin's own login form goes through allauth's limits too and lets in only those who may
# use the admin (accounts.admin_login).
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.admin_login.AdminLoginForm"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "accounts.adapter.LearnerAccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.LearnerSignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# One address per learner (the one certificates go to); changing it needs the new one verified.
ACCOUNT_CHANGE_EMAIL = True
# Confirming the address in the browser that signed up logs the learner straight in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CAMS e-learning] "
ACCOUNT_USER_DISPLAY = "accounts.selectors.user_display"
# ACCOUNT_RATE_LIMITS stays at allauth's defaults (login, failed logins, sign-up, password
# reset...), counted in the cache. Behind a proxy the client address is in X-Forwarded-For:
# without this every learner would share the proxy's address and its per-IP limits.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {app: {"level": "INFO"} for app in ("webinars", "courses", "certificates")},
}
