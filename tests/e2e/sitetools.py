"""Helpers for tests against a built site, shared by tests/e2e (import as `sitetools`).

Kept out of conftest.py so tests never `from conftest import ...`: with two
conftest.py files in the suite, that name resolves to whichever was loaded first.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site_dir)], cwd=project, capture_output=True, text=True, env=env)


FIXTURE_PROJECT = ROOT / "tests" / "fixtures" / "project"


class OfflinePage:
    """A browser page that blocks every request not to localhost and records them."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("requestfailed", self._failed)
        self.page.on("console", self._console)

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:", "file:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _failed(self, request):
        # A request still running when the page navigates away ends as
        # ERR_ABORTED (e.g. Material's search worker); that is not a failure.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} ({request.failure})")

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def close(self):
        self.context.close()


def copy_fixture_project(target: Path, theme: Path = ROOT / "theme") -> Path:
    """The synthetic fixture project copied to `target`, ready for `mkdocs build` with `theme`."""
    shutil.copytree(FIXTURE_PROJECT, target)
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(mkdocs_yml.replace("custom_dir: theme", f"custom_dir: {theme}"),
                                       encoding="utf-8")
    shutil.copytree(ROOT / "docs", target / "docs")
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def serve_folder(folder: Path):
    """Serves `folder` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
