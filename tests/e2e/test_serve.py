"""`mkdocs serve` rebuilds a case page when its YAML file changes, and serves before the social cards are drawn."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body and text in body:
            return True
        time.sleep(0.2)
    return False


def test_serve_rebuilds_when_a_record_changes(fixture_site_project):
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=fixture_site_project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/en/cases/example-case/"
    try:
        assert _wait_for(url, "<h1>Example case</h1>", 60), "the site was not served"
        case = fixture_site_project / "content/cases/example-case.yml"
        case.write_text(
            case.read_text(encoding="utf-8").replace("en: Example case", "en: Renamed example case"), encoding="utf-8"
        )
        assert _wait_for(url, "<h1>Renamed example case</h1>", 30), "the page was not rebuilt"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            response.read()
            return response.status
    except OSError:
        return None


def test_serve_answers_first_and_adds_the_cards_and_fonts_by_itself(fixture_site_project):
    """From an empty cache: the site answers after a build without social cards or the cut Han font; the
    server then builds again by itself (no file changed), with them."""
    port = _free_port()
    # with an address, as a site to be published: without one no social card is drawn at all
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CASEBOOK_SITE_URL": "https://example.org/casebook/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=fixture_site_project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    root = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(root + "en/cases/example-case/", "<h1>Example case</h1>", 60), "the site was not served"
        assert _wait_for(root + "assets/fonts/fonts.css", 'font-family: "Noto Sans TC"', 120), "the Han font never came"
        assert _status(root + "assets/social/en/cases/example-case.jpg") == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
    log = server.stderr.read()
    first, _, later = log.partition("served; making")
    assert "left for later" in first and "social cards: 0 drawn" in first
    assert "0 left for later" in later and "Han font files" in later
