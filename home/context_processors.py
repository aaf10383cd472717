"""Context every public page needs."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

from accounts.admin_access import may_use_admin
from elearning import page_cache

# Page content is written in Polish; under /en/ only the interface is English, so content
# elements carry lang="pl" (WCAG 3.1.2, language of parts).
CONTENT_LANGUAGE = settings.WAGTAIL_CONTENT_LANGUAGES[0][0]


def navigation(request):
    """The main menu: live children of the site's home page marked "show in menus". Lazy, so
    pages that don't draw the menu don't query for it."""

    def menu_pages():
        site = Site.find_for_request(request)
        if site is None:
            return []

        def items():
            children = site.root_page.get_children().live().public().in_menu().specific()
            return [
                {
                    "pk": child.pk,
                    "path": child.path,
                    "title": child.title,
                    "title_en": getattr(child, "title_en", ""),
                    "url": child.get_url(request),
                }
                for child in children
            ]

        # Public content, kept beside the pages and made stale with them (the generation).
        return page_cache.cached_public(f"menu:{site.pk}:{get_language()}", items)

    return {
        "menu_pages": SimpleLazyObject(menu_pages),
        "content_language": CONTENT_LANGUAGE,
        # The editor's userbar, only for people who may use the admin (learners never may).
        "may_use_admin": SimpleLazyObject(lambda: may_use_admin(request)),
    }
