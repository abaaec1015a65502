"""The designed picture of a case or brand without photos: its page header and its social card.

One 1200x630 PNG per record and language (generator/drawing.py caches it by
the hash of what it shows; graphics/photos.py makes the header's derivatives
from the same file): the title, the place in the page's language and in the
others, and a landscape of terraced fields in the brand's colour when its
sources give one, else in the site's palette. The pattern's rhythm comes from
a hash of the record's title, so each record looks a little different, and the
same text always gives the same bytes.

Fonts come from generator/drawing.py (Noto Sans CJK, fonts-noto-cjk).
"""
from __future__ import annotations

import hashlib
import math

from PIL import Image, ImageDraw

from generator.core import phrases
from generator.graphics import drawing

SIZE = drawing.SIZE
PAPER = "#f7f4ec"
INK = "#1d1d1b"
MUTED = "#55524a"
PERSIMMON = "#b3401f"     # the site's accent (theme/assets/stylesheets/casebook.css)
PANEL_LEFT = 800          # the landscape panel fills the card right of this
TEXT_LEFT = 80
TEXT_WIDTH = PANEL_LEFT - TEXT_LEFT - 60


def draw_visual(text: drawing.CardText) -> bytes:
    """The card as PNG bytes; the same text always gives the same bytes."""
    regular, bold = drawing.find_font(text.lang, "Regular"), drawing.find_font(text.lang, "Bold")
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    _draw_landscape(draw, text.accent, _rhythm(text.title.replace(phrases.BOUNDARY, "")))
    if text.kind:
        draw.text((TEXT_LEFT, 70), text.kind, font=drawing.font(bold, 28), fill=PERSIMMON)
    y = _draw_title(draw, text.title, bold, top=130)
    y = _draw_places(draw, text, regular, top=y + 28)
    draw.line((TEXT_LEFT, SIZE[1] - 110, PANEL_LEFT - 60, SIZE[1] - 110), fill=text.accent, width=3)
    site_font = drawing.font(bold, 28)
    draw.text((TEXT_LEFT, SIZE[1] - 88), drawing.fit_line(text.site_name, site_font, TEXT_WIDTH),
              font=site_font, fill=INK)
    return drawing.png_bytes(image)


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


# -- the landscape ----------------------------------------------------------------------------

def _rhythm(seed_text: str) -> list[float]:
    """Eight numbers in [0, 1) from the text: the same text, the same landscape."""
    digest = hashlib.sha256(seed_text.encode("utf-8")).digest()
    return [byte / 256 for byte in digest[:8]]


def _draw_landscape(draw: ImageDraw.ImageDraw, colour: str, rhythm: list[float]) -> None:
    """Terraced fields under a low sun: bands of the colour, lighter towards the sky."""
    width, height = SIZE[0] - PANEL_LEFT, SIZE[1]
    draw.rectangle((PANEL_LEFT, 0, SIZE[0], height), fill=_mix(colour, PAPER, 0.82))
    sun_x = PANEL_LEFT + int(width * (0.3 + 0.4 * rhythm[0]))
    sun_y = int(height * (0.2 + 0.12 * rhythm[1]))
    radius = 46 + int(30 * rhythm[2])
    draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=_mix(PERSIMMON, PAPER, 0.15))
    bands = 7
    for band in range(bands):
        level = height * (0.34 + 0.66 * band / bands)
        amplitude = 10 + 22 * rhythm[(band + 3) % 8]
        phase = 2 * math.pi * rhythm[band % 8]
        points = [(x, level + amplitude * math.sin(phase + 2 * math.pi * (x - PANEL_LEFT) / (width * 0.9)))
                  for x in range(PANEL_LEFT, SIZE[0] + 1, 8)]
        shade = _mix(colour, PAPER, 0.62 * (1 - band / (bands - 1)))
        draw.polygon([*points, (SIZE[0], height), (PANEL_LEFT, height)], fill=shade)
        # a thin paper line along each terrace's edge, as the bunds between fields
        draw.line(points, fill=_mix(colour, PAPER, 0.9), width=2)


def _mix(colour: str, other: str, amount: float) -> tuple[int, int, int]:
    """colour mixed with `amount` of other (0: colour alone, 1: other alone)."""
    a, b = _rgb(colour), _rgb(other)
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b))


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))
