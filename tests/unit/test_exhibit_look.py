"""The print look: the site's palette, and crop marks that stay off the trimmed sheet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.exhibit.marks import Sheet, crop_marks_svg
from generator.exhibit.printing import PALETTE

ROOT = Path(__file__).resolve().parents[2]
SITE_CSS = ROOT / "theme/assets/stylesheets/casebook.css"
PRINT_CSS = ROOT / "theme/print/print.css"
SITE_NAMES = {
    "green": "--md-primary-fg-color",
    "green_dark": "--md-primary-fg-color--dark",
    "green_light": "--md-primary-bg-color--light",
    "persimmon": "--md-accent-fg-color",
    "ink": "--md-default-fg-color",
    "ink_light": "--md-default-fg-color--light",
    "paper": "--md-default-bg-color",
}


def _light_scheme() -> dict[str, str]:
    css = SITE_CSS.read_text(encoding="utf-8")
    block = re.search(r'\[data-md-color-scheme="default"\]\s*\{(.*?)\}', css, re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def test_print_palette_is_the_sites_light_scheme():
    site = _light_scheme()
    assert {name: site[SITE_NAMES[name]] for name in PALETTE} == PALETTE
    print_css = PRINT_CSS.read_text(encoding="utf-8")
    for name, colour in PALETTE.items():
        assert f"--cb-{name.replace('_', '-')}: {colour};" in print_css


def _segments(svg: str) -> list[tuple[float, float, float, float]]:
    """Every mark as (x0, y0, x1, y1) in mm on the PDF page."""
    d = re.search(r'd="([^"]+)"', svg).group(1)
    segments = []
    for x, y, kind, end in re.findall(r"M([\d.]+) ([\d.]+)([VH])([\d.]+)", d):
        x, y, end = float(x), float(y), float(end)
        segments.append((x, y, x, end) if kind == "V" else (x, y, end, y))
    return segments


@pytest.mark.parametrize("slug", [0.0, 10.0])
def test_crop_marks_stay_outside_the_trim(slug):
    sheet = Sheet("A4", 210, 297, slug_mm=slug)
    segments = _segments(crop_marks_svg(sheet))
    assert len(segments) == 8
    o = sheet.outset_mm
    trim = (o, o, o + 210, o + 297)
    for x0, y0, x1, y1 in segments:
        for x, y in ((x0, y0), (x1, y1)):
            inside = trim[0] < x < trim[2] and trim[1] < y < trim[3]
            assert not inside
            # 1 mm clear of the trim line in the direction the mark points
            gap = min(abs(y - trim[1]), abs(y - trim[3])) if x0 == x1 else min(abs(x - trim[0]), abs(x - trim[2]))
            assert gap >= 1.0 - 1e-9
            if slug:  # in the slug: clear of the bleed as well
                assert gap >= sheet.bleed_mm
