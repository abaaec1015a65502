"""Index pages: by county, arrow, technology and industry, an overview per group, and "looking for".

Every taxonomy term and every county gets a page, with or without cases, so
that a link from a case page never points at a missing page. A township has
no page of its own: it is a section of its county's page.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.fill import fill
from generator.model.records import Case, County, Term
from generator.render.urls import (
    CASES_INDEX_PATH,
    COUNTIES,
    FACET_GROUPS,
    LOOKING_FOR_PATH,
    MAP_PATH,
    brand_path,
    county_path,
    filtered_cases_url,
    group_path,
    term_path,
    township_anchor,
)
from generator.render.views.base import CaseCard, CitationView, Link, Page, ViewContext
from generator.render.views.figures import need_statement
from generator.render.views.map import Locator, county_map

# Navigation: the overviews after the cases, brands, policy and map.
GROUP_NAV_ORDER = {"arrows": 50, "technologies": 51, "industries": 52, COUNTIES: 53}
LOOKING_FOR_NAV_ORDER = 54
NEED_KINDS = ("investment", "talent", "partners")


@dataclass(frozen=True)
class GroupEntry:
    """One term or county on its group's overview page."""

    label: str
    url: str
    count: int
    description: str = ""
    letter: str = ""  # the technology's letter in ABCDE


@dataclass(frozen=True)
class GroupView:
    """What theme/casebook/group.html receives: arrows/, technologies/, industries/, counties/."""

    group: str
    intro: str
    entries: list[GroupEntry]


@dataclass(frozen=True)
class TermView:
    """What theme/casebook/term.html receives: one arrow, technology or industry."""

    group: str
    description: str
    sources: list[CitationView]
    cards: list[CaseCard]
    overview: Link
    filtered_list: Link  # the case list with this term chosen in its filter


@dataclass(frozen=True)
class PlaceGroup:
    """A county's cases and brands at one place: the county itself or one township."""

    anchor: str | None  # township-<id>; None for the county as a whole
    label: str
    cards: list[CaseCard]
    brands: list[Link]


@dataclass(frozen=True)
class CountyView:
    """What theme/casebook/county.html receives."""

    places: list[PlaceGroup]
    overview: Link
    filtered_list: Link
    on_map: Link  # the map filtered to this county
    outline: Locator | None  # the county's outline with its townships with cases marked


@dataclass(frozen=True)
class NeedEntry:
    card: CaseCard
    text: str
    statement: str  # what kind of statement (an aim, an open call) and when
    citations: list[CitationView]


@dataclass(frozen=True)
class NeedGroup:
    kind: str  # investment | talent | partners
    entries: list[NeedEntry]


@dataclass(frozen=True)
class LookingForView:
    """What theme/casebook/looking-for.html receives."""

    groups: list[NeedGroup]
    unstated: list[CaseCard]  # cases whose sources state no need


# -- taxonomy: arrows, technologies, industries ------------------------------------------------


def facet_pages(ctx: ViewContext, lang: str) -> list[Page]:
    pages: list[Page] = []
    for group in FACET_GROUPS:
        terms = list(getattr(ctx.collection.taxonomy, group)) if ctx.collection.taxonomy else []
        term_pages = [term_page(ctx, group, term, lang) for term in terms]
        entries = [
            GroupEntry(p.title, p.url, len(p.view.cards), p.view.description, getattr(t, "letter", ""))
            for p, t in zip(term_pages, terms)
        ]
        pages.append(group_page(ctx, group, entries, lang))
        pages += term_pages
    return pages


def group_page(ctx: ViewContext, group: str, entries: list[GroupEntry], lang: str) -> Page:
    view = GroupView(group, ctx.t(f"index.{group}.intro", lang), entries)
    return ctx.page(
        group_path(group),
        lang,
        ctx.t(f"index.{group}.title", lang),
        view.intro,
        "group.html",
        view,
        nav_order=GROUP_NAV_ORDER[group],
        search_body=False,
    )


def term_page(ctx: ViewContext, group: str, term: Term, lang: str) -> Page:
    cases = cases_with(ctx, group, term.id)
    label = ctx.text(term.label, lang)
    view = TermView(
        group=group,
        description=ctx.text(term.description, lang),
        sources=ctx.citations(term.sources, lang),
        cards=[ctx.card(case, lang) for case in cases],
        overview=_overview_link(ctx, group, lang),
        filtered_list=_filtered_list_link(ctx, group, term.id, lang),
    )
    description = view.description or ctx.t(f"index.{group}.term_description", lang).format(label=label)
    return ctx.page(term_path(group, term.id), lang, label, description, "term.html", view, search_body=False)


