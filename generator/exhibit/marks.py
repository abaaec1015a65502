"""The sheet around a poster: 3 mm bleed, crop marks and, by choice, a slug.

Two layouts (`--marks`):

- `bleed` (default): the PDF page is the paper plus 3 mm bleed on every side,
  which is what "page size = paper + bleed" means to most print shops' upload
  checks. The crop marks can only sit in that bleed: WeasyPrint's own
  (`marks: crop`) are 1.5 mm long and black on whatever the bleed shows, so
  we draw our own 2 mm marks with a white halo, ending 1 mm short of the trim.
- `slug`: the page is paper + bleed + a 10 mm slug, with full-size marks in the
  slug, outside the bleed (the usual prepress layout). The page is larger
  than paper + bleed; TrimBox and BleedBox say where to cut.

Either way the PDF's TrimBox is the paper and its BleedBox exactly 3 mm
around it (WeasyPrint puts BleedBox at most 10 pt out; we set it ourselves).
"""

from __future__ import annotations

from dataclasses import dataclass

import pydyf

MM_TO_PT = 72 / 25.4
BLEED_MM = 3.0
SLUG_MM = 10.0
MARK_STROKE_PT = 0.3
HALO_STROKE_PT = 1.6


@dataclass(frozen=True)
class Sheet:
    """A printed sheet: the paper (the trim), the bleed beyond it and the slug beyond that."""

    paper: str
    width_mm: float  # trim size, portrait
    height_mm: float
    bleed_mm: float = BLEED_MM
    slug_mm: float = 0.0

    @property
    def outset_mm(self) -> float:
        """How far the PDF page reaches beyond the trim on each side."""
        return self.bleed_mm + self.slug_mm

    @property
    def media_mm(self) -> tuple[float, float]:
        return (self.width_mm + 2 * self.outset_mm, self.height_mm + 2 * self.outset_mm)

    def page_css(self) -> str:
        """The @page size and bleed for WeasyPrint: CSS bleed reaches the page edge (bleed + slug)."""
        return f"size: {self.width_mm:g}mm {self.height_mm:g}mm; bleed: {self.outset_mm:g}mm; marks: none; margin: 0;"


def crop_marks_svg(sheet: Sheet) -> str:
    """An SVG as large as the whole PDF page, with a crop mark pair at each corner."""
    width, height = sheet.media_mm
    o = sheet.outset_mm
    if sheet.slug_mm:
        near, far = sheet.bleed_mm + 1.0, o - 1.0  # from just outside the bleed into the slug
    else:
        near, far = 1.0, o  # inside the bleed, 1 mm short of the trim
    paths = []
    for x in (o, width - o):  # vertical marks above and below
        paths += [f"M{x:g} {o - far:g}V{o - near:g}", f"M{x:g} {height - o + near:g}V{height - o + far:g}"]
    for y in (o, height - o):  # horizontal marks left and right
        paths += [f"M{o - far:g} {y:g}H{o - near:g}", f"M{width - o + near:g} {y:g}H{width - o + far:g}"]
    d = " ".join(paths)
    halo = HALO_STROKE_PT / MM_TO_PT
    stroke = MARK_STROKE_PT / MM_TO_PT
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cb-marks" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}mm" height="{height:g}mm" aria-hidden="true">'
        f'<path d="{d}" fill="none" stroke="#ffffff" stroke-width="{halo:.3f}"/>'
        f'<path d="{d}" fill="none" stroke="#000000" stroke-width="{stroke:.3f}"/></svg>'
    )


def set_bleed_box(sheet: Sheet):
    """A WeasyPrint finisher: every page's BleedBox exactly `bleed_mm` around its TrimBox."""
    bleed = sheet.bleed_mm * MM_TO_PT

    def finisher(document, pdf) -> None:
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
                left, top, right, bottom = (float(v) for v in obj["TrimBox"])
                obj["BleedBox"] = pydyf.Array([left - bleed, top - bleed, right + bleed, bottom + bleed])

    return finisher


def draw_crop_marks(sheet: Sheet):
    """A WeasyPrint finisher that draws the crop marks of `sheet` on every page, as an artifact.

    For documents whose pages have margins (the catalogue), where a fixed SVG
    would sit inside the margins: the marks are appended to each page's content
    in PDF operators, in DeviceGray (allowed in every PDF/X), wrapped in
    q/Q so the page's own drawing state does not move them, and marked as an
    Artifact so a tagged (PDF/UA) document stays fully tagged.
    """
    o = sheet.outset_mm * MM_TO_PT
    if sheet.slug_mm:  # from just outside the bleed into the slug
        near, far = (sheet.bleed_mm + 1.0) * MM_TO_PT, o - MM_TO_PT
    else:  # inside the bleed, 1 mm short of the trim
        near, far = MM_TO_PT, o

    def segments(width: float, height: float) -> list[tuple[float, float, float, float]]:
        # PDF space: origin at the bottom left of the MediaBox.
        lines = []
        for x in (o, width - o):
            lines += [(x, height - o + near, x, height - o + far), (x, o - far, x, o - near)]
        for y in (o, height - o):
            lines += [(o - far, y, o - near, y), (width - o + near, y, width - o + far, y)]
        return lines

    def finisher(document, pdf) -> None:
        for obj in list(pdf.objects):
            if not (isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page"):
                continue
            left, bottom, right, top = (float(v) for v in obj["MediaBox"])
            path = " ".join(
                f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l" for x1, y1, x2, y2 in segments(right - left, top - bottom)
            )
            marks = pydyf.Stream(
                [
                    "Q q /Artifact BMC",
                    f"{HALO_STROKE_PT} w 1 G {path} S",
                    f"{MARK_STROKE_PT} w 0 G {path} S",
                    "EMC Q",
                ]
            )
            pdf.add_object(marks)
            before = pydyf.Stream(["q"])
            pdf.add_object(before)
            contents = obj["Contents"]
            obj["Contents"] = pydyf.Array([before.reference, contents, marks.reference])

    return finisher


def chain(*finishers):
    """One WeasyPrint finisher that runs each given one (None skipped) in turn."""
    chosen = [f for f in finishers if f is not None]

    def finisher(document, pdf) -> None:
        for each in chosen:
            each(document, pdf)

    return finisher
