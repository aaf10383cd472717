"""URL routes. Admin and media live outside the language prefix; public pages are Polish at /
and English at /en/. Apps' routes are included by name, so this core imports none of them."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import (
    converters,  # noqa: F401 - registers the bounded "id" converter
    views,
)

handler500 = "elearning.views.server_error"

urlpatterns = [
    # The admin's login guarded as the learners' one is (allauth's limits, admin access only).
    path("admin/", include("accounts.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", views.healthz, name="healthz"),
    path("healthz/ready/", views.readiness, name="readiness"),
]

if settings.SERVE_MEDIA:
    # Uploaded media with HTTP Range support, so that video seeking works in development and
    # tests. In production the proxy or object storage serves /media/ before Django sees it.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.serve_media, name="media"),
    ]

urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("", include("webinars.urls")),
    path("", include("courses.urls")),
    path("", include("certificates.urls")),
    # The learner's account: "My account", data export and deletion, then allauth's pages
    # (log-in, sign-up, email verification, password reset).
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    # One login door for the site: Wagtail's own front-end login (where pages that need a
    # login send visitors) is allauth's.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
