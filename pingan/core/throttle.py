"""Fixed-window counters for the public pages that anybody may post to (the citizen report and
its query-code check, taking a queue number), kept in the default cache: the database cache in
settings, so every app server shares them and they survive restarts.

Hand-written rather than django-ratelimit (a new dependency for these few lines) or django-axes
(which counts login failures by user name). A count is read and written back without a lock,
so requests racing in the same instant may count once between them; the limits that use it
are budgets of a few dozen, which a parallel client can overrun only by its parallelism.
"""

import hashlib
import ipaddress
import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def key(scope: str, value: str) -> str:
    # Hashed: cache keys stay short and clean whatever the visitor typed.
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"pingan:{scope}:{digest}"


def client_address(request) -> str:
    """The client's address as django-axes resolves it (PINGAN_TRUSTED_PROXIES)."""
    return get_client_ip_address(request) or "unknown"


def address_in(request, networks) -> bool:
    """Whether the client's address lies in one of `networks` ("10.1.2.3", "10.1.2.0/24")."""
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    for network in networks:
        try:
            if address in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def count(cache_key: str, window: int) -> int:
    entry = cache.get(cache_key)
    if not entry:
        return 0
    started, n = entry
    return n if time.time() < started + window else 0


def bump(cache_key: str, window: int) -> None:
    # The window's start is stored with the count: the cache's own incr() would reset the
    # entry's expiry to the default timeout on every bump.
    now = time.time()
    entry = cache.get(cache_key)
    if entry and now < entry[0] + window:
        started, n = entry
    else:
        started, n = now, 0
    remaining = max(int(started + window - now), 1)
    cache.set(cache_key, (started, n + 1), timeout=remaining)


def clear(cache_key: str) -> None:
    cache.delete(cache_key)
