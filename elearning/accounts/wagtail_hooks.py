"""Admin hooks of the accounts app."""

from django.contrib.auth import get_user_model
from wagtail import hooks

from . import user_cache


@hooks.register("after_bulk_action")
def forget_users_changed_in_bulk(request, action_type, objects, action_class_instance):
    """Wagtail's bulk actions on users change the rows without saving the models ("mark as
    inactive" is a queryset update), so the logged-in users' cache hears of it here."""
    if getattr(action_class_instance, "model", None) is get_user_model():
        for user in objects:
            user_cache.forget_soon(user.pk)
