from django.conf import settings


def site(request):
    """Who runs the site and how to reach them, for the footer and the site's own pages."""
    return {"contact_email": settings.CONTACT_EMAIL, "site_owner": settings.SITE_OWNER}


def page(request):
    """The scheme and host the page is served at, for its own address (canonical link, share
    card, print header): worked out once a page, not once a use."""
    return {"site_origin": request.build_absolute_uri("/").removesuffix("/")}
