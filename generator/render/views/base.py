"""What every page view shares: the Page object and the helpers views use.

A page here is engine-independent: where it lives, its title, which body
template renders it, and a typed view (plain values and sanitised HTML) that
the template receives. Nothing in generator/views knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.core.memo import NO_MEMO, Memo
from generator.load.strings import Strings, pick
from generator.model.collection import Collection
from generator.model.records import Brand, Case, Citation, County, Source, Township
from generator.model.settings import SiteConfig
from generator.render.chrome import CORRECTIONS_ANCHOR, UPDATE_FORM, repo_form_url
from generator.render.names import brand_display_name
from generator.render.urls import (
    ABOUT_PATH,
    COUNTIES,
    FACET_KEYS,
    UrlScheme,
    brand_path,
    case_path,
    county_path,
    term_path,
    township_anchor,
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None = None  # site-relative; None when the target has no page


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
class CaseCard:
    id: str
    title: str
    summary: str
    place: str
    url: str
    # The card's facet values as data- attributes (name -> space-separated ids),
    # so the case list's script can filter cards without asking the server.
    data: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SuggestLinks:
    """How a reader corrects a case or brand page (theme/casebook/partials/record-parts.html)."""

    update_url: str | None  # the repository's "suggest an update" issue form, record and page filled in
    corrections_url: str  # site-relative: About's corrections policy, when there is no repository


@dataclass(frozen=True)
class TranslationNotice:
    """What partials/translation-notice.html says about the language of a page's text."""

    fallback_name: str = ""  # the language shown instead of the reader's; "" when none
    unreviewed: bool = False  # shown in a translation no person has reviewed
    note: str = ""  # the record's own note on its translation


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str
    url: str


@dataclass(frozen=True)
class Page:
    key: str  # the same for every language version, e.g. "cases/kouhu-smart-tilapia"
    lang: str
    src_uri: str  # source name for the site engine, e.g. "en/cases/kouhu-smart-tilapia.md"
    url: str  # site-relative URL
    title: str
    description: str
    template: str  # body template under theme/casebook/
    view: Any  # the typed view the template receives (None once rendered: build/snapshot.py)
    alternates: list[Alternate] = field(default_factory=list)
    record_path: str | None = None  # the YAML file behind the page
    edit_url: str | None = None  # where to edit that file, on a page that offers it
    nav_order: int | None = None  # position in the language's navigation; None keeps it out
    listed: bool = True  # False keeps it out of the sitemap and the site search (404 pages)
    # False for a page listing other pages (indexes, the map, the status table):
    # search knows it by its title and description, as its cards would repeat
    # every case's text among the results (and be parsed again after any edit).
    search_body: bool = True


