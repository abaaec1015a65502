"""The catalogue: an A4 or A5 booklet of the exhibition.

    cover · contents · introduction (the five arrows, key numbers) ·
    one spread per case (a page per language, starting on a left page) ·
    a sheet per brand · an index by county · notes pages · colophon ·
    page numbers in the footer

A saddle-stitched booklet is folded sheets of four pages, so the page count
is padded to a multiple of 4 with notes pages (a heading and ruled lines,
never an unexplained blank) before the colophon on the last page. The
colophon says who made the catalogue, from which records, and which
translations no person has reviewed yet (posters leave that out unless
--review-notice).

`--catalogue-marks` gives the catalogue the posters' 3 mm bleed (the cover's
green band runs into it) and crop marks; TrimBox is the paper either way.
Beside it the kit writes the same catalogue as a tagged PDF/UA-1 file
(`-ua.pdf`: headings, reading order, language of every part, alt text) for
screen readers, always in RGB without marks.

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
from generator.exhibit.colour import Inks
from generator.exhibit.marks import Sheet, chain, draw_crop_marks, set_bleed_box
from generator.exhibit.plan import PAPER_MM, ExhibitPlan
from generator.exhibit.posters import WrittenFile
from generator.exhibit.printing import PdfWriter, boxes_with_class, make_print_environment
from generator.exhibit.printviews import (
    BrandSheet,
    CaseSheet,
    ExhibitionLine,
    PrintContext,
    brand_sheet,
    case_sheet,
    exhibition_lines,
    translation_note,
)
from generator.model.records import Figure
from generator.render.views.figures import figure_text, month_text

CATALOGUE_DIR = "catalogue"
BASE_PT = {"A4": 9.5, "A5": 8.0}
SIGNATURE = 4  # pages in a folded sheet of a saddle-stitched booklet
UA_VARIANT = "pdf/ua-1"


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
    values: dict[str, str]  # lang -> "134 處", "134 townships and districts"
    labels: dict[str, str]
    notes: dict[str, str]  # lang -> "as of November 2019", or ""
    sources: dict[str, list[str]]


@dataclass(frozen=True)
class IndexEntry:
    county: dict[str, str]  # lang -> county name
    cases: list[CaseSheet]


@dataclass(frozen=True)
class SourceNotes:
    """A section's citations, each printed once: entries refer to them by number."""

    citations: dict[str, list[str]]  # lang -> the distinct citations, in order of first use
    refs: dict[str, list[list[int]]]  # lang -> per entry, the numbers of its citations (1-based)


def source_notes(per_entry: list[dict[str, list[str]]], languages: list[str]) -> SourceNotes:
    citations: dict[str, list[str]] = {}
    refs: dict[str, list[list[int]]] = {}
    for lang in languages:
        seen: dict[str, int] = {}
        refs[lang] = [[seen.setdefault(c, len(seen) + 1) for c in entry[lang]] for entry in per_entry]
        citations[lang] = list(seen)
    return SourceNotes(citations, refs)


@dataclass(frozen=True)
class Colophon:
    """The last page: who made the catalogue, from what, and what no person has reviewed yet."""

    lines: dict[str, list[str]]  # lang -> paragraphs
    unreviewed: dict[str, list[str]]  # lang -> titles of records whose translation in lang is unreviewed


@dataclass(frozen=True)
class CatalogueView:
    languages: list[str]
    exhibition: list[ExhibitionLine]
    arrows: list[ArrowEntry]
    figures: list[FigureEntry]
    cases: list[CaseSheet]
    brands: list[BrandSheet]
    index: list[IndexEntry]
    colophon: Colophon
    figure_notes: SourceNotes  # key figures share citations: each is printed once, figures refer by number


def catalogue_view(plan: ExhibitPlan, pc: PrintContext) -> CatalogueView:
    sheets = [case_sheet(pc, case) for case in plan.cases]
    arrows, figures = _arrows(pc), _figures(pc)
    return CatalogueView(
        languages=plan.languages,
        exhibition=exhibition_lines(pc, plan.exhibition),
        arrows=arrows,
        figures=figures,
        cases=sheets,
        brands=[brand_sheet(pc, brand, plan.cases) for brand in plan.brands],
        index=_county_index(pc, sheets),
        colophon=_colophon(plan, pc),
        figure_notes=source_notes([f.sources for f in figures], pc.languages),
    )


