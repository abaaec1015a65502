"""The translation-status page: for every case, brand and exhibition, which
languages have text and which translations a person has reviewed.

The default language is the original. A translation is "reviewed" only when
the record says so (`translations: {en: {reviewed: true}}`). The page also
shows the termbase (content/glossary.yml) translators follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from generator.model.raw import KIND_FOLDERS
from generator.render.urls import EXHIBITIONS_PATH, TRANSLATION_STATUS_PATH, brand_path, case_path
from generator.render.views.base import Page, ViewContext

NAV_ORDER = 85


@dataclass(frozen=True)
class LanguageCell:
    lang: str
    text: str  # complete | partial | missing
    review: str  # original | reviewed | unreviewed | none


@dataclass(frozen=True)
class RecordRow:
    label: str
    url: str | None  # the record's page; None for a draft or a record without a page of its own
    status: str  # published | draft
    file: str  # path of its YAML file in the repository
    file_url: str | None  # the file on the repository's site, when the repository is known
    edit_url: str | None  # the file in GitHub's web editor, to correct or translate it
    cells: list[LanguageCell]
    note: str


@dataclass(frozen=True)
class KindTable:
    kind: str  # cases | brands | exhibitions
    rows: list[RecordRow]


@dataclass(frozen=True)
class TermRow:
    """One term of the termbase: its rendering per language, in the site's order, and its note."""

    terms: list[tuple[str, str]]  # (language code, term)
    note: str


@dataclass(frozen=True)
class Termbase:
    rows: list[TermRow]
    file: str  # content/glossary.yml
    file_url: str | None


@dataclass(frozen=True)
class StatusView:
    """What theme/casebook/status.html receives."""

    languages: list[tuple[str, str]]  # (code, name) in the site's order
    tables: list[KindTable]
    reviewed: int  # translations a person reviewed, over all records
    translations: int  # translations there are to review
    termbase: Termbase | None = None  # None when the project has no content/glossary.yml

    @property
    def language_names(self) -> dict[str, str]:
        return dict(self.languages)


def status_pages(ctx: ViewContext, lang: str) -> list[Page]:
    tables = [
        KindTable(
            plural,
            [
                ctx.kept(
                    ("status row", kind, record.id, lang),
                    (record,),
                    lambda kind=kind, record=record: record_row(ctx, kind, record, lang),
                )
                for _, record in sorted(table(ctx, kind).items())
            ],
        )
        for kind, plural in KIND_FOLDERS.items()
    ]
    cells = [cell for t in tables for row in t.rows for cell in row.cells if cell.review != "original"]
    view = StatusView(
        [(language.code, language.name) for language in ctx.config.languages],
        tables,
        sum(1 for cell in cells if cell.review == "reviewed"),
        sum(1 for cell in cells if cell.text != "missing"),
        termbase(ctx, lang),
    )
    return [
        ctx.page(
            TRANSLATION_STATUS_PATH,
            lang,
            ctx.t("status.title", lang),
            ctx.t("status.description", lang),
            "status.html",
            view,
            nav_order=NAV_ORDER,
            search_body=False,
        )
    ]


def table(ctx: ViewContext, kind: str) -> dict:
    return getattr(ctx.collection, KIND_FOLDERS[kind])


def record_row(ctx: ViewContext, kind: str, record, lang: str) -> RecordRow:
    path = ctx.collection.raw[(kind, record.id)].source.display
    label = (
        ctx.text(record.title, lang)
        if kind == "case"
        else ctx.brand_name(record, lang)
        if kind == "brand"
        else ctx.text(record.name, lang)
    )
    notes = [f"{code}: {s.note}" for code, s in sorted(record.translations.items()) if s.note]
    texts = ctx.localized_texts(record)
    return RecordRow(
        label=label,
        url=_page_url(ctx, kind, record, lang),
        status=record.status,
        file=path,
        file_url=file_url(ctx, path),
        edit_url=ctx.edit_url(path),
        cells=[language_cell(ctx, record, texts, code) for code in ctx.config.language_codes],
        note="; ".join(notes),
    )


def termbase(ctx: ViewContext, lang: str) -> Termbase | None:
    glossary = ctx.collection.glossary
    raw = ctx.collection.raw.get(("glossary", "glossary"))
    if glossary is None or raw is None:
        return None
    rows = [
        TermRow(
            [(code, term.term.get(code, "")) for code in ctx.config.language_codes],
            ctx.text(term.note, lang) if term.note else "",
        )
        for term in glossary.terms
    ]
    return Termbase(rows, raw.source.display, file_url(ctx, raw.source.display))


def language_cell(ctx: ViewContext, record: BaseModel, texts: list[dict[str, str]], code: str) -> LanguageCell:
    present = sum(1 for text in texts if code in text)
    coverage = "complete" if present == len(texts) else "missing" if present == 0 else "partial"
    if code == ctx.default:
        review = "original"
    elif coverage == "missing":
        review = "none"
    else:
        status = record.translations.get(code)
        review = "reviewed" if status and status.reviewed else "unreviewed"
    return LanguageCell(code, coverage, review)


def file_url(ctx: ViewContext, path: str) -> str | None:
    """The YAML file on the repository's site (to read; the record's page links to editing)."""
    if not ctx.config.repo_url:
        return None
    return f"{ctx.config.repo_url.rstrip('/')}/blob/{ctx.config.edit_branch}/{path}"


def _page_url(ctx: ViewContext, kind: str, record, lang: str) -> str | None:
    if record.status != "published":
        return None
    if kind == "case":
        return ctx.urls.url(case_path(record.id), lang)
    if kind == "brand":
        return ctx.urls.url(brand_path(record.id), lang)
    return ctx.urls.url(EXHIBITIONS_PATH, lang) + f"#{record.id}"
