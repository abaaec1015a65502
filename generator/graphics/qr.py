"""QR codes as inline SVG, made with segno: the same data always gives the same bytes."""

from __future__ import annotations

import segno


def qr_svg(data: str) -> str:
    """An inline SVG QR code for data; the same data always gives the same bytes."""
    # A fixed mask: any of the eight is valid for every reader, and choosing
    # the "best" one makes segno try all eight for every code.
    code = segno.make(data, error="m", micro=False, mask=2)
    # omitsize: a viewBox only, so the stylesheet sets the printed size.
    return code.svg_inline(scale=1, border=2, omitsize=True, title=data, svgclass="cb-qr__code")
