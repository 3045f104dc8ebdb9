"""The site's own pages: the guides list, privacy notice, accessibility statement, contact."""

from django.conf import settings
from django.template.response import TemplateResponse

from conditions.models import Guide
from conditions.retention import retention_days
from conditions.views import visible
from core.caching import cached_public_page


@cached_public_page
def guide_list(request):
    guides = visible(Guide, request).only("title", "slug", "summary")
    return TemplateResponse(request, "conditions/guide_list.html", {"guides": guides})


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
