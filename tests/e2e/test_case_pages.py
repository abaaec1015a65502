"""A case page in both languages, opened in headless Chromium with the network blocked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASE_IDS = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.yml"))

pytestmark = pytest.mark.browser


def _case_title(case_id: str, lang: str) -> str:
    from generator.load.yaml_loader import load_file
    from generator.model.raw import SourceRef

    path = ROOT / "content" / "cases" / f"{case_id}.yml"
    raw, problems = load_file(SourceRef(path.name, path, "case"))
    assert raw is not None, problems
    return raw.data["title"][lang]


@pytest.mark.parametrize("lang,prefix", [("zh-TW", ""), ("en", "en/")])
@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_page_shows_title_language_and_source(offline_page, site_server, case_id, lang, prefix):
    page = offline_page.page
    response = page.goto(f"{site_server}{prefix}cases/{case_id}/")
    assert response.status == 200

    assert page.locator("html").get_attribute("lang") == lang
    heading = page.locator("article.md-content__inner h1")
    assert heading.inner_text().strip() == _case_title(case_id, lang)
    citations = page.locator("ol.cb-sources cite")
    assert citations.count() >= 1
    assert citations.first.is_visible()
    publisher = "國家發展委員會" if lang == "zh-TW" else "National Development Council"
    assert publisher in citations.first.inner_text()
    assert offline_page.blocked == [], "the page tried to reach the network"
    assert offline_page.console_errors == []


def test_language_switch_keeps_the_case(offline_page, site_server):
    case_id = CASE_IDS[0]
    page = offline_page.page
    page.goto(f"{site_server}cases/{case_id}/")
    english = page.locator('a.md-select__link[hreflang="en"]')
    page.goto(english.evaluate("a => a.href"))
    assert page.url == f"{site_server}en/cases/{case_id}/"
    assert page.locator("html").get_attribute("lang") == "en"
    back = page.locator('a.md-select__link[hreflang="zh-TW"]').evaluate("a => a.href")
    assert back == f"{site_server}cases/{case_id}/"


def test_head_has_no_per_page_alternate_links(built_site):
    """Per-page alternates live in the sitemap: Material fetches sitemap.xml beside each head alternate."""
    html = (built_site / "en" / "cases" / CASE_IDS[0] / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert re.findall(r'<link rel="alternate"[^>]*hreflang', head) == []
    switcher = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', html)
    assert (f"../../../cases/{CASE_IDS[0]}/", "zh-TW") in switcher and ("./", "en") in switcher
