"""Stage 4: records -> page objects, one per page per language.

A page here is engine-independent: where it lives, its title, which body
template renders it, and a typed view (plain values and sanitised HTML) that
the template receives. Nothing here knows about MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..config import SiteConfig
from ..i18n import Strings, pick
from ..markup import render_markdown
from ..models import Case, Citation, Source
from ..urls import UrlScheme
from .validate import Collection


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None = None       # site-relative; None when the target has no page yet


@dataclass(frozen=True)
class CitationView:
    publisher: str
    title: str
    occasion: str = ""
    date: str = ""
    section: str = ""
    page: str = ""
    url: str | None = None


@dataclass(frozen=True)
class OutcomeView:
    text: str
    as_of: str
    citations: list[CitationView]


@dataclass(frozen=True)
class NeedView:
    kind: str                     # investment | talent | partners
    text: str
    citations: list[CitationView]


@dataclass(frozen=True)
class PhotoView:
    caption: str
    credit: str
    citation: CitationView


@dataclass(frozen=True)
class CaseCard:
    title: str
    summary: str
    place: str
    url: str


@dataclass(frozen=True)
class CaseView:
    """What theme/casebook/case.html receives as `view`."""

    id: str
    title: str
    summary: str
    story_html: Markup
    county: Link | None
    township: Link | None
    arrows: list[Link]
    technologies: list[Link]
    industries: list[Link]
    outcomes: list[OutcomeView]
    needs: list[NeedView]
    brand: Link | None
    related: list[CaseCard]
    photos: list[PhotoView]
    sources: list[CitationView]
    last_reviewed: str
    edit_url: str | None
    translation_reviewed: bool
    translation_note: str


@dataclass(frozen=True)
class HomeView:
    """What theme/casebook/home.html receives as `view`."""

    cases: list[CaseCard]


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str
    url: str


@dataclass(frozen=True)
class Page:
    key: str                 # the same for every language version, e.g. "cases/kouhu-smart-tilapia"
    lang: str
    src_uri: str             # source name for the site engine, e.g. "en/cases/kouhu-smart-tilapia.md"
    url: str                 # site-relative URL
    title: str
    description: str
    template: str            # body template under theme/casebook/
    view: Any                # CaseView, HomeView, ...
    alternates: list[Alternate] = field(default_factory=list)
    record_path: str | None = None   # the YAML file behind the page


def build_pages(collection: Collection, config: SiteConfig, strings: Strings,
                urls: UrlScheme) -> list[Page]:
    """Every page of the site in every language, sorted by source name."""
    builder = _PageBuilder(collection, config, strings, urls)
    pages = []
    for lang in config.language_codes:
        pages.append(builder.home(lang))
        pages.extend(builder.case(case, lang) for case in builder.published_cases)
    return sorted(_with_alternates(pages, config), key=lambda p: p.src_uri)


def _with_alternates(pages: list[Page], config: SiteConfig) -> list[Page]:
    names = {lang.code: lang.name for lang in config.languages}
    by_key: dict[str, list[Page]] = {}
    for page in pages:
        by_key.setdefault(page.key, []).append(page)
    result = []
    for page in pages:
        alternates = [Alternate(p.lang, names[p.lang], p.url) for p in by_key[page.key]]
        alternates.sort(key=lambda a: config.language_codes.index(a.lang))
        result.append(_replace(page, alternates=alternates))
    return result


def _replace(page: Page, **changes: Any) -> Page:
    from dataclasses import replace
    return replace(page, **changes)


class _PageBuilder:
    def __init__(self, collection: Collection, config: SiteConfig, strings: Strings, urls: UrlScheme):
        self.c = collection
        self.config = config
        self.strings = strings
        self.urls = urls
        self.default = config.default_language
        self.published_cases = [c for _, c in sorted(collection.cases.items()) if c.status == "published"]
        self.sources: dict[str, Source] = {s.id: s for s in collection.sources.sources} if collection.sources else {}
        self.places = self._index_places()

    def text(self, value: dict[str, str] | None, lang: str) -> str:
        return pick(value, lang, self.default)[0]

    # pages
    def home(self, lang: str) -> Page:
        view = HomeView(cases=[self.card(case, lang) for case in self.published_cases])
        title = self.text(self.config.site_name, lang)
        return Page("", lang, self.urls.src_uri("", lang), self.urls.url("", lang), title,
                    self.strings.t("home.description", lang), "home.html", view)

    def case(self, case: Case, lang: str) -> Page:
        path = f"cases/{case.id}"
        raw = self.c.raw[("case", case.id)]
        view = self.case_view(case, lang, raw.source.display)
        return Page(path, lang, self.urls.src_uri(path, lang), self.urls.url(path, lang), view.title,
                    view.summary, "case.html", view, record_path=raw.source.display)

    # views
    def case_view(self, case: Case, lang: str, record_path: str) -> CaseView:
        county, township = self.place_links(case.place, lang)
        status = case.translations.get(lang)
        return CaseView(
            id=case.id,
            title=self.text(case.title, lang),
            summary=self.text(case.summary, lang),
            story_html=render_markdown(self.text(case.story, lang)),
            county=county,
            township=township,
            arrows=self.term_links("arrows", case.arrows, lang),
            technologies=self.term_links("technologies", case.technologies, lang),
            industries=self.term_links("industries", case.industries, lang),
            outcomes=[OutcomeView(self.text(o.text, lang), o.as_of, self.citations(o.sources, lang))
                      for o in case.outcomes],
            needs=[NeedView(n.kind, self.text(n.text, lang), self.citations(n.sources, lang))
                   for n in case.looking_for],
            brand=self.brand_link(case.brand, lang),
            related=[self.card(self.c.cases[r], lang) for r in case.related if r in self.c.cases],
            photos=[PhotoView(self.text(p.caption, lang), self.text(p.credit, lang), self.citation(p.source, lang))
                    for p in case.source_photos],
            sources=self.citations(case.sources, lang),
            last_reviewed=case.last_reviewed.isoformat(),
            edit_url=self.edit_url(record_path),
            translation_reviewed=status.reviewed if status else lang == self.default,
            translation_note=(status.note or "") if status else "",
        )

    def card(self, case: Case, lang: str) -> CaseCard:
        county, township = self.place_links(case.place, lang)
        place = " ".join(link.label for link in (county, township) if link)
        return CaseCard(self.text(case.title, lang), self.text(case.summary, lang), place,
                        self.urls.url(f"cases/{case.id}", lang))

    def citations(self, citations: list[Citation], lang: str) -> list[CitationView]:
        return [self.citation(c, lang) for c in citations]

    def citation(self, citation: Citation, lang: str) -> CitationView:
        source = self.sources.get(citation.source)
        if source is None:
            return CitationView(publisher="", title=citation.source)
        return CitationView(
            publisher=self.text(source.publisher, lang),
            title=self.text(source.title, lang),
            occasion=self.text(source.occasion, lang),
            date=source.date or "",
            section=self.text(citation.section, lang),
            page=citation.page or "",
            url=source.url,
        )

    def term_links(self, group: str, ids: list[str], lang: str) -> list[Link]:
        terms = {t.id: t for t in getattr(self.c.taxonomy, group)} if self.c.taxonomy else {}
        return [Link(self.text(terms[i].label, lang) if i in terms else i) for i in ids]

    def brand_link(self, brand_id: str | None, lang: str) -> Link | None:
        brand = self.c.brands.get(brand_id) if brand_id else None
        return Link(self.text(brand.name, lang)) if brand else None

    def place_links(self, place_id: str, lang: str) -> tuple[Link | None, Link | None]:
        county, township = self.places.get(place_id, (None, None))
        return (Link(self.text(county.name, lang)) if county else None,
                Link(self.text(township.name, lang)) if township else None)

    def edit_url(self, record_path: str) -> str | None:
        if not self.config.repo_url:
            return None
        return f"{self.config.repo_url.rstrip('/')}/edit/{self.config.edit_branch}/{record_path}"

    def _index_places(self) -> dict[str, tuple[Any, Any]]:
        """Place id -> (county, township or None)."""
        index: dict[str, tuple[Any, Any]] = {}
        if self.c.places is None:
            return index
        for county in self.c.places.counties:
            index[county.id] = (county, None)
            for township in county.townships:
                index[township.id] = (county, township)
        return index
