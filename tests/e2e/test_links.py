"""Every internal link of the built site resolves to a file that exists.

Parses every HTML file's href and src (and srcset), resolves each relative to
its page (or to the site root when it starts with '/'), and asserts the
target exists. A link to another page with a #fragment must find that id there.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

URL_ATTRIBUTES = {"href", "src"}
# What a browser fetches by itself when it shows a page (as opposed to links a reader follows).
RESOURCE_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}
RESOURCE_TAGS = {"script", "img", "iframe", "source", "video", "audio", "embed", "track", "input"}
CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*(?:https?:)?//""", re.IGNORECASE)


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.resources: list[str] = []  # URLs the page loads by itself

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        rels = set((values.get("rel") or "").lower().split())
        if tag in RESOURCE_TAGS and values.get("src"):
            self.resources.append(values["src"])
        elif tag == "link" and rels & RESOURCE_LINK_RELS and values.get("href"):
            self.resources.append(values["href"])
        elif tag == "object" and values.get("data"):
            self.resources.append(values["data"])
        if values.get("style") and CSS_REMOTE.search(values["style"]):
            self.resources.append(values["style"])
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.links.append(value)
            elif name == "srcset":
                self.links += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
            elif name in ("id", "name"):
                self.ids.add(value)


def _parse(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file a link points at and its fragment; None for links that leave the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        return None  # http(s), mailto, data: not ours to check here
    if not parts.path:
        return None  # "#id" or "?q" on the page itself
    page_dir = "/" + page.parent.relative_to(site).as_posix()
    path = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path)))
    if parts.path.endswith("/"):
        path += "/"
    assert not path.startswith("/.."), f"{link} leaves the site"
    file = site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return file, parts.fragment


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_internal_link_resolves(built_site):
    pages = _html_files(built_site)
    assert len(pages) > 50, "the site looks too small to check"
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    checked = 0
    parsed = {page: _parse(page) for page in pages}
    for page, parser in parsed.items():
        for link in parser.links:
            target = _target(built_site, page, link)
            if target is None:
                continue
            file, fragment = target
            checked += 1
            where = f"{page.relative_to(built_site)}: {link}"
            if not file.is_file():
                broken.append(f"{where} -> missing {file.relative_to(built_site)}")
            elif fragment and file.suffix == ".html" and file != page:
                if file not in ids:
                    ids[file] = parsed[file].ids if file in parsed else _parse(file).ids
                if fragment not in ids[file]:
                    broken.append(f"{where} -> no id '{fragment}' in {file.relative_to(built_site)}")
    assert checked > 1000
    assert broken == [], "broken links:\n" + "\n".join(broken)


def test_no_page_or_stylesheet_loads_anything_from_outside_the_site(built_site):
    """Offline: every script, stylesheet, font, image and frame is served from the site."""
    remote = []
    for page in _html_files(built_site):
        parser = _parse(page)
        remote += [
            f"{page.relative_to(built_site)}: {url}"
            for url in parser.resources
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//") or CSS_REMOTE.search(url)
        ]
    for css in sorted(built_site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        remote += [f"{css.relative_to(built_site)}: {m.group(0)}" for m in CSS_REMOTE.finditer(text)]
    assert remote == [], "loaded from outside the site:\n" + "\n".join(remote)


def test_resource_check_finds_a_remote_font_and_script(tmp_path):
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example/css">'
        '<a href="https://example.org/">a link is fine</a>',
        encoding="utf-8",
    )
    (tmp_path / "a.css").write_text("@font-face{src:url(https://fonts.example/f.woff2)}", encoding="utf-8")
    parser = _parse(tmp_path / "index.html")
    assert parser.resources == ["https://cdn.example/x.js", "//fonts.example/css"]
    assert CSS_REMOTE.search((tmp_path / "a.css").read_text())


@pytest.mark.parametrize(
    "link,expected",
    [
        ("../arrows/branding/", "arrows/branding/index.html"),
        ("/cases/", "cases/index.html"),
        ("../assets/x.css?v=1", "assets/x.css"),
        ("../counties/yunlin/#township-kouhu", "counties/yunlin/index.html"),
    ],
)
def test_links_resolve_relative_to_their_page(tmp_path, link, expected):
    page = tmp_path / "cases" / "index.html"
    file, _ = _target(tmp_path, page, link)
    assert file == tmp_path / expected


@pytest.mark.parametrize("link", ["https://example.org/", "mailto:a@example.org", "#top", "data:image/png;base64,AA"])
def test_links_that_leave_the_site_or_stay_on_the_page_are_skipped(tmp_path, link):
    assert _target(tmp_path, tmp_path / "index.html", link) is None
