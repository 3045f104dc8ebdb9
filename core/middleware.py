"""Middleware the whole site shares: the security headers on every response, a NUL in the
address refused with the 400 page, and staff sessions that end after a period of inactivity,
not at a fixed time after login. (/healthz and the 503 page: core/health.py.)"""

from django.conf import settings

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
