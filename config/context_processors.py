from django.conf import settings


def site(request):
    """Who runs the site and how to reach them, for the footer and the site's own pages."""
    return {"contact_email": settings.CONTACT_EMAIL, "site_owner": settings.SITE_OWNER}
