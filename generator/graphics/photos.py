"""Stage 6: picture derivatives for the site, made once and kept in a content-hash cache.

`plan_picture` says, without touching a file, which derivatives a picture
gets (widths never larger than the picture, AVIF where Pillow has it and the
settings allow, WebP, and a JPEG fallback, PNG for pictures with transparency)
and where each goes in the site. Views use the plan for `<picture>` markup;
`make_derivatives` makes the files that the cache does not already hold,
one worker process per core, and says how many pictures it decoded: an
unchanged rebuild decodes none.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

import PIL
from PIL import features

from generator.core.errors import Diagnostic
from generator.core.image_cache import ImageCache, notify
from generator.graphics.photo_work import AVIF_SPEED, RESAMPLE, WEBP_METHOD, Job, JobResult, PlannedFile, run_job
from generator.model.settings import ImageSettings

PIPELINE_VERSION = 1  # bump when image_work changes what it writes
IMAGES_URI = "assets/images"
PROGRESS_EVERY = 10  # a progress line every this many pictures made


@dataclass(frozen=True)
class PicturePlan:
    """Every derivative of one picture, and where they go."""

    key: str  # hash of the source's digest and the settings: names the cache entry
    source: Path | None  # the file decoded when the cache misses (None: URLs only, for views)
    width: int  # of the picture as shown
    height: int
    files: tuple[PlannedFile, ...]
    origin: Diagnostic | None  # where a failure is reported (the record's `file:` value)

    def of_format(self, fmt: str) -> list[PlannedFile]:
        return [f for f in self.files if f.format == fmt]

    @property
    def fallback_format(self) -> str:
        return "png" if self.of_format("png") else "jpeg"


# -- planning ---------------------------------------------------------------------------------


def avif_enabled(settings: ImageSettings) -> bool:
    return settings.avif and _pillow_has_avif()


@lru_cache(maxsize=1)
def _pillow_has_avif() -> bool:
    return bool(features.check("avif"))


def settings_signature(settings: ImageSettings) -> str:
    """Everything besides the source's bytes that shapes a derivative's bytes."""
    return _signature(
        tuple(sorted(settings.widths)),
        avif_enabled(settings),
        (settings.avif_quality, settings.webp_quality, settings.jpeg_quality),
    )


@lru_cache(maxsize=64)  # asked for every picture of every build, of a few settings
def _signature(widths: tuple[int, ...], avif: bool, quality: tuple[int, int, int]) -> str:
    shaping = {
        "widths": list(widths),
        "avif": avif,
        "quality": list(quality),
        "coding": [AVIF_SPEED, WEBP_METHOD, str(RESAMPLE)],
        "pipeline": PIPELINE_VERSION,
        "pillow": PIL.__version__,
        "libraries": [features.version(name) for name in ("jpg", "webp", "avif", "littlecms2")],
    }
    return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()


def target_widths(width: int, wanted: Iterable[int]) -> list[int]:
    """The widths to make for a picture `width` pixels wide: never wider than the picture."""
    return sorted({min(w, width) for w in wanted})


def plan_picture(
    *,
    digest: str,
    source: Path | None,
    width: int,
    height: int,
    has_alpha: bool,
    settings: ImageSettings,
    folder: str,
    name: str,
    origin: Diagnostic | None = None,
) -> PicturePlan:
    """The derivatives of one picture; `folder/name` makes its site URIs readable."""
    key = hashlib.sha256(f"{digest}:{settings_signature(settings)}".encode()).hexdigest()
    formats = (["avif"] if avif_enabled(settings) else []) + ["webp", "png" if has_alpha else "jpeg"]
    files = []
    for target in target_widths(width, settings.widths):
        target_height = max(1, round(height * target / width))
        for fmt in formats:
            ext = "jpg" if fmt == "jpeg" else fmt
            files.append(
                PlannedFile(
                    f"{key[:2]}/{key}-{target}.{ext}",
                    f"{IMAGES_URI}/{folder}/{name}-{target}w.{key[:10]}.{ext}",
                    target,
                    target_height,
                    fmt,
                )
            )
    return PicturePlan(key, source, width, height, tuple(files), origin)


# -- making the files -----------------------------------------------------------------------------


@dataclass
class ImageReport:
    pictures: int = 0
    reused: int = 0
    made: int = 0
    decoded: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over the worker processes
    problems: list[Diagnostic] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # keys of pictures that could not be made


Progress = Callable[[str], None]


def make_derivatives(
    plans: list[PicturePlan],
    settings: ImageSettings,
    cache_root: Path,
    *,
    workers: int | None = None,
    progress: Progress = notify,
) -> tuple[dict[str, Path], ImageReport]:
    """{site URI: file in the cache} for every planned derivative; makes only what is missing."""
    started = time.perf_counter()
    cache = ImageCache.open(cache_root)
    for problem in cache.problems:
        progress(problem)
    unique = {plan.key: plan for plan in plans}
    report = ImageReport(pictures=len(unique))
    missing = [plan for plan in unique.values() if cache.files_of(plan.key) is None]
    report.reused = len(unique) - len(missing)
    if missing:
        _make_missing(missing, settings, cache, report, workers, progress)
    cache.forget_derivatives(set(unique) - report.failed)
    cache.save()
    report.seconds = time.perf_counter() - started
    files = {f.uri: cache.path(f.name) for plan in plans for f in plan.files if plan.key not in report.failed}
    return dict(sorted(files.items())), report


def _make_missing(
    missing: list[PicturePlan],
    settings: ImageSettings,
    cache: ImageCache,
    report: ImageReport,
    workers: int | None,
    progress: Progress,
) -> None:
    jobs = [_job(plan, settings) for plan in missing]
    count = min(workers or settings.workers or os.cpu_count() or 1, len(jobs))
    progress(
        f"images: {len(jobs)} of {report.pictures} pictures to process "
        f"({report.reused} from the cache), {count} worker{'s' if count != 1 else ''}"
    )
    by_key = {plan.key: plan for plan in missing}
    for done, result in enumerate(_run_jobs(jobs, cache.root, count), start=1):
        report.decoded += result.decoded
        report.cpu_seconds += result.cpu_seconds
        if result.error:
            report.problems.append(_failure(by_key[result.key], result))
            report.failed.add(result.key)
        else:
            cache.put_files(result.key, list(result.names))
            report.made += 1
        if done % PROGRESS_EVERY == 0 or done == len(jobs):
            progress(f"images: {done}/{len(jobs)} processed")
    report.problems.sort()


def _job(plan: PicturePlan, settings: ImageSettings) -> Job:
    qualities = (
        ("avif", settings.avif_quality),
        ("webp", settings.webp_quality),
        ("jpeg", settings.jpeg_quality),
        ("png", 0),
    )
    return Job(plan.key, plan.source, plan.files, qualities, int(settings.max_megapixels * 1_000_000))


def _run_jobs(jobs: list[Job], cache_root: Path, workers: int) -> Iterator[JobResult]:
    """Results as they are done; in this process when there is one worker or one job."""
    if workers <= 1:
        for job in jobs:
            yield run_job(job, cache_root)
        return
    # forkserver: forking a process that runs threads (mkdocs serve does) can deadlock.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver")) as pool:
        futures = {pool.submit(run_job, job, cache_root): job for job in jobs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:  # a worker died: out of memory, or a decoder crashed on the file
                yield JobResult(
                    futures[future].key,
                    decoded=1,
                    error="the process making it stopped (out of memory, or the decoder crashed)",
                )


def _failure(plan: PicturePlan, result: JobResult) -> Diagnostic:
    origin = plan.origin or Diagnostic(str(plan.source), 0, 0, "", "")
    return Diagnostic(
        origin.path,
        origin.line,
        origin.col,
        "unreadable-image",
        f"{plan.source.name} could not be made into site images: {result.error}",
        field=origin.field,
        hint="open it in an image editor and save it again as JPEG or PNG",
    )