class ViewContext:
    """Everything a view needs to build pages: records, config, strings, URLs."""

    def __init__(
        self, collection: Collection, config: SiteConfig, strings: Strings, urls: UrlScheme, memo: Memo = NO_MEMO
    ):
        self.collection = collection
        self.config = config
        self.strings = strings
        self.urls = urls
        self.default = config.default_language
        self.published_cases = [c for _, c in sorted(collection.cases.items()) if c.status == "published"]
        self.sources: dict[str, Source] = {s.id: s for s in collection.sources.sources} if collection.sources else {}
        self.places = place_index(collection)
        self._once: dict = {}
        self.memo = memo  # under `mkdocs serve`: views kept from the last build (build/memo.py)

    def once(self, key, make: Callable[[], Any]) -> Any:
        """`make()`, made once for this context (one build) under `key`."""
        if key not in self._once:
            self._once[key] = make()
        return self._once[key]

    def kept(self, key, inputs: tuple, make: Callable[[], Any]) -> Any:
        """`make()`; under serve, last build's result when `inputs` (the records it reads beside the
        world, see view_world) are unchanged."""
        return self.memo.view(key, inputs, make)

    def grouped(self, name: str, records: list, keys: Callable[[Any], list]) -> dict[Any, list]:
        """Records by each of their `keys(record)` (None left out), in order; grouped once a build
        under `name`, so that a page per place, term or brand does not scan every record."""

        def group() -> dict[Any, list]:
            groups: dict[Any, list] = {}
            for record in records:
                for key in dict.fromkeys(keys(record)):
                    if key is not None:
                        groups.setdefault(key, []).append(record)
            return groups

        return self.once(("grouped", name), group)

    def media_of(self, kind: str, record: Case | Brand) -> tuple:
        """The checked photo file of each image of a record (None where it failed its checks)."""
        return tuple(self.collection.media.get((kind, record.id, i)) for i in range(len(record.images)))

    def page(self, path: str, lang: str, title: str, description: str, template: str, view: Any, **extra: Any) -> Page:
        return Page(
            path,
            lang,
            self.urls.src_uri(path, lang),
            self.urls.url(path, lang),
            title,
            description,
            template,
            view,
            **extra,
        )

    def text(self, value: dict[str, str] | None, lang: str) -> str:
        return pick(value, lang, self.default)[0]

    def t(self, key: str, lang: str) -> str:
        return self.strings.t(key, lang)

    def card(self, case: Case, lang: str) -> CaseCard:
        return self.once(
            ("card", case.id, lang), lambda: self.kept(("card", case.id, lang), (case,), lambda: self._card(case, lang))
        )

    def _card(self, case: Case, lang: str) -> CaseCard:
        county, township = self.place_links(case.place, lang)
        place = " ".join(link.label for link in (county, township) if link)
        county_id = self.county_of(case.place)
        values = {
            COUNTIES: [county_id] if county_id else [],
            "arrows": case.arrows,
            "technologies": case.technologies,
            "industries": case.industries,
        }
        data = {FACET_KEYS[group]: " ".join(ids) for group, ids in values.items()}
        return CaseCard(
            case.id,
            self.text(case.title, lang),
            self.text(case.summary, lang),
            place,
            self.urls.url(case_path(case.id), lang),
            data,
        )

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
        """Arrows, technologies or industries, each linked to its index page (every term has one)."""
        terms = {t.id: t for t in getattr(self.collection.taxonomy, group)} if self.collection.taxonomy else {}
        return [
            Link(self.text(terms[i].label, lang), self.urls.url(term_path(group, i), lang)) if i in terms else Link(i)
            for i in ids
        ]

    def brand_link(self, brand_id: str | None, lang: str) -> Link | None:
        """The brand, linked to its page when it is published (a draft has none)."""
        brand = self.collection.brands.get(brand_id) if brand_id else None
        if brand is None:
            return None
        url = self.urls.url(brand_path(brand.id), lang) if brand.status == "published" else None
        return Link(self.brand_name(brand, lang), url)

    def brand_name(self, brand: Brand, lang: str) -> str:
        """The brand's name as every output shows it: a name this site wrote says so (name_origin `site`)."""
        return brand_display_name(brand, self.text(brand.name, lang), lambda key: self.t(key, lang))

    def place_links(self, place_id: str, lang: str) -> tuple[Link | None, Link | None]:
        """County and township; a township links to its part of the county's page."""
        county, township = self.places.get(place_id, (None, None))
        if county is None:
            return None, None
        county_url = self.urls.url(county_path(county.id), lang)
        township_link = (
            Link(self.text(township.name, lang), f"{county_url}#{township_anchor(township.id)}") if township else None
        )
        return Link(self.text(county.name, lang), county_url), township_link

    def county_of(self, place_id: str) -> str | None:
        county, _ = self.places.get(place_id, (None, None))
        return county.id if county else None

    def published_brands(self) -> list[Brand]:
        return [b for _, b in sorted(self.collection.brands.items()) if b.status == "published"]

    def is_published_case(self, case_id: str) -> bool:
        case = self.collection.cases.get(case_id)
        return case is not None and case.status == "published"

    def translation_notice(self, record: Case | Brand | object, lang: str) -> TranslationNotice:
        """What to tell a reader of a record's page in `lang` about the language of its text.

        A text missing in `lang` falls back (pick()) to the default language:
        the notice names the language shown. A translation no person has
        reviewed says so; the default language is the original.
        """
        fallback = self._fallback_language(record, lang)
        names = {language.code: language.name for language in self.config.languages}
        status = getattr(record, "translations", {}).get(lang)
        unreviewed = lang != self.default and not (status and status.reviewed)
        return TranslationNotice(
            names.get(fallback, fallback) if fallback else "",
            unreviewed and not fallback,
            (status.note or "") if status else "",
        )

    def localized_texts(self, record: object) -> list[dict[str, str]]:
        """localized_texts(record), walked once per build: every page of a record in every language asks."""
        return self.once(("texts", id(record)), lambda: list(localized_texts(record)))

    def _fallback_language(self, record: object, lang: str) -> str | None:
        for text in self.localized_texts(record):
            if lang not in text:
                return pick(text, lang, self.default)[1]
        return None

    def suggest(self, kind: str, record_id: str, title: str, path: str, lang: str) -> SuggestLinks:
        """The issue form with the record and the page filled in; About's corrections policy otherwise."""
        url = self.urls.url(path, lang)
        page = self.urls.absolute(url) or "/" + url
        form = repo_form_url(
            self.config,
            UPDATE_FORM,
            record=f"{kind}/{record_id}",
            page=page,
            title=f"{self.t('record.suggest_title', lang)}{title}",
        )
        return SuggestLinks(form, f"{self.urls.url(ABOUT_PATH, lang)}#{CORRECTIONS_ANCHOR}")

    def edit_url(self, record_path: str) -> str | None:
        if not self.config.repo_url:
            return None
        return f"{self.config.repo_url.rstrip('/')}/edit/{self.config.edit_branch}/{record_path}"


def view_world(collection: Collection, config: SiteConfig, strings: Strings, urls: UrlScheme) -> tuple:
    """What any view may read besides the records it names as its inputs (ViewContext.kept).

    Cases are left out: a kept view names the cases it reads (its own, its
    related cases). Records of unchanged files are the same objects from build
    to build under serve, so comparing two worlds is cheap.
    """
    return (
        config,
        strings,
        urls,
        collection.places,
        collection.taxonomy,
        collection.sources,
        collection.policy,
        tuple(collection.brands.items()),
        tuple(collection.exhibitions.items()),
    )


def place_index(collection: Collection) -> dict[str, tuple[County, Township | None]]:
    """Place id -> (county, township or None). Place ids are unique (check/records.py checks)."""
    index: dict[str, tuple[County, Township | None]] = {}
    for county in collection.places.counties if collection.places else []:
        index[county.id] = (county, None)
        for township in county.townships:
            index[township.id] = (county, township)
    return index


def localized_texts(value: object) -> Iterator[dict[str, str]]:
    """Every text-per-language inside a record: the maps of strings in it.

    In the content model (generator/model/records.py) a map whose values are all
    strings is always a LocalizedText (other maps, such as `translations`,
    hold records). Walking values, not types, keeps this fast: it runs for
    every record page in every language (model/fields.iter_localized, which
    reads the types, took an eighth of the case pages' build time).
    """
    if isinstance(value, BaseModel):
        for item in value.__dict__.values():
            yield from localized_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from localized_texts(item)
    elif isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        yield value