def _colophon(plan: ExhibitPlan, pc: PrintContext) -> Colophon:
    ctx = pc.ctx
    lines, unreviewed = {}, {}
    for lang in pc.languages:
        lines[lang] = [
            fill(
                pc.t("print.colophon_made", lang),
                site=ctx.text(ctx.config.site_name, lang),
                exhibition=ctx.text(plan.exhibition.name, lang),
            ),
            pc.t("print.colophon_sources", lang),
            fill(pc.t("print.colophon_online", lang), url=plan.site_url),
        ]
        records = [(case.title[lang], case) for case in plan.cases] + [
            (ctx.brand_name(brand, lang), brand)
            for brand in plan.brands  # a name this site wrote says so
        ]
        unreviewed[lang] = [title for title, record in records if translation_note(pc, record, lang)]
    return Colophon(lines, unreviewed)


def _per_lang(pc: PrintContext, make) -> dict[str, object]:
    return {lang: make(lang) for lang in pc.languages}


def _arrows(pc: PrintContext) -> list[ArrowEntry]:
    ctx = pc.ctx
    return [
        ArrowEntry(
            arrow.id,
            number,
            _per_lang(pc, lambda lang, a=arrow: ctx.text(a.label, lang)),
            _per_lang(pc, lambda lang, a=arrow: ctx.text(a.description, lang)),
            _per_lang(pc, lambda lang, a=arrow: [pc.citation(c, lang) for c in a.sources]),
        )
        for number, arrow in enumerate(ctx.collection.taxonomy.arrows, start=1)
    ]


def _figures(pc: PrintContext) -> list[FigureEntry]:
    """The policy data's key figures, then its progress figures (with the date they are as of)."""
    ctx = pc.ctx
    policy = ctx.collection.policy
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

    return FigureEntry(
        figure.id,
        _per_lang(pc, lambda lang: figure_text(ctx, figure, lang)),
        _per_lang(pc, lambda lang: ctx.text(figure.label, lang)),
        _per_lang(pc, note),
        _per_lang(pc, lambda lang: [pc.citation(c, lang) for c in figure.sources]),
    )


def _county_index(pc: PrintContext, sheets: list[CaseSheet]) -> list[IndexEntry]:
    """Counties in the order of content/places.yml, each with this catalogue's cases in it."""
    ctx = pc.ctx
    counties = ctx.collection.places.counties if ctx.collection.places else []
    entries = []
    for county in counties:
        cases = [sheet for sheet in sheets if sheet.county_id == county.id]
        if cases:
            entries.append(IndexEntry(_per_lang(pc, lambda lang, c=county: ctx.text(c.name, lang)), cases))
    return entries


def catalogue_name(plan: ExhibitPlan, suffix: str = "") -> str:
    return f"{plan.exhibition.id}-catalogue-{plan.request.catalogue_paper.lower()}{suffix}.pdf"


def catalogue_sheet(plan: ExhibitPlan, marks: bool) -> Sheet:
    width, height = PAPER_MM[plan.request.catalogue_paper]
    return Sheet(plan.request.catalogue_paper, width, height, bleed_mm=3.0 if marks else 0.0)


def write_catalogue(
    plan: ExhibitPlan,
    pc: PrintContext,
    env: jinja2.Environment,
    writer: PdfWriter,
    out: Path,
    on_file: Callable[[WrittenFile], None],
    inks: Inks | None = None,
    theme_dir: Path | None = None,
) -> list[WrittenFile]:
    """The print catalogue and, beside it, its tagged PDF/UA twin."""
    inks = inks or Inks()
    marks = plan.request.catalogue_marks
    view = catalogue_view(plan, pc)
    started = time.perf_counter()
    sheet = catalogue_sheet(plan, marks)
    document = _layout(view, pc, env, writer, sheet, inks.pdf_variant)
    finisher = chain(set_bleed_box(sheet), draw_crop_marks(sheet)) if marks else None
    written = [_write(document, out, catalogue_name(plan), writer, finisher, inks.pdf_variant, started, on_file)]
    # The accessible catalogue is read on screen: RGB, no bleed, no marks, tagged. The same
    # layout serves when the print file is already that (tags are made when a PDF is written).
    started = time.perf_counter()
    if marks or inks.is_cmyk:
        ua_env = env if not inks.is_cmyk or theme_dir is None else make_print_environment(theme_dir, Inks())
        document = _layout(view, pc, ua_env, writer, catalogue_sheet(plan, False), None)
    written.append(_write(document, out, catalogue_name(plan, "-ua"), writer, None, UA_VARIANT, started, on_file))
    return written


