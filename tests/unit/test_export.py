"""Open data: JSON, CSV, GeoJSON and Atom from the records, safe and byte-identical every time."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build.site import prepare_site
from generator.publish.open_data import csv_columns, export_files, neutralise_formula

ROOT = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"

A_PUBLISHED_CASE = """\
id: {id}
status: published
last_reviewed: {reviewed}
translations:
  en: {{reviewed: true}}
title:
  zh-TW: {title_zh}
  en: {title_en}
summary:
  zh-TW: 合成測試資料。
  en: {summary_en}
story:
  zh-TW: 合成測試資料。
  en: Synthetic fixture text.
place: other-county
arrows: [example-arrow-two]
sources:
  - source: example-source
"""


def add_case(
    project,
    case_id: str,
    reviewed: str,
    *,
    title_en: str = "Another case",
    summary_en: str = "Synthetic.",
    title_zh: str = "另一個案例",
) -> None:
    # JSON strings are YAML strings, with every quote escaped
    project.write(
        f"content/cases/{case_id}.yml",
        A_PUBLISHED_CASE.format(
            id=case_id,
            reviewed=reviewed,
            title_en=json.dumps(title_en),
            summary_en=json.dumps(summary_en),
            title_zh=title_zh,
        ),
    )


def exports(root: Path) -> dict[str, bytes]:
    site = prepare_site(root / "casebook.yml", ROOT / "theme")
    return export_files(site.collection, site.project.config, site.strings, site.urls)


@pytest.fixture(scope="module")
def fixture_exports() -> dict[str, bytes]:
    """The exports of the unchanged synthetic fixture project."""
    return exports(ROOT / "tests" / "fixtures" / "project")


@pytest.fixture(scope="module")
def real_exports() -> dict[str, bytes]:
    return exports(ROOT)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode("utf-8")), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8")[1:])))


# -- what is exported ------------------------------------------------------------------------


def test_every_file_is_there_and_drafts_are_left_out(fixture_exports):
    files = fixture_exports
    assert {
        "data/cases.json",
        "data/cases.csv",
        "data/cases.geojson",
        "feed.xml",
        "en/feed.xml",
        "data/cases/example-case.json",
        "data/schema/case.schema.json",
    } <= set(files)
    cases = json.loads(files["data/cases.json"])["cases"]
    assert [c["id"] for c in cases] == ["example-case"]  # second-example-case is a draft
    assert "data/cases/second-example-case.json" not in files
    assert b"second-example-case" not in files["feed.xml"] + files["data/cases.csv"]


def test_case_json_is_the_record_plus_documented_derived_fields(fixture_exports):
    files = fixture_exports
    case = json.loads(files["data/cases/example-case.json"])
    assert case["title"] == {"zh-TW": "範例案例", "en": "Example case"}
    assert case["place_names"]["en"] == {"county": "Example County", "township": "Example Township"}
    assert case["url"] == {"zh-TW": "cases/example-case/", "en": "en/cases/example-case/"}
    assert json.loads(files["data/cases.json"])["cases"][0] == case
    assert json.loads(files["data/cases.json"])["licence"]["id"] == "CC-BY-4.0"


def test_urls_are_absolute_once_the_site_url_is_set(project):
    project.replace("casebook.yml", "content_dir: content", "content_dir: content\nsite_url: https://example.org/cb/")
    case = json.loads(exports(project.root)["data/cases/example-case.json"])
    assert case["url"]["en"] == "https://example.org/cb/en/cases/example-case/"


def test_csv_has_one_row_per_case_and_a_column_per_language(project):
    add_case(project, "another-case", "2024-03-01")
    rows = csv_rows(exports(project.root)["data/cases.csv"])
    assert [row["id"] for row in rows] == ["another-case", "example-case"]
    assert list(rows[0]) == csv_columns(["zh-TW", "en"])
    example = rows[1]
    assert (example["title_zh-TW"], example["title_en"]) == ("範例案例", "Example case")
    assert example["arrows"] == "example-arrow-one; example-arrow-three"
    assert (example["latitude"], example["longitude"], example["position_precision"]) == ("23.6", "120.9", "township")


# -- CSV injection -----------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"])
def test_a_cell_that_a_spreadsheet_would_run_gets_an_apostrophe(cell):
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Kouhu", "口湖", "", "1=1", "a-b", "'quoted"])
def test_other_cells_are_left_alone(cell):
    assert neutralise_formula(cell) == cell


def test_formula_in_a_record_is_neutralised_in_the_csv_file(project):
    add_case(project, "formula-case", "2024-03-01", title_en='=HYPERLINK("http://evil.example","x")', summary_en="@cmd")
    files = exports(project.root)
    row = next(r for r in csv_rows(files["data/cases.csv"]) if r["id"] == "formula-case")
    assert row["title_en"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["summary_en"] == "'@cmd"
    # JSON keeps the text as written: it is data, not a spreadsheet
    case = json.loads(files["data/cases/formula-case.json"])
    assert case["summary"]["en"] == "@cmd"


# -- GeoJSON is honest about positions ---------------------------------------------------------------


def test_geojson_point_at_the_recorded_township_position(fixture_exports):
    geo = json.loads(fixture_exports["data/cases.geojson"])
    [feature] = geo["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [120.9, 23.6]}  # lon, lat
    assert feature["properties"]["position_precision"] == "township"
    assert geo["positions"]["located"] == 1 and geo["positions"]["without_position"] == 0
    assert geo["positions"]["reference"][0]["licence"] == "CC0-1.0"


def test_geojson_without_a_recorded_position_has_null_geometry_and_the_place_names(project):
    add_case(project, "unplaced-case", "2024-03-01")  # other-county has no position
    geo = json.loads(exports(project.root)["data/cases.geojson"])
    feature = next(f for f in geo["features"] if f["id"] == "unplaced-case")
    assert feature["geometry"] is None
    assert feature["properties"]["position_precision"] is None
    assert feature["properties"]["place_names"]["zh-TW"] == {"county": "他縣", "township": None}
    assert geo["positions"] == {**geo["positions"], "located": 1, "without_position": 1}


def test_real_content_has_no_positions_so_no_geometry_is_invented(real_exports):
    geo = json.loads(real_exports["data/cases.geojson"])
    assert geo["features"], "the real content has published cases"
    for feature in geo["features"]:
        assert (feature["geometry"] is None) == (feature["properties"]["position_precision"] is None)
        assert feature["properties"]["place_names"]["zh-TW"]["county"], "every case is located by name at least"
    if "position:" not in (ROOT / "content" / "places.yml").read_text(encoding="utf-8"):
        assert [f for f in geo["features"] if f["geometry"] is not None] == []


# -- feed ---------------------------------------------------------------------------------------------


def test_feed_per_language_newest_review_first(project):
    add_case(project, "older-case", "2023-05-01", title_en="Older case")
    add_case(project, "newer-case", "2024-06-30", title_en="Newer case")
    files = exports(project.root)
    feed = ET.fromstring(files["en/feed.xml"])
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Newer case", "Example case", "Older case"]
    assert feed.findtext(f"{ATOM}updated") == "2024-06-30T00:00:00Z"
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link == "cases/newer-case/"  # relative to en/feed.xml while site_url is unset
    zh = ET.fromstring(files["feed.xml"])
    assert zh.findtext(f"{ATOM}entry/{ATOM}title") == "另一個案例"


# -- determinism ---------------------------------------------------------------------------------------


def test_two_exports_are_byte_identical(project):
    add_case(project, "another-case", "2024-03-01")
    first, second = exports(project.root), exports(project.root)
    assert first.keys() == second.keys()
    for path in first:
        assert first[path] == second[path], f"{path} differs between two exports"


def test_schema_files_are_the_published_json_schema(real_exports):
    files = real_exports
    for path in (ROOT / "schema").glob("*.schema.json"):
        assert files[f"data/schema/{path.name}"] == path.read_bytes()


@pytest.mark.parametrize("items", [[], [{"id": "a"}], [{"id": "a", "names": {"en": "A & <b>"}, "list": [1, 2]}, {}]])
def test_a_listing_joined_from_its_items_texts_is_the_file_written_whole(items):
    """cases.json and cases.geojson are joined from each case's text (kept under serve)."""
    from generator.publish.open_data import _json_listing, _listed, json_text

    head = {"licence": {"id": "CC-BY-4.0"}, "languages": ["zh-Hant", "en"]}
    whole = (json_text({**head, "cases": items}) + "\n").encode("utf-8")
    assert _json_listing(head, "cases", [_listed(json_text(item)) for item in items]) == whole
