"""Where each page lives: source names for MkDocs and URLs between pages.

Every language but the default lives under `/<code>/`. Links between our pages
are relative, so the site works under any base path and from a local folder.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .config import SiteConfig


@dataclass(frozen=True)
class UrlScheme:
    config: SiteConfig
    directory_urls: bool = True

    def prefix(self, lang: str) -> str:
        return "" if lang == self.config.default_language else f"{lang}/"

    def src_uri(self, path: str, lang: str) -> str:
        """'cases/kouhu' -> 'en/cases/kouhu.md'; '' (home) -> 'en/index.md'."""
        return f"{self.prefix(lang)}{path or 'index'}.md"

    def url(self, path: str, lang: str) -> str:
        """Site-relative URL of a page: 'cases/kouhu' -> 'en/cases/kouhu/'."""
        base = self.prefix(lang)
        if not path:
            return base if self.directory_urls else f"{base}index.html"
        return f"{base}{path}/" if self.directory_urls else f"{base}{path}.html"

    def absolute(self, url: str) -> str | None:
        if not self.config.site_url:
            return None
        return self.config.site_url.rstrip("/") + "/" + url


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at from_url to to_url, both site-relative."""
    from_dir = from_url if (from_url.endswith("/") or not from_url) else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath("/" + to_url, "/" + from_dir)
    if to_url.endswith("/") or to_url == "":
        target = target.rstrip("/") + "/"
        if target == "./":
            return "./"
    return target


# -- where each kind of page lives (language-independent paths) ---------------------
# One place for every path, so a link never disagrees with the page it targets.

def case_path(case_id: str) -> str:
    return f"cases/{case_id}"


def brand_path(brand_id: str) -> str:
    return f"brands/{brand_id}"


def term_path(group: str, term_id: str) -> str:
    """Index page of one taxonomy term; group is arrows, technologies or industries."""
    return f"{group}/{term_id}"


def county_path(county_id: str) -> str:
    return f"counties/{county_id}"


# -- files beside the pages: search, social cards, feeds, open data ------------------------

def social_card_uri(key: str, lang: str) -> str:
    """The social card of a page (by its key), e.g. assets/social/en/cases/kouhu.png."""
    return f"assets/social/{lang}/{key}.png"


def feed_url(prefix: str) -> str:
    """A language's Atom feed of cases, at its root: feed.xml, en/feed.xml."""
    return f"{prefix}feed.xml"


def sitemap_url(prefix: str) -> str:
    return f"{prefix}sitemap.xml"


OPEN_DATA_DIR = "data"


def open_data_uri(name: str) -> str:
    """An open-data file: 'cases.json' -> data/cases.json."""
    return f"{OPEN_DATA_DIR}/{name}"


def open_data_page_path() -> str:
    return "open-data"


def data_dictionary_path() -> str:
    return "open-data/dictionary"


POLICY_PATH = "policy"        # the policy overview, linking every explainer
MAP_PATH = "map"


def explainer_path(slug: str) -> str:
    return f"{POLICY_PATH}/{slug}"
