"""URL routes. Admin and media live outside the language prefix; public pages are Polish at /
and English at /en/. Apps' routes are included by name, so this core imports none of them."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import (
    converters,  # noqa: F401 - registers the bounded "id" converter
    views,
)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", views.healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    # Uploaded media with HTTP Range support, so that video seeking works in development and
    # tests. In production the proxy or object storage serves /media/ before Django sees it.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.serve_media, name="media"),
    ]

urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("", include("courses.urls")),
    path("", include("certificates.urls")),
    # The learner's account: "My account", data export and deletion, then allauth's pages
    # (log-in, sign-up, email verification, password reset).
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
