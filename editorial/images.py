"""Checks on images clinicians upload (a real PNG, JPEG or WebP, not too big, sensible size),
and the small copy of each that lists show."""

import io
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP"}
EXTENSIONS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "WEBP": (".webp",)}
MAX_BYTES = 2 * 1024 * 1024
MIN_SIDE, MAX_SIDE = 200, 4000
THUMBNAIL_WIDTH = 176  # pixels: twice the width a list shows it at, for sharp phone screens


def validate_image_file(upload):
    """Refuse anything that is not a PNG, JPEG or WebP of 200–4,000 px a side and at most 2 MB.

    Only new uploads are read. A file already in storage was checked when it was uploaded; a
    later save of its row passes it in again (closed, as the dimension fields left it), and
    reading it back would fetch it from the store on every save.
    """
    if getattr(upload, "_committed", False):
        return
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The image is larger than 2 MB. Save it smaller and try again."))
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("This file is not an image we can read.")) from error
    finally:
        upload.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Upload a PNG, JPEG or WebP image."))
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(EXTENSIONS[image_format]):
        raise ValidationError(
            _("This is a %(format)s image, but its name ends differently: rename it %(ending)s.")
            % {"format": image_format, "ending": EXTENSIONS[image_format][0]}
        )
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise ValidationError(
            _("Each side of the image must be between %(min)d and %(max)d pixels.")
            % {"min": MIN_SIDE, "max": MAX_SIDE}
        )


def thumbnail_of(picture):
    """A small WebP copy of a picture file, THUMBNAIL_WIDTH wide in the same proportions."""
    picture.seek(0)
    with Image.open(picture) as image:
        small = image.convert("RGB")
        small.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * MAX_SIDE // MIN_SIDE))
    picture.seek(0)
    data = io.BytesIO()
    small.save(data, "WEBP", quality=80, method=6)
    return ContentFile(data.getvalue(), name=f"{PurePosixPath(picture.name).stem}-thumbnail.webp")
