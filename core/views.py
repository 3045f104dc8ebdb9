"""The site's own pages: the home page, the privacy notice, the accessibility statement,
contact."""

from django.conf import settings
from django.template.response import TemplateResponse

from core.caching import cached_public_page
from core.page_extras import extras_for
from core.retention import retention_days


@cached_public_page
def home(request):
    """What the home page lists comes from the apps that own it (``page_extras``)."""
    return TemplateResponse(request, "pages/home.html", extras_for("core:home", None))


@cached_public_page
def privacy(request):
    context = {
        "result_days": retention_days(),
        "login_days": settings.LOGIN_RECORD_RETENTION_DAYS,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "csrf_days": settings.CSRF_COOKIE_AGE // (24 * 3600),
    }
    return TemplateResponse(request, "pages/privacy.html", context)


@cached_public_page
def accessibility(request):
    return TemplateResponse(request, "pages/accessibility.html")


@cached_public_page
def contact(request):
    return TemplateResponse(request, "pages/contact.html")
