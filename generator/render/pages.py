"""Stage 4: records -> page objects, one per page per language.

Each kind of page is built by its own module in generator/views; this stage
runs them for every language and links the language versions of each page.
"""

from __future__ import annotations

from dataclasses import replace

from generator.core.memo import NO_MEMO, Memo
from generator.load.strings import Strings
from generator.model.collection import Collection
from generator.model.settings import SiteConfig
from generator.render.urls import UrlScheme
from generator.render.views.about import about_pages
from generator.render.views.base import Alternate, Page, ViewContext, view_world
from generator.render.views.brands import brand_pages
from generator.render.views.caselist import case_list_pages
from generator.render.views.cases import case_pages
from generator.render.views.exhibitions import exhibition_pages
from generator.render.views.home import home_pages
from generator.render.views.indexes import county_pages, facet_pages, looking_for_pages
from generator.render.views.map import map_pages
from generator.render.views.notfound import not_found_pages
from generator.render.views.opendata import open_data_pages
from generator.render.views.policy import policy_pages
from generator.render.views.status import status_pages
from generator.render.views.submit import submit_pages

# Every kind of page, in the order they are built.
PAGE_BUILDERS = (
    home_pages,
    case_pages,
    open_data_pages,
    map_pages,
    policy_pages,
    case_list_pages,
    brand_pages,
    facet_pages,
    county_pages,
    looking_for_pages,
    exhibition_pages,
    status_pages,
    about_pages,
    submit_pages,
    not_found_pages,
)


def build_pages(
    collection: Collection, config: SiteConfig, strings: Strings, urls: UrlScheme, memo: Memo = NO_MEMO
) -> list[Page]:
    """Every page of the site in every language, sorted by source name.

    `memo` (under `mkdocs serve`) gives back last build's record pages whose records did not change.
    """
    memo.start_views(view_world(collection, config, strings, urls))
    ctx = ViewContext(collection, config, strings, urls, memo)
    pages = [page for lang in config.language_codes for builder in PAGE_BUILDERS for page in builder(ctx, lang)]
    pages = sorted(_with_alternates(pages, config), key=lambda p: p.src_uri)
    memo.finish_views({page.src_uri: page for page in pages})
    return pages


def _with_alternates(pages: list[Page], config: SiteConfig) -> list[Page]:
    names = {lang.code: lang.name for lang in config.languages}
    order = config.language_codes
    by_key: dict[str, list[Page]] = {}
    for page in pages:
        by_key.setdefault(page.key, []).append(page)
    linked = []
    for page in pages:
        alternates = sorted(
            (Alternate(p.lang, names[p.lang], p.url) for p in by_key[page.key]), key=lambda a: order.index(a.lang)
        )
        # a page kept from the last build (build/memo.py) has them already: it stays the same object
        linked.append(page if page.alternates == alternates else replace(page, alternates=alternates))
    return linked
