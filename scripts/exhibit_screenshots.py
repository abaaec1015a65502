"""Pictures of an exhibition kit for the README: page 1 of a poster, every poster side by side, a catalogue spread.

    python scripts/exhibit_screenshots.py KIT_DIR CASE_ID SCREENSHOTS_DIR   (from the project folder)

Uses poppler's pdftoppm (as a person checking the print files would) and
Pillow to set the two pages of the spread side by side.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from generator.build.pipeline import load_collection
from generator.load.project import load_project

POSTER_WIDTH = 900  # px
PAGE_WIDTH = 640  # px, each page of the spread
SHEET_WIDTH = 300  # px, each poster of the side-by-side picture
GUTTER = 4


def _render(pdf: Path, page: int, width: int, target: Path) -> Path:
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            "-scale-to-x",
            str(width),
            "-scale-to-y",
            "-1",
            str(pdf),
            str(target),
        ],
        check=True,
    )
    return target.with_suffix(".png")


def _spread_page(catalogue: Path, title: str) -> int:
    """The left page of the case's spread, from the catalogue's contents (page 3)."""
    contents = subprocess.run(
        ["pdftotext", "-layout", "-f", "3", "-l", "3", str(catalogue), "-"], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(re.escape(title) + r" +(\d+)\n", contents).group(1))


def main(kit: Path, case_id: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        poster = _render(kit / "posters" / f"{case_id}.pdf", 1, POSTER_WIDTH, Path(tmp) / "poster")
        Image.open(poster).convert("RGB").save(out / "exhibit-poster.png", optimize=True)
        posters = [
            Image.open(_render(pdf, 1, SHEET_WIDTH, Path(tmp) / pdf.stem)).convert("RGB")
            for pdf in sorted((kit / "posters").glob("*.pdf"))
        ]
        sheet = Image.new(
            "RGB", (len(posters) * (SHEET_WIDTH + GUTTER) - GUTTER, max(p.height for p in posters)), "#8a9390"
        )
        for index, image in enumerate(posters):
            sheet.paste(image, (index * (SHEET_WIDTH + GUTTER), 0))
        sheet.save(out / "exhibit-posters.png", optimize=True)
        # The print catalogue, not its accessible twin (-ua.pdf).
        catalogue = next(p for p in sorted((kit / "catalogue").glob("*.pdf")) if not p.stem.endswith("-ua"))
        project, _ = load_project(Path("casebook.yml"))
        collection, _ = load_collection(project)
        left = _spread_page(catalogue, collection.cases[case_id].title[project.config.default_language])
        pages = [
            Image.open(_render(catalogue, n, PAGE_WIDTH, Path(tmp) / f"page{n}")).convert("RGB")
            for n in (left, left + 1)
        ]
        spread = Image.new("RGB", (2 * PAGE_WIDTH + GUTTER, pages[0].height), "#8a9390")
        spread.paste(pages[0], (0, 0))
        spread.paste(pages[1], (PAGE_WIDTH + GUTTER, 0))
        spread.save(out / "exhibit-catalogue-spread.png", optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
