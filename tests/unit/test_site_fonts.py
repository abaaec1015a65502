"""The Han web font cut to the site's characters (generator/publish/fonts.py)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.publish.fonts import (
    SECTION_FILE_MIN_CHARS,
    CharReader,
    PageChars,
    format_ranges,
    page_section,
    plan_parts,
    write_site_fonts,
)

ROOT = Path(__file__).resolve().parents[2]
LATIN = (ROOT / "theme" / "assets" / "fonts" / "latin.css").read_text(encoding="utf-8")
HAN_FONT_POINTS = set(range(0x2000, 0x2070)) | set(range(0x3000, 0xA000)) | set(range(0xFF00, 0xFFF0))


def test_a_page_needs_the_characters_its_latin_font_does_not_draw():
    reader = CharReader(LATIN, HAN_FONT_POINTS)
    zh = reader.page('<html lang="zh-TW"><body><h1>口湖—智能</h1><p>Kouhu “2019”，臺灣鯛</p></body></html>')
    assert zh.lang == "zh-TW"
    assert zh.regular == set("口湖—智能“”，臺灣鯛")  # in Chinese text the dash and quotes are Han-width
    assert zh.bold == set("口湖—智能")
    en = reader.page('<html lang="en"><body><h2>Kouhu</h2><p>“Tilapia” (臺灣鯛) — fish</p></body></html>')
    assert en.regular == set("臺灣鯛") and en.bold == set()  # Noto Sans draws “ ” — on English pages


def test_parts_give_english_pages_one_small_file_and_chinese_pages_a_common_one():
    pages = [
        PageChars("zh-TW", set("首頁案例口湖"), set("首頁")),
        PageChars("zh-TW", set("首頁案例官田"), set("官田")),
        PageChars("zh-TW", set("首頁案例"), set()),
        PageChars("en", set("口湖"), set()),
    ]
    parts = {p.name: p for p in plan_parts(pages)}
    assert set(parts) == {"en", "common", "more", "bold"}
    assert parts["en"].chars == "口湖"
    assert set(parts["common"].chars) == set("首頁案例")
    assert parts["more"].chars == "官田"
    assert parts["bold"].weight == 700 and set(parts["bold"].chars) == set("首頁官田")
    assert parts["en"].file_name.startswith("noto-sans-tc-en-400.") and parts["en"].file_name.endswith(".woff2")


def test_a_sections_own_characters_get_their_own_file_so_other_pages_skip_it():
    policy_only = "".join(chr(0x4E00 + i) for i in range(SECTION_FILE_MIN_CHARS))
    few_case_only = "口湖"  # too few for a file of their own: they stay in `more`
    pages = [
        PageChars("zh-TW", set("首頁案例官田" + few_case_only), set(), "cases"),
        PageChars("zh-TW", set("首頁案例官田"), set(), "cases"),
        PageChars("zh-TW", set("首頁案例官田" + policy_only), set(policy_only), "policy"),
        PageChars("zh-TW", set("首頁案例"), set("官田"), "home"),
    ]
    parts = {p.name: p for p in plan_parts(pages)}
    assert set(parts) == {"common", "more", "more-policy", "bold", "bold-policy"}
    assert set(parts["more-policy"].chars) == set(policy_only)
    assert set(parts["more"].chars) == set(few_case_only)
    assert set(parts["bold"].chars) == set("官田") and set(parts["bold-policy"].chars) == set(policy_only)


def test_a_pages_section_is_its_first_folder_in_either_language():
    assert page_section("cases/kouhu/index.html") == "cases"
    assert page_section("en/policy/place-brands/index.html") == "policy"
    assert page_section("index.html") == page_section("en/index.html") == page_section("404.html") == "home"


def test_unicode_ranges_join_neighbours():
    assert format_ranges([0x53E3, 0x6E56, 0x6E57, 0x6E58, 0x4E00]) == "U+4E00,U+53E3,U+6E56-6E58"


def test_a_site_gets_its_font_files_and_stylesheet(tmp_path):
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html lang="zh-TW"><body><h1>地方創生</h1><p>口湖，官田</p></body></html>', encoding="utf-8"
    )
    (site / "en" / "index.html").write_text('<html lang="en"><body><p>Kouhu (口湖)</p></body></html>', encoding="utf-8")
    report = write_site_fonts(site, LATIN, tmp_path / "cache")
    assert report.cut == len(report.files) and report.pages_read == 2
    css = (site / "assets" / "fonts" / "fonts.css").read_text(encoding="utf-8")
    files = re.findall(r'url\("(noto-sans-tc-[^"]+\.woff2)"\)', css)
    assert set(files) == set(report.files)
    for name in files:
        data = (site / "assets" / "fonts" / name).read_bytes()
        assert data[:4] == b"wOF2" and len(data) < 20_000
    assert "font-display: swap" in css and '"Noto Sans in Han text"' in css  # the Latin faces come first
    assert "U+53E3" in css  # 口
    again = write_site_fonts(site, LATIN, tmp_path / "cache")
    assert again.cut == 0 and again.pages_read == 0 and again.files == report.files
