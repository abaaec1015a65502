"""Stage 8: open data. The published cases as JSON, CSV, GeoJSON and Atom, and the JSON Schema.

Every file is made from the validated records (drafts are left out), in a
fixed order, with no build time in it: two builds of the same records give
the same bytes. Files (site paths):

- data/cases.json          every published case, every language
- data/cases/<id>.json     one case
- data/cases.csv           one row per case, languages in columns; UTF-8 with BOM for Excel
- data/cases.geojson       one feature per case; geometry null where no position is recorded
- feed.xml, en/feed.xml    an Atom feed of cases per language (generator/publish/feed.py)
- data/schema/*.json       the JSON Schema of every record kind

A case in the JSON files is its record as written in content/cases/, plus
derived fields (`url`, `place_names`, `position`) documented on the data
dictionary page (generator/render/views/opendata.py).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from generator.core.json_text import inert_json
from generator.core.memo import NO_MEMO, Memo
from generator.load.strings import Strings
from generator.model.collection import Collection
from generator.model.data_dictionary import LICENCE, LIST_SEPARATOR
from generator.model.records import Case, Position
from generator.model.schema import render_schemas
from generator.model.settings import SiteConfig
from generator.publish.feed import atom_feed
from generator.render.urls import UrlScheme, case_path, feed_url, open_data_uri
from generator.render.views.base import ViewContext

# A spreadsheet runs a cell starting with one of these as a formula (CSV
# injection); a leading apostrophe makes it plain text. Tab and carriage
# return are on OWASP's list too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CaseData:
    """One published case as open data, and its JSON texts."""

    record: dict  # the record as written plus the derived fields
    json: str  # its JSON file's text (escaped, without the final newline)
    listed: str  # that text as it stands in cases.json's list (indented)
    feature: dict  # its GeoJSON feature
    feature_listed: str  # that feature's JSON text as it stands in the list of features
    csv_row: list[str]  # its row of cases.csv


def export_files(
    collection: Collection, config: SiteConfig, strings: Strings, urls: UrlScheme, memo: Memo = NO_MEMO
) -> dict[str, bytes]:
    """{site path: bytes} of every open-data file.

    `memo` (under `mkdocs serve`) gives back each unchanged case's data and
    JSON texts from the last build; the files listing every case are joined
    from them (writing 1,000 cases as JSON took 0.4 s of every serve build).
    """
    ctx = ViewContext(collection, config, strings, urls, memo)
    cases = [
        ctx.kept(("open data", case.id), (case,), lambda case=case: case_data(ctx, case))
        for case in ctx.published_cases
    ]
    files = {
        open_data_uri("cases.json"): _json_listing(
            {"licence": LICENCE, "languages": config.language_codes}, "cases", [case.listed for case in cases]
        )
    }
    for case in cases:
        files[open_data_uri(f"cases/{case.record['id']}.json")] = (case.json + "\n").encode("utf-8")
    files[open_data_uri("cases.csv")] = cases_csv([case.csv_row for case in cases], config.language_codes)
    files[open_data_uri("cases.geojson")] = cases_geojson(ctx, cases)
    for lang in config.language_codes:
        files[feed_url(urls.prefix(lang))] = atom_feed(ctx, lang)
    for name, text in render_schemas().items():
        files[open_data_uri(f"schema/{name}")] = text.encode("utf-8")
    return dict(sorted(files.items()))


# -- one case as data -------------------------------------------------------------------


def case_data(ctx: ViewContext, case: Case) -> CaseData:
    record = case_record(ctx, case)
    feature = _feature(record)
    text = json_text(record)
    return CaseData(
        record, text, _listed(text), feature, _listed(json_text(feature)), csv_row(record, ctx.config.language_codes)
    )


def case_record(ctx: ViewContext, case: Case) -> dict:
    """The record as written, plus the derived fields the data dictionary lists."""
    record = case.model_dump(mode="json", exclude_none=True)
    languages = ctx.config.language_codes
    record["url"] = {lang: _address(ctx, ctx.urls.url(case_path(case.id), lang)) for lang in languages}
    record["place_names"] = {lang: _place_names(ctx, case.place, lang) for lang in languages}
    record["position"] = _position(ctx, case.place)
    return record


def _address(ctx: ViewContext, url: str) -> str:
    """Absolute when the site's address is known, else relative to the site's root."""
    return ctx.urls.absolute(url) or url


def _place_names(ctx: ViewContext, place_id: str, lang: str) -> dict:
    county, township = ctx.place_links(place_id, lang)
    return {"county": county.label if county else None, "township": township.label if township else None}


def _position(ctx: ViewContext, place_id: str) -> dict | None:
    """The recorded position of the place: the township's, else its county's, else None."""
    county, township = ctx.places.get(place_id, (None, None))
    for precision, place in (("township", township), ("county", county)):
        if place is not None and place.position is not None:
            return _point(place.position, precision)
    return None


def _point(position: Position, precision: str) -> dict:
    """A place's recorded position: a point inside the township (or county), not the case's address."""
    return {
        "lat": position.lat,
        "lon": position.lon,
        "precision": precision,
        "approximate": True,
        "description": f"{precision} centre",
    }


def json_text(data) -> str:
    return inert_json(data, indent=2)


def _json_listing(head: dict, key: str, items: list[str]) -> bytes:
    """The JSON file of `{**head, key: [...]}`, made from its items' texts as listed there (_listed).

    No item is written to JSON again when only one changed.
    """
    text = json_text({**head, key: []})
    empty = f'"{key}": []\n}}'
    assert text.endswith(empty), "the list is the last value"
    if items:
        text = text[: -len(empty)] + f'"{key}": [\n' + ",\n".join(items) + "\n  ]\n}"
    return (text + "\n").encode("utf-8")


def _listed(item: str) -> str:
    """An item's JSON text (json_text) indented as it stands in a list that is a top-level value."""
    return "    " + item.replace("\n", "\n    ")


