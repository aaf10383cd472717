"""Writes about learners' accounts: the profile, the data export and account deletion.

Other apps take part in the export and the deletion without this module knowing them. In their
``AppConfig.ready()``::

    from accounts.services import register_anonymise_hook, register_export_section

    register_export_section("enrolments", enrolments_for_export)  # (user) -> JSON-able value
    register_anonymise_hook(learning_records_anonymise)  # (user) -> None

An export section may return dates, datetimes, decimals and UUIDs (the export is written with
Django's JSON encoder). An anonymise hook runs inside the deletion's transaction, before the user
row loses its email and names, and must leave nothing that points at the person; raising an
exception aborts the whole deletion.
"""

import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import User
from .selectors import learner_email_addresses
from .sessions import end_all_sessions

logger = logging.getLogger(__name__)

# The learner's own description of themselves: asked at sign-up, edited on "My account".
PROFILE_FIELDS = (
    "display_name",
    "organisation_type",
    "organisation_name",
    "voivodeship",
    "municipality",
    "preferred_language",
)
EXPORT_FORMAT = "cams-elearning-learner-data/1"
_RESERVED_SECTIONS = frozenset({"format", "exported_at", "account", "profile", "email_addresses"})

# Keyed by name, so that registering again (ready() runs more than once in some test set-ups)
# replaces instead of doubling.
_export_sections: dict[str, Callable[[User], Any]] = {}
_anonymise_hooks: dict[str, Callable[[User], None]] = {}


class AccountDeletionNotAllowed(Exception):
    """Staff accounts are not deleted by their owners: an administrator takes away their roles
    first, so that nobody locks the institute out of its own admin by accident."""


def has_staff_role(user: User) -> bool:
    """Whether the account has any role beyond learning: staff or superuser flags, a group
    (editors, coordinators) or a permission of its own. Such accounts are not deleted by their
    owners."""
    return bool(user.is_staff or user.is_superuser or user.groups.exists() or user.user_permissions.exists())


def register_export_section(name: str, section: Callable[[User], Any]) -> None:
    """Add ``section(user)``'s result to every learner's data export under ``name``."""
    if name in _RESERVED_SECTIONS:
        raise ValueError(f"{name!r} is a section of the accounts app itself")
    _export_sections[name] = section


def register_anonymise_hook(hook: Callable[[User], None]) -> None:
    """Call ``hook(user)`` whenever a learner deletes their account, to anonymise the records
    another app keeps about them."""
    _anonymise_hooks[f"{hook.__module__}.{hook.__qualname__}"] = hook


def learner_profile_update(*, user: User, privacy_consent_at: datetime | None = None, **profile: str) -> User:
    """Save the learner's profile fields (any of PROFILE_FIELDS) and, at sign-up, the moment
    they accepted the privacy policy."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {', '.join(sorted(unknown))}")
    for name, value in profile.items():
        setattr(user, name, value)
    update_fields = list(profile)
    if privacy_consent_at is not None:
        user.privacy_consent_at = privacy_consent_at
        update_fields.append("privacy_consent_at")
    user.full_clean(exclude=["password"])
    user.save(update_fields=update_fields)
    return user


def learner_data_export(user: User) -> dict[str, Any]:
    """Everything the platform holds about a learner, for them to download (GDPR art. 15 and 20):
    their account and profile, their email addresses and each registered app's section."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "profile": {name: getattr(user, name) for name in PROFILE_FIELDS}
        | {"privacy_consent_at": user.privacy_consent_at},
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in learner_email_addresses(user=user)
        ],
    }
    for name, section in _export_sections.items():
        data[name] = section(user)
    return data


@transaction.atomic
def learner_account_delete(*, user: User) -> User:
    """Delete a learner's account by anonymising it: the row stays, so that learning records
    still count in statistics, but nothing on it or on the records (through the registered
    hooks) identifies the person, and nobody can log in to it again.

    Every session of the account ends with it: the sessions it logged in with are deleted
    (accounts.sessions), and besides, the password hash changes, so Django would no longer
    accept a session it signed, and inactive users are not loaded from a session at all.
    """
    if has_staff_role(user):
        raise AccountDeletionNotAllowed(user.pk)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.anonymised_at is not None:
        return user  # already deleted: a retried request changes nothing
    for hook in _anonymise_hooks.values():
        hook(user)
    EmailAddress.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.username = f"deleted-{uuid.uuid4().hex}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.organisation_name = ""
    user.organisation_type = ""
    user.voivodeship = ""
    user.municipality = ""
    user.preferred_language = settings.LANGUAGE_CODE
    user.privacy_consent_at = None
    user.last_login = None
    user.is_active = False
    user.set_unusable_password()
    user.anonymised_at = timezone.now()
    user.save()
    end_all_sessions(user)
    logger.info("Account %s deleted by its owner and anonymised", user.pk)
    return user
