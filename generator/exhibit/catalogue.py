"""The catalogue: an A4 or A5 booklet of the exhibition.

    cover · contents · introduction (the five arrows, key numbers) ·
    one spread per case (a page per language, starting on a left page) ·
    a sheet per brand · an index by county · page numbers in the footer

Page numbers in the contents and the index come from CSS (target-counter),
so they are right whatever the text's length. Everything printed is a
record's text or an interface string; the introduction is content/taxonomy.yml
and content/policy/data.yml, each item with its sources.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.core.fill import fill
from generator.exhibit.plan import PAPER_MM, ExhibitPlan
from generator.exhibit.posters import WrittenFile
from generator.exhibit.printing import PdfWriter
from generator.exhibit.printviews import (
    BrandSheet,
    CaseSheet,
    ExhibitionLine,
    PrintContext,
    brand_sheet,
    case_sheet,
    exhibition_lines,
)
from generator.model.records import Figure
from generator.render.views.figures import figure_text, month_text

CATALOGUE_DIR = "catalogue"
BASE_PT = {"A4": 9.5, "A5": 8.0}


@dataclass(frozen=True)
class ArrowEntry:
    id: str
    number: int
    labels: dict[str, str]
    descriptions: dict[str, str]
    sources: dict[str, list[str]]


@dataclass(frozen=True)
class FigureEntry:
    id: str
    values: dict[str, str]         # lang -> "134 處", "134 townships and districts"
    labels: dict[str, str]
    notes: dict[str, str]          # lang -> "as of November 2019", or ""
    sources: dict[str, list[str]]


@dataclass(frozen=True)
class IndexEntry:
    county: dict[str, str]         # lang -> county name
    cases: list[CaseSheet]


@dataclass(frozen=True)
class CatalogueView:
    languages: list[str]
    exhibition: list[ExhibitionLine]
    arrows: list[ArrowEntry]
    figures: list[FigureEntry]
    cases: list[CaseSheet]
    brands: list[BrandSheet]
    index: list[IndexEntry]


def catalogue_view(plan: ExhibitPlan, pc: PrintContext) -> CatalogueView:
    sheets = [case_sheet(pc, case) for case in plan.cases]
    return CatalogueView(
        languages=plan.languages,
        exhibition=exhibition_lines(pc, plan.exhibition),
        arrows=_arrows(pc),
        figures=_figures(pc),
        cases=sheets,
        brands=[brand_sheet(pc, brand, plan.cases) for brand in plan.brands],
        index=_county_index(pc, sheets),
    )


def _per_lang(pc: PrintContext, make) -> dict[str, object]:
    return {lang: make(lang) for lang in pc.languages}


def _arrows(pc: PrintContext) -> list[ArrowEntry]:
    ctx = pc.ctx
    return [ArrowEntry(arrow.id, number,
                       _per_lang(pc, lambda lang, a=arrow: ctx.text(a.label, lang)),
                       _per_lang(pc, lambda lang, a=arrow: ctx.text(a.description, lang)),
                       _per_lang(pc, lambda lang, a=arrow: [pc.citation(c, lang) for c in a.sources]))
            for number, arrow in enumerate(ctx.c.taxonomy.arrows, start=1)]


def _figures(pc: PrintContext) -> list[FigureEntry]:
    """The policy data's key figures, then its progress figures (with the date they are as of)."""
    ctx = pc.ctx
    policy = ctx.c.policy
    if policy is None:
        return []
    entries = [_figure(pc, figure, "") for figure in policy.key_figures]
    entries += [_figure(pc, figure, policy.progress.as_of) for figure in policy.progress.figures]
    return entries


def _figure(pc: PrintContext, figure: Figure, as_of: str) -> FigureEntry:
    ctx = pc.ctx

    def note(lang: str) -> str:
        if as_of:
            return fill(pc.t("print.as_of", lang), date=month_text(ctx, as_of, lang))
        return str(figure.year) if figure.year else ""

    return FigureEntry(figure.id,
                       _per_lang(pc, lambda lang: figure_text(ctx, figure, lang)),
                       _per_lang(pc, lambda lang: ctx.text(figure.label, lang)),
                       _per_lang(pc, note),
                       _per_lang(pc, lambda lang: [pc.citation(c, lang) for c in figure.sources]))


def _county_index(pc: PrintContext, sheets: list[CaseSheet]) -> list[IndexEntry]:
    """Counties in the order of content/places.yml, each with this catalogue's cases in it."""
    ctx = pc.ctx
    counties = ctx.c.places.counties if ctx.c.places else []
    entries = []
    for county in counties:
        cases = [sheet for sheet in sheets if sheet.county_id == county.id]
        if cases:
            entries.append(IndexEntry(_per_lang(pc, lambda lang, c=county: ctx.text(c.name, lang)), cases))
    return entries


def catalogue_name(plan: ExhibitPlan) -> str:
    return f"{plan.exhibition.id}-catalogue-{plan.request.catalogue_paper.lower()}.pdf"


def write_catalogue(plan: ExhibitPlan, pc: PrintContext, env: jinja2.Environment, writer: PdfWriter,
                    out: Path, on_file: Callable[[WrittenFile], None]) -> WrittenFile:
    started = time.perf_counter()
    paper = plan.request.catalogue_paper
    width, height = PAPER_MM[paper]
    html = env.get_template("catalogue.html").render(
        view=catalogue_view(plan, pc), t=pc.t, paper=paper,
        page_css=Markup(f"size: {width:g}mm {height:g}mm;"), base_pt=BASE_PT[paper])
    document = writer.layout(html)
    target = out / CATALOGUE_DIR / catalogue_name(plan)
    result = writer.write(document, target)
    item = WrittenFile(target.relative_to(out), result.size, time.perf_counter() - started, result.pages)
    on_file(item)
    return item
