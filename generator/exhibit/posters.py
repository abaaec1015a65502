"""Posters: one sheet per case (both languages), or per case and language.

The design is drawn in rem and the root size follows the paper's width, so
an A1 poster is the A4 one scaled by 2√2. A case whose text does not fit on
one sheet is set again a little smaller as a whole (down to MIN_FIT); if it
still does not fit, that is an error naming the case's file, not a silent
second page.

A poster carries the case page's locator map beside its title, and its
designed visual (the motifs of the page header) above the text when the text
still fits beside it at VISUAL_MIN_FIT of the design size or more.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.core.errors import Diagnostic
from generator.exhibit.marks import SLUG_MM, Sheet, crop_marks_svg, set_bleed_box
from generator.exhibit.plan import PAPER_MM, ExhibitPlan
from generator.exhibit.printing import PdfWriter, boxes_with_class
from generator.exhibit.printviews import PrintContext, case_sheet, exhibition_lines
from generator.model.records import Case

POSTER_DIR = "posters"
A4_BASE_PT = 9.5  # root type size of an A4 poster; larger papers scale it by width
MARGIN_REM = 4.2  # side margins: 14 mm at A4
MIN_FIT = 0.75  # the smallest a poster's type may be set, relative to the design
MAX_FIT = 1.3  # the largest: a short case is set larger rather than leave the sheet half empty
VISUAL_MIN_FIT = 0.9  # the case's designed visual is printed only if the text fits beside it at this size
FIT_TRIES = 4


@dataclass(frozen=True)
class PosterGeometry:
    sheet: Sheet
    base_pt: float
    margin_rem: float = MARGIN_REM

    @property
    def page_css(self) -> Markup:
        return Markup(self.sheet.page_css())

    @property
    def bleed_mm(self) -> float:
        return self.sheet.bleed_mm

    @property
    def outset_mm(self) -> float:
        return self.sheet.outset_mm

    @property
    def height_mm(self) -> float:
        return self.sheet.height_mm


def poster_geometry(paper: str, slug: bool) -> PosterGeometry:
    width, height = PAPER_MM[paper]
    sheet = Sheet(paper, width, height, slug_mm=SLUG_MM if slug else 0.0)
    return PosterGeometry(sheet, round(A4_BASE_PT * width / PAPER_MM["A4"][0], 3))


@dataclass(frozen=True)
class WrittenFile:
    path: Path  # relative to the kit's folder
    size: int
    seconds: float
    pages: int = 0


class DoesNotFit(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def poster_sheets(plan: ExhibitPlan) -> list[tuple[Case, list[str], str]]:
    """(case, languages on the sheet, file name) for every poster of the plan."""
    if plan.request.layout == "bilingual":
        return [(case, plan.languages, f"{case.id}.pdf") for case in plan.cases]
    return [(case, [lang], f"{case.id}.{lang}.pdf") for case in plan.cases for lang in plan.languages]


def write_posters(
    plan: ExhibitPlan,
    pc: PrintContext,
    env: jinja2.Environment,
    writer: PdfWriter,
    out: Path,
    record_paths: dict[str, str],
    on_file: Callable[[WrittenFile], None],
) -> list[WrittenFile]:
    geometry = poster_geometry(plan.paper, plan.request.marks == "slug")
    exhibition = exhibition_lines(pc, plan.exhibition)
    written = []
    for case, languages, name in poster_sheets(plan):
        started = time.perf_counter()
        sheet = case_sheet(pc, case)
        sides = [side for side in sheet.sides if side.lang in languages]
        lines = [line for line in exhibition if line.lang in languages]
        target = out / POSTER_DIR / name
        document = _fitted(env, writer, geometry, sheet, sides, lines, pc, record_paths[case.id], plan)
        result = writer.write(document, target, finisher=set_bleed_box(geometry.sheet), variant=pc.inks.pdf_variant)
        item = WrittenFile(target.relative_to(out), result.size, time.perf_counter() - started, result.pages)
        on_file(item)
        written.append(item)
    return written


def _fitted(env, writer, geometry, sheet, sides, lines, pc, record_path, plan):
    """The poster laid out on one sheet, its body ending just above its foot.

    Set smaller as a whole until it fits; a short case is set larger (up to
    MAX_FIT) so that its text fills the sheet instead of leaving a blank band.
    """
    template = env.get_template("poster.html")
    slug_info = _slug_info(sheet.id, geometry, sides) if geometry.sheet.slug_mm else ""

    def laid_out(fit: float, visual: Markup | None = None):
        html = template.render(
            geometry=geometry,
            sides=sides,
            arrows=sheet.arrows,
            exhibition=lines,
            last_reviewed=sheet.last_reviewed,
            locator=sheet.locator,
            visual=visual,
            fit=fit,
            slug_info=slug_info,
            marks=Markup(pc.inks.svg(crop_marks_svg(geometry.sheet))),
            t=pc.t,
            review_notice=plan.request.review_notice,
        )
        document = writer.layout(html, pc.inks.pdf_variant)
        return document, _fit_needed(document, fit)

    # The case's designed visual above the text when the text still fits at nearly the design size.
    document = _fit(lambda fit: laid_out(fit, sheet.visual), VISUAL_MIN_FIT)
    if document is None:
        document = _fit(laid_out, MIN_FIT)
    if document is not None:
        return document
    raise DoesNotFit(
        Diagnostic(
            record_path,
            0,
            0,
            "poster-overflow",
            f"case '{sheet.id}' does not fit on one {plan.paper} poster even with its text at {int(MIN_FIT * 100)}%",
            hint="shorten the summary or key points, or print one sheet per language with --layout per-language",
        )
    )


GROW_TRIES = 3


def _fit(laid_out, smallest: float):
    """The document at the largest size from `smallest` to MAX_FIT at which it fits, or None."""
    fit = 1.0
    for _ in range(FIT_TRIES):
        document, needed = laid_out(fit)
        if needed is not None and needed >= fit:
            return _grown(laid_out, document, fit, needed)
        fit = round(min(fit - 0.03, (needed or fit - 0.1) - 0.005), 3)
        if fit < smallest:
            return None
    return None


def _grown(laid_out, document, fit: float, needed: float):
    """The largest size (at most MAX_FIT) found in a few tries at which the poster still fits.

    Text reflows as it grows, so the estimate is checked: a size that overflows
    is halved back towards the last one that fitted.
    """
    best, best_document = fit, document
    trial = round(min(MAX_FIT, needed * 0.975), 3)
    for _ in range(GROW_TRIES):
        if trial <= best + 0.02:
            break
        grown, grown_needed = laid_out(trial)
        if grown_needed is not None and grown_needed >= trial:
            best, best_document = trial, grown
            trial = round(min(MAX_FIT, grown_needed * 0.975), 3)
        else:
            trial = round((best + trial) / 2, 3)
    return best_document


def _fit_needed(document, fit: float) -> float | None:
    """The largest size (relative to the design) at which this poster fits; None if it cannot be measured.

    Every length but the page is in rem, so body and foot grow with the size:
    at size f they need f·(body + foot) of the page's height.
    """
    if len(document.pages) != 1:
        return None
    page = document.pages[0]
    bodies = boxes_with_class(page, "poster__body")
    feet = boxes_with_class(page, "poster__foot")
    if not bodies or not feet:
        return fit
    body, foot = bodies[0], feet[0]
    content_bottom = max((child.position_y + child.margin_height() for child in body.children), default=0)
    page_bottom = foot.position_y + foot.margin_height()
    needed_height = content_bottom + foot.margin_height()
    return fit * page_bottom / needed_height


def _slug_info(case_id: str, geometry: PosterGeometry, sides) -> str:
    langs = "+".join(side.lang for side in sides)
    return (
        f"{case_id} · {geometry.sheet.paper} {langs} · trim {geometry.sheet.width_mm:g}×"
        f"{geometry.sheet.height_mm:g} mm · bleed {geometry.sheet.bleed_mm:g} mm"
    )
