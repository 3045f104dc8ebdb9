"""Middleware the whole site shares: the security headers on every response, a NUL in the
address refused with the 400 page, and staff sessions that end after a period of inactivity,
not at a fixed time after login. (/healthz and the 503 page: core/health.py.)"""

from functools import lru_cache

from csp import middleware as csp_middleware
from csp.constants import HEADER as CSP_HEADER
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from core.caching import is_staff
from core.errors import MalformedInput

DEFAULT_STAFF_IDLE_SECONDS = 30 * 60


class StaffSessionExpiryMiddleware:
    """Push a signed-in staff member's session expiry forward on every request.

    Goes after AuthenticationMiddleware. Visitors are untouched, so their requests cost no
    session write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_staff(request):
            idle = getattr(settings, "STAFF_SESSION_IDLE_SECONDS", DEFAULT_STAFF_IDLE_SECONDS)
            request.session.set_expiry(idle)
        return self.get_response(request)


# For responses that never reach django-csp (the health check, a refused host name).
FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"


class SecurityHeadersMiddleware:
    """The security headers on every response, whichever layer produced it.

    Goes first: /healthz is answered and a bad Host header refused (400) before Django's
    SecurityMiddleware and django-csp run, so their headers are added here when missing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        headers = {
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
            "X-Frame-Options": settings.X_FRAME_OPTIONS,
            "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
            "Cross-Origin-Resource-Policy": settings.CROSS_ORIGIN_RESOURCE_POLICY,
            "Content-Security-Policy": FALLBACK_CSP,
        }
        if settings.SECURE_HSTS_SECONDS and request.is_secure():
            headers["Strict-Transport-Security"] = "; ".join(
                [f"max-age={settings.SECURE_HSTS_SECONDS}"]
                + ["includeSubDomains"] * settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
                + ["preload"] * settings.SECURE_HSTS_PRELOAD
            )
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response


class MalformedInputMiddleware:
    """Refuse a NUL character in the address or its query string with the 400 page.

    PostgreSQL cannot hold NUL in text, so such a value reaching a query (a list filter, the
    exercise sheet's picks) was a 500. Form posts are left to the forms, which refuse NUL in
    text fields with a message beside the field, so a clinician keeps what they typed.
    The log line names the path only, never the value.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            raise MalformedInput("NUL character in the address or query string")
        return self.get_response(request)


# What a response or a view sets to have django-csp give it a policy of its own (csp.decorators).
OWN_POLICY = tuple(
    f"_csp_{what}{report_only}"
    for what in ("config", "update", "replace", "exempt")
    for report_only in ("", "_ro")
)


class CSPMiddleware(csp_middleware.CSPMiddleware):
    """django-csp's middleware, with the site's own policy built once per process.

    Building the header from ``CONTENT_SECURITY_POLICY`` on every response took a fifth of the
    time of a page served from the cache, for the same text each time. A response that
    django-csp would treat otherwise (a policy of its own from its decorators, a nonce used, a
    report-only policy or excluded paths in settings, a debug error page) is left to it.
    """

    def process_response(self, request, response):
        if not takes_site_policy(request, response):
            return super().process_response(request, response)
        response[CSP_HEADER] = site_policy()
        request.csp_nonce = csp_middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response


def takes_site_policy(request, response):
    """Whether django-csp would give the response exactly the policy in settings."""
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    return (
        bool(policy)
        and not policy.get("EXCLUDE_URL_PREFIXES")
        and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        and CSP_HEADER not in response
        and not any(hasattr(response, name) for name in OWN_POLICY)
        and getattr(request, "_csp_nonce", None) is None
        and not (settings.DEBUG and response.status_code in (404, 500))
    )


@lru_cache(maxsize=1)
def site_policy():
    return build_policy()


@receiver(setting_changed)
def forget_site_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        site_policy.cache_clear()