# -- CSV ---------------------------------------------------------------------------------


def csv_columns(languages: list[str]) -> list[str]:
    per_language = ("title", "summary", "county", "township", "url", "story")
    columns = [
        "id",
        "last_reviewed",
        "place",
        "brand",
        "arrows",
        "technologies",
        "industries",
        "looking_for",
        "sources",
        "latitude",
        "longitude",
        "position_precision",
    ]
    return columns + [f"{name}_{lang}" for name in per_language for lang in languages]


def cases_csv(rows: list[list[str]], languages: list[str]) -> bytes:
    """One row per case (csv_row); Excel opens UTF-8 correctly only with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_columns(languages))
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_row(record: dict, languages: list[str]) -> list[str]:
    row = _csv_row(record, languages)
    return [neutralise_formula(row[column]) for column in csv_columns(languages)]


def _csv_row(record: dict, languages: list[str]) -> dict[str, str]:
    position = record["position"] or {}
    row = {
        "id": record["id"],
        "last_reviewed": record["last_reviewed"],
        "place": record["place"],
        "brand": record.get("brand", ""),
        "arrows": LIST_SEPARATOR.join(record["arrows"]),
        "technologies": LIST_SEPARATOR.join(record["technologies"]),
        "industries": LIST_SEPARATOR.join(record["industries"]),
        "looking_for": LIST_SEPARATOR.join(need["kind"] for need in record["looking_for"]),
        "sources": LIST_SEPARATOR.join(sorted({c["source"] for c in record["sources"]})),
        "latitude": _number(position.get("lat")),
        "longitude": _number(position.get("lon")),
        "position_precision": position.get("precision", ""),
    }
    for lang in languages:
        names = record["place_names"][lang]
        row |= {
            f"title_{lang}": record["title"][lang],
            f"summary_{lang}": record["summary"][lang],
            f"story_{lang}": record["story"][lang],
            f"url_{lang}": record["url"][lang],
            f"county_{lang}": names["county"] or "",
            f"township_{lang}": names["township"] or "",
        }
    return row


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def neutralise_formula(cell: str) -> str:
    """'=1+1' -> "'=1+1": a spreadsheet shows the text instead of running it."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


# -- GeoJSON -------------------------------------------------------------------------------


def cases_geojson(ctx: ViewContext, cases: list[CaseData]) -> bytes:
    """A feature per case. Where content/places.yml records no position, the
    geometry is null and only the place names say where the case is."""
    located = sum(1 for case in cases if case.feature["geometry"] is not None)
    reference = (
        [ref.model_dump(mode="json", exclude_none=True) for ref in ctx.collection.places.reference]
        if ctx.collection.places
        else []
    )
    return _json_listing(
        {
            "type": "FeatureCollection",
            "licence": LICENCE,
            "positions": {"located": located, "without_position": len(cases) - located, "reference": reference},
        },
        "features",
        [case.feature_listed for case in cases],
    )


def _feature(record: dict) -> dict:
    position = record["position"]
    geometry = None if position is None else {"type": "Point", "coordinates": [position["lon"], position["lat"]]}
    properties = {key: record[key] for key in ("id", "title", "summary", "place", "place_names", "url")}
    properties["position_precision"] = position["precision"] if position else None
    properties["position_approximate"] = True if position else None
    properties["position_description"] = position["description"] if position else None
    return {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": properties}
