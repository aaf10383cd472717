"""Whether a user may use the Wagtail admin, asked on every page that could show the editor's
userbar: two permission queries per request for learners, who never may. The answer is kept in
the cache per user for a few minutes, and forgotten when the user logs in or their account or
groups change (a permission granted to a whole group shows within ADMIN_ACCESS_SECONDS). The
admin itself always checks permissions afresh: this only decides whether to draw the userbar."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_save

ADMIN_ACCESS_SECONDS = 300


def _key(user_id) -> str:
    return f"admin-access:{user_id}"


def may_use_admin(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    value = cache.get(_key(user.pk))
    if value is None:
        value = user.has_perm("wagtailadmin.access_admin")
        cache.set(_key(user.pk), value, ADMIN_ACCESS_SECONDS)
    return value


def _forget(user_id):
    cache.delete(_key(user_id))


def connect():
    User = get_user_model()
    user_logged_in.connect(
        lambda sender, user, **kw: _forget(user.pk), weak=False, dispatch_uid="admin_access_login"
    )
    post_save.connect(
        lambda sender, instance, **kw: _forget(instance.pk),
        sender=User,
        weak=False,
        dispatch_uid="admin_access_save",
    )

    def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
        if not action.startswith("post_"):
            return
        if reverse:  # users added to or removed from a group, from the group's side
            for user_id in pk_set or []:
                _forget(user_id)
        else:
            _forget(instance.pk)

    m2m_changed.connect(
        groups_changed, sender=User.groups.through, weak=False, dispatch_uid="admin_access_groups"
    )
    m2m_changed.connect(
        groups_changed, sender=User.user_permissions.through, weak=False, dispatch_uid="admin_access_perms"
    )
