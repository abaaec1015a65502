"""Half of the pages MkDocs renders, rendered in a second process beside it.

MkDocs renders its pages one after the other in one process: after a change
to the theme's page frame, 2,000 pages at 1,000 cases were 2.6 s of a 4.4 s
build on two cores, with the second core idle. So, where the system can fork
(Linux, macOS) and the machine has a second core, the plugin's on_env hands
every other page to render to a forked copy of the build, which renders them
exactly as MkDocs would (MkDocs' own `_build_page`, with every plugin's
hooks) and writes them into the site folder, while MkDocs renders the rest;
those pages are taken out of MkDocs' files so it does not render them again.
The build waits for the copy before its post-build work. When the copy fails
for any reason, the build renders its pages itself, so an error is reported
once, as MkDocs reports it.

Not under `mkdocs serve` nor in a server's thread (the kit builder's): a fork
copies only the thread that forks (and an edit renders a few pages anyway).

The one place that uses MkDocs' private `_build_page`: tests/e2e/test_page_cache.py
and the byte-for-byte build tests fail when a MkDocs release changes it.
"""

from __future__ import annotations

import logging
import os
import signal
import threading

from mkdocs.commands.build import _build_page
from mkdocs.structure.files import Files

MIN_PAGES = 200  # below this, forking costs more than it saves
log = logging.getLogger("mkdocs.plugins.casebook")


def can_fork() -> bool:
    """Whether this build may fork: a second core, a system that forks, and the build running in
    its program's main thread (`casebook build`, `mkdocs build`), not in a thread of a server such
    as the kit builder's (a fork copies only the thread that forks)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.current_thread() is threading.main_thread()


class SecondRenderer:
    """Pages rendered by a forked copy of the build (see the module's text)."""

    def __init__(self) -> None:
        self._pid: int | None = None
        self._pages: list = []
        self._args: tuple = ()

    def start(self, files: Files, src_uris: set[str], config, nav, env) -> None:
        """Fork a copy that renders every other page of `src_uris` (pages MkDocs is to render); take
        those pages out of `files`. Nothing happens for fewer than MIN_PAGES pages."""
        doc_files = files.documentation_pages()
        chosen = [file for file in doc_files if file.src_uri in src_uris][1::2]
        if len(chosen) < MIN_PAGES // 2:
            return
        self._pages = [file.page for file in chosen]
        self._args = (config, list(doc_files), nav, env)
        self._pid = os.fork()
        if self._pid == 0:  # the copy: render, write, and leave without running anything else
            os._exit(self._render_here(quiet=True))
        for file in chosen:
            files.remove(file)

    def _render_here(self, quiet: bool = False) -> int:
        config, doc_files, nav, env = self._args
        if quiet:  # a failure is reported by the build, which renders these pages again
            logging.disable(logging.CRITICAL)
        try:
            for page in self._pages:
                _build_page(page, config, doc_files, nav, env)
        except BaseException:  # noqa: BLE001 - the build renders these pages itself and reports it
            return 1
        return 0

    def abandon(self) -> None:
        """The build failed: stop the copy and forget its pages."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            self._pid = None

    def finish(self) -> None:
        """Wait for the copy; if it failed, render its pages here (raising what MkDocs raises)."""
        if self._pid is None:
            return
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            log.info("the second process rendering pages failed; rendering its pages here")
            config, doc_files, nav, env = self._args
            for page in self._pages:
                _build_page(page, config, doc_files, nav, env)
