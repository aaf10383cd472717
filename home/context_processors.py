"""Context every public page needs."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def navigation(request):
    """The main menu: live children of the site's home page marked "show in menus". Lazy, so
    pages that don't draw the menu don't query for it."""

    def menu_pages():
        site = Site.find_for_request(request)
        if site is None:
            return []
        children = site.root_page.get_children().live().in_menu()
        return list(children.only("id", "title", "url_path", "path", "depth"))

    return {"menu_pages": SimpleLazyObject(menu_pages)}
