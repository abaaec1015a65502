"""The pictures of the whole site: every derivative file, from the cache, made when missing.

The site engine adapter asks for them here (as it asks generator/publish.py
for social cards): photos of published cases and brands, and for records
without photos the derivatives of their designed visual, which is the social
card generator/social.py has drawn (drawn here too if the card is missing).
Nothing here imports MkDocs.
"""
from __future__ import annotations

from pathlib import Path

from .errors import Diagnostic
from .site import CACHE_DIR
from .site import Site
from .social import CardText, draw_cards
from .stages.image_cache import notify
from .stages.images import ImageReport, PicturePlan, make_derivatives
from .stages.validate import format_field_path
from .urls import brand_path, case_path
from .views.base import ViewContext
from .views.pictures import card_text, photo_plan, visual_plan

SOCIAL_DIR = "social"    # under CACHE_DIR: where generator/social.py keeps the cards


def image_files(site: Site, progress=notify) -> tuple[dict[str, Path], ImageReport]:
    """{site URI: file in the cache} for every picture derivative of the site."""
    plans, visuals = site_picture_plans(site)
    _draw_missing_visuals(visuals)
    settings = site.project.config.images
    return make_derivatives(plans, settings, site.project.root / settings.cache_dir, progress=progress)


def site_picture_plans(site: Site) -> tuple[list[PicturePlan], list[tuple[PicturePlan, CardText]]]:
    """Plans of every picture on a case or brand page, and which of them are drawn visuals."""
    c, config = site.collection, site.project.config
    ctx = ViewContext(c, config, site.strings, site.urls)
    page_keys = {page.key for page in site.pages}
    social_dir = site.project.root / CACHE_DIR / SOCIAL_DIR
    plans: list[PicturePlan] = []
    visuals: list[tuple[PicturePlan, CardText]] = []
    records = [("case", r, case_path(r.id)) for r in c.cases.values()] + \
              [("brand", r, brand_path(r.id)) for r in c.brands.values()]
    for kind, record, key in records:
        if key not in page_keys:
            continue
        photos = [_photo(site, kind, record, i) for i in range(len(record.images)) if (kind, record.id, i) in c.media]
        plans += photos
        if photos:
            continue
        for lang in config.language_codes:
            plan = visual_plan(ctx, kind, record.id, lang, social_dir)
            plans.append(plan)
            visuals.append((plan, card_text(ctx, kind, record.id, lang)))
    return plans, visuals


def _photo(site: Site, kind: str, record, index: int) -> PicturePlan:
    raw = site.collection.raw[(kind, record.id)]
    path = ("images", index, "file")
    line, col = raw.position(path)
    origin = Diagnostic(raw.source.display, line, col, "", "", field=format_field_path(path))
    return photo_plan(site.collection.media[(kind, record.id, index)], site.project.config.images, kind,
                      record.id, record.images[index].file, origin)


def _draw_missing_visuals(visuals: list[tuple[PicturePlan, CardText]]) -> None:
    # The social cards stage (run first by the adapter) has normally drawn them
    # all; this keeps the images stage correct on its own, e.g. in the benchmark.
    draw_cards({plan.source: text for plan, text in visuals if plan.source is not None and not plan.source.is_file()})
