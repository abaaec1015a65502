"""The print data: what theme/print/ templates receive, per case and per language.

Built with the site's own ViewContext (text per language, places, arrows,
citations), so a poster says exactly what the case page says. Every value is
a record's text or an interface string from theme/print/strings/; nothing is
made up here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from generator.core.fill import fill
from generator.exhibit.colour import Inks
from generator.graphics.qr import qr_svg
from generator.graphics.visuals import header_svg
from generator.model.records import Brand, Case, Citation, Exhibition
from generator.render.markdown import render_markdown
from generator.render.urls import UrlScheme, case_path
from generator.render.views.base import CitationView, ViewContext
from generator.render.views.figures import date_text, month_text, need_statement
from generator.render.views.map import Locator, locator
from generator.render.views.pictures import card_text


@dataclass(frozen=True)
class Qr:
    lang: str
    label: str  # the language's name, printed under the code
    address: str  # the absolute URL it encodes
    svg: Markup  # inline vector SVG (segno)


@dataclass(frozen=True)
class ArrowMark:
    id: str
    labels: dict[str, str]  # lang -> label
    active: bool  # the case shows this arrow


@dataclass(frozen=True)
class KeyPoint:
    label: str
    text: str


@dataclass(frozen=True)
class CaseSide:
    """A case in one language."""

    lang: str
    title: str
    summary: str
    place: str
    key_points: list[KeyPoint]
    sources: list[str]  # formatted citations, numbered in the template
    translation_note: str  # "" unless the language is an unreviewed translation
    story_html: Markup
    qr: Qr


@dataclass(frozen=True)
class CaseSheet:
    id: str
    county_id: str
    sides: list[CaseSide]
    arrows: list[ArrowMark]
    last_reviewed: str
    locator: Locator | None  # the case page's map: the county with the township marked
    visual: Markup  # the case page's designed header (its motifs, no text) as inline SVG, cropped to a band


@dataclass(frozen=True)
class BrandSide:
    lang: str
    name: str
    place: str
    story_html: Markup
    values: list[str]
    products: list[str]
    cases: list[str]  # titles of this kit's cases of the brand
    sources: list[str]


@dataclass(frozen=True)
class Swatch:
    hex: str
    names: dict[str, str]


@dataclass(frozen=True)
class BrandSheet:
    id: str
    sides: list[BrandSide]
    colours: list[Swatch]


@dataclass(frozen=True)
class ExhibitionLine:
    """The exhibition, as the header of every poster and the catalogue's cover say it."""

    lang: str
    site_name: str
    name: str
    venue: str
    dates: str


class PrintContext:
    """The site's ViewContext plus the print strings and the public URLs QR codes lead to."""

    def __init__(self, ctx: ViewContext, print_t, site_url: str, languages: list[str], inks: Inks | None = None):
        self.ctx = ctx
        self.inks = inks or Inks()
        self._print_t = print_t
        self.languages = languages
        config = ctx.config.model_copy(update={"site_url": site_url})
        self.public_urls = UrlScheme(config, directory_urls=True)  # the public site's addresses
        self.names = {language.code: language.name for language in ctx.config.languages}

    def t(self, key: str, lang: str) -> str:
        return self._print_t(key, lang)

    def join(self, items: list[str], lang: str) -> str:
        return self.t("print.list_separator", lang).join(items)

    def qr(self, path: str, lang: str) -> Qr:
        address = self.public_urls.absolute(self.public_urls.url(path, lang))
        return Qr(lang, self.names.get(lang, lang), address, Markup(self.inks.svg(qr_svg(address))))

    def citation(self, citation: Citation, lang: str) -> str:
        return format_citation(self.ctx.citation(citation, lang), lang, self.t)

    def place(self, place_id: str, lang: str) -> str:
        county, township = self.ctx.place_links(place_id, lang)
        if county and township:
            return fill(self.t("print.place", lang), county=county.label, township=township.label)
        return county.label if county else ""


def format_citation(c: CitationView, lang: str, t) -> str:
    """Publisher, title, where it was presented, date, section and page, in the language's style."""
    text = fill(t("print.citation", lang), publisher=c.publisher, title=c.title)
    parts = [text] + [part for part in (c.occasion, c.date, c.section) if part]
    if c.page:
        parts.append(fill(t("print.page", lang), page=c.page))
    return t("print.citation_separator", lang).join(parts)


# -- cases --------------------------------------------------------------------------------


def case_sheet(pc: PrintContext, case: Case) -> CaseSheet:
    ctx = pc.ctx
    arrows = [
        ArrowMark(a.id, {lang: ctx.text(a.label, lang) for lang in pc.languages}, a.id in case.arrows)
        for a in ctx.collection.taxonomy.arrows
    ]
    return CaseSheet(
        case.id,
        ctx.county_of(case.place) or "",
        [case_side(pc, case, lang) for lang in pc.languages],
        arrows,
        case.last_reviewed.isoformat(),
        locator(ctx, case.place, pc.languages[0]),
        designed_visual(pc, "case", case.id),
    )


