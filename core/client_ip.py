"""The visitor's real IP address, for admin login lockouts (django-axes) and the rate limits on
result look-ups and final submits (django-ratelimit, ``rate_limit_key``).

Behind the shipped nginx (deploy/nginx.conf) every request reaches gunicorn from the proxy,
which replaces X-Forwarded-For with the address that connected to it. That header is believed
only when the request comes from a trusted proxy: FORWARDED_ALLOW_IPS, the same
comma-separated addresses or networks gunicorn trusts for X-Forwarded-Proto ("*" trusts every
peer, for when the app port is reachable only from the proxy). From anyone else the header
is ignored, so a visitor cannot pick the address they are locked out under.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.db.models import Sum
from ipware import get_client_ip


@lru_cache(maxsize=8)
def trusted_networks(proxies):
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy)


def is_trusted_proxy(address):
    proxies = tuple(settings.TRUSTED_PROXIES)
    if "*" in proxies:
        return True
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(peer in network for network in trusted_networks(proxies))


def client_ip(request):
    """The forwarded client address from a trusted proxy, otherwise the connecting peer."""
    peer = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(peer):
        return peer
    forwarded, _routable = get_client_ip(
        request,
        proxy_order="right-most",
        proxy_count=0,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=True,
    )
    if forwarded:
        return forwarded
    # An outer proxy appended to a header the visitor sent: the right-most entry is the
    # address the trusted proxy saw; anything left of it may be forged.
    last = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return peer


def rate_limit_key(group, request):
    """The address django-ratelimit counts a request under (``@ratelimit(key=…)``)."""
    return client_ip(request)


def failure_limit(request, credentials):
    """The failure limit django-axes applies to this login (AXES_FAILURE_LIMIT).

    axes counts failures per (username, address) and per address (AXES_LOCKOUT_PARAMETERS) and
    locks when the larger count reaches one limit; the address's count is never the smaller.
    So: once this username has LOGIN_FAILURE_LIMIT failures from this address, that limit
    applies (and locks); until then the address's own, higher LOGIN_ADDRESS_FAILURE_LIMIT does.
    """
    from axes.attempts import get_cool_off_threshold
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt

    per_username = settings.LOGIN_FAILURE_LIMIT
    per_address = max(settings.LOGIN_ADDRESS_FAILURE_LIMIT, per_username)
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    failures = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=address,
        attempt_time__gte=get_cool_off_threshold(request),
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return per_username if (failures or 0) >= per_username else per_address
