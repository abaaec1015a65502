"""`make bench-images`: casebook's picture derivatives beside plain Pillow, on the same photos.

Writes N SYNTHETIC photos (default 200, about 3000x2000 JPEG, deterministic;
generated here, never under content/, never published) into bench/out/photos/,
then measures, in this order and on the same files:

In rounds (each run on a share of the photos in turn, so that other work on
the machine slows all runs alike):
1. plain Pillow, one process (the baseline of issue 9): open, resize the full
   picture to 480, 960 and 1600 px with LANCZOS, save WebP with Pillow's defaults;
2. casebook making exactly those outputs (WebP at 480/960/1600) with a fresh cache;
3. casebook's full first build with its default settings (check every file,
   then AVIF + WebP + JPEG fallback at each width), fresh cache;
4. the same without AVIF (`images: {avif: false}` in casebook.yml);
5. a rebuild with nothing changed: read and hash every file, find everything
   in the cache; counts the pictures opened (PIL.Image.open) and decoded.

Prints one table. Timing targets are read from this output, never asserted in tests.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from generator.check.media import PROBE_VERSION, probe
from generator.core.image_cache import ImageCache
from generator.graphics import photo_work as image_work
from generator.graphics.photos import make_derivatives, plan_picture
from generator.model.settings import ImageSettings

OUT = Path(__file__).resolve().parent / "out"
BASELINE_WIDTHS = (480, 960, 1600)
BASELINE_NAME = "plain Pillow, 1 process: WebP 480/960/1600"
GENERATOR_VERSION = 1  # bump when the synthetic photos change, so old ones are made again


# -- synthetic photos ---------------------------------------------------------------------------


def synthetic_photo(seed: int, size: tuple[int, int] = (3000, 2000)) -> bytes:
    """A deterministic photo-like JPEG: soft shapes on a gradient, fine grain, ~1 MB at 3000x2000."""
    small = (size[0] // 8, size[1] // 8)
    base = Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").rotate(seed * 37 % 360).resize(small),
            Image.linear_gradient("L").rotate(seed * 71 % 360).resize(small),
            Image.new("L", small, seed * 53 % 256),
        ],
    )
    draw = ImageDraw.Draw(base)
    for i in range(12):
        x, y = (seed * 97 + i * 131) % small[0], (seed * 61 + i * 89) % small[1]
        r = 10 + (seed + i * 7) % 60
        draw.ellipse((x - r, y - r, x + r, y + r), fill=((seed * i * 29) % 256, (i * 47) % 256, (seed * 13) % 256))
    photo = base.filter(ImageFilter.GaussianBlur(2)).resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 24).convert("RGB")
    photo = Image.blend(photo, grain, 0.12)
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _write_photo(args: tuple[int, str, tuple[int, int]]) -> None:
    seed, path, size = args
    Path(path).write_bytes(synthetic_photo(seed, size))


def ensure_photos(count: int, folder: Path, size: tuple[int, int] = (3000, 2000)) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / f".generator-{GENERATOR_VERSION}-{size[0]}x{size[1]}"
    if not stamp.exists():
        shutil.rmtree(folder)
        folder.mkdir(parents=True)
        stamp.touch()
    paths = [folder / f"synthetic-{seed:04d}.jpg" for seed in range(count)]
    missing = [(seed, str(path), size) for seed, path in enumerate(paths) if not path.exists()]
    if missing:
        print(f"writing {len(missing)} synthetic photos to {folder} ...", file=sys.stderr)
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor() as pool:
            list(pool.map(_write_photo, missing, chunksize=4))
    return paths


# -- the measurements -----------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    seconds: float
    files: int
    megabytes: float
    decoded: int | str = "-"
    opened: int | str = "-"
    cpu: float = 0.0  # CPU seconds of the work, in whichever process it ran


def plain_pillow(paths: list[Path], out: Path) -> Row:
    """The baseline: what a script without any of casebook's care would do."""
    out.mkdir(parents=True, exist_ok=True)
    started, cpu_started = time.perf_counter(), time.process_time()
    size = 0
    for path in paths:
        image = Image.open(path)
        for width in BASELINE_WIDTHS:
            resized = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            target = out / f"{path.stem}-{width}.webp"
            resized.save(target, "WEBP")
            size += target.stat().st_size
    return Row(
        BASELINE_NAME,
        time.perf_counter() - started,
        len(paths) * len(BASELINE_WIDTHS),
        size / 1e6,
        len(paths),
        len(paths),
        time.process_time() - cpu_started,
    )


def casebook_run(
    name: str,
    paths: list[Path],
    settings: ImageSettings,
    cache_root: Path,
    *,
    webp_only: bool = False,
    fresh: bool = True,
) -> Row:
    """Check every file as `casebook validate` does, then make the derivatives."""
    if fresh and cache_root.exists():
        shutil.rmtree(cache_root)
    counter = _OpenCounter()
    started, cpu_started = time.perf_counter(), time.process_time()
    with counter:
        plans = _checked_plans(paths, settings, cache_root)
        if webp_only:
            plans = [replace(p, files=tuple(f for f in p.files if f.format == "webp")) for p in plans]
        files, report = make_derivatives(plans, settings, cache_root, progress=lambda _: None)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started + report.cpu_seconds
    size = sum(path.stat().st_size for path in files.values())
    return Row(name, seconds, len(files), size / 1e6, report.decoded, counter.count, cpu)


