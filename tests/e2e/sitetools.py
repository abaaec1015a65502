"""Helpers for tests against a built site, shared by tests/e2e (import as `sitetools`).

Kept out of conftest.py so tests never `from conftest import ...`: with two
conftest.py files in the suite, that name resolves to whichever was loaded first.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
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
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )


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
    (target / "mkdocs.yml").write_text(
        mkdocs_yml.replace("custom_dir: theme", f"custom_dir: {theme}"), encoding="utf-8"
    )
    shutil.copytree(ROOT / "docs", target / "docs")
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")


class _CompressingHandler(_QuietHandler):
    """Text sent gzip-compressed when the browser accepts it, as static hosts do; fonts and pictures as they are."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in COMPRESSED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def fontconfig_without_cjk(folder: Path) -> dict:
    """An environment for Chromium whose fontconfig ignores every installed font covering Chinese:
    a reader's system without a CJK font, where the site's own Han font is all there is."""
    files = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout.split()
    globs = "".join(f"<glob>{name.rstrip(':')}</glob>" for name in files if name.strip(":"))
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <selectfont><rejectfont>{globs}</rejectfont></selectfont>\n"
        f"  <cachedir>{folder}/cache</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


@contextmanager
def serve_folder(folder: Path, compress: bool = False):
    """Serves `folder` on 127.0.0.1 at a free port (text gzip-compressed if `compress`); yields the base URL."""
    handler = functools.partial(_CompressingHandler if compress else _QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
