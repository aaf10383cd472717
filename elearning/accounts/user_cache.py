"""The logged-in user of a request, from the cache (Redis) instead of the database.

Every logged-in request loads its user (Django then checks the session against the password hash
and that the account is active). Kept in the cache, that is one round trip to Redis beside the
session's, instead of a database query.

A change reaches every worker at once: each user has a generation number in the cache, which
any save or deletion of the user row raises (signals, before and after the commit), and a cached
user counts only under the generation that was read before it was loaded. A request that read
the row just before a change and stores it just after therefore stores it under the old
generation, where nobody reads it. The cached copy also expires after USER_CACHE_SECONDS, and a
cache that cannot be reached means reading the database, as without this.

Changes made without saving the model send no signal: Wagtail's bulk "mark as active/inactive"
is a queryset `update()`, so its after_bulk_action hook (wagtail_hooks.py) forgets the users;
any other `update()` of users (a data migration, a shell) must call `forget(pk)` after it.

The cached copy holds what the user row holds, the password hash included, in the same Redis as
the sessions (which are as good as a password): that Redis must stay private to the site.
If Redis cannot be reached when a user is saved, copies made before may be read until they
expire (USER_CACHE_SECONDS)."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)

USER_CACHE_SECONDS = 300


def _cache():
    return caches[getattr(settings, "USER_CACHE_ALIAS", "default")]


def _keys(pk):
    return f"user-generation:{pk}", f"user:{pk}"


def get(pk, load):
    """The user with this primary key, from the cache or else from `load()` (None if none)."""
    generation_key, user_key = _keys(pk)
    cache = _cache()
    try:
        found = cache.get_many([generation_key, user_key])
    except Exception:  # noqa: BLE001 - the cache server is unreachable: the database answers
        logger.warning("User cache unreachable", exc_info=True)
        return load()
    generation = found.get(generation_key, 0)
    entry = found.get(user_key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    user = load()
    if user is not None:
        try:
            cache.set(user_key, (generation, user), USER_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("User cache unreachable", exc_info=True)
    return user


def forget(pk):
    """Make every cached copy of the user stale: raise the generation, drop the copy."""
    generation_key, user_key = _keys(pk)
    cache = _cache()
    try:
        # Longer-lived than the copies, so a generation never falls back under a copy's.
        cache.add(generation_key, 0, USER_CACHE_SECONDS * 10)
        cache.incr(generation_key)
        cache.touch(generation_key, USER_CACHE_SECONDS * 10)
        cache.delete(user_key)
    except ValueError:  # the generation expired between add and incr: no copy outlives it
        cache.delete(user_key)
    except Exception:  # noqa: BLE001 - copies expire within USER_CACHE_SECONDS anyway
        logger.exception("Could not drop the cached user %s", pk)


def forget_soon(pk, using=None):
    """`forget` now and again once the current transaction commits (a request that reads the
    row in between would otherwise keep the old one under the new generation)."""
    forget(pk)
    transaction.on_commit(lambda: forget(pk), using=using)


def _user_changed(sender, instance, using=None, **kwargs):
    # The pk now: a deletion sets it to None before the transaction commits.
    forget_soon(instance.pk, using)


def connect():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    post_save.connect(_user_changed, sender=User, dispatch_uid="user_cache_post_save")
    post_delete.connect(_user_changed, sender=User, dispatch_uid="user_cache_post_delete")