def _checked_plans(paths: list[Path], settings: ImageSettings, cache_root: Path) -> list:
    """What the media stage does for each file: read, hash, probe (from the cache when known)."""
    cache = ImageCache.open(cache_root)
    max_pixels = int(settings.max_megapixels * 1_000_000)
    plans = []
    for path in paths:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        key = f"{digest}:{max_pixels}:{PROBE_VERSION}"
        facts = cache.probe(key)
        if facts is None:
            facts = probe(data, max_pixels)
            cache.put_probe(key, facts)
        plans.append(
            plan_picture(
                digest=digest,
                source=path,
                width=facts["width"],
                height=facts["height"],
                has_alpha=facts["has_alpha"],
                settings=settings,
                folder="bench",
                name=path.stem,
            )
        )
    cache.save()
    return plans


class _OpenCounter:
    """Counts PIL.Image.open calls in this process (the workers report their decodes themselves)."""

    def __init__(self) -> None:
        self.count = 0
        self._real = Image.open

    def __enter__(self):
        def counting(*args, **kwargs):
            self.count += 1
            return self._real(*args, **kwargs)

        Image.open = counting
        return self

    def __exit__(self, *exc) -> None:
        Image.open = self._real


# -- the table ------------------------------------------------------------------------------------


def print_table(rows: list[Row], count: int, baseline: Row, size: tuple[int, int]) -> None:
    load = os.getloadavg()[0]
    print(
        f"\nPicture derivatives for {count} synthetic {size[0]}x{size[1]} JPEG photos "
        f"({os.cpu_count()} cores, load average {load:.1f} at the end, Pillow {Image.__version__}):\n"
    )
    print(
        "| run | wall time | vs plain Pillow | CPU time | files | MB written | photos decoded "
        "| Image.open in main process |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        speed = f"{baseline.seconds / row.seconds:.1f}x" if row.seconds else "-"
        print(
            f"| {row.name} | {row.seconds:.2f} s ({1000 * row.seconds / count:.0f} ms/photo) | {speed} "
            f"| {row.cpu:.2f} s | {row.files} | {row.megabytes:.1f} | {row.decoded} | {row.opened} |"
        )


# (label, settings, cache tag, WebP only): the first-build runs compared with plain Pillow
FIRST_BUILDS = (
    ("casebook, same outputs (WebP 480/960/1600), first build", ImageSettings(avif=False), "webp", True),
    ("casebook defaults (AVIF + WebP + JPEG), first build", ImageSettings(), "defaults", False),
    ("casebook without AVIF (WebP + JPEG), first build", ImageSettings(avif=False), "no-avif", False),
)


def measure(paths: list[Path], out: Path, rounds: int) -> list[Row]:
    """Every run on every photo, interleaved in rounds of photos.

    Other work on the machine slows whichever run is going on; taking turns on
    a share of the photos each spreads that over all runs alike.
    """
    chunks = [paths[i::rounds] for i in range(rounds)]
    results: dict[str, list[Row]] = {}
    for number, chunk in enumerate(chunks):
        results.setdefault("baseline", []).append(plain_pillow(chunk, out / "plain"))
        for label, settings, tag, webp_only in FIRST_BUILDS:
            results.setdefault(label, []).append(
                casebook_run(label, chunk, settings, out / f"cache-{tag}-{number}", webp_only=webp_only)
            )
    rebuild = "casebook defaults, rebuild with no change"
    results[rebuild] = [
        casebook_run(rebuild, chunk, ImageSettings(), out / f"cache-defaults-{number}", fresh=False)
        for number, chunk in enumerate(chunks)
    ]
    return [_sum(rows) for rows in results.values()]


def _sum(rows: list[Row]) -> Row:
    def total(name: str):
        values = [getattr(row, name) for row in rows]
        return sum(values) if all(isinstance(v, (int, float)) for v in values) else values[0]

    return Row(
        rows[0].name,
        total("seconds"),
        total("files"),
        total("megabytes"),
        total("decoded"),
        total("opened"),
        total("cpu"),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200, help="how many synthetic photos (default 200)")
    parser.add_argument("--out", type=Path, default=OUT, help="working folder (default bench/out)")
    parser.add_argument("--size", default="3000x2000", help="photo size WxH (default 3000x2000)")
    parser.add_argument("--rounds", type=int, default=4, help="runs take turns on this many shares of the photos")
    args = parser.parse_args(argv)
    size = tuple(int(n) for n in args.size.split("x"))
    paths = ensure_photos(args.count, args.out / "photos", size)
    rows = measure(paths, args.out, max(1, min(args.rounds, len(paths))))
    print_table(rows, len(paths), rows[0], size)
    print(
        f"\nEncoders: WebP method {image_work.WEBP_METHOD}, AVIF speed {image_work.AVIF_SPEED}, "
        f"resampling {image_work.RESAMPLE.name}. Runs took turns in {args.rounds} rounds. "
        f"Photos: {args.out / 'photos'} (synthetic, never published)."
    )


if __name__ == "__main__":
    main()
