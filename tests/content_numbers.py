"""Which numbers the project's data holds, as pages may print them (shared by unit and e2e tests)."""

from __future__ import annotations

import re

NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def data_numbers(policy) -> set[str]:
    """Every number content/policy/data.yml holds, as it may be printed."""
    years = {p.year for s in policy.series for p in s.points} | {e.year for e in policy.timeline}
    figures = [*policy.vision, *policy.key_figures, *policy.progress.figures]
    years |= {f.year for f in figures if f.year} | {int(part) for part in policy.progress.as_of.split("-")}
    years |= {int(part) for m in policy.milestones for part in m.date.split("-")}
    values = {p.value for s in policy.series for p in s.points} | {f.value for f in figures if f.value is not None}
    amounts = {p.amount for p in policy.progress.funding} | {policy.progress.funding_total}
    values |= amounts | set(declared_conversions(amounts, policy.progress.funding_unit.nt_dollars))
    texts = {f"{v:,.10g}" if not float(v).is_integer() else f"{int(v):,}" for v in values} | {str(y) for y in years}
    labels = [
        *(f.label[lang] for f in figures for lang in f.label),
        *(e.text[lang] for e in policy.timeline for lang in e.text),
        *(m.text[lang] for m in policy.milestones for lang in m.text),
    ]
    return texts | {n for label in labels for n in NUMBER.findall(label)}


def declared_conversions(amounts, nt_dollars: int):
    """Each amount in NT dollars, billions and millions: the one conversion data.yml declares (funding_unit)."""
    for amount in amounts:
        dollars = round(amount * nt_dollars)
        yield from (dollars, dollars / 10**9, dollars / 10**6)
