"""A third language is configuration plus translations: the fixture project built in zh-TW, en and ja.

Nothing in generator/ changes for it: the test takes tests/fixtures/three-languages/casebook.yml,
its interface strings (as theme/strings/ja.yml of a copy of the theme) and gives every text of
the synthetic project a Japanese version.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from sitetools import ROOT, build_site, copy_fixture_project

THREE = ROOT / "tests" / "fixtures" / "three-languages"
SITE_URL = "https://example.org/casebook/"
LANGS = ["zh-TW", "en", "ja"]


def _with_japanese(value):
    """Every {zh-TW, en} text gets a ja text; every translation status gets a ja entry."""
    if isinstance(value, dict):
        value = {key: _with_japanese(item) for key, item in value.items()}
        if {"zh-TW", "en"} <= set(value) and set(value) <= {"zh-TW", "en"} and isinstance(value["en"], str):
            value["ja"] = f"{value['en']}（日本語版）"
        translations = value.get("translations")
        if isinstance(translations, dict) and "en" in translations:
            translations["ja"] = {"reviewed": False, "note": "synthetic fixture"}
        return value
    if isinstance(value, list):
        return [_with_japanese(item) for item in value]
    return value


def _translate_records(content: Path) -> None:
    for path in sorted(content.rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        schema_line = text.splitlines()[0] if text.startswith("# yaml-language-server") else None
        data = _with_japanese(yaml.safe_load(text))
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text((schema_line + "\n" if schema_line else "") + dumped, encoding="utf-8")
    for english in sorted(content.rglob("*.en.md")):
        japanese = english.with_name(english.name.replace(".en.md", ".ja.md"))
        japanese.write_text(english.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.fixture(scope="module")
def three_language_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("three")
    project = root / "project"
    theme = shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(THREE / "ja.yml", theme / "strings" / "ja.yml")
    copy_fixture_project(project, theme)
    shutil.copy(THREE / "casebook.yml", project / "casebook.yml")
    _translate_records(project / "content")
    result = build_site(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_each_language_has_its_root_and_its_case_page(three_language_site):
    for prefix, lang in (("", "zh-TW"), ("en/", "en"), ("ja/", "ja")):
        for page in ("index.html", "cases/example-case/index.html"):
            assert f'<html lang="{lang}"' in _html(three_language_site, prefix + page), prefix + page
    ja = _html(three_language_site, "ja/cases/example-case/index.html")
    assert "<h1>Example case（日本語版）</h1>" in ja


def test_japanese_pages_use_materials_and_our_japanese_strings(three_language_site):
    ja = _html(three_language_site, "ja/cases/example-case/index.html")
    assert 'placeholder="検索"' in ja  # Material's partials/languages/ja.html
    assert ">出典</h2>" in ja and ">求めているもの</h2>" in ja  # strings/ja.yml
    assert "この翻訳はまだ人による確認を受けていません。" in ja


def test_switcher_lists_three_languages_on_the_same_page(three_language_site):
    ja = _html(three_language_site, "ja/cases/example-case/index.html")
    switcher = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', ja)
    assert switcher == [
        ("../../../cases/example-case/", "zh-TW"),
        ("../../../en/cases/example-case/", "en"),
        ("./", "ja"),
    ]


def test_sitemap_and_open_graph_name_three_languages(three_language_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(three_language_site / "sitemap.xml").getroot()
    url = next(
        u for u in root.findall("s:url", ns) if u.findtext("s:loc", namespaces=ns).endswith("ja/cases/example-case/")
    )
    alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
    assert alternates == {
        "zh-TW": f"{SITE_URL}cases/example-case/",
        "en": f"{SITE_URL}en/cases/example-case/",
        "ja": f"{SITE_URL}ja/cases/example-case/",
        "x-default": f"{SITE_URL}cases/example-case/",
    }
    assert (three_language_site / "ja" / "sitemap.xml").is_file()
    head = _html(three_language_site, "ja/cases/example-case/index.html").split("</head>")[0]
    assert re.findall(r'property="og:locale(?::alternate)?" content="([^"]+)"', head) == ["ja", "zh_TW", "en"]


def test_search_feed_card_and_open_data_exist_in_japanese(three_language_site):
    index = (three_language_site / "ja" / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = (three_language_site / "ja" / "search" / "index" / "docs.json").read_text(encoding="utf-8")
    assert '"lang":["ja"]' in index and '"cases/example-case/"' in docs
    assert "日本語版" in (three_language_site / "ja" / "feed.xml").read_text(encoding="utf-8")
    assert (three_language_site / "ja" / "open-data" / "index.html").is_file()
    assert (three_language_site / "assets" / "social" / "ja" / "cases" / "example-case.jpg").is_file()
    header = (three_language_site / "data" / "cases.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "title_zh-TW,title_en,title_ja" in header
