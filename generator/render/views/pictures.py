"""Pictures on case and brand pages: what theme/casebook/partials/picture.html receives.

A record's first image is its page's header; the others follow as figures.
A record without images gets its designed visual (generator/graphics/visuals.py:
its motifs, the panel of its social card) as the header, one SVG file for
every language. That visual shows nothing the page does not say in text, so
it is decorative: its alt text is empty (WCAG 2.2, technique H67), and
screen readers skip it.

Plans come from graphics/photos.plan_picture, the same function the build uses
to make the files, so every URL here names a file the build writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.check.media import SourceImage
from generator.graphics.drawing import HEADER_SIZE, CardText
from generator.graphics.photos import IMAGES_URI, PicturePlan, plan_picture
from generator.graphics.visuals import header_digest
from generator.model.records import Brand, Case
from generator.render.seo import CardWriter
from generator.render.views.base import ViewContext

# The header and figures fill the content column: the whole screen on a phone,
# at most about 48rem (768 px at 16 px) on a wide screen.
SIZES = "(min-width: 60em) 48rem, 100vw"
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png", "svg": "image/svg+xml"}


@dataclass(frozen=True)
class Candidate:
    url: str  # site-relative
    width: int


@dataclass(frozen=True)
class SourceSet:
    type: str  # MIME type, e.g. image/avif
    candidates: list[Candidate]


@dataclass(frozen=True)
class PictureView:
    sources: list[SourceSet]  # AVIF (when made) and WebP, best first
    fallback: SourceSet  # JPEG, or PNG for pictures with transparency
    src: str  # the fallback the <img> names itself
    width: int  # of the src file: with height, reserves the space (no layout shift)
    height: int
    sizes: str
    alt: str  # "" for a decorative visual
    caption: str = ""
    credit: str = ""
    licence: str = ""
    header: bool = False  # the page's header: loaded at once, not lazily
    generated: bool = False  # the designed visual, not a photo

    @property
    def vector(self) -> bool:
        """One SVG file for every width: no srcset to choose from."""
        return self.fallback.type == MIME["svg"]


@dataclass(frozen=True)
class RecordPictures:
    header: PictureView
    figures: list[PictureView]


def record_pictures(ctx: ViewContext, kind: str, record: Case | Brand, lang: str) -> RecordPictures:
    """The header and the other pictures of a case or brand page in one language."""
    photos = [
        _photo_view(ctx, kind, record, index, lang, header=index == 0)
        for index in range(len(record.images))
        if (kind, record.id, index) in ctx.collection.media
    ]
    if photos:
        return RecordPictures(photos[0], photos[1:])
    return RecordPictures(_visual_view(ctx, kind, record, lang), [])


def _photo_view(
    ctx: ViewContext, kind: str, record: Case | Brand, index: int, lang: str, *, header: bool
) -> PictureView:
    image = record.images[index]
    plan = photo_plan(ctx.collection.media[(kind, record.id, index)], ctx.config.images, kind, record.id, image.file)
    return _view(
        plan,
        alt=ctx.text(image.alt, lang),
        caption=ctx.text(image.caption, lang),
        credit=ctx.text(image.credit, lang),
        licence=image.licence,
        header=header,
    )


def _visual_view(ctx: ViewContext, kind: str, record: Case | Brand, lang: str) -> PictureView:
    uri = visual_uri(ctx, kind, record.id, lang)
    width, height = HEADER_SIZE
    fallback = SourceSet(MIME["svg"], [Candidate(uri, width)])
    return PictureView([], fallback, uri, width, height, SIZES, alt="", header=True, generated=True)


# -- plans: shared with the build (generator/build/site_images.py) --------------------------------------


def photo_plan(source: SourceImage, settings, kind: str, record_id: str, file: str, origin=None) -> PicturePlan:
    return plan_picture(
        digest=source.digest,
        source=source.path,
        width=source.width,
        height=source.height,
        has_alpha=source.has_alpha,
        settings=settings,
        folder=f"{kind}s/{record_id}",
        name=Path(file).stem,
        origin=origin,
    )


def visual_uri(ctx: ViewContext, kind: str, record_id: str, lang: str) -> str:
    """Where a record's header visual goes in the site: named by the hash of what it shows."""
    return visual_uri_of(kind, record_id, visual_digest(ctx, kind, record_id, lang))


def visual_uri_of(kind: str, record_id: str, digest: str) -> str:
    return f"{IMAGES_URI}/{kind}s/{record_id}/visual.{digest[:10]}.svg"


def visual_digest(ctx: ViewContext, kind: str, record_id: str, lang: str) -> str:
    return header_digest(card_text(ctx, kind, record_id, lang))


def card_text(ctx: ViewContext, kind: str, record_id: str, lang: str) -> CardText:
    """What a record's header visual is drawn from: its motifs (the same in every language)."""
    writer = ctx.once(("card writer", lang), lambda: CardWriter(ctx.collection, ctx.config, ctx.strings, lang))
    return writer.header(kind, record_id)


def _view(
    plan: PicturePlan,
    *,
    alt: str,
    caption: str = "",
    credit: str = "",
    licence: str = "",
    header: bool = False,
    generated: bool = False,
) -> PictureView:
    sources = [SourceSet(MIME[fmt], _candidates(plan, fmt)) for fmt in ("avif", "webp") if plan.of_format(fmt)]
    fallback = SourceSet(MIME[plan.fallback_format], _candidates(plan, plan.fallback_format))
    # The <img> itself names a middle width: enough for most screens, and any
    # browser that reads srcset picks better.
    src = next((c for c in fallback.candidates if c.width >= 960), fallback.candidates[-1])
    src_file = next(f for f in plan.of_format(plan.fallback_format) if f.width == src.width)
    return PictureView(
        sources,
        fallback,
        src.url,
        src_file.width,
        src_file.height,
        SIZES,
        alt,
        caption,
        credit,
        licence,
        header,
        generated,
    )


def _candidates(plan: PicturePlan, fmt: str) -> list[Candidate]:
    return [Candidate(f.uri, f.width) for f in sorted(plan.of_format(fmt), key=lambda f: f.width)]
