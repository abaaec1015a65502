"""The work on one picture: decode once, correct, resize down a chain, encode. Runs in worker processes.

Why it is fast:
- JPEG is decoded with `draft()` at the smallest scale (1/2, 1/4, 1/8) that is
  still at least as large as the largest derivative, so libjpeg skips most of
  the work for large photos;
- each smaller width is resized from the previous one, not from the original;
- the stage runs one of these per core.

Why it is safe: EXIF orientation is applied to the pixels, colour is converted
to sRGB (CMYK too) and then every piece of metadata is dropped (EXIF with its
GPS block, XMP, ICC, comments): the encoders are given a picture with an empty
`info`, and told no exif/icc explicitly. The same input gives the same bytes.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps

from generator.core.atomic import write_atomically

# LANCZOS is the sharpest of Pillow's filters for reduction; each step of the
# chain reduces by at most about 2x, where it costs little more than BICUBIC.
RESAMPLE = Image.Resampling.LANCZOS
AVIF_SPEED = 8  # libaom speed 0-10: 8 is ~3x faster than the default 6 for ~5% larger files
# libwebp effort 0-6 (default 4): 2 encodes ~3x faster; measured at quality 80
# (bench/out photos and one real photo), files ~5% larger and PSNR ~0.25 dB lower
# than effort 4 (README, "Photos").
WEBP_METHOD = 2


@dataclass(frozen=True)
class PlannedFile:
    name: str  # file name in the cache folder, e.g. "ab/ab12...-960.webp"
    uri: str  # where it goes in the site, e.g. "assets/images/kouhu/pond-960w.ab12cd34ef.webp"
    width: int
    height: int
    format: str  # avif, webp, jpeg or png


@dataclass(frozen=True)
class Job:
    key: str  # the derivative key (source digest + settings)
    source: Path  # the file to decode
    files: tuple[PlannedFile, ...]
    qualities: tuple[tuple[str, int], ...]  # format -> quality
    max_pixels: int


@dataclass(frozen=True)
class JobResult:
    key: str
    names: tuple[str, ...] = ()
    decoded: int = 0
    error: str = ""
    cpu_seconds: float = 0.0  # CPU time of the work, whichever process did it (for the benchmark)


def run_job(job: Job, cache_root: Path) -> JobResult:
    """Make every file of one picture in the cache; an error is returned, never raised."""
    started = time.process_time()
    try:
        image = _decode(job)
        outputs = _encode_all(image, job)
    except Exception as exc:  # noqa: BLE001 - a picture that passed the checks can still fail to decode
        return JobResult(job.key, error=f"{type(exc).__name__}: {exc}", decoded=1)
    for name, data in outputs.items():
        write_atomically(cache_root / name, data)
    return JobResult(job.key, tuple(sorted(outputs)), decoded=1, cpu_seconds=time.process_time() - started)


def _decode(job: Job) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = job.max_pixels
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    largest = max(job.files, key=lambda f: f.width)
    with Image.open(job.source) as image:
        if image.format == "JPEG":
            image.draft(_draft_mode(image.mode), _stored_size(image, (largest.width, largest.height)))
        image.load()
        image = ImageOps.exif_transpose(image)  # a copy, turned the way the camera was held
    return _to_srgb(image)


def _draft_mode(mode: str) -> str:
    # libjpeg converts YCbCr to RGB itself; other modes (CMYK, L) stay as stored.
    return "RGB" if mode in ("RGB", "YCbCr") else mode


def _stored_size(image: Image.Image, shown: tuple[int, int]) -> tuple[int, int]:
    """The size to ask the decoder for, in the file's own orientation."""
    orientation = image.getexif().get(0x0112, 1)
    return (shown[1], shown[0]) if orientation in (5, 6, 7, 8) else shown


# -- colour ----------------------------------------------------------------------------------


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB, with no metadata left on it."""
    icc = image.info.get("icc_profile")
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    target = "RGBA" if alpha else "RGB"
    converted = _apply_profile(image, icc, target) if icc else None
    if converted is None:
        converted = image.convert(target) if image.mode != target else image.copy()
    converted.info = {}
    return converted


def _apply_profile(image: Image.Image, icc: bytes, target: str) -> Image.Image | None:
    """Convert through the embedded ICC profile; None if the profile cannot be used (then
    the pixel values are taken as sRGB, which is what a browser would do)."""
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(target)
    if target == "RGBA" and image.mode != "RGBA":
        image = image.convert("RGBA")
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, profile, _srgb(), renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode=target
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


@lru_cache(maxsize=1)
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


# -- sizes and formats ----------------------------------------------------------------------


def _encode_all(image: Image.Image, job: Job) -> dict[str, bytes]:
    qualities = dict(job.qualities)
    outputs: dict[str, bytes] = {}
    current = image
    for width in sorted({f.width for f in job.files}, reverse=True):
        files = [f for f in job.files if f.width == width]
        size = (width, files[0].height)
        if current.size != size:
            current = current.resize(size, RESAMPLE)
        for planned in files:
            outputs[planned.name] = encode(current, planned.format, qualities[planned.format])
    return outputs


def encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    """One derivative's bytes; no metadata is written (exif and icc given as empty on purpose)."""
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=quality, method=WEBP_METHOD, exif=b"", icc_profile=None, xmp=b"")
    elif fmt == "avif":
        image.save(
            buffer, "AVIF", quality=quality, speed=AVIF_SPEED, max_threads=1, exif=b"", xmp=b"", icc_profile=None
        )
    elif fmt == "jpeg":
        # The fallback for browsers without WebP: baseline (not progressive) JPEG costs a third.
        image.save(buffer, "JPEG", quality=quality, optimize=True, icc_profile=None, exif=b"")
    else:
        image.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()
