"""What a page tells search engines and social networks about itself.

For each page: its canonical address, Open Graph / Twitter values (title and
description come from the page itself), its locale and the other locales, its
social card, and its language's feed. The theme writes them in
theme/partials/casebook-seo.html. Also which social cards the site needs.

Canonical and og:url need the public address of the site (`site_url` in
casebook.yml); without it they are left out rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.fill import fill
from generator.graphics.cards import Card
from generator.graphics.drawing import ACCENT, CardText
from generator.graphics.motifs import Motifs
from generator.load.strings import Strings, pick
from generator.model.collection import Collection
from generator.model.records import Brand, Case
from generator.model.settings import SiteConfig
from generator.render.names import brand_display_name
from generator.render.phrasing import site_phrases
from generator.render.urls import UrlScheme, brand_path, case_path, feed_url, social_card_uri
from generator.render.views.base import Page, place_index

SITE_CARD = "site"  # the card of every page without one of its own


@dataclass(frozen=True)
class PageMeta:
    canonical: str | None  # absolute URL; None while site_url is not set
    language_root: str  # site-relative root of the page's language: '' or 'en/'
    og_type: str  # article for a case or brand, website otherwise
    locale: str  # og:locale, e.g. zh_TW
    alternate_locales: list[str]
    site_name: str
    image: str  # site-relative URL of the social card
    image_absolute: str | None
    image_alt: str
    feed: str  # site-relative URL of the language's Atom feed
    feed_title: str


def og_locale(lang: str) -> str:
    """Open Graph writes locales as language_TERRITORY: zh-TW -> zh_TW."""
    return lang.replace("-", "_")


def page_meta(page: Page, config: SiteConfig, strings: Strings, urls: UrlScheme, card_keys: set[str]) -> PageMeta:
    key = page.key if page.key in card_keys else SITE_CARD
    image = social_card_uri(key, page.lang)
    site_name = pick(config.site_name, page.lang, config.default_language)[0]
    return PageMeta(
        canonical=urls.absolute(page.url),
        language_root=urls.prefix(page.lang),
        og_type="article" if key != SITE_CARD else "website",
        locale=og_locale(page.lang),
        alternate_locales=[og_locale(alt.lang) for alt in page.alternates if alt.lang != page.lang],
        site_name=site_name,
        image=image,
        image_absolute=urls.absolute(image),
        image_alt=page.title if key != SITE_CARD else site_name,
        feed=feed_url(urls.prefix(page.lang)),
        feed_title=feed_title(strings, site_name, page.lang),
    )


def feed_title(strings: Strings, site_name: str, lang: str) -> str:
    """「地方創生案例集：案例更新」, "Casebook: case updates": the colon of the page's language."""
    return strings.t("punct.label", lang).format(label=site_name) + strings.t("seo.feed_title", lang)


# -- which cards the site needs ------------------------------------------------------------


def card_keys(collection: Collection, page_keys: set[str]) -> set[str]:
    """Keys of the pages with a card of their own: every case and brand page."""
    keys = {case_path(case_id) for case_id in collection.cases} | {brand_path(b) for b in collection.brands}
    return keys & page_keys


def site_cards(collection: Collection, config: SiteConfig, strings: Strings, page_keys: set[str]) -> list[Card]:
    """A card for every case and brand page, and one per language for all other pages."""
    own = card_keys(collection, page_keys)
    cards = []
    for lang in config.language_codes:
        texts = CardWriter(collection, config, strings, lang)
        cards.append(Card(social_card_uri(SITE_CARD, lang), texts.site()))
        cards += [
            Card(social_card_uri(case_path(case.id), lang), texts.case(case))
            for case in collection.cases.values()
            if case_path(case.id) in own
        ]
        cards += [
            Card(social_card_uri(brand_path(brand.id), lang), texts.brand(brand))
            for brand in collection.brands.values()
            if brand_path(brand.id) in own
        ]
    return sorted(cards, key=lambda card: card.uri)


