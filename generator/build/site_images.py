"""The pictures of the whole site: every derivative file, from the cache, made when missing.

The site engine adapter asks for them here (as it asks generator/build/outputs.py
for social cards): photos of published cases and brands, and for records
without photos their designed header, one SVG file each
(generator/graphics/visuals.py), written into the cache when missing: vector
shapes, so nothing is drawn into pixels, encoded or decoded.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.build.site import CACHE_DIR, Site
from generator.core.atomic import write_atomically
from generator.core.errors import Diagnostic
from generator.core.image_cache import notify
from generator.core.memo import NO_MEMO, Memo
from generator.graphics.drawing import CardText
from generator.graphics.photos import ImageReport, PicturePlan, make_derivatives
from generator.graphics.visuals import header_digest, header_svg
from generator.model.fields import format_field_path
from generator.render.urls import brand_path, case_path
from generator.render.views.base import ViewContext
from generator.render.views.pictures import card_text, photo_plan, visual_uri_of

HEADERS_DIR = "headers"  # under CACHE_DIR: one SVG file per header, named by its hash
Visual = tuple[str, CardText]  # a designed header's site URI, and what it is drawn from


def image_files(site: Site, progress=notify, memo: Memo = NO_MEMO) -> tuple[dict[str, Path], ImageReport]:
    """{site URI: file in the cache} for every picture derivative of the site.

    `memo` (under `mkdocs serve`) gives back the plans of unchanged records.
    """
    plans, visuals = site_picture_plans(site, memo)
    settings = site.project.config.images
    files, report = make_derivatives(plans, settings, site.project.root / settings.cache_dir, progress=progress)
    files.update(header_files(visuals, site.project.root / CACHE_DIR / HEADERS_DIR))
    return files, report


def header_files(visuals: list[Visual], cache_dir: Path) -> dict[str, Path]:
    """{site URI: SVG file in the cache} of every designed header, writing those not written before.

    About a millisecond each, so they are written here, in this process. One
    listing of the folder, not a stat per header (an unchanged rebuild).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    written = {entry.name for entry in os.scandir(cache_dir)}
    files = {}
    for uri, text in visuals:
        path = cache_dir / f"{header_digest(text)}.svg"
        if path.name not in written:
            write_atomically(path, header_svg(text))
        files[uri] = path
    return files


def site_picture_plans(site: Site, memo: Memo = NO_MEMO) -> tuple[list[PicturePlan], list[Visual]]:
    """Plans of every photo on a case or brand page, and the designed headers of the records without."""
    c = site.collection
    ctx = ViewContext(c, site.project.config, site.strings, site.urls, memo)
    page_keys = {page.key for page in site.pages}
    plans: list[PicturePlan] = []
    visuals: list[Visual] = []
    records = [("case", r, case_path(r.id)) for r in c.cases.values()] + [
        ("brand", r, brand_path(r.id)) for r in c.brands.values()
    ]
    for kind, record, key in records:
        if key not in page_keys:
            continue

        def make(kind=kind, record=record):
            return _record_plans(site, ctx, kind, record)

        inputs = (record, *ctx.media_of(kind, record))
        if kind == "brand":  # a brand's picture shows its cases' industries and arrows (render/seo.py)
            inputs += tuple(
                ctx.grouped("cases by brand", list(c.cases.values()), lambda case: [case.brand]).get(record.id, ())
            )
        record_plans, record_visuals = ctx.kept(("picture plans", kind, record.id), inputs, make)
        plans += record_plans
        visuals += record_visuals
    return plans, visuals


def _record_plans(site: Site, ctx: ViewContext, kind: str, record) -> tuple[list, list]:
    """A record's photos; or, when it has none, its designed header."""
    c = site.collection
    photos = [_photo(site, kind, record, i) for i in range(len(record.images)) if (kind, record.id, i) in c.media]
    if photos:
        return photos, []
    # One header for every language: it carries no text.
    text = card_text(ctx, kind, record.id, site.project.config.default_language)
    return [], [(visual_uri_of(kind, record.id, header_digest(text)), text)]


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
