"""Policy figures as people read them: numbers, units and qualifiers per language.

Numbers are printed as the data holds them (13.26 stays 13.26): no rounding or
unit conversion, so every number a reader sees is one content/policy/data.yml
holds. Qualifier words ("at least", "about") are interface strings.
"""
from __future__ import annotations

from generator.core.fill import fill
from generator.model.records import Figure
from generator.render.views.base import ViewContext

QUALIFIER_KEYS = {
    "at-least": "policy.qualifier.at_least",
    "more-than": "policy.qualifier.more_than",
    "about": "policy.qualifier.about",
}


def format_number(value: float) -> str:
    """13.26 -> '13.26', 368.0 -> '368', 20000000 -> '20,000,000'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.10g}"


def qualified(ctx: ViewContext, number: str, qualifier: str, lang: str) -> str:
    """'70' with more-than -> 'more than 70' (en) or '超過70' (zh-TW)."""
    key = QUALIFIER_KEYS.get(qualifier)
    if key is None:
        return number
    return fill(ctx.t(key, lang), n=number)


def figure_text(ctx: ViewContext, figure: Figure, lang: str) -> str:
    """A figure's value with qualifier and unit, e.g. '134 處' or '134 townships and districts'."""
    number = qualified(ctx, format_number(figure.value), figure.qualifier, lang)
    return with_unit(ctx, number, ctx.text(figure.unit, lang), lang)


def with_unit(ctx: ViewContext, number: str, unit: str, lang: str) -> str:
    """'134' and '處' -> '134處'; '134' and 'townships' -> '134 townships'; '%' always sticks."""
    if not unit:
        return number
    if unit in ("%", "％"):
        return number + unit
    return fill(ctx.t("policy.number_unit", lang), number=number, unit=unit)


def month_text(ctx: ViewContext, partial_date: str, lang: str) -> str:
    """'2019-11' -> '2019年11月' / 'November 2019', using the interface's month names."""
    parts = partial_date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = ctx.t(f"policy.month.{int(parts[1])}", lang)
    return fill(ctx.t("policy.year_month", lang), year=parts[0], month=month)


def date_text(ctx: ViewContext, partial_date: str, lang: str) -> str:
    """'2019-11-02' -> '2019年11月2日' / '2 November 2019'; a year or a month as month_text gives it."""
    parts = partial_date.split("-")
    if len(parts) < 3:
        return month_text(ctx, partial_date, lang)
    return fill(ctx.t("policy.year_month_day", lang), year=parts[0], month=ctx.t(f"policy.month.{int(parts[1])}", lang),
                day=int(parts[2]))
