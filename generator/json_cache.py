"""A build cache kept in one JSON file: {key: JSON value} valid for one scope.

Used for work that depends only on its input text: jieba's cuts of a string,
a page's search entries, a page address's QR code. The scope names what else
the values depend on (library versions, our word list, a format number); a
file written under another scope is ignored and replaced. The file is read
on first use and written back, atomically, only when something changed. An
unreadable file is a reported problem, never an error: it is rebuilt.

Nothing here imports MkDocs.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable

from .atomic import write_atomically


def text_key(*parts: str) -> str:
    """A cache key for some text: the SHA-256 of its parts, kept apart by NUL."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


# What this process last read from or wrote to each cache file, with the
# file's size and time then: the builds of one process (`mkdocs serve`) do not
# parse an unchanged file again (0.1 s for the search entries of 2,000 pages).
_IN_MEMORY: dict[Path, tuple[tuple[int, int], str, dict]] = {}   # path -> (size and time, scope, values)


class JsonCache:
    def __init__(self, path: Path | None, scope: str):
        self.path = path      # None: kept in memory for this build only
        self.scope = scope
        self.problem: str | None = None   # why the file could not be read
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()
        self._values: dict[str, Any] | None = None
        self._changed = False

    def has(self, key: str) -> bool:
        return key in self._load()

    def get_or_make(self, key: str, make: Callable[[], Any]) -> Any:
        """The value cached under key, or make() stored there."""
        values = self._load()
        self._used.add(key)
        if key in values:
            self.hits += 1
            return values[key]
        self.misses += 1
        value = values[key] = make()
        self._changed = True
        return value

    def save(self, prune: bool = False) -> bool:
        """Write the file if anything changed; True when written.

        `prune` drops the values this build did not ask for, so a cache of
        whole pages does not grow with every edit.
        """
        values = self._load()
        if prune and len(values) > len(self._used):
            self._values = values = {k: v for k, v in values.items() if k in self._used}
            self._changed = True
        if self.path is None or not self._changed:
            return False
        text = json.dumps({"scope": self.scope, "values": dict(sorted(values.items()))},
                          ensure_ascii=False, separators=(",", ":"))
        write_atomically(self.path, text.encode("utf-8"))
        _IN_MEMORY[self.path] = (_stamp(self.path), self.scope, values)
        self._changed = False
        return True

    def _load(self) -> dict[str, Any]:
        if self._values is not None:
            return self._values
        self._values = {}
        if self.path is None or not self.path.is_file():
            return self._values
        kept = _IN_MEMORY.get(self.path)
        if kept is not None and kept[0] == _stamp(self.path) and kept[1] == self.scope:
            self._values = kept[2]
            return self._values
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a casebook cache file")
        except (OSError, ValueError) as exc:
            self.problem = f"cache file {self.path} is unreadable ({exc}); rebuilding it"
            self._changed = True
            return self._values
        if data.get("scope") == self.scope and isinstance(data.get("values"), dict):
            self._values = data["values"]
            _IN_MEMORY[self.path] = (_stamp(self.path), self.scope, self._values)
        else:
            self._changed = True   # made for other words or versions, or in an older form
        return self._values


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns
