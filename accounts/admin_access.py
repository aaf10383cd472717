"""Whether the logged-in person may use the Wagtail admin, asked on every page to decide whether
to draw the editor's userbar: two permission queries per request for learners, who never may.
The answer is kept in the person's session for ADMIN_ACCESS_SECONDS, so a permission granted
meanwhile shows the userbar within that time (or at the next login, which starts a new session).
The admin itself always checks permissions afresh: this only decides whether to draw the
userbar."""

import time

ADMIN_ACCESS_SECONDS = 600
SESSION_KEY = "_may_use_admin"


def may_use_admin(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    now = int(time.time())
    kept = request.session.get(SESSION_KEY)
    if isinstance(kept, list) and len(kept) == 2 and kept[1] > now:
        return bool(kept[0])
    value = user.has_perm("wagtailadmin.access_admin")
    request.session[SESSION_KEY] = [value, now + ADMIN_ACCESS_SECONDS]
    return value


def _forget_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)


def connect():
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(_forget_at_login, dispatch_uid="admin_access_login")
