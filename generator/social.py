"""Social cards: a 1200x630 PNG per case and brand page, and one per language for the rest.

Drawn with Pillow and Noto Sans CJK (Debian's fonts-noto-cjk), never fetched:
Material's social plugin downloads fonts, so it is not used. The bytes depend
only on the card's text, the font files and the drawing code, so a rebuild
gives the same files, and the cache (one file per content hash) means an
unchanged rebuild draws nothing.

Nothing here imports MkDocs.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

import PIL
from PIL import Image, ImageFont

from .atomic import write_atomically

SIZE = (1200, 630)
# Bump when the drawing changes, so cached cards are drawn again.
DRAWING_VERSION = "4"

ACCENT = "#1a5c4c"   # the site's primary colour (theme/assets/stylesheets/casebook.css)

# Noto Sans CJK draws Han characters in each region's own forms; a language
# gets its region's face, and any other language (English) the Taiwan one.
_REGION_FACES = {"ja": "JP", "ko": "KR", "zh-CN": "SC", "zh-Hans": "SC", "zh-HK": "HK"}
_DEFAULT_FACE = "TC"
_KNOWN_FILES = {
    "Regular": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "Bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
_MISSING_FONT_HINT = ("install Debian's fonts-noto-cjk (`apt-get install fonts-noto-cjk`, "
                      "or `make setup`, which runs scripts/install-system.sh)")


class FontMissing(RuntimeError):
    """The CJK font the cards are drawn with is not installed."""


@dataclass(frozen=True)
class CardText:
    """Everything drawn on a card; its hash names the cached file."""

    lang: str
    kind: str          # small label above the title, e.g. 案例 / Case
    title: str
    place: str
    site_name: str
    accent: str = ACCENT   # #rrggbb: a brand's own colour when its sources give one
    place_other: str = ""  # the place in the site's other languages, drawn smaller under `place`


@dataclass(frozen=True)
class Card:
    uri: str           # where the card goes in the site, e.g. assets/social/en/cases/kouhu.png
    text: CardText


# -- fonts --------------------------------------------------------------------------------

@dataclass(frozen=True)
class FontFace:
    path: str
    index: int         # face number inside a .ttc collection


@lru_cache(maxsize=None)
def find_font(lang: str, style: str) -> FontFace:
    """Noto Sans CJK for a language in Regular or Bold; FontMissing if not installed."""
    family = f"Noto Sans CJK {_REGION_FACES.get(lang, _DEFAULT_FACE)}"
    face = _fc_match(family, style) or _known_face(family, style)
    if face is None:
        raise FontMissing(f"the font '{family} {style}' for social cards is missing: {_MISSING_FONT_HINT}")
    return face


def _fc_match(family: str, style: str) -> FontFace | None:
    if shutil.which("fc-match") is None:
        return None
    result = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family}", f"{family}:style={style}"],
                            capture_output=True, text=True, check=False)
    lines = result.stdout.split("\n")
    # fc-match always answers with some font: accept it only if it is the family asked for.
    if result.returncode != 0 or len(lines) < 3 or family not in lines[2].split(","):
        return None
    return FontFace(lines[0], int(lines[1] or 0))


def _known_face(family: str, style: str) -> FontFace | None:
    path = _KNOWN_FILES.get(style)
    if path is None or not Path(path).is_file():
        return None
    for index in range(10):
        try:
            name, _ = ImageFont.truetype(path, 12, index=index).getname()
        except OSError:
            return None
        if name == family:
            return FontFace(path, index)
    return None


@lru_cache(maxsize=None)
def _font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(face.path, size, index=face.index)


# -- drawing ----------------------------------------------------------------------------

def draw_card(text: CardText) -> bytes:
    """The card as PNG bytes; the same text always gives the same bytes.

    A card is the record's designed visual (generator/visuals.py), which is
    also the header of a case or brand page without photos: one picture, one cache.
    """
    from .visuals import draw_visual

    return draw_visual(text)


# Latin words and numbers stay together; every other character (Han, kana,
# punctuation) is a place where a line may break.
_UNITS = re.compile(r"[0-9A-Za-z\u00c0-\u024f'’.\-]+\s*|\s+|.")
# Closing punctuation never starts a line (the simplest rule of kinsoku).
_NO_LINE_START = set("，。、．：；？！」』）》〉,.:;?!)’”")


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break text into lines no wider than width (a closing mark may overhang)."""
    lines: list[str] = []
    current = ""
    for unit in _UNITS.findall(text):
        candidate = current + unit
        if current and font.getlength(candidate.rstrip()) > width and unit[0] not in _NO_LINE_START:
            lines.append(current.rstrip())
            current = unit.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _fit_line(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """The text on one line, shortened with an ellipsis if it is too wide."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _png(image: Image.Image) -> bytes:
    # No metadata (no time, no software name): the bytes depend on the pixels only.
    buffer = io.BytesIO()
    # zlib's default level: level 9 took 0.13 s a card against 0.03 s, for files 4 % smaller.
    image.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


# -- cache ------------------------------------------------------------------------------

@lru_cache(maxsize=16_384)   # asked by the views, the pictures and the cards of each build
def card_digest(text: CardText) -> str:
    """The hash of everything a card's bytes depend on (fonts as found once per process, like find_font)."""
    fonts = [find_font(text.lang, style) for style in ("Regular", "Bold")]
    inputs = {
        "text": asdict(text),
        "fonts": [(f.path, f.index, os.path.getsize(f.path)) for f in fonts],
        "drawing": DRAWING_VERSION,
        "pillow": PIL.__version__,
        "size": SIZE,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass
class CacheReport:
    drawn: int = 0
    reused: int = 0


def cached_cards(cards: list[Card], cache_dir: Path) -> tuple[dict[str, Path], CacheReport]:
    """Site URI -> PNG file in the cache, drawing only cards not drawn before.

    The cache holds one file per content hash (`<sha256>.png`), so a card is
    drawn again only when something it depends on changed. Old cards are not
    removed: another build (a `mkdocs serve` beside a test run) may still be
    copying them; the folder is git-ignored and can be deleted at any time.
    Many new cards (a first build) are drawn in one worker process per core.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    report = CacheReport()
    files: dict[str, Path] = {}
    missing: dict[Path, CardText] = {}
    drawn = {entry.name for entry in os.scandir(cache_dir)}   # one listing, not a stat per card
    for card in cards:
        name = f"{card_digest(card.text)}.png"
        path = cache_dir / name
        if name in drawn:
            report.reused += 1
        else:
            missing[path] = card.text
            report.drawn += 1
        files[card.uri] = path
    draw_cards(missing)
    return files, report


# Below this many cards, starting worker processes costs more than it saves.
PARALLEL_FROM = 16


def draw_cards(cards: dict[Path, CardText], workers: int | None = None) -> None:
    """Draw each card into its file: in this process, or in worker processes when there are many."""
    for folder in {path.parent for path in cards}:
        folder.mkdir(parents=True, exist_ok=True)
    workers = min(workers or os.cpu_count() or 1, len(cards))
    if workers <= 1 or len(cards) < PARALLEL_FROM:
        for path, text in cards.items():
            _draw_to(path, text)
        return
    # forkserver: forking a process that runs threads (mkdocs serve does) can deadlock.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver")) as pool:
        for _ in pool.map(_draw_to, cards, cards.values(), chunksize=8):
            pass


def _draw_to(path: Path, text: CardText) -> None:
    write_atomically(path, draw_card(text))
