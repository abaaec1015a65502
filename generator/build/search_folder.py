"""Each language's sharded search index written into the site, kept between builds.

A build in which no page's searched text changed (a rebuild, a change to the
page frame or the styles) makes the same index files again: about 4,700 at
1,000 cases. Making them takes seconds (every page's terms, then a file
each); so they are kept in the cache under the digest of what they are made
from, and put in the site as hard links, as pages and pictures are
(engine/mkdocs/cached_files.py). Under serve the site folder stays from build
to build: a build after an edit writes only the files that changed, and keeps
nothing (4,700 files per edit would cost more than they save).

Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

from generator.build import search_index
from generator.core.atomic import write_folder_atomically
from generator.publish import search_shards, variants

SETTINGS = ".settings.json"  # beside the files, never linked into the site
_PREFIX = "index-"


class IndexFolders:
    """Index folders kept in `cache_dir` (None: nothing kept), one per language and content."""

    def __init__(self, cache_dir: Path | None):
        self.cache_dir = cache_dir
        self.reused = 0  # languages whose files came from the cache
        self._used: set[str] = set()

    def kept(self, inputs) -> bool:
        """Whether an index made from `inputs` is kept."""
        return self.cache_dir is not None and (self.cache_dir / (_PREFIX + _digest(inputs))).is_dir()

    def write(self, target: Path, inputs, make: Callable[[], tuple[dict[str, str], dict]], keep: bool) -> dict:
        """Make `target` hold an index: the one kept for the same `inputs` (plain data: what the files
        are made from), or the files and settings `make()` gives (see shard_files); returns the settings.

        `keep`: store newly made files in the cache (false under serve).
        """
        kept = self.cache_dir / (_PREFIX + _digest(inputs)) if self.cache_dir else None
        if kept is not None:
            self._used.add(kept.name)
            if kept.is_dir():
                self.reused += 1
                link_folder(kept, target)
                return json.loads((kept / SETTINGS).read_text(encoding="utf-8"))
        files, settings = make()
        if kept is not None and keep and write_folder_atomically(kept, {**files, SETTINGS: json.dumps(settings)}):
            link_folder(kept, target)
        else:
            sync_folder(target, files)
        return settings

    def prune(self) -> None:
        """Remove the kept folders this build did not use (a build uses one per language)."""
        if self.cache_dir is None or not self.cache_dir.is_dir():
            return
        for folder in self.cache_dir.iterdir():
            if folder.name.startswith(_PREFIX) and folder.name not in self._used:
                shutil.rmtree(folder, ignore_errors=True)


def _digest(inputs) -> str:
    """A digest of what the files are made from, and of the code that makes them."""
    digest = hashlib.blake2b(_code(), digest_size=20)
    digest.update(json.dumps(inputs, ensure_ascii=False, separators=(",", ":"), default=vars).encode("utf-8"))
    return digest.hexdigest()


@cache
def _code() -> bytes:
    return b"".join(Path(module.__file__).read_bytes() for module in (search_shards, variants, search_index))


def link_folder(source: Path, target: Path) -> None:
    """`target` holds exactly the files of `source` (but its settings), as hard links to them
    (copies when links cannot be made: another file system)."""
    target.mkdir(parents=True, exist_ok=True)
    names = {entry.name for entry in os.scandir(source) if entry.name != SETTINGS}
    for old in target.iterdir():
        if old.name not in names:
            old.unlink()
    for name in names:
        path, kept = target / name, source / name
        if path.exists():
            if path.samefile(kept):
                continue
            path.unlink()
        try:
            os.link(kept, path)
        except OSError:
            shutil.copyfile(kept, path)


def sync_folder(folder: Path, files: dict[str, str]) -> None:
    """The folder holds exactly `files`: those of the last build that are the same are not written
    again (under serve, an edit changes a few of a thousand), the others removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():  # only files this module wrote
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        path, data = folder / name, text.encode("utf-8")
        if not path.is_file() or path.stat().st_size != len(data) or path.read_bytes() != data:
            path.unlink(missing_ok=True)  # it may be a link into the cache: never write through it
            path.write_bytes(data)
