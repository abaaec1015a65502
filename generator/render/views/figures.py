"""Policy figures as people read them: numbers, units and qualifiers per language.

Numbers are printed as the data holds them (13.26 stays 13.26): no rounding,
and the only unit conversion is the one content/policy/data.yml declares for
money (`funding_unit.nt_dollars`), so 45.45億元 reads NT$4.545 billion in
English. Qualifier words ("at least", "nearly") are interface strings. A
target the source states only in words has no value and is shown as text.
"""

from __future__ import annotations

from generator.core.fill import fill
from generator.model.records import Figure, MoneyUnit, Need
from generator.render.views.base import ViewContext

QUALIFIER_KEYS = {
    "at-least": "policy.qualifier.at_least",
    "more-than": "policy.qualifier.more_than",
    "about": "policy.qualifier.about",
    "nearly": "policy.qualifier.nearly",
}
# how a language writes large sums: "units" keeps the data's unit (13.26億元),
# "thousands" converts to dollars in thousands, millions and billions (NT$1.326 billion)
MONEY_SCALES = ((10**9, "policy.money.billion"), (10**6, "policy.money.million"))


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
    """A figure's value with qualifier and unit, e.g. '134 處' or '134 townships and districts';
    "" for a target the source states only in words."""
    if figure.value is None:
        return ""
    number = qualified(ctx, format_number(figure.value), figure.qualifier, lang)
    return with_unit(ctx, number, ctx.text(figure.unit, lang), lang)


def money_text(ctx: ViewContext, amount: float, unit: MoneyUnit, lang: str) -> str:
    """45.45 (億元) -> '45.45億元' (zh-TW) or 'NT$4.545 billion' (en), as the language's strings ask."""
    if ctx.t("policy.money.scale", lang) != "thousands":
        return (
            ctx.t("policy.money.in_units", lang)
            .replace("{n}", format_number(amount))
            .replace("{unit}", ctx.text(unit.label, lang))
        )
    dollars = round(amount * unit.nt_dollars)
    for scale, key in MONEY_SCALES:
        if dollars >= scale:
            return ctx.t(key, lang).replace("{n}", _decimal(dollars / scale))
    return ctx.t("policy.money.dollars", lang).replace("{n}", f"{dollars:,}")


def money_with_source_value(ctx: ViewContext, amount: float, unit: MoneyUnit, lang: str) -> str:
    """money_text, plus the value in the source's unit where the two differ (for tables)."""
    text = money_text(ctx, amount, unit, lang)
    if ctx.t("policy.money.scale", lang) != "thousands":
        return text
    return ctx.t("policy.money.with_source_value", lang).replace("{money}", text).replace("{n}", format_number(amount))


def _decimal(value: float) -> str:
    """4.545 -> '4.545', 692.0 -> '692': no more digits than the conversion gives."""
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def need_statement(ctx: ViewContext, need: Need, lang: str) -> str:
    """What kind of statement a need is, and when: 'an aim the source states (around 2019), not an open call'."""
    date = date_text(ctx, need.stated, lang)
    if need.stated_circa:
        date = ctx.t("need.circa", lang).replace("{date}", date)
    return ctx.t(f"need.statement.{need.statement}", lang).replace("{date}", date)


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
    return fill(
        ctx.t("policy.year_month_day", lang),
        year=parts[0],
        month=ctx.t(f"policy.month.{int(parts[1])}", lang),
        day=int(parts[2]),
    )
