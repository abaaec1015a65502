"""The site as data: every page, its rendered source and its context.

This is what any site engine needs from us. The MkDocs plugin hands it to
MkDocs; nothing here imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, partial
from pathlib import Path

from markupsafe import Markup, escape

from generator.build.pipeline import load_collection
from generator.core.errors import ContentError, count_errors
from generator.core.json_cache import JsonCache, text_key
from generator.core.langmark import mark_han, marks_han
from generator.core.memo import NO_MEMO, Memo
from generator.load.project import load_project
from generator.load.strings import Strings, load_strings
from generator.model.collection import Collection
from generator.model.settings import Project
from generator.render.chrome import Chrome, is_section_home, make_chrome, section_of
from generator.render.pages import build_pages
from generator.render.phrasing import add_to_environment, site_phrases
from generator.render.print_qr import CACHE_SCOPE as QR_CACHE_SCOPE
from generator.render.print_qr import PRINTED_PREFIXES, PrintQr, page_address, print_qr
from generator.render.seo import PageMeta, card_keys, page_meta
from generator.render.templates import RenderedPage, make_environment, render_page
from generator.render.urls import UrlScheme
from generator.render.views.base import Page

STRINGS_DIR = "strings"  # under theme/
CACHE_DIR = ".cache/casebook"  # under the project root; git-ignored
ERROR_TEMPLATES = ("404.html",)  # the engine's own error pages at the site root


@dataclass(frozen=True)
class AlternateLink:
    """One language version of a page, as the theme's switcher and hreflang need it."""

    lang: str
    name: str
    link: str  # site-relative URL
    absolute: str | None  # full URL when the site URL is known


@dataclass(frozen=True)
class PageContext:
    """What the theme templates receive as `casebook` on each of our pages."""

    lang: str
    theme_language: str
    alternates: list[AlternateLink]
    record_path: str | None
    print_qr: PrintQr | None = None  # QR code to the page, on printed case and brand pages
    meta: PageMeta | None = None  # canonical, Open Graph, social card, feed (generator/render/seo.py)
    # The page's title as HTML: <wbr> between its phrases (theme/partials/content.html's h1), and
    # runs in another language marked with lang (both it and the header's copy).
    title_html: str = ""
    header_title: str = ""
    chrome: Chrome | None = None  # masthead sections and footer of the page's language (render/chrome.py)
    section: str = ""  # the header section the page belongs to ('' for none)
    section_home: bool = False  # the page is its section's own page (aria-current="page")


