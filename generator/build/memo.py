"""What a long-running process (`mkdocs serve`) keeps from one build for the next.

Under `mkdocs serve` every saved file rebuilds the whole site, yet one edit
changes one record. So a serve process keeps:
- each record file's loaded and validated record, by its size and
  modification time: an unchanged file is not parsed or validated again;
- the checks of each record that read nothing but the record, its file and
  the site's languages and sources;
- what is made from one record (a case's page in each language, its card,
  open-data texts, status row, picture plans; each page's sitemap entry and
  page-cache key), each with the records it was made from: a case page whose
  case and related cases are the very records of last build is not made
  again while everything else views read (settings, strings, places, terms,
  sources, brands, exhibitions: the `world`) is unchanged;
- the body-template environment, and each page's rendered body with the Page
  it was rendered from: a page equal to last build's (same view, title,
  links and alternates) is not rendered again while the template folder is
  unchanged;
- what each site file of the last good build was made from, so that a build
  into the kept site folder (`serve --dirty`) writes only what changed and
  removes what is gone.
What spans records (the checks across records, the list and index pages,
the open-data files listing every case) is joined afresh from these parts,
so the result is the site a fresh build makes.
A fresh process (`casebook build`) starts with none of this; whole prepared
sites are kept between such builds by build/snapshot.py.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from generator.build.page_cache import tree_digest
from generator.model.raw import SourceRef
from generator.render.views.base import Page

if TYPE_CHECKING:
    from generator.build.pipeline import LoadedFile


class RebuildMemo:
    def __init__(self) -> None:
        self._files: dict[Path, tuple[tuple, LoadedFile]] = {}
        self._templates: tuple[str, jinja2.Environment] | None = None  # (template folder digest, env)
        self._rendered: dict[str, tuple[Page, Any]] = {}  # src_uri -> (page, RenderedPage)
        self._world: tuple | None = None
        self._views = _Kept()
        self._checks = _Kept()
        self._outputs: dict[str, Any] = {}  # the last build's site files -> what each was made from
        self._pending: dict[str, Any] = {}  # this build's, until it is done
        self.files_reused = 0
        self.pages_reused = 0

    def load_all(self, refs: list[SourceRef], load: Callable[[SourceRef], LoadedFile]) -> list[LoadedFile]:
        """`load(ref)` for each file, or what it gave last build when the file is unchanged."""
        kept, self._files = self._files, {}
        self.files_reused = 0
        self._checks.start(keep=True)  # a build begins
        results = []
        for ref in refs:
            version = _version(ref)
            old = kept.get(ref.path)
            if version is not None and old is not None and old[0] == version:
                loaded = old[1]
                self.files_reused += 1
            else:
                loaded = load(ref)  # also when the file vanished: load() reports that
            if version is not None:
                self._files[ref.path] = (version, loaded)
            results.append(loaded)
        return results

    def start_views(self, world: tuple) -> None:
        """A build's views begin. `world` is what every kept view may read besides its own inputs;
        when it differs from last build's (a changed setting, string or place), no view is kept."""
        self._views.start(keep=world == self._world)
        self._world = world

    def view(self, key: Any, inputs: tuple, make: Callable[[], Any]) -> Any:
        """`make()`, or last build's result under `key` when each input, and the world, are the same as then."""
        return self._views.get(key, inputs, make)

    def finish_views(self, finished: dict[Any, Any]) -> None:
        """Keep the results as the build finished them (a page with its language versions linked)."""
        self._views.finish(finished)

    def check(self, key: Any, inputs: tuple, make: Callable[[], Any]) -> Any:
        """`make()`, or last build's result under `key` when each input is the same as then.

        For checks of one record, which read nothing but their inputs.
        """
        return self._checks.get(key, inputs, make)

    @property
    def views_reused(self) -> int:
        return self._views.reused

    def environment(self, theme_dir: Path, make: Callable[[Path], jinja2.Environment]) -> jinja2.Environment:
        """The body-template environment; a new one, and no kept bodies, when the theme folder changed."""
        digest = tree_digest(theme_dir)
        if self._templates is None or self._templates[0] != digest:
            self._templates = (digest, make(theme_dir))
            self._rendered = {}
        return self._templates[1]

    def render_all(self, pages: list[Page], render: Callable[[Page], Any]) -> dict[str, Any]:
        """`render(page)` for each page (by src_uri), or last build's result for an equal page."""
        kept, self._rendered = self._rendered, {}
        self.pages_reused = 0
        results = {}
        for page in pages:
            old = kept.get(page.src_uri)
            if old is not None and (old[0] is page or old[0] == page):
                result = old[1]
                self.pages_reused += 1
            else:
                result = render(page)
            self._rendered[page.src_uri] = (page, result)
            results[page.src_uri] = result
        return results

    def site_files(self, files: dict[str, Any]) -> tuple[set[str], set[str]]:
        """This build's site files against the last build's.

        `files` maps each site file to what it is made from: the cache file
        it links to (a cache file's name changes with its bytes), its bytes,
        or None when that is not known. Returns the files the last build made
        and this one does not (a deleted case's page, say), which a build that
        keeps the site folder (`mkdocs serve --dirty`) removes so that the
        served site is the one a clean build makes; and the files made from
        the same thing as last build, which it need not write again.
        """
        stale = self._outputs.keys() - files.keys()
        unchanged = {path for path, source in files.items() if source is not None and self._outputs.get(path) == source}
        self._pending = files
        return stale, unchanged

    def build_ended(self, succeeded: bool) -> None:
        """The build ended; one that failed part-way leaves what its files hold unknown."""
        if succeeded:
            self._outputs = self._pending
        else:  # the next build writes every file again, and still removes what is gone
            self._outputs = dict.fromkeys([*self._outputs, *self._pending])
        self._pending = {}


class _Kept:
    """Results by key, each with the inputs it was made from: this build's, and the last build's."""

    def __init__(self) -> None:
        self.before: dict[Any, tuple[tuple, Any]] = {}
        self.now: dict[Any, tuple[tuple, Any]] = {}
        self.reused = 0

    def start(self, keep: bool) -> None:
        self.before = self.now if keep else {}
        self.now = {}
        self.reused = 0

    def get(self, key: Any, inputs: tuple, make: Callable[[], Any]) -> Any:
        # Records of unchanged files are the very objects of last build (load_all):
        # comparing them costs an identity check.
        old = self.before.get(key)
        if old is not None and len(old[0]) == len(inputs) and all(a is b or a == b for a, b in zip(old[0], inputs)):
            result = old[1]
            self.reused += 1
        else:
            result = make()
        self.now[key] = (inputs, result)
        return result

    def finish(self, finished: dict[Any, Any]) -> None:
        for key, result in finished.items():
            if key in self.now:
                self.now[key] = (self.now[key][0], result)


def _version(ref: SourceRef) -> tuple | None:
    try:
        stat = os.stat(ref.path)
    except OSError:
        return None
    return ref.display, ref.kind, stat.st_size, stat.st_mtime_ns, stat.st_ino
