"""Case pages: one per published case per language."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from markupsafe import Markup

from generator.model.records import Case
from generator.render.markdown import render_markdown
from generator.render.urls import case_path
from generator.render.views.base import CaseCard, CitationView, Link, Page, SuggestLinks, TranslationNotice, ViewContext
from generator.render.views.figures import need_statement
from generator.render.views.map import Locator, locator
from generator.render.views.pictures import RecordPictures, record_pictures


@dataclass(frozen=True)
class OutcomeView:
    text: str
    as_of: str
    citations: list[CitationView]


@dataclass(frozen=True)
class NeedView:
    kind: str  # investment | talent | partners
    text: str
    statement: str  # what kind of statement (an aim, an open call) and when
    citations: list[CitationView]
    contact_url: str = ""  # the record's agreed contact, if any
    contact_address: str = ""
    help_url: str = ""  # else a prefilled "I can help with…" issue (when the site has a repository)


@dataclass(frozen=True)
class PhotoView:
    caption: str
    credit: str
    citation: CitationView


@dataclass(frozen=True)
class OtherName:
    text: str
    lang: str | None = None  # its language when it is another language's text; None for an alias


@dataclass(frozen=True)
class CaseView:
    """What theme/casebook/case.html receives as `view`."""

    id: str
    title: str
    summary: str
    also_known_as: list[OtherName]  # names in other languages and aliases: searchable, shown subtly
    story_html: Markup
    county: Link | None
    township: Link | None
    arrows: list[Link]
    technologies: list[Link]
    industries: list[Link]
    outcomes: list[OutcomeView]
    needs: list[NeedView]
    brand: Link | None
    related: list[CaseCard]
    photos: list[PhotoView]
    pictures: RecordPictures  # the header (a photo, or the designed visual) and further figures
    locator: Locator | None  # the county's outline with the township marked
    sources: list[CitationView]
    last_reviewed: str
    edit_url: str | None
    suggest: SuggestLinks  # "Suggest an update": the issue form, or About's corrections policy
    translation: TranslationNotice


def case_pages(ctx: ViewContext, lang: str) -> list[Page]:
    return [
        ctx.kept(
            ctx.urls.src_uri(case_path(case.id), lang),
            case_inputs(ctx, case),
            lambda case=case: case_page(ctx, case, lang),
        )
        for case in ctx.published_cases
    ]


def case_inputs(ctx: ViewContext, case: Case) -> tuple:
    """The records a case page reads beside the world (base.view_world): the case,
    its related cases (their cards) and its photo files."""
    return (case, *(ctx.collection.cases.get(r) for r in case.related), *ctx.media_of("case", case))


def case_page(ctx: ViewContext, case: Case, lang: str) -> Page:
    record_path = ctx.collection.raw[("case", case.id)].source.display
    view = case_view(ctx, case, lang, record_path)
    return ctx.page(
        case_path(case.id),
        lang,
        view.title,
        view.summary,
        "case.html",
        view,
        record_path=record_path,
        edit_url=view.edit_url,
    )


def need_view(ctx: ViewContext, case: Case, need, lang: str) -> NeedView:
    """A need, with the contact the community agreed to publish, or else the prefilled issue offering help."""
    text = ctx.text(need.text, lang)
    contact = need.contact
    if contact is not None:
        address = ctx.text(contact.address, lang) if contact.address else ""
        return NeedView(
            need.kind,
            text,
            need_statement(ctx, need, lang),
            ctx.citations(need.sources, lang),
            contact.url or "",
            address,
        )
    return NeedView(
        need.kind,
        text,
        need_statement(ctx, need, lang),
        ctx.citations(need.sources, lang),
        help_url=help_issue_url(ctx, case, need),
    )


def help_issue_url(ctx: ViewContext, case: Case, need) -> str:
    """GitHub's issue form "I can help with…" (.github/ISSUE_TEMPLATE/offer-help.yml), prefilled."""
    if not ctx.config.repo_url:
        return ""
    title = ctx.text(case.title, ctx.default)
    query = urlencode(
        {
            "template": "offer-help.yml",
            "title": f"我可以協助 / I can help: {title}",
            "case": case.id,
            "need": need.kind,
        },
        quote_via=quote,
    )
    return f"{ctx.config.repo_url.rstrip('/')}/issues/new?{query}"


