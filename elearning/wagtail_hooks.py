"""Admin behaviour shared by every page type."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("before_create_page")
def no_autosave_before_the_first_save(request, parent_page, page_class):
    """Wagtail 8 autosaves a new page too: the first autosave creates it as a draft, so an editor
    who opens "add lesson", types a little and leaves has left a draft lesson behind. Autosave
    posts the form for JSON; before the page's first save it is refused here, with the reason in
    the autosave indicator. Once the editor saves a draft or publishes, autosave works as usual
    (the edit view is not affected)."""
    if request.method == "POST" and not request.accepts("text/html"):
        return JsonResponse(
            {
                "success": False,
                # One of the codes whose message Wagtail's autosave indicator shows.
                "error_code": "validation_error",
                "error_message": _("Autosave starts once the page is saved for the first time."),
            },
            status=400,
        )
    return None
