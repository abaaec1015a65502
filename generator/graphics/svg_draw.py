"""Pillow's ImageDraw calls written as SVG elements, so one drawing code gives raster and vector.

graphics/motifs.py draws a record's motifs through the few ImageDraw methods
below. A page header is written as SVG through this class (shapes only, a few
KB, nothing to decode or encode); a social card is drawn with Pillow. The
geometry is the same: boxes are (left, top, right, bottom), angles are in
degrees clockwise from three o'clock, as in Pillow.

Numbers are written with one decimal, so the same drawing gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

Point = tuple[float, float]
Colour = tuple[int, int, int] | str


def _num(value: float) -> str:
    text = f"{value:.1f}"
    text = text.removesuffix(".0")
    return "0" if text == "-0" else text


def _colour(colour: Colour) -> str:
    if isinstance(colour, str):
        return colour
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _points(points: Iterable[Point]) -> str:
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


class SvgDraw:
    """Collects shapes drawn with ImageDraw's signatures; `svg()` gives the document."""

    def __init__(self, size: tuple[int, int]):
        self.size = size
        self.elements: list[str] = []

    def rectangle(self, box, fill: Colour) -> None:
        left, top, right, bottom = box
        self.elements.append(
            f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(right - left)}" '
            f'height="{_num(bottom - top)}" fill="{_colour(fill)}"/>'
        )

    def polygon(self, points, fill: Colour) -> None:
        self.elements.append(f'<polygon points="{_points(points)}" fill="{_colour(fill)}"/>')

    def line(self, points, fill: Colour, width: float = 1, joint: str | None = None) -> None:
        # Pillow's "curve" joint rounds the corners between segments.
        join = ' stroke-linejoin="round"' if joint == "curve" else ""
        points = list(points)
        shape = f'<polygon points="{_points(points[:-1])}" '
        if len(points) > 3 and points[0] == points[-1] and self.elements and self.elements[-1].startswith(shape):
            # The outline of the polygon just drawn (a county): one element, its points written once.
            self.elements[-1] = (
                self.elements[-1].removesuffix("/>") + f' stroke="{_colour(fill)}" stroke-width="{_num(width)}"{join}/>'
            )
            return
        self.elements.append(
            f'<polyline points="{_points(points)}" fill="none" stroke="{_colour(fill)}" '
            f'stroke-width="{_num(width)}"{join}/>'
        )

    def ellipse(self, box, fill: Colour, outline: Colour | None = None, width: float = 1) -> None:
        left, top, right, bottom = box
        # Pillow draws an outline inside the box; SVG strokes on the edge: inset by half the width.
        inset = width / 2 if outline is not None else 0
        stroke = f' stroke="{_colour(outline)}" stroke-width="{_num(width)}"' if outline is not None else ""
        self.elements.append(
            f'<ellipse cx="{_num((left + right) / 2)}" cy="{_num((top + bottom) / 2)}" '
            f'rx="{_num((right - left) / 2 - inset)}" ry="{_num((bottom - top) / 2 - inset)}" '
            f'fill="{_colour(fill)}"{stroke}/>'
        )

    def arc(self, box, start: float, end: float, fill: Colour, width: float = 1) -> None:
        path = _arc_path(box, start, end, inset=width / 2)
        self.elements.append(f'<path d="{path}" fill="none" stroke="{_colour(fill)}" stroke-width="{_num(width)}"/>')

    def chord(self, box, start: float, end: float, fill: Colour) -> None:
        self.elements.append(f'<path d="{_arc_path(box, start, end)} Z" fill="{_colour(fill)}"/>')

    def svg(self) -> str:
        """The document: decorative (the page says in text what the picture shows), so no title."""
        width, height = self.size
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" aria-hidden="true">' + "".join(self.elements) + "</svg>\n"
        )


def _arc_path(box, start: float, end: float, inset: float = 0) -> str:
    left, top, right, bottom = box
    cx, cy = (left + right) / 2, (top + bottom) / 2
    rx, ry = (right - left) / 2 - inset, (bottom - top) / 2 - inset
    sweep = (end - start) % 360 or 360
    a, b = math.radians(start), math.radians(start + sweep)
    x0, y0 = cx + rx * math.cos(a), cy + ry * math.sin(a)
    x1, y1 = cx + rx * math.cos(b), cy + ry * math.sin(b)
    large = 1 if sweep > 180 else 0
    return f"M{_num(x0)},{_num(y0)} A{_num(rx)},{_num(ry)} 0 {large} 1 {_num(x1)},{_num(y1)}"
