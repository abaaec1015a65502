"""Which charts the policy pages show, each once per language, and where their figures are.

The open-data page lists them (render/views/opendata.py) and publish/charts.py
writes their files; both ask here, so a chart on a new explainer is listed
and published by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.load.explainers import SUMMARY_SLUG
from generator.render.urls import POLICY_PATH, ChartFiles, explainer_path
from generator.render.views.base import ViewContext
from generator.render.views.policy import explainer_body, ordered_slugs, pick_explainer
from generator.render.views.policy_charts import ChartView


@dataclass(frozen=True)
class ChartEntry:
    """One chart's files in one language, as the open-data page lists them."""

    title: str
    files: ChartFiles
    page: str  # site-relative URL of the first page that shows it


def site_charts(ctx: ViewContext, lang: str) -> list[tuple[ChartView, str]]:
    """(chart, page URL) of every chart on the policy pages of a language, each chart once, by name."""
    if ctx.collection.policy is None:
        return []
    found: dict[str, tuple[ChartView, str]] = {}
    slugs = [
        *ordered_slugs(ctx.collection.explainers),
        *([SUMMARY_SLUG] if SUMMARY_SLUG in ctx.collection.explainers else []),
    ]
    for slug in slugs:
        explainer = pick_explainer(ctx, ctx.collection.explainers[slug], lang)
        path = POLICY_PATH if slug == SUMMARY_SLUG else explainer_path(slug)
        for block in explainer_body(ctx, explainer, lang).blocks:
            if block.chart is not None and block.chart.files is not None:
                found.setdefault(block.chart.files.slug, (block.chart, ctx.urls.url(path, lang)))
    return [found[slug] for slug in sorted(found)]


def chart_entries(ctx: ViewContext, lang: str) -> list[ChartEntry]:
    return ctx.once(
        ("chart entries", lang),
        lambda: [ChartEntry(chart.title, chart.files, page) for chart, page in site_charts(ctx, lang)],
    )
