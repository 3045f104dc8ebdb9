"""Sharing a result: its private link as a QR code, drawn on the server (segno) as inline SVG,
so a printed result can be opened on a phone and the page needs no script or image request."""

from functools import lru_cache

import segno


@lru_cache(maxsize=256)
def qr_svg(address):
    """The address as a QR code in SVG, for inline HTML. It is decorative: the address is
    always written out beside it."""
    code = segno.make(address, error="m")
    svg = code.svg_inline(scale=4, svgclass="qr-code", lineclass=None, omitsize=True)
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
