"""The open-data page (what can be downloaded, under which licence) and the data dictionary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from generator.core.fill import fill
from generator.model.data_dictionary import DERIVED_FIELDS, LICENCE, LIST_SEPARATOR, FieldDoc, case_fields
from generator.model.records import RECORD_MODELS
from generator.model.schema import schema_filename
from generator.render.urls import data_dictionary_path, feed_url, open_data_page_path, open_data_uri
from generator.render.views.base import Page, ViewContext
from generator.render.views.map import MapSource, map_source
from generator.render.views.policy_data import ChartEntry, chart_entries

NAV_ORDER = 90  # near the end of the navigation


@dataclass(frozen=True)
class Download:
    label: str
    url: str  # site-relative
    format: str  # e.g. JSON, CSV (UTF-8 with BOM)
    note: str = ""


@dataclass(frozen=True)
class OpenDataView:
    case_count: int
    located_count: int
    downloads: list[Download]
    per_case_pattern: str  # data/cases/<id>.json
    per_case_example: Download | None
    schemas: list[Download]
    dictionary_url: str
    licence_name: str
    licence_url: str
    credit_line: str
    map_source: MapSource  # who made the boundaries and positions, and under which licences
    charts: list[ChartEntry] = field(default_factory=list)  # every policy chart's figures (policy_data.py)


@dataclass(frozen=True)
class FieldRow:
    path: str
    kind: str
    choices: str
    required: bool
    description: Markup  # `code` in the model's descriptions becomes <code>


@dataclass(frozen=True)
class DictionaryView:
    fields: list[FieldRow]
    derived: list[FieldRow]
    list_separator: str
    open_data_url: str


def open_data_pages(ctx: ViewContext, lang: str) -> list[Page]:
    return [
        ctx.page(
            open_data_page_path(),
            lang,
            ctx.t("opendata.title", lang),
            ctx.t("opendata.description", lang),
            "open-data.html",
            open_data_view(ctx, lang),
            nav_order=NAV_ORDER,
        ),
        ctx.page(
            data_dictionary_path(),
            lang,
            ctx.t("opendata.dictionary_title", lang),
            ctx.t("opendata.dictionary_description", lang),
            "data-dictionary.html",
            dictionary_view(ctx, lang),
        ),  # linked from the open-data page, not in the navigation
    ]


def open_data_view(ctx: ViewContext, lang: str) -> OpenDataView:
    cases = ctx.published_cases
    located = sum(1 for case in cases if _has_position(ctx, case.place))
    first = cases[0].id if cases else None
    return OpenDataView(
        case_count=len(cases),
        located_count=located,
        downloads=_downloads(ctx, lang),
        per_case_pattern=open_data_uri("cases/<id>.json"),
        per_case_example=Download(first, open_data_uri(f"cases/{first}.json"), "JSON") if first else None,
        schemas=[
            Download(name, open_data_uri(f"schema/{name}"), "JSON Schema")
            for name in map(schema_filename, RECORD_MODELS)
        ],
        dictionary_url=ctx.urls.url(data_dictionary_path(), lang),
        licence_name=LICENCE["name"],
        licence_url=LICENCE["url"],
        credit_line=credit_line(ctx, lang),
        map_source=map_source(),
        charts=chart_entries(ctx, lang),
    )


def credit_line(ctx: ViewContext, lang: str) -> str:
    """A credit line to copy: the site's name, its address when known, the licence."""
    address = ctx.urls.absolute(ctx.urls.url("", lang))
    template = ctx.t("opendata.credit_line" if address else "opendata.credit_line_no_address", lang)
    return fill(template, site=ctx.text(ctx.config.site_name, lang), address=address or "")


def _downloads(ctx: ViewContext, lang: str) -> list[Download]:
    def item(name: str, fmt: str) -> Download:
        return Download(
            ctx.t(f"opendata.file.{name}", lang), open_data_uri(name), fmt, ctx.t(f"opendata.note.{name}", lang)
        )

    feed = Download(
        ctx.t("opendata.file.feed", lang), feed_url(ctx.urls.prefix(lang)), "Atom", ctx.t("opendata.note.feed", lang)
    )
    return [item("cases.json", "JSON"), item("cases.csv", "CSV"), item("cases.geojson", "GeoJSON"), feed]


def _has_position(ctx: ViewContext, place_id: str) -> bool:
    county, township = ctx.places.get(place_id, (None, None))
    return any(place is not None and place.position is not None for place in (township, county))


def dictionary_view(ctx: ViewContext, lang: str) -> DictionaryView:
    rows = [_row(ctx, field, lang) for field in case_fields()]
    derived = [
        FieldRow(
            name,
            ctx.t(f"opendata.derived_kind.{name}", lang),
            "",
            True,
            inline_code(ctx.t(f"opendata.derived.{name}", lang)),
        )
        for name in DERIVED_FIELDS
    ]
    return DictionaryView(rows, derived, LIST_SEPARATOR, ctx.urls.url(open_data_page_path(), lang))


def _row(ctx: ViewContext, field: FieldDoc, lang: str) -> FieldRow:
    # A description written for this language wins; else the model's (English) one.
    own = ctx.strings.tables.get(lang, {}).get(f"opendata.field.{field.key}")
    return FieldRow(
        field.path,
        ctx.t(f"opendata.kind.{field.kind}", lang),
        ", ".join(field.choices),
        field.required,
        inline_code(own or field.description),
    )


def inline_code(text: str) -> Markup:
    """Escape the text, and show what the model's descriptions put in `backticks` as code."""
    parts = re.split(r"`([^`]+)`", text)
    return Markup("").join(
        Markup("<code>{}</code>").format(part) if i % 2 else escape(part) for i, part in enumerate(parts)
    )
