"""Every session a person logged in with is noted (UserSession), so that deleting their account
ends all of them, on every device, and leaves no session rows behind."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session

from .models import UserSession


def _noted_at_login(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None or not session.session_key:
        return
    UserSession.objects.update_or_create(session_key=session.session_key, defaults={"user": user})
    # The user's notes of sessions that have since expired and been cleared go with them.
    noted = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    live = set(Session.objects.filter(session_key__in=noted).values_list("session_key", flat=True))
    if len(live) < len(noted):
        UserSession.objects.filter(user=user).exclude(session_key__in=live).delete()


def _forgotten_at_logout(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()


def end_all_sessions(user) -> int:
    """Delete every session the user logged in with; returns how many."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _ = Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return deleted


def connect():
    user_logged_in.connect(_noted_at_login, dispatch_uid="user_session_login")
    user_logged_out.connect(_forgotten_at_logout, dispatch_uid="user_session_logout")
