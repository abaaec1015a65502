"""Helpers for tests against a built site, shared by tests/e2e (import as `sitetools`).

Kept out of conftest.py so tests never `from conftest import ...`: with two
conftest.py files in the suite, that name resolves to whichever was loaded first.
"""
from __future__ import annotations

import os
import subprocess
import sys
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
