"""Staff sessions end after a period of inactivity, not at a fixed time after login."""

from django.conf import settings

from core.caching import is_staff

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
