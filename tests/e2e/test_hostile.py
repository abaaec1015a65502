"""Hostile records build into safe output: nothing executable in ANY output file.

The fixture is the synthetic project with hostile text put into every kind of
field people fill in (titles, summaries, Markdown stories, names, labels).
Every file the build writes is then scanned: HTML is parsed, JSON and XML are
parsed and their strings checked, CSV cells are checked for formula injection.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from sitetools import build_site, copy_fixture_project

PLAIN_ATTACKS = [
    "<script>alert('xss-title')</script>",
    "\"><img src=x onerror=alert('xss-attr')>",
    "{{ 7*7 }} {% raw %}",
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\u202eevil\u202c direction override",
    "</script><script>alert('xss-json')</script>",
]
MARKDOWN_ATTACK = """Intro <script>alert('xss-md')</script>

<img src="x" onerror="alert('xss-img')"> <iframe src="https://evil.example"></iframe>

<style>body{display:none}</style> <p style="position:fixed">styled</p>

[js link](javascript:alert('xss-link')) [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[mixed case](JaVaScRiPt:alert('xss-case')) <a href="vbscript:msgbox(1)">vb</a>

<!-- <script>alert('xss-comment')</script> --> <svg onload="alert('xss-svg')"></svg>

<div onclick="alert('xss-click')">div</div> [ok](https://example.org/) [relative](../example/)
"""


def _attack(i: int) -> str:
    return PLAIN_ATTACKS[i % len(PLAIN_ATTACKS)]


def _poison(value, counter):
    """Replace every localized text (a mapping of language -> text) with attacks."""
    if isinstance(value, dict):
        if value and all(k in ("zh-TW", "en") for k in value) and all(isinstance(v, str) for v in value.values()):
            counter[0] += 1
            return {lang: f"{_attack(counter[0])} {text}"[:300] for lang, text in value.items()}
        return {k: _poison(v, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, counter) for v in value]
    return value


def make_hostile(project: Path) -> None:
    counter = [0]
    for path in sorted((project / "content").rglob("*.yml")):
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        data = _poison(yaml.safe_load(path.read_text(encoding="utf-8")), counter)
        if "story" in data:
            data["story"] = {lang: MARKDOWN_ATTACK for lang in data["story"]}
        if "aliases" in data:
            data["aliases"] = PLAIN_ATTACKS[:3]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(first_line + "\n" + text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_fixture_project(tmp_path_factory.mktemp("hostile") / "project")
    make_hostile(project)
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
HOSTILE_MARKERS = ("alert(", "xss-")


class _HtmlScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = self._in_data = False

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed", "frame", "applet", "base"):
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            # Data for a script (type="application/json") may hold record text: it is never run, and
            # it cannot end its element because the JSON has no '<' (core/json_text.inert_json).
            self._in_script = dict(attrs).get("type") != "application/json"
            self._in_data = not self._in_script
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and DANGEROUS_URL.match(value):
                if not (tag == "img" and value.startswith("data:image/")):
                    self.problems.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "style" and value and any(m in value for m in ("position:fixed", "display:none")):
                self.problems.append(f"<{tag} style={value!r}> from content")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = self._in_data = False

    def handle_data(self, data):
        if self._in_script and any(marker in data for marker in HOSTILE_MARKERS):
            self.problems.append(f"hostile text inside <script>: {data.strip()[:60]!r}")
        if self._in_data and "<" in data:
            self.problems.append(f"'<' inside script data: {data.strip()[:60]!r}")

    def handle_comment(self, data):
        if "<script" in data.lower():
            self.problems.append("script hidden in an HTML comment")


def _scan_html(text: str) -> list[str]:
    scanner = _HtmlScanner()
    scanner.feed(text)
    return scanner.problems


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _scan_search_index(text: str) -> list[str]:
    """Material shows search results as HTML: every string must be safe HTML."""
    return [problem for string in _strings(json.loads(text)) for problem in _scan_html(string)]


def _scan_json(text: str) -> list[str]:
    """Data files hold plain text; a raw < or > would make them unsafe to paste into a page."""
    json.loads(text)
    return [f"raw markup character in JSON data: {m.group(0)!r}" for m in re.finditer(r"[<>]", text)][:3]


def _scan_xml(text: str) -> list[str]:
    root = ElementTree.fromstring(text)
    problems = []
    for element in root.iter():
        if element.text and element.get("type") == "html":
            problems += _scan_html(element.text)
    return problems


def _scan_csv(text: str) -> list[str]:
    problems = []
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@") and not re.fullmatch(r"-?\d+(\.\d+)?", cell):
                problems.append(f"formula injection in CSV cell: {cell[:40]!r}")
    return problems


SCANNERS = {
    ".html": _scan_html,
    ".json": _scan_json,
    ".xml": _scan_xml,
    ".csv": _scan_csv,
    ".svg": _scan_html,
    ".geojson": _scan_json,
}


def test_no_output_file_holds_anything_executable(hostile_site):
    problems = []
    scanned = 0
    for path in sorted(hostile_site.rglob("*")):
        scanner = _scan_search_index if path.name == "search_index.json" else SCANNERS.get(path.suffix)
        if scanner is None or not path.is_file() or path.parent.name == "schema":
            continue  # data/schema/ holds copies of our JSON Schema: no record text reaches it
        scanned += 1
        for problem in scanner(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(hostile_site)}: {problem}")
    assert scanned > 10
    assert problems == []


def test_hostile_text_is_shown_as_text(hostile_site):
    html = (hostile_site / "en" / "cases" / "example-case" / "index.html").read_text(encoding="utf-8")
    assert (
        "&lt;script&gt;alert(&#39;xss-title&#39;)&lt;/script&gt;" in html
        or "&lt;script&gt;alert('xss-title')&lt;/script&gt;" in html
    )
    assert 'href="https://example.org/"' in html and 'href="../example/"' in html
