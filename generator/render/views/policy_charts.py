"""Charts of the policy data, each with a text description, a data table and its sources.

A chart view holds the SVG (generator/graphics/charts.py draws it), the same numbers as
a table, and the references of the data it shows. Every number on it is
formatted from content/policy/data.yml; nothing is computed that the data
does not hold (no differences, no percentages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from markupsafe import Markup

from generator.core.fill import fill
from generator.graphics import charts
from generator.load.explainers import Directive, policy_figures
from generator.model.records import Citation, Figure, PolicyData
from generator.render.urls import ChartFiles, chart_files, chart_slug
from generator.render.views.base import ViewContext
from generator.render.views.figures import (
    figure_text,
    format_number,
    money_text,
    money_with_source_value,
    month_text,
    qualified,
    with_unit,
)
from generator.render.views.policy_refs import Ref, References


@dataclass(frozen=True)
class TableView:
    caption: str
    headers: list[str]
    rows: list[list[str]]  # the first cell of each row heads the row


@dataclass(frozen=True)
class ChartView:
    """What theme/casebook/partials/policy-chart.html receives."""

    id: str  # unique on its page; prefixes the SVG's ids
    title: str
    description: str  # shown under the chart, and the SVG's <desc>
    svg: Markup
    table: TableView
    refs: list[Ref]
    files: ChartFiles | None = None  # its figures as CSV and JSON (publish/charts.py writes them)


@dataclass(frozen=True)
class ChartInput:
    """Everything a chart builder needs for one chart on one page."""

    ctx: ViewContext
    policy: PolicyData
    lang: str
    refs: References
    chart_id: str
    directive: Directive

    def t(self, key: str) -> str:
        return self.ctx.t(key, self.lang)

    def fill(self, key: str, **values: str) -> str:
        """An interface string with {placeholders} filled in."""
        return fill(self.t(key), **values)

    def title(self, default_key: str) -> str:
        return self.directive.title or self.t(default_key)


def build_chart(
    ctx: ViewContext, policy: PolicyData, directive: Directive, lang: str, refs: References, chart_id: str
) -> ChartView:
    """The chart a `{{chart:...}}` directive asks for (the explainers stage checked its names)."""
    chart = CHART_BUILDERS[directive.name](ChartInput(ctx, policy, lang, refs, chart_id, directive))
    return replace(chart, files=chart_files(chart_slug(directive.name, directive.args), lang))


# -- one builder per chart name ----------------------------------------------------------------


def series_chart(c: ChartInput) -> ChartView:
    legend = charts.ObservedProjected(c.t("policy.observed"), c.t("policy.projected"))
    lines, rows, sentences = [], [], []
    for series in c.policy.series:
        label, unit = c.ctx.text(series.label, c.lang), c.ctx.text(series.unit, c.lang)
        points = tuple(
            charts.LinePoint(p.year, p.value, _point_value(c, p.value, p.qualifier, unit), p.projected)
            for p in series.points
        )
        lines.append(charts.LineSeries(label, points))
        rows += [[label, str(p.year), p.display, _kind(c, p.projected)] for p in points]
        items = [
            c.fill("policy.chart.point", year=str(p.year), value=p.display, kind=_kind(c, p.projected, True))
            for p in points
        ]
        sentences.append(c.fill("policy.chart.sentence", label=label, items=c.t("policy.list_separator").join(items)))
    all_percent = all(c.ctx.text(s.unit, c.lang) == "%" for s in c.policy.series)
    y_max = 100.0 if all_percent else max(p.value for s in c.policy.series for p in s.points) * 1.15
    title = c.title("policy.chart.series.title")
    description = " ".join(sentences)
    svg = charts.line_chart(c.chart_id, charts.ChartText(title, description), lines, y_max, legend)
    headers = [
        c.t("policy.table.series"),
        c.t("policy.table.year"),
        c.t("policy.table.value"),
        c.t("policy.table.kind"),
    ]
    return ChartView(
        c.chart_id,
        title,
        description,
        svg,
        TableView(title, headers, rows),
        _refs(c, [s.sources for s in c.policy.series]),
    )


def timeline_chart(c: ChartInput) -> ChartView:
    legend = charts.ObservedProjected(c.t("policy.observed"), c.t("policy.projected"))
    events = c.policy.timeline
    items = [charts.TimelineItem(e.year, c.ctx.text(e.text, c.lang), e.projected) for e in events]
    title = c.title("policy.chart.timeline.title")
    description = c.t("policy.list_separator").join(
        c.fill("policy.chart.event", year=str(i.year), text=i.text, kind=_kind(c, i.projected, True)) for i in items
    )
    svg = charts.timeline_chart(c.chart_id, charts.ChartText(title, description), items, legend)
    rows = [[str(i.year), i.text, _kind(c, i.projected)] for i in items]
    headers = [c.t("policy.table.year"), c.t("policy.table.event"), c.t("policy.table.kind")]
    return ChartView(
        c.chart_id, title, description, svg, TableView(title, headers, rows), _refs(c, [e.sources for e in events])
    )


def funding_chart(c: ChartInput) -> ChartView:
    progress = c.policy.progress
    unit = progress.funding_unit
    amounts = [(c.ctx.text(p.label, c.lang), p.amount) for p in progress.funding]
    bars = [charts.Bar(label, amount, money_text(c.ctx, amount, unit, c.lang)) for label, amount in amounts]
    bars.append(
        charts.Bar(
            c.t("policy.funding.total"),
            progress.funding_total,
            money_text(c.ctx, progress.funding_total, unit, c.lang),
            outline=True,
        )
    )
    title = c.directive.title or c.fill("policy.chart.funding.title", as_of=month_text(c.ctx, progress.as_of, c.lang))
    items = [c.fill("policy.chart.item", label=b.label, value=b.display) for b in bars]
    description = c.fill("policy.chart.funding.description", items=c.t("policy.list_separator").join(items))
    svg = charts.bar_chart(c.chart_id, charts.ChartText(title, description), bars)
    in_table = [*amounts, (c.t("policy.funding.total"), progress.funding_total)]
    rows = [[label, money_with_source_value(c.ctx, amount, unit, c.lang)] for label, amount in in_table]
    headers = [c.t("policy.table.item"), c.t("policy.table.amount")]
    return ChartView(c.chart_id, title, description, svg, TableView(title, headers, rows), _refs(c, [progress.sources]))


def share_chart(c: ChartInput) -> ChartView:
    figures = policy_figures(c.policy)
    part, whole = (figures[i] for i in c.directive.args)
    part_label, whole_label = (
        c.fill("policy.chart.item", label=c.ctx.text(f.label, c.lang), value=figure_text(c.ctx, f, c.lang))
        for f in (part, whole)
    )
    title = c.directive.title or c.ctx.text(part.label, c.lang)
    description = c.fill("policy.chart.share.description", part=part_label, whole=whole_label)
    svg = charts.share_chart(
        c.chart_id, charts.ChartText(title, description), int(part.value), int(whole.value), part_label, whole_label
    )
    return ChartView(
        c.chart_id,
        title,
        description,
        svg,
        _figure_table(c, title, [whole, part]),
        _refs(c, [whole.sources, part.sources]),
    )


def bars_chart(c: ChartInput) -> ChartView:
    figures = policy_figures(c.policy)
    chosen = [figures[i.strip()] for i in c.directive.args[0].split(",")]
    bars = [charts.Bar(c.ctx.text(f.label, c.lang), f.value, figure_text(c.ctx, f, c.lang)) for f in chosen]
    title = c.title("policy.chart.bars.title")
    if any(f in c.policy.progress.figures for f in chosen):
        title += c.fill("policy.as_of", date=month_text(c.ctx, c.policy.progress.as_of, c.lang))
    description = c.t("policy.list_separator").join(
        c.fill("policy.chart.item", label=b.label, value=b.display) for b in bars
    )
    svg = charts.bar_chart(c.chart_id, charts.ChartText(title, description), bars)
    return ChartView(
        c.chart_id, title, description, svg, _figure_table(c, title, chosen), _refs(c, [f.sources for f in chosen])
    )


CHART_BUILDERS: dict[str, Callable[[ChartInput], ChartView]] = {
    "series": series_chart,
    "timeline": timeline_chart,
    "funding": funding_chart,
    "share": share_chart,
    "bars": bars_chart,
}


# -- helpers -------------------------------------------------------------------------------------


def _point_value(c: ChartInput, value: float, qualifier: str, unit: str) -> str:
    return with_unit(c.ctx, qualified(c.ctx, format_number(value), qualifier, c.lang), unit, c.lang)


def _kind(c: ChartInput, projected: bool, in_text: bool = False) -> str:
    key = "policy.projected" if projected else "policy.observed"
    return c.t(key + "_in_text" if in_text else key)


def _figure_table(c: ChartInput, title: str, figures: list[Figure]) -> TableView:
    rows = [[c.ctx.text(f.label, c.lang), figure_text(c.ctx, f, c.lang)] for f in figures]
    return TableView(title, [c.t("policy.table.item"), c.t("policy.table.value")], rows)


def _refs(c: ChartInput, citation_lists: list[list[Citation]]) -> list[Ref]:
    refs = [ref for citations in citation_lists for ref in c.refs.cite(citations)]
    return list({r.number: r for r in refs}.values())
