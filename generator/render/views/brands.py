"""Brand pages: one per published place brand per language, and the brands index.

A brand lists no cases of its own: its cases are the published cases whose
`brand` names it, found here.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.core.fill import fill
from generator.model.records import Brand
from generator.render.markdown import render_markdown
from generator.render.urls import BRANDS_INDEX_PATH, brand_path
from generator.render.views.base import CaseCard, CitationView, Link, Page, SuggestLinks, TranslationNotice, ViewContext
from generator.render.views.map import Locator, county_map, locator
from generator.render.views.pictures import RecordPictures, record_pictures

NAV_ORDER = 20


@dataclass(frozen=True)
class ColourView:
    name: str
    hex: str
    citations: list[CitationView]


@dataclass(frozen=True)
class BrandView:
    """What theme/casebook/brand.html receives as `view`."""

    id: str
    name: str
    story_html: Markup
    county: Link | None
    township: Link | None
    locator: Locator | None  # the county's outline with the brand's township, or its cases' townships, marked
    values: list[str]
    colours: list[ColourView]  # empty when no source gives the brand's colours
    products: list[str]
    cases: list[CaseCard]
    sources: list[CitationView]
    last_reviewed: str
    edit_url: str | None
    suggest: SuggestLinks  # "Suggest an update": the issue form, or About's corrections policy
    translation: TranslationNotice
    pictures: RecordPictures  # the header (a photo, or the designed visual) and further figures


@dataclass(frozen=True)
class BrandCard:
    name: str
    place: str
    url: str
    case_count: int


@dataclass(frozen=True)
class BrandsView:
    """What theme/casebook/brands.html receives."""

    brands: list[BrandCard]


def brand_pages(ctx: ViewContext, lang: str) -> list[Page]:
    brands = ctx.published_brands()
    pages = [brand_page(ctx, brand, lang) for brand in brands]
    cards = [BrandCard(p.view.name, _place_label(p.view), p.url, len(p.view.cases)) for p in pages]
    index = ctx.page(
        BRANDS_INDEX_PATH,
        lang,
        ctx.t("brands.title", lang),
        ctx.t("brands.description", lang),
        "brands.html",
        BrandsView(cards),
        nav_order=NAV_ORDER,
        search_body=False,
    )
    return [index, *pages]


def brand_page(ctx: ViewContext, brand: Brand, lang: str) -> Page:
    record_path = ctx.collection.raw[("brand", brand.id)].source.display
    view = ctx.kept(
        ("brand", brand.id, lang),
        (brand, record_path, *brand_cases(ctx, brand.id)),
        lambda: brand_view(ctx, brand, lang, record_path),
    )
    description = ctx.t("brand.description", lang).format(name=view.name)
    return ctx.page(
        brand_path(brand.id),
        lang,
        view.name,
        description,
        "brand.html",
        view,
        record_path=record_path,
        edit_url=view.edit_url,
    )


def brand_view(ctx: ViewContext, brand: Brand, lang: str, record_path: str) -> BrandView:
    county, township = ctx.place_links(brand.place, lang)
    cases = brand_cases(ctx, brand.id)
    return BrandView(
        id=brand.id,
        name=ctx.brand_name(brand, lang),
        story_html=render_markdown(ctx.text(brand.story, lang)),
        county=county,
        township=township,
        locator=brand_locator(ctx, brand, cases, lang),
        values=[ctx.text(v, lang) for v in brand.values],
        colours=[
            ColourView(ctx.text(c.name, lang), c.hex.lower(), ctx.citations(c.sources, lang)) for c in brand.colours
        ],
        products=[ctx.text(p, lang) for p in brand.products],
        cases=[ctx.card(case, lang) for case in cases],
        sources=ctx.citations(brand.sources, lang),
        last_reviewed=brand.last_reviewed.isoformat(),
        edit_url=ctx.edit_url(record_path),
        suggest=ctx.suggest("brand", brand.id, ctx.text(brand.name, lang), brand_path(brand.id), lang),
        translation=ctx.translation_notice(brand, lang),
        pictures=record_pictures(ctx, "brand", brand, lang),
    )


def brand_locator(ctx: ViewContext, brand: Brand, cases: list, lang: str) -> Locator | None:
    """A brand of a township: where it lies in its county. A brand of a whole county: the
    county with the townships of the brand's cases marked."""
    county, township = ctx.places.get(brand.place, (None, None))
    if county is None or township is not None:
        return locator(ctx, brand.place, lang)
    in_county = [case.place for case in cases if _township_of(ctx, case.place, county)]
    name = ctx.text(county.name, lang)
    label = fill(ctx.t("map.county_outline", lang), county=name) if in_county else name
    return county_map(ctx, county, in_county, label, size=128)


def _township_of(ctx: ViewContext, place_id: str, county) -> bool:
    place_county, township = ctx.places.get(place_id, (None, None))
    return place_county is county and township is not None


def brand_cases(ctx: ViewContext, brand_id: str) -> list:
    """The published cases whose `brand` names this brand, in id order."""
    return ctx.grouped("cases by brand", ctx.published_cases, lambda case: [case.brand]).get(brand_id, [])


def _place_label(view: BrandView) -> str:
    return " ".join(link.label for link in (view.county, view.township) if link)
