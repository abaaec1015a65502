"""The sitemap, with every page's language versions (`xhtml:link rel="alternate" hreflang`).

Pages do not carry per-page hreflang links in their head (Material's bundle
fetches sitemap.xml beside each such link, see theme/main.html), so the
sitemap is where search engines learn the language versions of a page.

`sitemap.xml` at the root lists every page; each other language also gets
one at its root (`en/sitemap.xml`) with its own pages, where Material looks
for it. Locations are absolute when `site_url` is set in casebook.yml; until
then they are relative to the sitemap and a comment says so.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import quoteattr

from generator.core.memo import NO_MEMO, Memo
from generator.model.collection import Collection
from generator.model.settings import SiteConfig
from generator.render.urls import UrlScheme, brand_path, case_path, relative_url, sitemap_url
from generator.render.views.base import Page

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
_RELATIVE_NOTE = (
    "<!-- site_url is not set in casebook.yml, so these locations are relative to this file; "
    "set it to publish absolute ones. -->\n"
)


def sitemap_files(
    pages: list[Page], collection: Collection, config: SiteConfig, urls: UrlScheme, memo: Memo = NO_MEMO
) -> dict[str, bytes]:
    """{site path: XML bytes}: the root sitemap and one per non-default language.

    `memo` (under `mkdocs serve`) gives back each unchanged page's entry.
    """
    dates = _review_dates(collection)
    pages = [page for page in pages if page.listed]
    files = {sitemap_url(""): _sitemap(pages, "", urls, dates, config, memo)}
    for lang in config.language_codes[1:]:
        prefix = urls.prefix(lang)
        files[sitemap_url(prefix)] = _sitemap([p for p in pages if p.lang == lang], prefix, urls, dates, config, memo)
    return files


def _sitemap(
    pages: list[Page], prefix: str, urls: UrlScheme, dates: dict[str, dt.date], config: SiteConfig, memo: Memo
) -> bytes:
    here = sitemap_url(prefix)

    def entry(page: Page) -> str:
        return memo.view(
            ("sitemap", here, page.src_uri),
            (page.url, dates.get(page.key), *page.alternates),
            lambda: _entry(page, here, urls, dates.get(page.key)),
        )

    parts = [_HEAD] if config.site_url else [_HEAD, _RELATIVE_NOTE]
    parts += [entry(page) for page in sorted(pages, key=lambda p: p.url)]
    parts.append("</urlset>\n")
    return "".join(parts).encode("utf-8")


def _entry(page: Page, here: str, urls: UrlScheme, reviewed: dt.date | None) -> str:
    def address(url: str) -> str:
        return urls.absolute(url) or relative_url(here, url)

    parts = [f"  <url>\n    <loc>{_escape(address(page.url))}</loc>\n"]
    if reviewed is not None:
        parts.append(f"    <lastmod>{reviewed.isoformat()}</lastmod>\n")
    if len(page.alternates) > 1:
        parts += [_alternate(alt.lang, address(alt.url)) for alt in page.alternates]
        parts.append(_alternate("x-default", address(page.alternates[0].url)))
    parts.append("  </url>\n")
    return "".join(parts)


def _alternate(lang: str, href: str) -> str:
    return f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>\n'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _review_dates(collection: Collection) -> dict[str, dt.date]:
    """Page key -> when its record was last checked, the honest 'last modified' we have."""
    dates = {case_path(case.id): case.last_reviewed for case in collection.cases.values()}
    dates.update({brand_path(brand.id): brand.last_reviewed for brand in collection.brands.values()})
    return dates
