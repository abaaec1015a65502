"""Lists of policy data for the explainers: vision targets, process steps, arrows, figures.

Each `{{list:...}}` directive becomes a list of items with their references;
theme/casebook/partials/policy-list.html renders them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.load.explainers import Directive, policy_figures
from generator.model.records import PolicyData
from generator.render.views.base import ViewContext
from generator.render.views.figures import date_text, figure_text
from generator.render.views.policy_refs import Ref, References


@dataclass(frozen=True)
class ListItem:
    label: str
    value: str = ""  # a figure as printed, e.g. "134處"
    text: str = ""  # a longer explanation
    url: str | None = None  # a page about the item, when there is one
    date: str = ""  # a milestone's date as the data gives it (YYYY, YYYY-MM or YYYY-MM-DD)
    refs: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class ListView:
    kind: str  # vision | process | arrows | figures: how the template lays it out
    items: list[ListItem]


def build_list(ctx: ViewContext, policy: PolicyData, directive: Directive, lang: str, refs: References) -> ListView:
    return ListView(directive.name, LIST_BUILDERS[directive.name](ctx, policy, directive, lang, refs))


def vision_items(
    ctx: ViewContext, policy: PolicyData, directive: Directive, lang: str, refs: References
) -> list[ListItem]:
    return [
        ListItem(ctx.text(f.label, lang), figure_text(ctx, f, lang), refs=tuple(refs.cite(f.sources)))
        for f in policy.vision
    ]


def figure_items(
    ctx: ViewContext, policy: PolicyData, directive: Directive, lang: str, refs: References
) -> list[ListItem]:
    figures = policy_figures(policy)
    chosen = [figures[i.strip()] for i in directive.args[0].split(",")]
    return [
        ListItem(ctx.text(f.label, lang), figure_text(ctx, f, lang), refs=tuple(refs.cite(f.sources))) for f in chosen
    ]


def process_items(
    ctx: ViewContext, policy: PolicyData, directive: Directive, lang: str, refs: References
) -> list[ListItem]:
    return [
        ListItem(ctx.text(step.label, lang), text=ctx.text(step.text, lang), refs=tuple(refs.cite(step.sources)))
        for step in policy.process
    ]


def milestone_items(
    ctx: ViewContext, policy: PolicyData, directive: Directive, lang: str, refs: References
) -> list[ListItem]:
    return [
        ListItem(
            date_text(ctx, m.date, lang), text=ctx.text(m.text, lang), date=m.date, refs=tuple(refs.cite(m.sources))
        )
        for m in policy.milestones
    ]


def arrow_items(
    ctx: ViewContext, policy: PolicyData, directive: Directive, lang: str, refs: References
) -> list[ListItem]:
    arrows = ctx.collection.taxonomy.arrows if ctx.collection.taxonomy else []
    items = []
    for arrow in arrows:
        link = ctx.term_links("arrows", [arrow.id], lang)[0]
        items.append(
            ListItem(
                link.label, text=ctx.text(arrow.description, lang), url=link.url, refs=tuple(refs.cite(arrow.sources))
            )
        )
    return items


LIST_BUILDERS: dict[str, Callable[..., list[ListItem]]] = {
    "vision": vision_items,
    "figures": figure_items,
    "process": process_items,
    "arrows": arrow_items,
    "milestones": milestone_items,
}
