"""Poster previews: the posters written by the kit's own code, page 1 of each drawn to PNG by poppler's pdftoppm.

A preview is a kit with posters only (no catalogue, kiosk or zip), so it shows
exactly what the kit will print. It is kept under a hash of the choices and of
every file the posters are made from, so asking again costs nothing.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import asdict, replace
from pathlib import Path

from generator.exhibit.plan import ExhibitRequest

PREVIEW_WIDTH = 960  # px: three side by side on a laptop, and sharp enough to read when opened alone
MADE_FROM = ("content", "theme", "casebook.yml")  # what a poster's look and text come from


def preview_request(request: ExhibitRequest, folder: Path) -> ExhibitRequest:
    return replace(request, out=folder / "kit", catalogue=False, kiosk=None, zip=False, posters=True)


def cache_key(request: ExhibitRequest, project_root: Path) -> str:
    """A hash of the choices that shape posters and of the name, size and time of every file they are made from."""
    digest = hashlib.sha256()
    choices = {k: v for k, v in asdict(request).items() if k not in ("out", "kiosk", "catalogue", "zip")}
    digest.update(repr(sorted(choices.items())).encode())
    for name in MADE_FROM:
        top = project_root / name
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(project_root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def cached_previews(folder: Path) -> list[tuple[str, Path]] | None:
    """The previews made earlier into `folder`, or None."""
    if not (folder / "done").is_file():
        return None
    return [(png.stem + ".pdf", png) for png in sorted((folder / "png").glob("*.png"))]


def render_previews(folder: Path) -> list[tuple[str, Path]]:
    """Page 1 of every poster in folder/kit/posters as folder/png/<name>.png; then marks the folder done."""
    target = folder / "png"
    target.mkdir(parents=True, exist_ok=True)
    previews = []
    for pdf in sorted((folder / "kit" / "posters").glob("*.pdf")):
        prefix = target / pdf.stem
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                "-scale-to-x",
                str(PREVIEW_WIDTH),
                "-scale-to-y",
                "-1",
                str(pdf),
                str(prefix),
            ],
            check=True,
            capture_output=True,
        )
        previews.append((pdf.name, prefix.with_suffix(".png")))
    (folder / "done").write_text("", encoding="utf-8")
    return previews