def designed_visual(pc: PrintContext, kind: str, record_id: str) -> Markup:
    """The record's designed header, drawn to fill the width of its box and cropped to its height."""
    svg = header_svg(card_text(pc.ctx, kind, record_id, pc.languages[0])).decode("utf-8")
    svg = re.sub(r' width="\d+" height="\d+"', ' preserveAspectRatio="xMidYMid slice"', svg, count=1)
    return Markup(pc.inks.recolour_svg(svg))


def case_side(pc: PrintContext, case: Case, lang: str) -> CaseSide:
    return CaseSide(
        lang=lang,
        title=case.title[lang],
        summary=case.summary[lang],
        place=pc.place(case.place, lang),
        key_points=key_points(pc, case, lang),
        sources=[pc.citation(c, lang) for c in case.sources],
        translation_note=translation_note(pc, case, lang),
        story_html=render_markdown(case.story[lang]),
        qr=pc.qr(case_path(case.id), lang),
    )


def key_points(pc: PrintContext, case: Case, lang: str) -> list[KeyPoint]:
    """The case's facts at a glance: outcomes, what it looks for, its brand, industries and technologies."""
    ctx = pc.ctx
    points = [
        KeyPoint(fill(pc.t("print.outcome", lang), as_of=month_text(ctx, o.as_of, lang)), o.text[lang])
        for o in case.outcomes
    ]
    points += [
        KeyPoint(
            pc.t(f"print.need.{need.kind}", lang),
            pc.t("print.need_text", lang)
            .replace("{text}", need.text[lang])
            .replace("{statement}", need_statement(ctx, need, lang)),
        )
        for need in case.looking_for
    ]
    brand = ctx.brand_link(case.brand, lang)
    if brand:
        points.append(KeyPoint(pc.t("print.brand", lang), brand.label))
    for group in ("industries", "technologies"):
        labels = [link.label for link in ctx.term_links(group, getattr(case, group), lang)]
        if labels:
            points.append(KeyPoint(pc.t(f"print.{group}", lang), pc.join(labels, lang)))
    return points


def translation_note(pc: PrintContext, record: Case | Brand, lang: str) -> str:
    if lang == pc.ctx.default:
        return ""
    status = record.translations.get(lang)
    return "" if status and status.reviewed else pc.t("print.unreviewed", lang)


# -- brands and the exhibition ----------------------------------------------------------------


def brand_sheet(pc: PrintContext, brand: Brand, cases: list[Case]) -> BrandSheet:
    ctx = pc.ctx
    own = [c for c in cases if c.brand == brand.id]
    sides = [
        BrandSide(
            lang=lang,
            name=ctx.brand_name(brand, lang),
            place=pc.place(brand.place, lang),
            story_html=render_markdown(brand.story[lang]),
            values=[ctx.text(v, lang) for v in brand.values],
            products=[ctx.text(p, lang) for p in brand.products],
            cases=[c.title[lang] for c in own],
            sources=[pc.citation(c, lang) for c in brand.sources],
        )
        for lang in pc.languages
    ]
    colours = [Swatch(c.hex, {lang: ctx.text(c.name, lang) for lang in pc.languages}) for c in brand.colours]
    return BrandSheet(brand.id, sides, colours)


def dates_text(pc: PrintContext, start: str, end: str | None, lang: str) -> str:
    """An exhibition's dates as precise as its record gives them, the shared part said once.

    '2027-03-01'..'2027-03-14' -> 「2027年3月1日至14日」 / "1–14 March 2027";
    '2027-03-28'..'2027-04-03' -> 「2027年3月28日至4月3日」 / "28 March – 3 April 2027";
    '2027-03'..'2027-05' -> 「2027年3月至5月」 / "March–May 2027"; one month or day is said once.
    """
    ctx = pc.ctx
    if not end or end == start:
        return date_text(ctx, start, lang)
    a, b = start.split("-"), end.split("-")
    if len(a) != len(b) or a[0] != b[0] or len(a) == 1:
        return fill(pc.t("print.date_range", lang), start=date_text(ctx, start, lang), end=date_text(ctx, end, lang))
    months = [ctx.t(f"policy.month.{int(part[1])}", lang) for part in (a, b)]
    if len(a) == 2:
        return fill(pc.t("print.months_range", lang), year=a[0], start=months[0], end=months[1])
    if a[1] == b[1]:
        return fill(pc.t("print.days_range", lang), year=a[0], month=months[0], start=int(a[2]), end=int(b[2]))
    return fill(
        pc.t("print.days_months_range", lang),
        year=a[0],
        start_month=months[0],
        start=int(a[2]),
        end_month=months[1],
        end=int(b[2]),
    )


def exhibition_lines(pc: PrintContext, exhibition: Exhibition) -> list[ExhibitionLine]:
    ctx = pc.ctx
    lines = []
    for lang in pc.languages:
        dates = dates_text(pc, exhibition.start, exhibition.end, lang)
        if exhibition.status == "planned":
            dates = fill(pc.t("print.planned", lang), dates=dates)
        lines.append(
            ExhibitionLine(
                lang,
                ctx.text(ctx.config.site_name, lang),
                ctx.text(exhibition.name, lang),
                ctx.text(exhibition.venue, lang),
                dates,
            )
        )
    return lines
