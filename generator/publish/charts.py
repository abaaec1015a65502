"""The figures behind every policy chart, as CSV and JSON beside the chart.

As Our World in Data does: each chart on a policy page links its figures
(data/charts/<chart>.<lang>.csv and .json, render/urls.chart_files), each
file naming its sources (publisher, title, section) and its licence. The
numbers are the chart's own table, formatted as the page shows them: nothing
is computed that content/policy/data.yml does not hold. The same records give
the same bytes.
"""

from __future__ import annotations

import csv
import io

from generator.publish.open_data import json_text, neutralise_formula
from generator.render.views.base import ViewContext
from generator.render.views.policy_data import site_charts


def chart_data_files(ctx: ViewContext, licence: dict) -> dict[str, bytes]:
    """{site path: bytes}: every chart's figures in every language, as CSV and as JSON."""
    files: dict[str, bytes] = {}
    for lang in ctx.config.language_codes:
        for chart, page in site_charts(ctx, lang):
            sources = [
                {
                    "publisher": r.citation.publisher,
                    "title": r.citation.title,
                    "section": r.citation.section,
                    "date": r.citation.date,
                    "url": r.citation.url,
                }
                for r in chart.refs
            ]
            source_text = ctx.t("policy.chart.data.separator", lang).join(
                ", ".join(part for part in (s["publisher"], s["title"], s["section"]) if part) for s in sources
            )
            files[chart.files.csv] = chart_csv(
                chart.table.headers,
                chart.table.rows,
                [ctx.t("policy.chart.data.source", lang), source_text],
                [ctx.t("policy.chart.data.licence", lang), licence["id"]],
            )
            files[chart.files.json] = chart_json(
                {
                    "title": chart.title,
                    "description": chart.description,
                    "language": lang,
                    "page": ctx.urls.absolute(page) or page,
                    "columns": chart.table.headers,
                    "rows": chart.table.rows,
                    "sources": sources,
                    "licence": {key: licence[key] for key in ("id", "name", "url")},
                }
            )
    return files


def chart_csv(headers: list[str], rows: list[list[str]], source: list[str], licence: list[str]) -> bytes:
    """UTF-8 with BOM (Excel reads it as UTF-8); the source and the licence in the last two columns.

    Every cell a spreadsheet would run as a formula gets a leading apostrophe, as in cases.csv.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in ([*headers, source[0], licence[0]], *([*row, source[1], licence[1]] for row in rows)):
        writer.writerow([neutralise_formula(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def chart_json(data: dict) -> bytes:
    """As the other open data: <, > and & as \\u escapes, so the file stays inert pasted into a page."""
    return (json_text(data) + "\n").encode("utf-8")
