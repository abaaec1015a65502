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

from generator.core.json_cache import JsonCache
from generator.graphics.qr import qr_svg
from generator.render.urls import UrlScheme, brand_path, case_path

# What a cached code depends on besides its address; bump the number when qr_svg changes.
CACHE_SCOPE = f"qr 1 segno {version('segno')}"

# Pages whose printouts carry a QR code: the case and brand pages.
PRINTED_PREFIXES = (case_path(""), brand_path(""))


@dataclass(frozen=True)
class PrintQr:
    address: str  # what the code encodes; printed beneath it too
    svg: str  # inline <svg> markup, sized by CSS


def page_address(url: str, urls: UrlScheme) -> str:
    """The page's absolute URL when the site URL is known, else its path from the site root."""
    return urls.absolute(url) or "/" + url


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
