"""A per-visitor limit for public forms that allauth's own limits do not cover (certificate
lookups by code, guest registrations that send email): a count per address and window in the
cache. While the cache cannot be reached the count starts again (a miss, as allauth's limits
do)."""

import ipaddress

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def client_key(request) -> str:
    """The visitor's address as allauth sees it (behind ALLAUTH_TRUSTED_PROXY_COUNT proxies);
    IPv6 addresses count by their /64 network, which one household or phone usually has."""
    address = get_adapter(request).get_client_ip(request) or ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def within_limit(request, scope: str, *, limit: int, window: int) -> bool:
    """Count this request against `scope`'s limit for the visitor; False once over it."""
    key = f"{scope}:{client_key(request)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is unreachable
        count = 1
    return count <= limit
