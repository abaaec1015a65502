"""The exhibitions page: past and planned exhibitions from content/exhibitions/.

What the sources say about an event (name, organiser, venue, dates, purpose,
captions with their own citations) is kept apart from this site's kit
settings (the cases, languages and paper our exhibition kit prints), which
the page shows only as ours.

Dates are shown exactly as precise as the record gives them (a year, a month
or a day). Whether an exhibition is planned or held is judged against the
build date (SOURCE_DATE_EPOCH when set, so a build can be repeated byte for byte).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from generator.model.records import Exhibition
from generator.render.urls import EXHIBITIONS_PATH, case_path
from generator.render.views.base import CitationView, Link, Page, TranslationNotice, ViewContext
from generator.render.views.figures import date_text

NAV_ORDER = 60


@dataclass(frozen=True)
class CaptionView:
    """A photo caption printed in a source, with its own citation and what it does not say."""

    text: str
    note: str
    citation: CitationView


@dataclass(frozen=True)
class KitView:
    """This site's own kit settings for the exhibition: not facts about the event."""

    languages: list[str]  # names of the languages our kit prints
    paper: str
    cases: list[Link]  # the cases our kit prints; a draft case is named without a link


@dataclass(frozen=True)
class ExhibitionView:
    id: str
    name: str
    organiser: str
    venue: str
    start: str  # YYYY, YYYY-MM or YYYY-MM-DD, as the record gives it
    end: str
    purpose: str  # in the source's words; "" when it gives none
    captions: list[CaptionView]
    sources: list[CitationView]
    kit: KitView
    edit_url: str | None
    translation: TranslationNotice
    start_text: str = ""  # the dates as the page's language writes them
    end_text: str = ""


@dataclass(frozen=True)
class ExhibitionsView:
    """What theme/casebook/exhibitions.html receives."""

    planned: list[ExhibitionView]
    held: list[ExhibitionView]


def exhibition_pages(ctx: ViewContext, lang: str) -> list[Page]:
    today = build_date().isoformat()
    records = sorted(
        (e for e in ctx.collection.exhibitions.values() if e.status == "published"),
        key=lambda e: (e.start, e.id),
        reverse=True,
    )
    views = [exhibition_view(ctx, e, lang) for e in records]
    view = ExhibitionsView(
        planned=[v for v in views if is_planned(v.start, today)],
        held=[v for v in views if not is_planned(v.start, today)],
    )
    return [
        ctx.page(
            EXHIBITIONS_PATH,
            lang,
            ctx.t("exhibitions.title", lang),
            ctx.t("exhibitions.description", lang),
            "exhibitions.html",
            view,
            nav_order=NAV_ORDER,
        )
    ]


def exhibition_view(ctx: ViewContext, exhibition: Exhibition, lang: str) -> ExhibitionView:
    names = {language.code: language.name for language in ctx.config.languages}
    record_path = ctx.collection.raw[("exhibition", exhibition.id)].source.display
    return ExhibitionView(
        id=exhibition.id,
        name=ctx.text(exhibition.name, lang),
        organiser=ctx.text(exhibition.organiser, lang) if exhibition.organiser else "",
        venue=ctx.text(exhibition.venue, lang),
        start=exhibition.start,
        end=exhibition.end or "",
        start_text=date_text(ctx, exhibition.start, lang),
        end_text=date_text(ctx, exhibition.end, lang) if exhibition.end else "",
        purpose=ctx.text(exhibition.purpose, lang) if exhibition.purpose else "",
        captions=[
            CaptionView(
                ctx.text(c.text, lang), ctx.text(c.note, lang) if c.note else "", ctx.citations([c.source], lang)[0]
            )
            for c in exhibition.source_captions
        ],
        sources=ctx.citations(exhibition.sources, lang),
        kit=KitView(
            languages=[names.get(code, code) for code in exhibition.kit.languages],
            paper=exhibition.kit.paper,
            cases=[
                _case_link(ctx, case_id, lang) for case_id in exhibition.kit.cases if case_id in ctx.collection.cases
            ],
        ),
        edit_url=ctx.edit_url(record_path),
        translation=ctx.translation_notice(exhibition, lang),
    )


def is_planned(start: str, today: str) -> bool:
    """True when the exhibition starts after today, compared at the precision of its start date."""
    return start > today[: len(start)]


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def _case_link(ctx: ViewContext, case_id: str, lang: str) -> Link:
    case = ctx.collection.cases[case_id]
    url = ctx.urls.url(case_path(case_id), lang) if case.status == "published" else None
    return Link(ctx.text(case.title, lang), url)
