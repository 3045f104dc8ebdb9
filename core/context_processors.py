"""What every page rendered with its request knows about itself."""


def page(request):
    """The scheme and host the page is served at, for its own address (canonical link, share
    card, print header): worked out once a page, not once a use."""
    return {"site_origin": request.build_absolute_uri("/").removesuffix("/")}
