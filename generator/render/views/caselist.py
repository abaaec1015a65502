"""The list of all cases (cases/), with a filter by county, arrow, technology and industry.

Without JavaScript the filter is a set of links: each value goes to its index
page, which lists exactly the cases that have it. With JavaScript
(theme/assets/javascripts/case-filter.js) a form of choices filters the cards
in place, keeps the choice in the URL query and announces how many cases
remain. Each card carries its facet values as data- attributes for the script.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.urls import (
    CASES_INDEX_PATH,
    COUNTIES,
    FACET_GROUPS,
    FACET_KEYS,
    MAP_PATH,
    county_path,
    group_path,
    term_path,
)
from generator.render.views.base import CaseCard, Page, ViewContext
from generator.render.views.indexes import cases_with

NAV_ORDER = 10
FILTER_SCRIPT = "assets/javascripts/case-filter.js"


@dataclass(frozen=True)
class FacetValue:
    id: str
    label: str
    url: str  # the value's index page
    count: int


@dataclass(frozen=True)
class Facet:
    key: str  # query key and data- attribute: county, arrow, technology, industry
    label: str
    overview_url: str
    values: list[FacetValue]  # only values some case has: a choice never leads to an empty list


@dataclass(frozen=True)
class CaseListView:
    """What theme/casebook/cases.html receives."""

    cards: list[CaseCard]
    facets: list[Facet]
    script_url: str
    map_url: str  # the map, which the filter script hands the same query


def case_list_pages(ctx: ViewContext, lang: str) -> list[Page]:
    view = CaseListView(
        [ctx.card(case, lang) for case in ctx.published_cases],
        [facet(ctx, group, lang) for group in (COUNTIES, *FACET_GROUPS)],
        FILTER_SCRIPT,
        ctx.urls.url(MAP_PATH, lang),
    )
    return [
        ctx.page(
            CASES_INDEX_PATH,
            lang,
            ctx.t("cases.title", lang),
            ctx.t("cases.description", lang),
            "cases.html",
            view,
            nav_order=NAV_ORDER,
            search_body=False,
        )
    ]


def facet(ctx: ViewContext, group: str, lang: str) -> Facet:
    values = [
        FacetValue(value_id, label, ctx.urls.url(path, lang), len(cases_with(ctx, group, value_id)))
        for value_id, label, path in _group_values(ctx, group, lang)
    ]
    return Facet(
        FACET_KEYS[group],
        ctx.t(f"index.{group}.title", lang),
        ctx.urls.url(group_path(group), lang),
        [v for v in values if v.count],
    )


def _group_values(ctx: ViewContext, group: str, lang: str) -> list[tuple[str, str, str]]:
    """(id, label, page path) of every value of a group, in the order of its reference file."""
    if group == COUNTIES:
        counties = ctx.collection.places.counties if ctx.collection.places else []
        return [(c.id, ctx.text(c.name, lang), county_path(c.id)) for c in counties]
    terms = getattr(ctx.collection.taxonomy, group) if ctx.collection.taxonomy else []
    return [(t.id, ctx.text(t.label, lang), term_path(group, t.id)) for t in terms]
