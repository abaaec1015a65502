"""Pillow drawing of the social cards: CJK fonts, line breaks, JPEG bytes.

Fonts are Noto Sans CJK (Debian's fonts-noto-cjk), never fetched.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageFont

from generator.core import phrases, text_wrap
from generator.graphics.motifs import Motifs

SIZE = (1200, 630)
HEADER_SIZE = (1200, 480)  # a record page's header: its motifs alone, no text (the page says it)


ACCENT = "#1a5c4c"  # the site's primary colour (theme/assets/stylesheets/casebook.css)


# Noto Sans CJK draws Han characters in each region's own forms; a language
# gets its region's face, and any other language (English) the Taiwan one.
_REGION_FACES = {"ja": "JP", "ko": "KR", "zh-CN": "SC", "zh-Hans": "SC", "zh-HK": "HK"}


_DEFAULT_FACE = "TC"


_KNOWN_FILES = {
    "Regular": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "Bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}


_MISSING_FONT_HINT = (
    "install Debian's fonts-noto-cjk (`apt-get install fonts-noto-cjk`, "
    "or `make setup`, which runs scripts/install-system.sh)"
)


class FontMissing(RuntimeError):
    """The CJK font the cards are drawn with is not installed."""


@dataclass(frozen=True)
class CardText:
    """Everything drawn on a card; its hash names the cached file."""

    lang: str
    kind: str  # small label above the title, e.g. 案例 / Case
    title: str
    place: str
    site_name: str
    accent: str = ACCENT  # #rrggbb: a brand's own colour when its sources give one
    place_other: str = ""  # the place in the site's other languages, drawn smaller under `place`
    motifs: Motifs | None = None  # the record's county, industries and arrows (graphics/motifs.py)
    header: bool = False  # the page header: the motifs alone, without text (HEADER_SIZE)


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int  # face number inside a .ttc collection


@cache
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
    result = subprocess.run(
        ["fc-match", "-f", "%{file}\n%{index}\n%{family}", f"{family}:style={style}"],
        capture_output=True,
        text=True,
        check=False,
    )
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


@cache
def font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(face.path, size, index=face.index)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break text into lines no wider than width in this font.

    A title marked with its phrase boundaries (U+200B, core/phrases.py) breaks
    only there, in balanced lines with no character alone; other text by
    core/text_wrap.py's rules.
    """
    if phrases.BOUNDARY in text:
        return phrases.wrap(text, font.getlength, width)
    return text_wrap.wrap(text, width, font.getlength)


def fit_line(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """The text on one line, shortened with an ellipsis if it is too wide."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


CARD_QUALITY = 85  # a link preview: no visible loss on flat colour and large type


def jpeg_bytes(image: Image.Image) -> bytes:
    """A card as JPEG: a sixth of PNG's encoding time and two thirds of its bytes.

    No metadata (no time, no software name): the bytes depend on the pixels only.
    One file per card, no other format or width: only link previews fetch it.
    """
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=CARD_QUALITY, optimize=False, progressive=False)
    return buffer.getvalue()