class CardWriter:
    """The text on the cards of one language."""

    def __init__(self, collection: Collection, config: SiteConfig, strings: Strings, lang: str):
        self.collection, self.strings, self.lang = collection, strings, lang
        self.default = config.default_language
        self.languages = config.language_codes
        self.site_name = self.text(config.site_name)
        self._places = place_index(collection)

    def record(self, kind: str, record_id: str) -> CardText:
        """The card of a case or brand page."""
        if kind == "case":
            return self.case(self.collection.cases[record_id])
        return self.brand(self.collection.brands[record_id])

    def text(self, value: dict[str, str] | None) -> str:
        return pick(value, self.lang, self.default)[0]

    def title(self, value: dict[str, str] | None) -> str:
        """A title with its phrase boundaries marked (U+200B), where the drawing may break its lines."""
        return site_phrases(self.collection).mark(self.text(value))

    def site(self) -> CardText:
        return CardText(self.lang, "", self.site_name, self.strings.t("social.site_tagline", self.lang), self.site_name)

    def case(self, case: Case) -> CardText:
        return CardText(
            self.lang,
            self.strings.t("social.kind_case", self.lang),
            self.title(case.title),
            self.place(case.place),
            self.site_name,
            self.accent(case.brand),
            self.place_elsewhere(case.place),
            self.case_motifs(case),
        )

    def brand(self, brand: Brand) -> CardText:
        name = brand_display_name(brand, self.title(brand.name), lambda key: self.strings.t(key, self.lang))
        return CardText(
            self.lang,
            self.strings.t("social.kind_brand", self.lang),
            name,
            self.place(brand.place),
            self.site_name,
            self.accent(brand.id),
            self.place_elsewhere(brand.place),
            self.brand_motifs(brand),
        )

    def header(self, kind: str, record_id: str) -> CardText:
        """The text-free page header of a case or brand: its motifs only, the same in every language."""
        card = self.record(kind, record_id)
        return CardText(self.default, "", "", "", "", card.accent, "", card.motifs, header=True)

    def case_motifs(self, case: Case) -> Motifs:
        county, _ = self._places.get(case.place, (None, None))
        return Motifs(
            f"case/{case.id}",
            "case",
            county.id if county else "",
            tuple(case.industries),
            tuple(case.arrows),
            self.sourced_colour(case.brand),
        )

    def brand_motifs(self, brand: Brand) -> Motifs:
        """A brand's industries and arrows are those of its cases (a brand record names neither)."""
        county, _ = self._places.get(brand.place, (None, None))
        cases = [c for _, c in sorted(self.collection.cases.items()) if c.brand == brand.id and c.status == "published"]
        industries = tuple(dict.fromkeys(i for c in cases for i in c.industries))
        arrows = tuple(dict.fromkeys(a for c in cases for a in c.arrows))
        return Motifs(
            f"brand/{brand.id}", "brand", county.id if county else "", industries, arrows, self.sourced_colour(brand.id)
        )

    def sourced_colour(self, brand_id: str | None) -> str:
        """The brand's first colour when its sources give one, else '' (the site's palette)."""
        brand = self.collection.brands.get(brand_id) if brand_id else None
        return brand.colours[0].hex.lower() if brand is not None and brand.colours else ""

    def place(self, place_id: str, lang: str | None = None) -> str:
        """'雲林縣口湖鄉' / 'Kouhu Township, Yunlin County': the order is an interface string."""
        lang = lang or self.lang
        county, township = self._places.get(place_id, (None, None))
        if county is None:
            return ""
        if township is None:
            return pick(county.name, lang, self.default)[0]
        return fill(
            self.strings.t("social.place_in_county", lang),
            township=pick(township.name, lang, self.default)[0],
            county=pick(county.name, lang, self.default)[0],
        )

    def place_elsewhere(self, place_id: str) -> str:
        """The place in the site's other languages: the card names it in both."""
        return " · ".join(self.place(place_id, lang) for lang in self.languages if lang != self.lang)

    def accent(self, brand_id: str | None) -> str:
        """A brand's first colour, when its sources give one; else the site's."""
        brand = self.collection.brands.get(brand_id) if brand_id else None
        if brand is not None and brand.colours:
            return brand.colours[0].hex.lower()
        return ACCENT
