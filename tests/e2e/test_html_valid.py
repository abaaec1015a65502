"""Every page of the built site is valid HTML: 0 errors from the Nu HTML Checker (vnu).

vnu is the W3C's checker (npm `vnu-jar`, pinned in package.json, installed by
`make setup` into node_modules/); it runs on Java (Debian's default-jre-headless,
scripts/install-system.sh). Warnings are not counted; errors fail the test with
vnu's own messages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _vnu(paths: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(f"the Nu HTML Checker needs java and {VNU.relative_to(ROOT)}: run `make setup`")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def test_every_page_has_no_html_errors(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    messages = [m for m in _vnu(pages) if m.get("type") == "error"]
    shown = [f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages[:40]]
    assert messages == [], f"{len(messages)} errors:\n" + "\n".join(shown)


def test_the_checker_reports_errors(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en"><title>x</title><input type="checkbox" autocomplete="off">'
        '<label for="x" role="button" aria-label="Menu">m</label><input id="x">',
        encoding="utf-8",
    )
    messages = _vnu([page])
    assert any("autocomplete" in m["message"] for m in messages)
    assert any("label" in m["message"] for m in messages)
