"""The "page not found" page of each language, at <prefix>404.html.

A host serves the root 404.html for a missing path anywhere on the site, so
its links cannot be relative to its own URL: they start at the site's root
path, as MkDocs makes the URLs of its own error page (the engine renders
this page's body into its 404 template; see generator/build/site.py). A language's
own 404.html (en/404.html) is an ordinary page and links relatively.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.urls import BRANDS_INDEX_PATH, CASES_INDEX_PATH, NOT_FOUND_PATH, relative_url
from generator.render.views.base import Alternate, Link, Page, ViewContext


@dataclass(frozen=True)
class NotFoundView:
    """What theme/casebook/404.html receives; link URLs are ready to use as they are."""

    links: list[Link]  # home, all cases, brands
    other_languages: list[Alternate]  # this page in the other languages (name: its title there)


def not_found_pages(ctx: ViewContext, lang: str) -> list[Page]:
    url = ctx.urls.url(NOT_FOUND_PATH, lang)
    href = _href_maker(ctx, url, served_anywhere=lang == ctx.default)
    targets = (("notfound.home", ""), ("notfound.cases", CASES_INDEX_PATH), ("notfound.brands", BRANDS_INDEX_PATH))
    links = [Link(ctx.t(key, lang), href(ctx.urls.url(path, lang))) for key, path in targets]
    others = [
        Alternate(other.code, ctx.t("notfound.title", other.code), href(ctx.urls.url(NOT_FOUND_PATH, other.code)))
        for other in ctx.config.languages
        if other.code != lang
    ]
    return [
        ctx.page(
            NOT_FOUND_PATH,
            lang,
            ctx.t("notfound.title", lang),
            ctx.t("notfound.description", lang),
            "404.html",
            NotFoundView(links, others),
            listed=False,
        )
    ]


def _href_maker(ctx: ViewContext, page_url: str, served_anywhere: bool):
    if served_anywhere:
        root = ctx.urls.root_path()
        return lambda target: root + target
    return lambda target: relative_url(page_url, target)
