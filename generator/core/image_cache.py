"""The image cache: one manifest, and the derivative files it lists.

Everything here is keyed by content hashes: a picture's entry is found by the
SHA-256 of its bytes plus the settings that shaped the result, so a changed
picture or a changed setting misses the cache and nothing else does.

The manifest (`manifest.json` in the cache folder) holds two tables:
- `probes`: what checking a file found (format, size, orientation, or the
  problem), so an unchanged file is never opened again, not even its header;
- `derivatives`: the files made from one picture with one set of settings.

An unreadable manifest is reported once (through `problems`) and replaced by
an empty one; the derivative files it listed are then made again.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from generator.core.atomic import write_atomically
from generator.core.json_cache import file_stamp

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1

# Each manifest this process read or wrote, by its size and time then: the
# builds of one process (`mkdocs serve`) do not parse an unchanged manifest
# again. Entries are replaced, never changed
# in place, so a shallow copy is a cache's own.
_READ: dict[Path, tuple[tuple[int, int], dict, dict]] = {}


@dataclass
class ImageCache:
    """The manifest of one cache folder, read once, written back with `save`."""

    root: Path
    probes: dict[str, dict] = field(default_factory=dict)
    derivatives: dict[str, dict] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # why the manifest on disk was not used
    changed: bool = False

    @classmethod
    def open(cls, root: Path) -> ImageCache:
        cache = cls(root)
        path = root / MANIFEST
        stamp = file_stamp(path)
        if stamp is None:
            return cache
        kept = _READ.get(path)
        if kept is not None and kept[0] == stamp:  # read or written by this process, unchanged since
            cache.probes, cache.derivatives = dict(kept[1]), dict(kept[2])
            return cache
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            cache.probes, cache.derivatives = _check_manifest(data)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            cache.problems.append(
                f"the image cache manifest {path} is unreadable ({_reason(exc)}); "
                "starting a new one: every picture is processed again"
            )
            cache.changed = True
            return cache
        _READ[path] = (stamp, dict(cache.probes), dict(cache.derivatives))
        return cache

    # -- probes -----------------------------------------------------------------------

    def probe(self, key: str) -> dict | None:
        return self.probes.get(key)

    def put_probe(self, key: str, facts: dict) -> None:
        if self.probes.get(key) != facts:
            self.probes[key] = facts
            self.changed = True

    # -- derivatives --------------------------------------------------------------------

    def files_of(self, key: str) -> list[str] | None:
        """The derivative files made for `key`, if all of them are still on disk."""
        entry = self.derivatives.get(key)
        if entry is None:
            return None
        names = entry.get("files", [])
        if not all(name in self._on_disk for name in names):
            return None
        return names

    def put_files(self, key: str, names: list[str]) -> None:
        self.derivatives[key] = {"files": sorted(names)}
        self._on_disk.update(names)
        self.changed = True

    @cached_property
    def _on_disk(self) -> set[str]:
        """Names ("ab/<file>") of the files in the cache's folders, listed once: 9,000 stats took 0.1 s."""
        names = set()
        for folder in _entries(self.root):
            if folder.is_dir(follow_symlinks=False):
                names.update(
                    f"{folder.name}/{entry.name}"
                    for entry in _entries(Path(folder.path))
                    if entry.is_file(follow_symlinks=False)
                )
        return names

    def path(self, name: str) -> Path:
        return _joined(self.root, name)

    def forget_probes(self, used: set[str]) -> None:
        """Drop what was found about files no record names any more."""
        for key in set(self.probes) - used:
            del self.probes[key]
            self.changed = True

    def forget_derivatives(self, used: set[str]) -> None:
        """Drop entries and files of pictures no page shows any more, so the cache does not grow forever."""
        kept: set[str] = set()
        for key in list(self.derivatives):
            if key in used:
                kept.update(self.derivatives[key].get("files", []))
            else:
                del self.derivatives[key]
                self.changed = True
        for name in self._on_disk - kept:
            (self.root / name).unlink(missing_ok=True)
        self._on_disk &= kept

    def save(self) -> None:
        if not self.changed:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        data = {"format": MANIFEST_FORMAT, "probes": self.probes, "derivatives": self.derivatives}
        path = self.root / MANIFEST
        # Compact: an indent makes json use its pure-Python encoder.
        write_atomically(
            path, json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
        )
        _READ[path] = (file_stamp(path), dict(self.probes), dict(self.derivatives))
        self.changed = False


def notify(message: str) -> None:
    """A line for the person running the build: progress and cache trouble, never content errors."""
    print(f"casebook: {message}", file=sys.stderr, flush=True)


def clear_cache(root: Path) -> int:
    """Remove the cache folder; returns how many files it held."""
    if not root.exists():
        return 0
    count = sum(1 for path in root.rglob("*") if path.is_file())
    shutil.rmtree(root)
    return count


def _check_manifest(data: object) -> tuple[dict, dict]:
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"not a manifest of format {MANIFEST_FORMAT}")
    probes, derivatives = data.get("probes"), data.get("derivatives")
    if not isinstance(probes, dict) or not isinstance(derivatives, dict):
        raise ValueError("no probes or derivatives table")
    if not all(isinstance(v, dict) for v in [*probes.values(), *derivatives.values()]):
        raise ValueError("an entry is not a table")
    if not all(isinstance(v.get("files"), list) for v in derivatives.values()):
        raise ValueError("a derivative entry has no file list")
    return probes, derivatives


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg} at line {exc.lineno}"
    return str(exc) or type(exc).__name__


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:  # no cache folder yet
        return []


@lru_cache(maxsize=1 << 16)
def _joined(root: Path, name: str) -> Path:
    # A site of 1000 cases names 14,000 derivative files every build: joined once a process.
    return root / name