def case_view(ctx: ViewContext, case: Case, lang: str, record_path: str) -> CaseView:
    county, township = ctx.place_links(case.place, lang)
    return CaseView(
        id=case.id,
        title=ctx.text(case.title, lang),
        summary=ctx.text(case.summary, lang),
        also_known_as=also_known_as(ctx, case, lang),
        story_html=render_markdown(ctx.text(case.story, lang)),
        county=county,
        township=township,
        arrows=ctx.term_links("arrows", case.arrows, lang),
        technologies=ctx.term_links("technologies", case.technologies, lang),
        industries=ctx.term_links("industries", case.industries, lang),
        outcomes=[OutcomeView(ctx.text(o.text, lang), o.as_of, ctx.citations(o.sources, lang)) for o in case.outcomes],
        needs=[need_view(ctx, case, n, lang) for n in case.looking_for],
        brand=ctx.brand_link(case.brand, lang),
        related=[ctx.card(ctx.collection.cases[r], lang) for r in case.related if ctx.is_published_case(r)],
        photos=[
            PhotoView(ctx.text(p.caption, lang), ctx.text(p.credit, lang), ctx.citation(p.source, lang))
            for p in case.source_photos
        ],
        pictures=record_pictures(ctx, "case", case, lang),
        locator=locator(ctx, case.place, lang),
        sources=ctx.citations(case.sources, lang),
        last_reviewed=case.last_reviewed.isoformat(),
        edit_url=ctx.edit_url(record_path),
        suggest=ctx.suggest("case", case.id, ctx.text(case.title, lang), case_path(case.id), lang),
        translation=ctx.translation_notice(case, lang),
    )


def also_known_as(ctx: ViewContext, case: Case, lang: str) -> list[OtherName]:
    """The case's title in other languages, and other names of its place and brand.

    Shown in a quiet line on the page so that search finds the case by any of
    them: 'Kouhu' on the Chinese page, 口湖 on the English one. A name in
    another language carries that language, for screen readers. A brand name
    this site wrote (name_origin `site`) is not a name the case is known by:
    only its aliases are listed.
    """
    county, township = ctx.places.get(case.place, (None, None))
    brand = ctx.collection.brands.get(case.brand) if case.brand else None
    names = _other_languages(case.title, lang)
    shown = [ctx.text(case.title, lang)]
    for record in (township, county, brand):
        if record is None:
            continue
        if getattr(record, "name_origin", "") != "site":
            names += _other_languages(record.name, lang)
            shown.append(ctx.text(record.name, lang))
        names += [_alias(alias, lang) for alias in record.aliases]
    first: dict[str, OtherName] = {}
    for name in names:
        first.setdefault(name.text, name)
    names = list(first.values())
    texts = list(first)
    # A name inside another (口湖 in 口湖鄉, Kouhu in Kouhu Township) adds nothing a search could use.
    return [name for name in names if not any(name.text in other for other in texts + shown if other != name.text)]


def _alias(alias: str, lang: str) -> OtherName:
    """An alias carries no language of its own: one in Latin letters on a Chinese page is
    read as English, one in Han characters on another page as Chinese (for screen readers)."""
    has_han = any("\u3400" <= char <= "\u9fff" for char in alias)
    if has_han and not lang.startswith("zh"):
        return OtherName(alias, "zh-TW")
    if not has_han and lang.startswith("zh") and any(char.isascii() and char.isalpha() for char in alias):
        return OtherName(alias, "en")
    return OtherName(alias)


def _other_languages(text: dict[str, str], lang: str) -> list[OtherName]:
    return [OtherName(value, code) for code, value in text.items() if code != lang]
