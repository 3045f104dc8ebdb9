"""Uploaded pictures, served to whoever may see them (the site's other own views, robots.txt and
the error pages: core/views.py)."""

import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse

from editorial import uploads


# What an uploaded picture may be, read from its bytes: anything else is not served.
def media(request, path):
    """An uploaded file, from the uploads storage (local disk or S3), to whoever may see it.

    Runners get a file only while it belongs to a live item (``editorial.uploads``); signed-in
    staff also get the files of drafts, so admin previews show their pictures, never cached.
    A file that no row references is served to nobody. The Content-Type comes from the file
    itself, never from its name. Behind nginx (``MEDIA_ACCEL_REDIRECT``) the answer carries no
    body: nginx sends the file from its internal location with the headers decided here.
    """
    if posixpath.normpath(path) != path or path.startswith(("/", "../")):
        raise Http404
    found = uploads.references(path)
    if any(found):
        cache_control = "public, max-age=86400"
    elif found and request.user.is_staff:
        cache_control = "private, no-store"
    else:
        raise Http404
    try:
        file = default_storage.open(path, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = uploads.picture_type(file)
    if content_type is None:
        file.close()
        raise Http404
    if settings.MEDIA_ACCEL_REDIRECT and isinstance(default_storage, FileSystemStorage):
        file.close()
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(path)
    else:
        response = FileResponse(file, content_type=content_type)
        del response["Content-Disposition"]  # shown in the page; the name is not the type
    response["Cache-Control"] = cache_control  # nosniff: SecurityMiddleware, on every response
    return response
