"""What every page rendered with its request knows about itself."""


def page(request):
    """The page's own address and the scheme and host it is served at (canonical link, share
    card, print header): worked out once a page, not once a use, as plain text, so the page
    looks nothing up on the request."""
    origin = request.build_absolute_uri("/").removesuffix("/")
    return {
        "site_origin": origin,
        "page_url": origin + request.path,
        "page_full_url": origin + request.get_full_path(),
    }
