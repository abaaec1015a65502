"""Whole rendered pages, kept by a hash of everything they are made from.

A page's HTML is a function of its own data (front matter, body, context), of
the navigation of its language, and of the site engine's settings, theme files
and versions (the scope). When none of these changed since the page was last
rendered, the site engine is spared rendering it: the file written then is
put in the site as it is. Unchanged pages are most pages of most builds (a
new case changes only its own pages and the indexes), and in `mkdocs serve`
an edit re-renders only the pages it touched.

The cache is a folder of `<key>.html` files, written atomically. A build
removes the files no build has used for a day (a file's time is set when a
build uses it): not all unused ones, because `mkdocs serve` and a build may
run at once on the same cache. Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from generator.core.atomic import write_atomically
from generator.core.json_cache import text_key

# Bump when what goes into a key changes.
FORMAT = "2"  # 2: a key is the scope and one digest of the page's parts
UNUSED_FOR = 24 * 3600  # seconds before a page no build used is removed
SWEEP_EVERY = 3600  # seconds between two sweeps of the folder
SWEPT = ".swept"  # in the folder: touched by each sweep


def tree_digest(*folders: Path, pattern: str = "*") -> str:
    """A digest of the names and bytes of every file under the folders matching pattern."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0")
            with path.open("rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


class PageCache:
    def __init__(self, folder: Path, scope: str):
        self.folder = folder
        self.scope = text_key(FORMAT, scope)
        self.reused = 0
        self.rendered = 0
        self._used: set[str] = set()

    def key(self, *parts: str) -> str:
        """The key of a page made from these parts (its data, its language's navigation)."""
        return self.use(text_key(self.scope, *parts))

    def use(self, key: str) -> str:
        """Mark a key as this build's (pruning keeps it); returns it."""
        self._used.add(key)
        return key

    def lookup(self, key: str) -> Path | None:
        """The file of the page rendered under key, if there is one."""
        path = self.folder / f"{key}.html"
        try:
            os.utime(path)  # used now
        except OSError:
            return None
        self.reused += 1
        return path

    def adopt(self, key: str, written: Path) -> None:
        """Keep a page the engine has just written to the site, as a link to that file.

        The engine must never write that file in place again (it would change
        the cached page too): the adapter removes a site file before the engine
        writes one at its path.
        """
        self.rendered += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.{os.getpid()}.part"
        try:
            os.link(written, partial)
        except FileNotFoundError:
            return  # the engine wrote nothing (an empty page)
        except OSError:  # another file system: a copy
            write_atomically(self.folder / f"{key}.html", written.read_bytes())
            return
        os.replace(partial, self.folder / f"{key}.html")

    def prune(self) -> int:
        """Remove the pages no build has used for UNUSED_FOR seconds; returns how many.

        The folder is swept at most once an hour (the time of the last sweep
        is that of its SWEPT file): a sweep reads the time of every page,
        0.6 s at 2,000 pages when the disk cache is cold, and `mkdocs serve`
        builds after every edit.
        """
        marker = self.folder / SWEPT
        if not self.folder.is_dir() or (marker.exists() and time.time() - marker.stat().st_mtime < SWEEP_EVERY):
            return 0
        marker.touch()
        removed = 0
        before = time.time() - UNUSED_FOR
        for path in self.folder.glob("*.html"):
            try:
                if path.stem not in self._used and path.stat().st_mtime < before:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                pass  # removed by a build running beside this one
        return removed
