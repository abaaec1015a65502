"""The home page of each language: what 地方創生 is, featured cases, the map, key numbers.

The two sentences on what regional revitalisation is are the policy summary
(content/policy/summary.<lang>.md, with its citations); the key numbers come
from content/policy/data.yml, each with its source, numbered in one source
list with the summary's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.core.fill import fill
from generator.load.explainers import SUMMARY_SLUG, policy_figures
from generator.model.records import Case
from generator.render.urls import (
    CASES_INDEX_PATH,
    COUNTIES,
    MAP_PATH,
    POLICY_PATH,
    brand_path,
    case_path,
    explainer_path,
    group_path,
)
from generator.render.views.base import CaseCard, Link, Page, ViewContext
from generator.render.views.caselist import Facet, facet
from generator.render.views.figures import figure_text, money_text, month_text
from generator.render.views.map import TaiwanMap, taiwan_map
from generator.render.views.pictures import PictureView, record_pictures
from generator.render.views.policy import Body, explainer_body, ordered_slugs, pick_explainer
from generator.render.views.policy_refs import Ref, References

FEATURED_CASES = 6
RECENT_CHANGES = 5
# The figures the home page shows, in this order, when the data has them; the funding total follows:
# the policy in three numbers.
KEY_FIGURES = ("priority-townships", "plans-submitted")
# The finder's choices: where a case is, and what it is about.
FINDER_GROUPS = (COUNTIES, "arrows", "industries")
# A featured case's picture fills its card: a third of the page on a desktop, the width of a phone.
CARD_SIZES = "(min-width: 60em) 20rem, (min-width: 45em) 50vw, 100vw"


@dataclass(frozen=True)
class FeaturedCase:
    card: CaseCard
    picture: PictureView


@dataclass(frozen=True)
class RecentChange:
    date: str  # ISO date of the record's last review
    kind: str  # 案例 / Case, 品牌 / Brand
    label: str
    url: str


@dataclass(frozen=True)
class KeyNumber:
    value: str
    label: str
    refs: list[Ref]


@dataclass(frozen=True)
class HomeView:
    """What theme/casebook/home.html receives."""

    summary: Body | None
    cases: list[CaseCard]
    featured: list[FeaturedCase]  # the cases with their pictures
    finder: list[Facet]  # find a case by place or theme
    cases_url: str
    recent: list[RecentChange]  # what changed lately, from last_reviewed
    all_cases: Link
    grid: TaiwanMap
    map: Link
    numbers: list[KeyNumber]
    refs: list[Ref]  # sources of the summary and the numbers
    explore: list[Link]  # into the indexes
    policy: Link
    explainers: list[Link]


def home_pages(ctx: ViewContext, lang: str) -> list[Page]:
    refs = References(ctx, lang)
    summary = _summary(ctx, lang, refs)
    numbers = key_numbers(ctx, lang, refs)
    url = ctx.urls.url
    featured = featured_cases(ctx)
    view = HomeView(
        summary=summary,
        cases=[ctx.card(case, lang) for case in featured],
        featured=[FeaturedCase(ctx.card(case, lang), _card_picture(ctx, case, lang)) for case in featured],
        finder=[facet(ctx, group, lang) for group in FINDER_GROUPS],
        cases_url=url(CASES_INDEX_PATH, lang),
        recent=recent_changes(ctx, lang),
        all_cases=Link(ctx.t("home.all_cases", lang), url(CASES_INDEX_PATH, lang)),
        grid=taiwan_map(ctx, lang),
        map=Link(ctx.t("home.open_map", lang), url(MAP_PATH, lang)),
        numbers=numbers,
        refs=refs.all(),
        explore=[
            Link(ctx.t(f"home.explore.{group}", lang), url(group_path(group), lang))
            for group in (COUNTIES, "arrows", "technologies", "industries")
        ],
        policy=Link(ctx.t("policy.title", lang), url(POLICY_PATH, lang)),
        explainers=_explainer_links(ctx, lang),
    )
    title = ctx.text(ctx.config.site_name, lang)
    return [
        ctx.page("", lang, title, ctx.t("home.description", lang), "home.html", view, nav_order=0, search_body=False)
    ]


def featured_cases(ctx: ViewContext) -> list[Case]:
    """The most recently reviewed cases: the home page stays the same size as cases grow."""
    newest = sorted(ctx.published_cases, key=lambda c: (c.last_reviewed, c.id), reverse=True)
    return newest[:FEATURED_CASES]


def _card_picture(ctx: ViewContext, case: Case, lang: str) -> PictureView:
    header = record_pictures(ctx, "case", case, lang).header
    return replace(header, sizes=CARD_SIZES, header=False)


def recent_changes(ctx: ViewContext, lang: str) -> list[RecentChange]:
    """The cases and brands reviewed most recently, newest first."""
    records = [(c.last_reviewed, "case", c.id, ctx.text(c.title, lang), case_path(c.id)) for c in ctx.published_cases]
    records += [
        (b.last_reviewed, "brand", b.id, ctx.text(b.name, lang), brand_path(b.id)) for b in ctx.published_brands()
    ]
    records.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    return [
        RecentChange(day.isoformat(), ctx.t(f"home.kind.{kind}", lang), label, ctx.urls.url(path, lang))
        for day, kind, _, label, path in records[:RECENT_CHANGES]
    ]


def key_numbers(ctx: ViewContext, lang: str, refs: References) -> list[KeyNumber]:
    policy = ctx.collection.policy
    if policy is None:
        return []
    figures = policy_figures(policy)
    progress_ids = {f.id for f in policy.progress.figures}
    as_of = fill(ctx.t("policy.as_of", lang), date=month_text(ctx, policy.progress.as_of, lang))
    numbers = [
        KeyNumber(
            figure_text(ctx, figures[i], lang),
            ctx.text(figures[i].label, lang) + (as_of if i in progress_ids else ""),
            refs.cite(figures[i].sources),
        )
        for i in KEY_FIGURES
        if i in figures
    ]
    funding = money_text(ctx, policy.progress.funding_total, policy.progress.funding_unit, lang)
    numbers.append(KeyNumber(funding, ctx.t("home.funding_label", lang) + as_of, refs.cite(policy.progress.sources)))
    return numbers


def _summary(ctx: ViewContext, lang: str, refs: References) -> Body | None:
    by_lang = ctx.collection.explainers.get(SUMMARY_SLUG)
    if not by_lang:
        return None
    return explainer_body(ctx, pick_explainer(ctx, by_lang, lang), lang, chart_prefix="home-chart", refs=refs)


def _explainer_links(ctx: ViewContext, lang: str) -> list[Link]:
    links = []
    for slug in ordered_slugs(ctx.collection.explainers):
        explainer = pick_explainer(ctx, ctx.collection.explainers[slug], lang)
        links.append(Link(explainer.title, ctx.urls.url(explainer_path(slug), lang)))
    return links
