"""A build cache kept in one JSON file: {key: JSON value} valid for one scope.

Used for work that depends only on its input text: a page's search entries,
a page address's QR code. The scope names what else the values depend on
(library versions, a format number); a file written under another scope is
ignored and replaced. The file is read
on first use and written back, atomically, only when something changed. An
unreadable file is a reported problem, never an error: it is rebuilt.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.atomic import write_atomically


def text_key(*parts: str) -> str:
    """A cache key for some text: the SHA-256 of its parts, kept apart by NUL."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


@dataclass
class _Values:
    """A cache file's values as this process knows them, shared by every JsonCache of that file."""

    stamp: tuple[int, int] | None  # the file's size and time when last read or written; None: no file
    scope: str
    values: dict[str, Any]
    unsaved: bool = False  # holds values the file does not


# The builds of one process (`mkdocs serve`) share what they know of each cache
# file: an unchanged file is not parsed again, and what one build made and did not write yet the next one
# finds (serve writes the search caches only when it stops).
_IN_MEMORY: dict[Path, _Values] = {}


class JsonCache:
    def __init__(self, path: Path | None, scope: str):
        self.path = path  # None: kept in memory for this build only
        self.scope = scope
        self.problem: str | None = None  # why the file could not be read
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()
        self._kept: _Values | None = None

    def has(self, key: str) -> bool:
        return key in self._load().values

    def get_or_make(self, key: str, make: Callable[[], Any]) -> Any:
        """The value cached under key, or make() stored there."""
        kept = self._load()
        self._used.add(key)
        if key in kept.values:
            self.hits += 1
            return kept.values[key]
        self.misses += 1
        value = kept.values[key] = make()
        kept.unsaved = True
        return value

    @property
    def opened(self) -> bool:
        """Whether this build asked for any value (and so read the file)."""
        return self._kept is not None

    def keep(self, keys) -> None:
        """Count these keys as asked for by this build: `save(prune=True)` keeps their values."""
        self._used.update(keys)

    def save(self, prune: bool = False) -> bool:
        """Write the file if it lacks anything this process made; True when written.

        `prune` drops the values this build did not ask for, so a cache of
        whole pages does not grow with every edit.
        """
        kept = self._load()
        if prune and len(kept.values) > len(self._used):
            kept.values = {k: v for k, v in kept.values.items() if k in self._used}
            kept.unsaved = True
        if self.path is None or not kept.unsaved:
            return False
        text = json.dumps(
            {"scope": self.scope, "values": dict(sorted(kept.values.items()))},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        write_atomically(self.path, text.encode("utf-8"))
        kept.stamp, kept.unsaved = file_stamp(self.path), False
        return True

    def _load(self) -> _Values:
        if self._kept is None:
            self._kept = self._shared() if self.path is not None else _Values(None, self.scope, {})
        return self._kept

    def _shared(self) -> _Values:
        """What this process knows of the file, read again when another process changed it."""
        stamp = file_stamp(self.path)
        kept = _IN_MEMORY.get(self.path)
        if kept is None or kept.stamp != stamp or kept.scope != self.scope:
            kept = _IN_MEMORY[self.path] = self._read(stamp)
        return kept

    def _read(self, stamp: tuple[int, int] | None) -> _Values:
        if stamp is None:
            return _Values(None, self.scope, {})
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a casebook cache file")
        except (OSError, ValueError) as exc:
            self.problem = f"cache file {self.path} is unreadable ({exc}); rebuilding it"
            return _Values(stamp, self.scope, {}, unsaved=True)
        if data.get("scope") == self.scope and isinstance(data.get("values"), dict):
            return _Values(stamp, self.scope, data["values"])
        return _Values(stamp, self.scope, {}, unsaved=True)  # made for other words or versions, or in an older form


def file_stamp(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time, or None when it is missing: what tells a process it changed."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns
