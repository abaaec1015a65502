"""The pictures of the whole site: every derivative file, from the cache, made when missing.

The site engine adapter asks for them here (as it asks generator/build/outputs.py
for social cards): photos of published cases and brands, and for records
without photos the derivatives of their designed visual, which is the social
card generator/graphics/cards.py has drawn (drawn here too if the card is missing).
Nothing here imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from generator.build.site import CACHE_DIR, Site
from generator.core.errors import Diagnostic
from generator.core.image_cache import notify
from generator.core.memo import NO_MEMO, Memo
from generator.graphics.cards import draw_cards
from generator.graphics.drawing import CardText
from generator.graphics.photos import ImageReport, PicturePlan, make_derivatives
from generator.model.fields import format_field_path
from generator.render.urls import brand_path, case_path
from generator.render.views.base import ViewContext
from generator.render.views.pictures import card_text, photo_plan, visual_plan

SOCIAL_DIR = "social"  # under CACHE_DIR: where generator/graphics/cards.py keeps the cards
Visual = tuple[PicturePlan, CardText]  # a drawn visual's plan, and the card it is drawn from


def image_files(site: Site, progress=notify, memo: Memo = NO_MEMO) -> tuple[dict[str, Path], ImageReport]:
    """{site URI: file in the cache} for every picture derivative of the site.

    `memo` (under `mkdocs serve`) gives back the plans of unchanged records.
    """
    plans, visuals = site_picture_plans(site, memo)
    _draw_missing_visuals(visuals)
    settings = site.project.config.images
    return make_derivatives(plans, settings, site.project.root / settings.cache_dir, progress=progress)


def site_picture_plans(site: Site, memo: Memo = NO_MEMO) -> tuple[list[PicturePlan], list[Visual]]:
    """Plans of every picture on a case or brand page, and which of them are drawn visuals."""
    c = site.collection
    ctx = ViewContext(c, site.project.config, site.strings, site.urls, memo)
    page_keys = {page.key for page in site.pages}
    social_dir = site.project.root / CACHE_DIR / SOCIAL_DIR
    plans: list[PicturePlan] = []
    visuals: list[Visual] = []
    records = [("case", r, case_path(r.id)) for r in c.cases.values()] + [
        ("brand", r, brand_path(r.id)) for r in c.brands.values()
    ]
    for kind, record, key in records:
        if key not in page_keys:
            continue

        def make(kind=kind, record=record):
            return _record_plans(site, ctx, kind, record, social_dir)

        inputs = (record, *ctx.media_of(kind, record))
        if kind == "brand":  # a brand's picture shows its cases' industries and arrows (render/seo.py)
            inputs += tuple(
                ctx.grouped("cases by brand", list(c.cases.values()), lambda case: [case.brand]).get(record.id, ())
            )
        record_plans, record_visuals = ctx.kept(("picture plans", kind, record.id), inputs, make)
        plans += record_plans
        visuals += record_visuals
    return plans, visuals


def _record_plans(site: Site, ctx: ViewContext, kind: str, record, social_dir: Path) -> tuple[list, list]:
    """A record's photos; or, when it has none, its designed header."""
    c = site.collection
    photos = [_photo(site, kind, record, i) for i in range(len(record.images)) if (kind, record.id, i) in c.media]
    if photos:
        return photos, []
    # One header for every language: it carries no text.
    lang = site.project.config.default_language
    plan = visual_plan(ctx, kind, record.id, lang, social_dir)
    return [plan], [(plan, card_text(ctx, kind, record.id, lang))]


def _photo(site: Site, kind: str, record, index: int) -> PicturePlan:
    raw = site.collection.raw[(kind, record.id)]
    path = ("images", index, "file")
    line, col = raw.position(path)
    origin = Diagnostic(raw.source.display, line, col, "", "", field=format_field_path(path))
    return photo_plan(
        site.collection.media[(kind, record.id, index)],
        site.project.config.images,
        kind,
        record.id,
        record.images[index].file,
        origin,
    )


def _draw_missing_visuals(visuals: list[Visual]) -> None:
    # The social cards stage (run first by the adapter) has normally drawn them
    # all; this keeps the images stage correct on its own, e.g. in the benchmark.
    draw_cards({plan.source: text for plan, text in visuals if plan.source is not None and not plan.source.is_file()})
