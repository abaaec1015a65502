"""Sitemap with language alternates, canonical URLs, Open Graph and Twitter tags, social cards.

Built from the synthetic fixture project, once with a public address set
(`site_url`) and once without, as the real site is until its address is known.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from sitetools import build_site, copy_fixture_project

SITE_URL = "https://example.org/casebook/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _build(project: Path, site_dir: Path, site_url: str | None) -> Path:
    if site_url:
        config = project / "casebook.yml"
        config.write_text(config.read_text(encoding="utf-8") + f"site_url: {site_url}\n", encoding="utf-8")
    result = build_site(project, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="module")
def site_with_url(tmp_path_factory) -> Path:
    """Built once for the tests that only read it."""
    root = tmp_path_factory.mktemp("seo")
    return _build(copy_fixture_project(root / "project"), root / "site", SITE_URL)


class _Head(HTMLParser):
    """<meta> and <link> of a page's head, as (attribute dict) lists."""

    def __init__(self):
        super().__init__()
        self.metas: list[dict] = []
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            self.metas.append(dict(attrs))
        elif tag == "link":
            self.links.append(dict(attrs))


def _head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8").split("</head>")[0])
    return parser


def _meta(head: _Head, name: str) -> list[str]:
    return [m["content"] for m in head.metas if m.get("property") == name or m.get("name") == name]


def _sitemap(path: Path) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href}"""
    root = ET.parse(path).getroot()
    return {
        url.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_every_page_with_its_language_versions(site_with_url):
    urls = _sitemap(site_with_url / "sitemap.xml")
    case_zh, case_en = f"{SITE_URL}cases/example-case/", f"{SITE_URL}en/cases/example-case/"
    assert {SITE_URL, f"{SITE_URL}en/", case_zh, case_en} <= set(urls)
    assert urls[case_en] == {"zh-TW": case_zh, "en": case_en, "x-default": case_zh}
    assert urls[case_zh] == urls[case_en]
    assert not any("second-example-case" in loc for loc in urls), "a draft is not published"
    for loc in urls:
        assert (site_with_url / loc.removeprefix(SITE_URL) / "index.html").is_file() or (
            site_with_url / loc.removeprefix(SITE_URL)
        ).is_file(), f"{loc} is in the sitemap but not in the site"
    assert "<lastmod>2024-01-15</lastmod>" in (site_with_url / "sitemap.xml").read_text(encoding="utf-8")


def test_each_other_language_has_a_sitemap_of_its_own_pages(site_with_url):
    english = _sitemap(site_with_url / "en" / "sitemap.xml")
    assert english and all(loc.startswith(f"{SITE_URL}en/") for loc in english)
    assert f"{SITE_URL}en/cases/example-case/" in english


def test_case_page_has_canonical_open_graph_and_twitter_tags(site_with_url):
    head = _head(site_with_url / "en" / "cases" / "example-case" / "index.html")
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [f"{SITE_URL}en/cases/example-case/"]
    assert _meta(head, "og:url") == canonical
    assert _meta(head, "og:title") == _meta(head, "twitter:title") == ["Example case"]
    assert _meta(head, "og:description") == ["Synthetic fixture, not a real case."]
    assert _meta(head, "og:type") == ["article"]
    assert _meta(head, "og:locale") == ["en"] and _meta(head, "og:locale:alternate") == ["zh_TW"]
    assert _meta(head, "og:site_name") == ["Example Casebook"]
    assert _meta(head, "twitter:card") == ["summary_large_image"]
    image = f"{SITE_URL}assets/social/en/cases/example-case.jpg"
    assert _meta(head, "og:image") == _meta(head, "twitter:image") == [image]
    card = Image.open(site_with_url / image.removeprefix(SITE_URL))
    assert (card.format, card.size, card.mode) == ("JPEG", (1200, 630), "RGB")
    feeds = [link["href"] for link in head.links if link.get("type") == "application/atom+xml"]
    assert feeds == ["../../feed.xml"]
    assert (site_with_url / "en" / "feed.xml").is_file()


def test_chinese_page_speaks_chinese_and_other_pages_use_the_site_card(site_with_url):
    head = _head(site_with_url / "cases" / "example-case" / "index.html")
    assert _meta(head, "og:locale") == ["zh_TW"] and _meta(head, "og:locale:alternate") == ["en"]
    assert _meta(head, "og:title") == ["範例案例"]
    home = _head(site_with_url / "index.html")
    assert _meta(home, "og:type") == ["website"]
    assert _meta(home, "og:image") == [f"{SITE_URL}assets/social/zh-TW/site.jpg"]
    assert (site_with_url / "assets" / "social" / "zh-TW" / "site.jpg").is_file()


def test_no_per_page_hreflang_links_in_the_head(site_with_url):
    """Material's bundle fetches sitemap.xml beside each <link rel=alternate>; the sitemap carries them."""
    html = (site_with_url / "en" / "cases" / "example-case" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<link[^>]*hreflang", html.split("</head>")[0]) == []


def test_without_a_site_url_nothing_is_guessed(fixture_site_project, tmp_path):
    site = _build(fixture_site_project, tmp_path / "site", None)
    head = _head(site / "en" / "cases" / "example-case" / "index.html")
    assert [link for link in head.links if link.get("rel") == "canonical"] == []
    assert _meta(head, "og:url") == []
    # link previews take only absolute image addresses: no card is drawn, none is named
    assert _meta(head, "og:image") == [] and _meta(head, "twitter:image") == []
    assert not (site / "assets" / "social").exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "site_url is not set" in sitemap
    assert "https://" not in sitemap.split("-->", 1)[1].replace("http://www.sitemaps.org", "").replace(
        "http://www.w3.org", ""
    )
    assert "<loc>en/cases/example-case/</loc>" in sitemap
    assert "<loc>cases/example-case/</loc>" in (site / "en" / "sitemap.xml").read_text(encoding="utf-8")