def _layout(view, pc, env, writer, sheet, variant):
    """The catalogue laid out: short case pages set larger, notes pages to whole folded sheets.

    The first layout measures; the second sets each case page whose text fills
    less than FULL of its page a little larger (its story and key points, up
    to MAX_CASE_SCALE) and adds the notes pages the count asks for. Should the
    count still not be a multiple of 4 (a grown page ran over), a third fixes it.
    """
    render = env.get_template("catalogue.html").render
    context = dict(
        view=view,
        t=pc.t,
        paper=sheet.paper,
        page_css=Markup(_page_css(sheet)),
        base_pt=BASE_PT[sheet.paper],
        bleed_mm=sheet.bleed_mm,
    )
    document = writer.layout(render(**context, notes=0, scales={}), variant)
    scales = case_scales(document)
    notes = -len(document.pages) % SIGNATURE
    if scales or notes:
        document = writer.layout(render(**context, notes=notes, scales=scales), variant)
        spilled = {key for key, pages in _case_pages(document).items() if pages > 1 and scales.get(key, 1) > 1}
        if spilled:  # a grown page that ran over keeps its type as designed
            scales = {key: value for key, value in scales.items() if key not in spilled}
            document = writer.layout(render(**context, notes=notes, scales=scales), variant)
    if len(document.pages) % SIGNATURE:
        notes = (notes - len(document.pages)) % SIGNATURE
        document = writer.layout(render(**context, notes=notes, scales=scales), variant)
    return document


FULL = 0.85  # a case page filled less than this is set larger
MAX_CASE_SCALE = 1.3
SPILL = 0.3  # a case page running over by less than this much of a page ...
SHRINK = 0.9  # ... is set at this size instead


def case_scales(document) -> dict[str, float]:
    """data-fill key -> type scale for case pages with room to spare, or running a few lines over.

    The story and key points grow in both line count and line length, so their
    height grows faster than the scale while titles, QR code and sources keep
    theirs; room ** 0.8 (less a margin) is what fills without running over in
    the real cases, and a page that still runs over is set back.
    """
    pages_of: dict[str, list[tuple[float, float]]] = {}
    for page in document.pages:
        page_box = page._page_box
        top, available = page_box.content_box_y(), page_box.height
        bottoms: dict[str, float] = {}  # an article has several boxes on its page (anonymous ones too)
        for box in boxes_with_class(page, "case"):
            key = box.element.get("data-fill")
            bottoms[key] = max(bottoms.get(key, 0.0), box.position_y + box.margin_height() - top)
        for key, used in bottoms.items():
            pages_of.setdefault(key, []).append((used, available))
    scales = {}
    for key, parts in pages_of.items():
        if len(parts) == 2 and parts[1][0] < SPILL * parts[1][1]:
            scales[key] = SHRINK  # a few lines over: set a little smaller, the spread stays two pages
            continue
        if len(parts) != 1:
            continue
        used, available = parts[0]
        if used < FULL * available:
            scales[key] = round(min(MAX_CASE_SCALE, (0.92 * available / used) ** 0.8), 3)
    return scales


def _case_pages(document) -> dict[str, int]:
    counts: dict[str, int] = {}
    for page in document.pages:
        for key in {box.element.get("data-fill") for box in boxes_with_class(page, "case")}:
            counts[key] = counts.get(key, 0) + 1
    return counts


def _write(document, out, name, writer, finisher, variant, started, on_file) -> WrittenFile:
    target = out / CATALOGUE_DIR / name
    result = writer.write(document, target, finisher=finisher, variant=variant)
    item = WrittenFile(target.relative_to(out), result.size, time.perf_counter() - started, result.pages)
    on_file(item)
    return item


def _page_css(sheet: Sheet) -> str:
    css = f"size: {sheet.width_mm:g}mm {sheet.height_mm:g}mm;"
    return css + (f" bleed: {sheet.bleed_mm:g}mm; marks: none;" if sheet.bleed_mm else "")
