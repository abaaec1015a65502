"""The home page of each language: what 地方創生 is, featured cases, the map, key numbers.

The two sentences on what regional revitalisation is are the policy summary
(content/policy/summary.<lang>.md, with its citations); the key numbers come
from content/policy/data.yml, each with its source, numbered in one source
list with the summary's.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.core.fill import fill
from generator.load.explainers import SUMMARY_SLUG, policy_figures
from generator.model.records import Case
from generator.render.urls import CASES_INDEX_PATH, COUNTIES, MAP_PATH, POLICY_PATH, explainer_path, group_path
from generator.render.views.base import CaseCard, Link, Page, ViewContext
from generator.render.views.figures import figure_text, money_text, month_text
from generator.render.views.map import TaiwanMap, taiwan_map
from generator.render.views.policy import Body, explainer_body, ordered_slugs, pick_explainer
from generator.render.views.policy_refs import Ref, References

FEATURED_CASES = 6
# The figures the home page shows, in this order, when the data has them.
KEY_FIGURES = ("priority-townships", "plans-submitted", "proposals-approved")


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
    all_cases: Link
    grid: TaiwanMap
    map: Link
    numbers: list[KeyNumber]
    refs: list[Ref]            # sources of the summary and the numbers
    explore: list[Link]        # into the indexes
    policy: Link
    explainers: list[Link]


def home_pages(ctx: ViewContext, lang: str) -> list[Page]:
    refs = References(ctx, lang)
    summary = _summary(ctx, lang, refs)
    numbers = key_numbers(ctx, lang, refs)
    url = ctx.urls.url
    view = HomeView(
        summary=summary,
        cases=[ctx.card(case, lang) for case in featured_cases(ctx)],
        all_cases=Link(ctx.t("home.all_cases", lang), url(CASES_INDEX_PATH, lang)),
        grid=taiwan_map(ctx, lang),
        map=Link(ctx.t("home.open_map", lang), url(MAP_PATH, lang)),
        numbers=numbers,
        refs=refs.all(),
        explore=[Link(ctx.t(f"home.explore.{group}", lang), url(group_path(group), lang))
                 for group in (COUNTIES, "arrows", "technologies", "industries")],
        policy=Link(ctx.t("policy.title", lang), url(POLICY_PATH, lang)),
        explainers=_explainer_links(ctx, lang),
    )
    title = ctx.text(ctx.config.site_name, lang)
    return [ctx.page("", lang, title, ctx.t("home.description", lang), "home.html", view, nav_order=0,
                     search_body=False)]


def featured_cases(ctx: ViewContext) -> list[Case]:
    """The most recently reviewed cases: the home page stays the same size as cases grow."""
    newest = sorted(ctx.published_cases, key=lambda c: (c.last_reviewed, c.id), reverse=True)
    return newest[:FEATURED_CASES]


def key_numbers(ctx: ViewContext, lang: str, refs: References) -> list[KeyNumber]:
    policy = ctx.c.policy
    if policy is None:
        return []
    figures = policy_figures(policy)
    progress_ids = {f.id for f in policy.progress.figures}
    as_of = fill(ctx.t("policy.as_of", lang), date=month_text(ctx, policy.progress.as_of, lang))
    numbers = [KeyNumber(figure_text(ctx, figures[i], lang),
                         ctx.text(figures[i].label, lang) + (as_of if i in progress_ids else ""),
                         refs.cite(figures[i].sources))
               for i in KEY_FIGURES if i in figures]
    funding = money_text(ctx, policy.progress.funding_total, policy.progress.funding_unit, lang)
    numbers.append(KeyNumber(funding, ctx.t("home.funding_label", lang) + as_of, refs.cite(policy.progress.sources)))
    return numbers


def _summary(ctx: ViewContext, lang: str, refs: References) -> Body | None:
    by_lang = ctx.c.explainers.get(SUMMARY_SLUG)
    if not by_lang:
        return None
    return explainer_body(ctx, pick_explainer(ctx, by_lang, lang), lang, chart_prefix="home-chart", refs=refs)


def _explainer_links(ctx: ViewContext, lang: str) -> list[Link]:
    links = []
    for slug in ordered_slugs(ctx.c.explainers):
        explainer = pick_explainer(ctx, ctx.c.explainers[slug], lang)
        links.append(Link(explainer.title, ctx.urls.url(explainer_path(slug), lang)))
    return links