@dataclass(frozen=True)
class Site:
    project: Project
    collection: Collection
    pages: list[Page]
    rendered: dict[str, RenderedPage]  # src_uri -> front matter and body
    urls: UrlScheme
    strings: Strings | None = None  # interface strings, for social meta, cards and open data
    qr_codes: JsonCache | None = None  # print QR codes by address (CACHE_DIR/qr.json)
    # A digest of everything the site was prepared from (build/snapshot.py), so outputs made from it
    # alone can be kept under it; None under serve, whose memo keeps them instead.
    inputs_key: str | None = None

    def page(self, src_uri: str) -> Page | None:
        return self._by_src().get(src_uri)

    def without(self, keys: frozenset[str] | set[str]) -> Site:
        """The site without the pages of these keys in any language (the kiosk leaves some out)."""
        if not keys:
            return self
        pages = [p for p in self.pages if p.key not in keys]
        kept = {p.src_uri for p in pages}
        key = text_key(self.inputs_key, *sorted(keys)) if self.inputs_key else None
        rendered = {uri: r for uri, r in self.rendered.items() if uri in kept}
        return replace(self, pages=pages, rendered=rendered, inputs_key=key)

    def _by_src(self) -> dict[str, Page]:
        cache = self.__dict__.get("_page_index")
        if cache is None:
            cache = {p.src_uri: p for p in self.pages}
            object.__setattr__(self, "_page_index", cache)
        return cache

    def context(self, page: Page) -> PageContext:
        theme_languages = {lang.code: lang.theme_language for lang in self.project.config.languages}
        alternates = [AlternateLink(a.lang, a.name, a.url, self.urls.absolute(a.url)) for a in page.alternates]
        return PageContext(
            page.lang,
            theme_languages[page.lang],
            alternates,
            page.record_path,
            print_qr(page.key, page.url, self.urls, self.qr_codes),
            self.meta(page),
            *self._titles(page),
            chrome=self.chrome(page.lang),
            section=section_of(page.key),
            section_home=is_section_home(page.key),
        )

    def save_qr_codes(self) -> None:
        """Write the QR code cache with the codes of this site's printed pages, and no others: a build
        whose pages all came from the page cache asked for none, and the next one may need them all.
        Such a build leaves the file as it is (reading 3 MB to find nothing new would be its only work)."""
        if self.qr_codes is not None and self.qr_codes.opened:
            self.qr_codes.keep(page_address(p.url, self.urls) for p in self.pages if p.key.startswith(PRINTED_PREFIXES))
            self.qr_codes.save(prune=True)

    def _titles(self, page: Page) -> tuple[Markup, Markup]:
        """The title with <wbr> between its phrases, and as it is; Han runs marked on other languages' pages."""
        plain = str(escape(page.title))
        if page.lang.startswith("ja"):  # BudouX's Chinese model is not for Japanese text
            return Markup(plain), Markup(plain)
        phrased = site_phrases(self.collection).html(page.title)
        if marks_han(page.lang):
            phrased, plain = mark_han(phrased), mark_han(plain)
        return Markup(phrased), Markup(plain)

    def chrome(self, lang: str) -> Chrome:
        """The masthead's sections and the footer of a language: made once per build."""
        made = self.__dict__.setdefault("_chrome", {})
        if lang not in made:
            made[lang] = make_chrome(self.project.config, self.strings, self.urls, lang)
        return made[lang]

    def meta(self, page: Page) -> PageMeta:
        return page_meta(page, self.project.config, self.strings, self.urls, self.card_keys)

    @cached_property
    def card_keys(self) -> set[str]:
        return card_keys(self.collection, {p.key for p in self.pages})

    def language_homes(self) -> list[AlternateLink]:
        return [
            AlternateLink(lang.code, lang.name, self.urls.url("", lang.code), None)
            for lang in self.project.config.languages
        ]

    def nav_sources(self, lang: str) -> list[str]:
        """Source names of the pages in a language's navigation, in order.

        Only pages with a nav_order are in it: case pages stay out, so the
        navigation (rendered into every page) does not grow with the cases.
        """
        navs = self.__dict__.get("_nav_sources")
        if navs is None:  # asked for every page: made once
            in_nav = sorted((p for p in self.pages if p.nav_order is not None), key=lambda p: (p.nav_order, p.src_uri))
            navs = {}
            for page in in_nav:
                navs.setdefault(page.lang, []).append(page.src_uri)
            object.__setattr__(self, "_nav_sources", navs)
        return list(navs.get(lang, []))

    def nav_signature(self, lang: str) -> str:
        """What every page of a language shows of its navigation: the titles and addresses."""
        pages = [self.page(src) for src in self.nav_sources(lang)]
        return "\n".join(f"{page.title}\t{page.url}" for page in pages)

    def shared_nav_key(self, page: Page) -> tuple[str, str] | None:
        """The key of the navigation HTML a page shares with others, or None.

        A page outside the navigation links to every nav page by the same
        relative URL as its siblings (cases/a/ and cases/b/ both by ../../map/),
        unless a nav page lies under it; so its navigation is the same HTML for
        every such page of its language and folder.
        """
        if page.nav_order is not None or any(
            self.page(src).url.startswith(page.url) for src in self.nav_sources(page.lang)
        ):
            return None
        return page.lang, page.url.rstrip("/").rpartition("/")[0]

    def error_page(self, template_name: str) -> Page | None:
        """Our page that the engine renders into its own error template, e.g. 404.html at the root.

        A host serves that file for a missing path anywhere on the site, so the
        engine builds it with root-absolute URLs; as a page of its own its
        links would be relative to a URL it is not served at.
        """
        if template_name not in ERROR_TEMPLATES:
            return None
        return next((p for p in self.pages if p.url == template_name), None)

    def edit_url(self, page: Page) -> str | None:
        return page.edit_url


def prepare_site(config_path: Path, theme_dir: Path, *, directory_urls: bool = True, memo: Memo = NO_MEMO) -> Site:
    """Load, validate and render everything; raises ContentError on any content error.

    `memo` (under `mkdocs serve`) reuses last build's work on what did not change.
    """
    project, problems = load_project(config_path)
    if project is None:
        raise ContentError(problems)
    collection, diagnostics = load_collection(project, memo)
    if count_errors(diagnostics):
        raise ContentError(diagnostics)
    strings = load_strings(theme_dir / STRINGS_DIR, project.config)
    urls = UrlScheme(project.config, directory_urls)
    pages = build_pages(collection, project.config, strings, urls, memo)
    env = memo.environment(theme_dir, make_environment)
    add_to_environment(env, site_phrases(collection))
    rendered = memo.render_all(pages, partial(render_page, env, strings))
    return Site(project, collection, pages, rendered, urls, strings, qr_code_cache(project))


def qr_code_cache(project: Project) -> JsonCache:
    return JsonCache(project.root / CACHE_DIR / "qr.json", QR_CACHE_SCOPE)


__all__ = ["Site", "PageContext", "AlternateLink", "prepare_site", "Strings"]
