"""Where each page lives: source names for MkDocs and URLs between pages.

Every language but the default lives under `/<code>/`. Links between our pages
are relative, so the site works under any base path and from a local folder.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.model.settings import SiteConfig

# Pages that live at a file of their own rather than a folder: a host serves
# <prefix>404.html for a missing path, whatever `use_directory_urls` says.
FILE_PAGES = frozenset({"404"})


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
        if path in FILE_PAGES:
            return f"{base}{path}.html"
        if not path:
            return base if self.directory_urls else f"{base}index.html"
        return f"{base}{path}/" if self.directory_urls else f"{base}{path}.html"

    def root_path(self) -> str:
        """The site's path on its server ('/' unless site_url says otherwise).

        Pages a host serves for any missing path (404.html) link from here,
        as MkDocs does for its error pages, since their own URL is unknown.
        """
        return urlsplit(self.config.site_url or "/").path.rstrip("/") + "/"

    def absolute(self, url: str) -> str | None:
        if not self.config.site_url:
            return None
        return self.config.site_url.rstrip("/") + "/" + url


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at from_url to to_url, both site-relative.

    What posixpath.relpath gives for these normalised paths, without its
    normalising: a build makes 100,000 links at 1000 cases.
    """
    from_dir = from_url if (from_url.endswith("/") or not from_url) else posixpath.dirname(from_url) + "/"
    base = [part for part in from_dir.split("/") if part and part != "."]
    parts = [part for part in to_url.split("/") if part and part != "."]
    common = 0
    for here, there in zip(base, parts):
        if here != there:
            break
        common += 1
    target = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
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

SOCIAL_CARDS_DIR = "assets/social"


def social_card_uri(key: str, lang: str) -> str:
    """The social card of a page (by its key), e.g. assets/social/en/cases/kouhu.jpg."""
    return f"{SOCIAL_CARDS_DIR}/{lang}/{key}.jpg"


def feed_url(prefix: str) -> str:
    """A language's Atom feed of cases, at its root: feed.xml, en/feed.xml."""
    return f"{prefix}feed.xml"


def sitemap_url(prefix: str) -> str:
    return f"{prefix}sitemap.xml"


OPEN_DATA_DIR = "data"


def open_data_uri(name: str) -> str:
    """An open-data file: 'cases.json' -> data/cases.json."""
    return f"{OPEN_DATA_DIR}/{name}"


# The figures behind each policy chart (publish/charts.py writes them): a chart is known by
# what it shows, its directive in the explainer (`series`, `bars:plans-submitted,...`), so the
# same chart on the home page, the policy overview and an explainer links one pair of files.
CHARTS_DIR = f"{OPEN_DATA_DIR}/charts"


@dataclass(frozen=True)
class ChartFiles:
    """Where a chart's figures are, site-relative: data/charts/<chart>.<lang>.csv and .json."""

    slug: str
    csv: str
    json: str


def chart_slug(name: str, args: tuple[str, ...] | list[str]) -> str:
    """'bars', ['plans-submitted,proposals-approved'] -> 'bars-plans-submitted-proposals-approved'."""
    parts = [name, *(a for arg in args for a in re.split(r"[,:\s]+", arg) if a)]
    return "-".join(re.sub(r"[^a-z0-9-]+", "-", part.lower()).strip("-") for part in parts)


def chart_files(slug: str, lang: str) -> ChartFiles:
    return ChartFiles(slug, f"{CHARTS_DIR}/{slug}.{lang}.csv", f"{CHARTS_DIR}/{slug}.{lang}.json")


def open_data_page_path() -> str:
    return "open-data"


def data_dictionary_path() -> str:
    return "open-data/dictionary"


POLICY_PATH = "policy"  # the policy overview, linking every explainer
MAP_PATH = "map"


def explainer_path(slug: str) -> str:
    return f"{POLICY_PATH}/{slug}"


# -- indexes, brands and the small pages (generator/render/views/indexes.py, brands.py, ...) -------

CASES_INDEX_PATH = "cases"  # every case as a card, with the filter
BRANDS_INDEX_PATH = "brands"
LOOKING_FOR_PATH = "looking-for"
EXHIBITIONS_PATH = "exhibitions"
TRANSLATION_STATUS_PATH = "translations"
ABOUT_PATH = "about"
SUBMIT_PATH = "submit"  # the form that writes a new case's file (views/submit.py)
NOT_FOUND_PATH = "404"  # a file, not a folder: hosts serve <prefix>404.html
COUNTIES = "counties"  # the group of county pages, beside the taxonomy groups
FACET_GROUPS = ("arrows", "technologies", "industries")


def group_path(group: str) -> str:
    """Overview of a facet group: arrows, technologies, industries or counties."""
    return group


def township_anchor(township_id: str) -> str:
    """Where a township's cases are listed on its county's page (there are no township pages)."""
    return f"township-{township_id}"


# The case list's filter keeps its state in the query (cases/?county=yunlin&arrow=branding);
# each facet group's query key, which is also the data- attribute on every case card.
FACET_KEYS = {COUNTIES: "county", "arrows": "arrow", "technologies": "technology", "industries": "industry"}


def filtered_cases_url(cases_url: str, group: str, value: str) -> str:
    """The case list with one filter already chosen (the filter script reads the query)."""
    return f"{cases_url}?{FACET_KEYS[group]}={value}"
