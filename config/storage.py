"""Uploads in an S3-compatible bucket, kept private there and served through the site."""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateMediaStorage(S3Storage):
    """Objects are stored private; a file's address is the site's own ``MEDIA_URL`` + name,
    where ``config.views.media`` streams it to whoever may see it (a draft's picture to staff
    only). Nothing in the bucket is reachable at a public address."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name).lstrip("/"))