# -- counties --------------------------------------------------------------------------------------


def county_pages(ctx: ViewContext, lang: str) -> list[Page]:
    counties = list(ctx.collection.places.counties) if ctx.collection.places else []
    pages = [county_page(ctx, county, lang) for county in counties]
    entries = [GroupEntry(p.title, p.url, len(cases_with(ctx, COUNTIES, c.id))) for p, c in zip(pages, counties)]
    return [group_page(ctx, COUNTIES, entries, lang), *pages]


def county_page(ctx: ViewContext, county: County, lang: str) -> Page:
    name = ctx.text(county.name, lang)
    places = [_place_group(ctx, county.id, None, name, lang)]
    places += [_place_group(ctx, t.id, township_anchor(t.id), ctx.text(t.name, lang), lang) for t in county.townships]
    shown = [g for g in places if g.cards or g.brands]
    marked = [t.id for t, g in zip(county.townships, places[1:]) if g.cards or g.brands]
    outline = county_map(ctx, county, marked, fill(ctx.t("map.county_outline", lang), county=name))
    on_map = Link(ctx.t("map.show_county", lang), filtered_cases_url(ctx.urls.url(MAP_PATH, lang), COUNTIES, county.id))
    view = CountyView(
        shown, _overview_link(ctx, COUNTIES, lang), _filtered_list_link(ctx, COUNTIES, county.id, lang), on_map, outline
    )
    description = ctx.t("index.counties.term_description", lang).format(label=name)
    return ctx.page(county_path(county.id), lang, name, description, "county.html", view, search_body=False)


def _place_group(ctx: ViewContext, place_id: str, anchor: str | None, label: str, lang: str) -> PlaceGroup:
    cases = ctx.grouped("cases by place", ctx.published_cases, lambda case: [case.place]).get(place_id, [])
    brands = ctx.grouped("brands by place", ctx.published_brands(), lambda brand: [brand.place]).get(place_id, [])
    cards = [ctx.card(case, lang) for case in cases]
    brands = [Link(ctx.brand_name(b, lang), ctx.urls.url(brand_path(b.id), lang)) for b in brands]
    return PlaceGroup(anchor, label, cards, brands)


# -- looking for --------------------------------------------------------------------------------


def looking_for_pages(ctx: ViewContext, lang: str) -> list[Page]:
    groups = [
        NeedGroup(
            kind,
            [
                NeedEntry(
                    ctx.card(case, lang),
                    ctx.text(need.text, lang),
                    need_statement(ctx, need, lang),
                    ctx.citations(need.sources, lang),
                )
                for case in ctx.published_cases
                for need in case.looking_for
                if need.kind == kind
            ],
        )
        for kind in NEED_KINDS
    ]
    unstated = [ctx.card(case, lang) for case in ctx.published_cases if not case.looking_for]
    view = LookingForView(groups, unstated)
    return [
        ctx.page(
            LOOKING_FOR_PATH,
            lang,
            ctx.t("looking_for.title", lang),
            ctx.t("looking_for.description", lang),
            "looking-for.html",
            view,
            nav_order=LOOKING_FOR_NAV_ORDER,
            search_body=False,
        )
    ]


# -- links shared by the index pages ---------------------------------------------------------------


def _overview_link(ctx: ViewContext, group: str, lang: str) -> Link:
    return Link(ctx.t(f"index.{group}.title", lang), ctx.urls.url(group_path(group), lang))


def _filtered_list_link(ctx: ViewContext, group: str, value: str, lang: str) -> Link:
    cases_url = ctx.urls.url(CASES_INDEX_PATH, lang)
    return Link(ctx.t("index.see_in_list", lang), filtered_cases_url(cases_url, group, value))


def cases_with(ctx: ViewContext, group: str, value: str) -> list[Case]:
    """Published cases that carry one facet value (a county counts its townships)."""

    def values(case: Case) -> list:
        return [ctx.county_of(case.place)] if group == COUNTIES else getattr(case, group)

    return ctx.grouped(f"cases by {group}", ctx.published_cases, values).get(value, [])
