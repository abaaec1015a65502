"""`mkdocs serve`: what our plugin changes about MkDocs' live-reload server.

The one place that reaches into MkDocs' server (its `observer` and
`build_delay` attributes and its rebuild condition, which are not public
APIs): tests/e2e/test_serve_builds.py fails when a MkDocs release changes
what this relies on.
"""

from __future__ import annotations

from watchdog.observers.polling import PollingObserver

SERVE_POLLING = 0.25  # seconds between two looks for changed files under `mkdocs serve`


def poll_more_often(server, watched: list[str]) -> None:
    """Look for changed files every SERVE_POLLING seconds instead of MkDocs' 0.5, and build at once.

    An edit waits for the next look, 0.25 s on average at 0.5 s, a sixth of
    an edit build at 1000 cases. Still polling, as MkDocs chose, so changes
    in folders that send no file events (Docker and WSL mounts, network drives)
    are seen too; looking at 1,100 files takes about 20 ms. MkDocs watched
    some paths before this hook: they move to the new observer (it starts
    when serving starts).
    """
    moved = []
    for path in watched:
        try:
            server.unwatch(path)
            moved.append(path)
        except KeyError:  # not watched (the theme's folders without --watch-theme)
            pass
    server.observer = PollingObserver(timeout=SERVE_POLLING)
    for path in moved:
        server.watch(path)
    # MkDocs waits 0.1 s after a change for more changes before it builds. A look every
    # 0.25 s sees an editor's save (a write, a rename) whole, or in two looks 0.25 s apart,
    # which that wait would not join either: it only delayed every edit.
    server.build_delay = 0


def request_rebuild(server) -> None:
    """Ask the server for a build, as a changed file does (work deferred by the first build is done)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()
