"""Stage 3b: the picture files records refer to, checked before anything decodes them.

For every `images[i].file` of a case or brand, in this order, each failure a
Diagnostic at the `file:` value's `line:col`:

1. the path is relative and has no `..` (`unsafe-path`);
2. resolved (symbolic links followed) it stays inside content/ (`unsafe-path`);
3. the file exists (`missing-image`) and is at most `max_megabytes` (`image-too-large`);
4. its bytes say JPEG, PNG or WebP (`not-an-image`), whatever its name says; a name
   that says another of the three (a PNG named .jpg) is a warning
   (`image-type-mismatch`): the picture is fine and is published by its real
   type, but the name misleads the next person, so `--strict` fails on it;
5. its header declares at most `max_megapixels` (`image-too-many-pixels`): checked
   before any pixel is decoded, so a decompression bomb costs nothing;
6. it decodes to the end (`truncated-image`, `unreadable-image`): JPEG at 1/8
   scale, PNG by its chunk checksums, so the check stays cheap.

What a check found is cached by the file's SHA-256 (core/image_cache.py): an
unchanged file is read and hashed, never opened again. Nothing here raises for
bad content; Pillow's own errors become Diagnostics.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageFile

from generator.core.errors import Diagnostic
from generator.core.fill import fill
from generator.core.image_cache import ImageCache, notify
from generator.model.collection import Collection
from generator.model.fields import format_field_path
from generator.model.raw import RawRecord
from generator.model.settings import ImageSettings, Project

MEDIA_DIR = "media"  # under content/: content/media/<record-id>/<file>
PROBE_VERSION = 1  # bump when _probe learns something new, so cached results are redone
ACCEPTED = ("JPEG", "PNG", "WEBP")
_EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# EXIF orientations 5-8 turn the picture a quarter: width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}


@dataclass(frozen=True)
class SourceImage:
    """A checked picture: what the derivative stage and the page views need."""

    path: Path  # resolved, inside content/
    display: str  # as people see it: content/media/<id>/<file>
    digest: str  # SHA-256 of the file's bytes
    format: str  # JPEG, PNG or WEBP (the real type)
    width: int  # as shown, after EXIF orientation
    height: int
    has_alpha: bool  # transparent pixels are possible: the fallback is PNG, not JPEG


def media_folder(content_dir: Path, record_id: str) -> Path:
    return content_dir / MEDIA_DIR / record_id


def check_media(
    collection: Collection, project: Project, cache: ImageCache | None = None
) -> tuple[dict[tuple[str, str, int], SourceImage], list[Diagnostic]]:
    """Check every picture file of every case and brand.

    Returns the pictures that passed, by (kind, record id, index), and every
    problem found. The cache (opened here when not given) is saved.
    """
    media = {}
    settings = project.config.images
    cache = cache if cache is not None else ImageCache.open(project.root / settings.cache_dir)
    checker = _MediaChecker(project, settings, cache)
    for (kind, record_id), raw in sorted(collection.raw.items()):
        record = {"case": collection.cases, "brand": collection.brands}.get(kind, {}).get(record_id)
        for index, image in enumerate(getattr(record, "images", []) if record is not None else []):
            found = checker.check(raw, record_id, index, image.file)
            if found is not None:
                media[(kind, record_id, index)] = found
    cache.forget_probes(checker.used_probes)
    _save_quietly(cache)
    return media, checker.diagnostics


class _MediaChecker:
    def __init__(self, project: Project, settings: ImageSettings, cache: ImageCache):
        self.content_dir = project.content_dir
        self.content_root = project.content_dir.resolve()
        self.root = project.root
        self.settings = settings
        self.cache = cache
        self.diagnostics: list[Diagnostic] = []
        self.used_probes: set[str] = set()

    def check(self, raw: RawRecord, record_id: str, index: int, file: str) -> SourceImage | None:
        where = _Where(raw, ("images", index, "file"), self.diagnostics)
        folder = media_folder(self.content_dir, record_id)
        shown = (Path(self.content_dir.name) / MEDIA_DIR / record_id / file).as_posix()
        if not self._check_path_text(where, file, folder):
            return None
        path = (folder / file).resolve()
        if not path.is_relative_to(self.content_root):
            where.error(
                "unsafe-path",
                f"'{file}' leads outside content/ (through a symbolic link)",
                "put the picture itself in the record's media folder, not a link to it",
            )
            return None
        data = self._read(where, path, shown, folder)
        if data is None:
            return None
        digest = hashlib.sha256(data).hexdigest()
        facts = self._facts(data, digest)
        if "problem" in facts:
            code, message, hint = facts["problem"]
            where.error(code, fill(message, file=shown), hint)
            return None
        self._check_name(where, file, facts["format"])
        return SourceImage(path, shown, digest, facts["format"], facts["width"], facts["height"], facts["has_alpha"])

    def _check_path_text(self, where: _Where, file: str, folder: Path) -> bool:
        pure = PurePosixPath(file)
        if pure.is_absolute() or "\\" in file or (len(file) > 1 and file[1] == ":"):
            where.error(
                "unsafe-path",
                f"'{file}' is an absolute path",
                f"give the path relative to {_shown_folder(folder, self.root)}/",
            )
            return False
        if ".." in pure.parts:
            where.error(
                "unsafe-path",
                f"'{file}' goes up a folder with '..'",
                f"put the picture in {_shown_folder(folder, self.root)}/ and give its name",
            )
            return False
        return True

    def _read(self, where: _Where, path: Path, shown: str, folder: Path) -> bytes | None:
        limit = int(self.settings.max_megabytes * 1_000_000)
        try:
            if not path.is_file():
                where.error("missing-image", f"{shown} not found", _nearby_files(folder, self.root))
                return None
            size = path.stat().st_size
            if size > limit:
                where.error(
                    "image-too-large",
                    f"{shown} is {size / 1e6:.1f} MB; the limit is {self.settings.max_megabytes:g} MB",
                    f"make it smaller (the site never shows more than {max(self.settings.widths)} pixels wide)",
                )
                return None
            return path.read_bytes()
        except OSError as exc:
            where.error("unreadable-image", f"cannot read {shown}: {exc.strerror or exc}")
            return None

    def _facts(self, data: bytes, digest: str) -> dict:
        max_pixels = int(self.settings.max_megapixels * 1_000_000)
        key = f"{digest}:{max_pixels}:{PROBE_VERSION}"
        self.used_probes.add(key)
        facts = self.cache.probe(key)
        if facts is None:
            facts = probe(data, max_pixels)
            self.cache.put_probe(key, facts)
        return facts

    def _check_name(self, where: _Where, file: str, real: str) -> None:
        suffix = PurePosixPath(file).suffix.lower()
        named = _EXTENSIONS.get(suffix)
        if named == real:
            return
        better = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[real]
        what = f"its name says {_FORMAT_NAMES[named]}" if named else f"its name ends in '{suffix or '(nothing)'}'"
        where.warning(
            "image-type-mismatch",
            f"'{file}' is a {_FORMAT_NAMES[real]} file, but {what}",
            f"rename it to {PurePosixPath(file).with_suffix(better).name}",
        )


@dataclass
class _Where:
    """Where a picture's problems are reported: the `file:` value of the record."""

    raw: RawRecord
    path: tuple
    out: list[Diagnostic]

    def error(self, code: str, message: str, hint: str = "") -> None:
        self._add(code, message, hint, "error")

    def warning(self, code: str, message: str, hint: str = "") -> None:
        self._add(code, message, hint, "warning")

    def _add(self, code: str, message: str, hint: str, severity: str) -> None:
        line, col = self.raw.position(self.path)
        self.out.append(
            Diagnostic(
                self.raw.source.display,
                line,
                col,
                code,
                message,
                field=format_field_path(self.path),
                hint=hint,
                severity=severity,
            )
        )


