"""Work a build under `mkdocs serve` leaves until the site is served: no preview needs it.

Two kinds. The first build's (DeferredWork):

On a fresh clone the first build has no cache. Social cards (one JPEG per
record and language, fetched only by link previews) and the Han font's cut
files (a reader's own CJK font is listed first anyway) took most of it: 10 s
of a 15 s first build of the six real cases, mostly the font. So that build
names only what is in the cache already, the site answers, and this work runs
beside the server; the build it then asks for links the files in, and from
then on every build is the site a clean build makes. A build started meanwhile
(an edit) waits for this work instead of doing it again.

A build after an edit (AfterBuild): the site's search index and the Han font's
cut for the pages it changed are written just after the build returns, and
the edited page is served meanwhile; they were half of such a build (1.1 s of
2.3 s at 1,000 cases). The next build, and the end of serve, wait for them.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.graphics.cards import draw_cards
from generator.graphics.drawing import CardText
from generator.publish.fonts import FontCuts


@dataclass
class DeferredWork:
    cards: dict[Path, CardText] = field(default_factory=dict)  # cache file -> what it shows
    fonts: FontCuts | None = None
    _thread: threading.Thread | None = None

    def __bool__(self) -> bool:
        return bool(self.cards or self.fonts)

    def describe(self) -> str:
        fonts = sum(len(parts) for parts in self.fonts.parts.values()) if self.fonts else 0
        return f"{len(self.cards)} social cards and {fonts} Han font files"

    def run(self) -> None:
        draw_cards(self.cards)
        if self.fonts:
            self.fonts.run()

    def start(self, done: Callable[[], None]) -> None:
        """Run the work in a thread, then call `done` (which asks the server for a build)."""

        def work() -> None:
            try:
                self.run()
            finally:  # failed: that build does the work itself, and says what is wrong
                done()

        self._thread = threading.Thread(target=work, name="casebook deferred work", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Until the work is done (at once when it never started)."""
        if self._thread is not None:
            self._thread.join()


class AfterBuild:
    """The part of a serve build that runs once the build has returned (see the module's text)."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self, work: Callable[[], None], failed: Callable[[BaseException], None]) -> None:
        """Run `work` in a thread; `failed(error)` reports what it raised (no build is there to fail)."""

        def run() -> None:
            try:
                work()
            except BaseException as error:  # noqa: BLE001 - reported, as a build would report it
                failed(error)

        self.wait()
        self._thread = threading.Thread(target=run, name="casebook after-build work", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Until the work started last is done (at once when none runs)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
