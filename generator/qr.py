"""QR codes that lead from a printed case or brand page back to the page on the site.

The code is an inline SVG made at build time with segno (no network, no
JavaScript), shown only when the page is printed. It encodes the page's
absolute URL when casebook.yml sets `site_url`; without it the best we can
encode is the site-relative path (`/cases/<id>/`), which a reader can type
after the site's address but a phone cannot open by itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version

import segno

from .json_cache import JsonCache

from .urls import UrlScheme, brand_path, case_path

# What a cached code depends on besides its address; bump the number when qr_svg changes.
CACHE_SCOPE = f"qr 1 segno {version('segno')}"

# Pages whose printouts carry a QR code: the case and brand pages.
PRINTED_PREFIXES = (case_path(""), brand_path(""))


@dataclass(frozen=True)
class PrintQr:
    address: str   # what the code encodes; printed beneath it too
    svg: str       # inline <svg> markup, sized by CSS


def page_address(url: str, urls: UrlScheme) -> str:
    """The page's absolute URL when the site URL is known, else its path from the site root."""
    return urls.absolute(url) or "/" + url


def qr_svg(data: str) -> str:
    """An inline SVG QR code for data; the same data always gives the same bytes."""
    # A fixed mask: any of the eight is valid for every reader, and choosing
    # the "best" one costs segno 2.3 ms a code, 5 s a build at 1000 cases.
    code = segno.make(data, error="m", micro=False, mask=2)
    # omitsize: a viewBox only, so the stylesheet sets the printed size.
    return code.svg_inline(scale=1, border=2, omitsize=True, title=data, svgclass="cb-qr__code")


def print_qr(key: str, url: str, urls: UrlScheme, codes: JsonCache | None = None) -> PrintQr | None:
    """The QR code for a page's printout, or None for pages that are not printed with one.

    `codes` caches the SVG by address (made with CACHE_SCOPE): segno takes
    about 2 ms a code, 4 s a build at 1000 cases.
    """
    if not key.startswith(PRINTED_PREFIXES):
        return None
    address = page_address(url, urls)
    svg = codes.get_or_make(address, lambda: qr_svg(address)) if codes is not None else qr_svg(address)
    return PrintQr(address, svg)
