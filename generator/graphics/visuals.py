"""The designed picture of a case or brand without photos: its page header and its social card.

Made from the record itself (graphics/motifs.py): the outline of its county,
an emblem per industry it names repeated as a pattern, and the five arrows
of the policy with the record's own filled in; the brand's colour only where
its sources give one, else the site's green and persimmon. So no two
records share a picture.

- The page header (HEADER_SIZE, `text.header`): the motifs alone, as SVG
  (header_svg). The page shows the title, place and summary in text just
  above it, so the picture carries no text and its alt text is empty
  (decorative, WCAG technique H67); one picture serves every language.
- The social card (1200x630, one JPEG): the title and the place in the page's
  language and the others on the left, the motifs on the right.

Each is named by the hash of what it shows (graphics/cards.py), and the same
record always gives the same bytes. Fonts come from graphics/drawing.py
(Noto Sans CJK, fonts-noto-cjk).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache

from PIL import Image, ImageDraw

from generator.core import phrases
from generator.graphics import drawing
from generator.graphics import motifs as motif_data
from generator.graphics.motifs import Motifs, motif_panel, motif_svg

SIZE = drawing.SIZE
HEADER_SIZE = drawing.HEADER_SIZE
PAPER = "#f7f4ec"
INK = "#1d1d1b"
MUTED = "#55524a"
PERSIMMON = "#b3401f"  # the site's accent (theme/assets/stylesheets/casebook.css)
PANEL_LEFT = 780  # the motifs fill the card right of this
TEXT_LEFT = 72
TEXT_WIDTH = PANEL_LEFT - TEXT_LEFT - 56


# Bump when the header's drawing changes: its file name changes with it.
HEADER_VERSION = "1"  # 1: SVG (graphics/svg_draw.py)


@lru_cache(maxsize=8_192)  # asked by the views and the pictures of each build
def header_digest(text: drawing.CardText) -> str:
    """The hash of everything a header's bytes depend on: its motifs, the drawing and the map data."""
    inputs = {"text": asdict(text), "drawing": HEADER_VERSION, "map data": motif_data.data_digest()}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def header_svg(text: drawing.CardText) -> bytes:
    """The page header: the record's motifs alone as an SVG document; the same text, the same bytes."""
    return motif_svg(_motifs(text), HEADER_SIZE).encode("utf-8")


def draw_visual(text: drawing.CardText) -> bytes:
    """The social card as JPEG bytes; the same text, the same bytes."""
    motifs = _motifs(text)
    regular, bold = drawing.find_font(text.lang, "Regular"), drawing.find_font(text.lang, "Bold")
    image = Image.new("RGB", SIZE, PAPER)
    image.paste(_panel(motifs), (PANEL_LEFT, 0))
    draw = ImageDraw.Draw(image)
    if text.kind:
        draw.text((TEXT_LEFT, 70), text.kind, font=drawing.font(bold, 28), fill=PERSIMMON)
    y = _draw_title(draw, text.title, bold, top=130)
    _draw_places(draw, text, regular, top=y + 28)
    draw.line((TEXT_LEFT, SIZE[1] - 110, PANEL_LEFT - 56, SIZE[1] - 110), fill=text.accent, width=3)
    site_font = drawing.font(bold, 28)
    draw.text(
        (TEXT_LEFT, SIZE[1] - 88), drawing.fit_line(text.site_name, site_font, TEXT_WIDTH), font=site_font, fill=INK
    )
    return drawing.jpeg_bytes(image)


@lru_cache(maxsize=32)
def _panel(motifs: Motifs) -> Image.Image:
    """A card's motifs, the same in every language: drawn once for a record's cards in one process
    (graphics/cards.py hands a worker both languages' cards of a record together). Never changed:
    pasting copies it."""
    return motif_panel(motifs, (SIZE[0] - PANEL_LEFT, SIZE[1]))


def _motifs(text: drawing.CardText) -> Motifs:
    return text.motifs or Motifs(
        key=text.title.replace(phrases.BOUNDARY, "") or text.site_name,
        colour=text.accent if text.accent != drawing.ACCENT else "",
    )


def _draw_title(draw: ImageDraw.ImageDraw, title: str, face, top: int) -> int:
    """The title as large as fits in three lines beside the panel; returns the y below it."""
    for size in (64, 56, 48, 42):
        font = drawing.font(face, size)
        lines = drawing.wrap(title, font, TEXT_WIDTH)
        if len(lines) <= 3:
            break
    else:
        lines = lines[:2] + [drawing.fit_line("".join(lines[2:]), font, TEXT_WIDTH)]
    line_height = int(size * 1.3)
    for number, line in enumerate(lines):
        draw.text((TEXT_LEFT, top + number * line_height), line, font=font, fill=INK)
    return top + len(lines) * line_height


def _draw_places(draw: ImageDraw.ImageDraw, text: drawing.CardText, face, top: int) -> int:
    """The place in the page's language (the site card's tagline wraps to three lines),
    then, smaller and quieter, in the other languages."""
    font = drawing.font(face, 34)
    lines = drawing.wrap(text.place, font, TEXT_WIDTH) if text.place else []
    if len(lines) > 3:
        lines = lines[:2] + [drawing.fit_line("".join(lines[2:]), font, TEXT_WIDTH)]
    for line in lines:
        draw.text((TEXT_LEFT, top), line, font=font, fill=INK)
        top += int(34 * 1.45)
    if text.place_other:
        other = drawing.font(face, 26)
        draw.text((TEXT_LEFT, top), drawing.fit_line(text.place_other, other, TEXT_WIDTH), font=other, fill=MUTED)
        top += int(26 * 1.45)
    return top
