"""What one build may keep for the next: the Memo protocol, and the memo of a one-off build.

Under `mkdocs serve` the build keeps each record's work while the inputs it
was made from are the same objects (generator/build/memo.py). Every other
build uses NO_MEMO, which keeps nothing: each call makes its result afresh,
so the stages need no branch for "is there a memo".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol


class Memo(Protocol):
    def load_all(self, refs: list[Any], load: Callable[[Any], Any]) -> list[Any]:
        """`load(ref)` for each file, or the last build's result for an unchanged file."""

    def start_views(self, world: tuple) -> None:
        """Views are about to be made; all kept views go when `world` differs from last build's."""

    def view(self, key: Any, inputs: tuple, make: Callable[[], Any]) -> Any:
        """`make()`, or the kept result for `key` while its `inputs` are the same."""

    def finish_views(self, finished: dict[Any, Any]) -> None:
        """The views were made; `finished` are this build's pages."""

    def check(self, key: Any, inputs: tuple, make: Callable[[], Any]) -> Any:
        """`make()` (a record's problems), or the kept ones while its `inputs` are the same."""

    def environment(self, theme_dir: Path, make: Callable[[Path], Any]) -> Any:
        """The body templates' environment for `theme_dir`."""

    def render_all(self, pages: Iterable[Any], render: Callable[[Any], Any]) -> dict[str, Any]:
        """`render(page)` for each page by its src_uri, or the kept result for an equal page."""


class _NoMemo:
    """Keeps nothing: a build outside `mkdocs serve`."""

    def load_all(self, refs, load):
        return [load(ref) for ref in refs]

    def start_views(self, world):
        pass

    def view(self, key, inputs, make):
        return make()

    def finish_views(self, finished):
        pass

    def check(self, key, inputs, make):
        return make()

    def environment(self, theme_dir, make):
        return make(theme_dir)

    def render_all(self, pages, render):
        return {page.src_uri: render(page) for page in pages}


NO_MEMO: Memo = _NoMemo()