# -- what the bytes are ------------------------------------------------------------------


def sniff(data: bytes) -> str | None:
    """The real type from the first bytes: JPEG, PNG, WEBP, or the name of another type, or None."""
    head = data[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    others = {
        b"GIF8": "GIF",
        b"II*\x00": "TIFF",
        b"MM\x00*": "TIFF",
        b"%PDF": "PDF",
        b"BM": "BMP",
        b"<svg": "SVG",
        b"<?xml": "XML (SVG?)",
    }
    for magic, name in others.items():
        if head.startswith(magic):
            return name
    if head[4:8] == b"ftyp":
        return "HEIC" if head[8:12] in (b"heic", b"heix", b"mif1", b"msf1") else head[8:12].decode("latin-1").upper()
    return None


def probe(data: bytes, max_pixels: int) -> dict:
    """What a file is: {format, width, height, has_alpha} or {problem: [code, message, hint]}.

    `{file}` in a message stands for the file's name; the caller fills it in.
    """
    kind = sniff(data)
    if kind not in ACCEPTED:
        found = f"a {kind} file" if kind else "not a picture Casebook can read"
        return _problem(
            "not-an-image",
            f"{{file}} is {found}; only JPEG, PNG and WebP are accepted",
            "save it as JPEG (photos) or PNG (drawings), whatever its name says",
        )
    try:
        return _probe_pixels(data, kind, max_pixels)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_many_pixels(None, max_pixels)
    except Exception as exc:  # noqa: BLE001 - whatever Pillow raises on hostile bytes is a content problem
        if "truncated" in str(exc).lower() or isinstance(exc, EOFError):
            return _problem(
                "truncated-image",
                "{file} is cut short: the picture's data ends too early",
                "copy or export the file again; it was probably not completely transferred",
            )
        return _problem(
            "unreadable-image",
            f"{{file}} cannot be read as {_FORMAT_NAMES[kind]}: {exc}",
            "open it in an image editor and save it again as JPEG or PNG",
        )


def _probe_pixels(data: bytes, kind: str, max_pixels: int) -> dict:
    # Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; we set it
    # to our limit, make the warning an error, and check the size ourselves too.
    Image.MAX_IMAGE_PIXELS = max_pixels
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            width, height = image.size
            if width * height > max_pixels:
                return _too_many_pixels((width, height), max_pixels)
            if getattr(image, "is_animated", False):
                return _problem(
                    "animated-image",
                    "{file} is animated; only still pictures are published",
                    "save one frame of it as JPEG or PNG",
                )
            orientation = image.getexif().get(0x0112, 1)
            has_alpha = _has_alpha(image)
            if kind != "PNG":
                _decode_cheaply(image, kind)
        if kind == "PNG":  # PNG's verify() must come straight after open
            with Image.open(io.BytesIO(data), formats=[kind]) as fresh:
                _decode_cheaply(fresh, kind)
    if orientation in _QUARTER_TURNS:
        width, height = height, width
    return {"format": kind, "width": width, "height": height, "has_alpha": has_alpha}


def _decode_cheaply(image: Image.Image, kind: str) -> None:
    """Read the picture to its end, as cheaply as its format allows, to find truncation."""
    if kind == "JPEG":
        image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
    elif kind == "PNG":
        image.verify()  # every chunk's checksum, up to IEND, without inflating pixels
    else:
        image.load()


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _too_many_pixels(size: tuple[int, int] | None, max_pixels: int) -> dict:
    declared = f" ({size[0]} x {size[1]})" if size else ""
    return _problem(
        "image-too-many-pixels",
        f"{{file}} declares more than {max_pixels / 1e6:g} megapixels{declared}",
        "scale it down to at most a few thousand pixels wide; the site shows at most 1600",
    )


def _problem(code: str, message: str, hint: str) -> dict:
    return {"problem": [code, message, hint]}


def _nearby_files(folder: Path, root: Path) -> str:
    shown = _shown_folder(folder, root)
    if not folder.is_dir():
        return f"put the picture in {shown}/"
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return f"files in {shown}/: {', '.join(names[:8])}" if names else f"{shown}/ is empty"


def _shown_folder(folder: Path, root: Path) -> str:
    try:
        return folder.relative_to(root).as_posix()
    except ValueError:
        return folder.as_posix()


def _save_quietly(cache: ImageCache) -> None:
    for problem in cache.problems:
        notify(problem)
    cache.problems.clear()
    try:
        cache.save()
    except OSError as exc:  # a read-only checkout can still be validated
        notify(f"could not write the image cache: {exc}")
