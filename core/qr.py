"""QR codes as inline SVG (segno): for the flyer and for the volunteers' calendar address."""

import segno
from django.utils.translation import gettext as _


def qr_svg(url: str) -> str:
    """The QR code for `url` as an inline SVG element (no XML declaration), named by a
    <title> ("QR code for <url>"): screen readers read it, and WeasyPrint makes it the
    figure's alternative text in a tagged PDF."""
    title = _("QR code for %(address)s") % {"address": url}
    return segno.make(url, error="m").svg_inline(
        scale=4, border=2, dark="#000", light="#fff", title=title
    )
