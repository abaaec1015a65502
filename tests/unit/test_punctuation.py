"""Full-width punctuation in Chinese text (generator/check/punctuation.py) and in our strings."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.punctuation import mistakes_in, page_mistakes, strings_mistakes

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "punctuation" / "half-width-zh.yml"


def test_the_fixture_fails_on_each_bad_line_and_only_there():
    found = strings_mistakes(FIXTURE)
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    bad = {number for number, line in enumerate(lines, start=1) if "# bad" in line}
    assert {m.line for m in found} == bad
    assert found[0].format() == (
        f"{FIXTURE.relative_to(ROOT)}:2: case.last_reviewed: half-width ':' "
        "in Chinese text: 「…最後查核日期: 2024-03…」 (use '：')"
    )


@pytest.mark.parametrize("path", ["theme/strings/zh-TW.yml", "theme/print/strings/zh-TW.yml"])
def test_chinese_interface_strings_use_full_width_punctuation(path):
    assert [m.format() for m in strings_mistakes(ROOT / path)] == []


@pytest.mark.parametrize(
    "text,marks",
    [
        ("人才: 吸引", [":"]),
        ("國家發展委員會, 地方創生", [","]),
        ("綠(儲)能", ["(", ")"]),
        ("A; 漁業", [";"]),
        ("人才：吸引", []),
        ("1,000 人", []),
        ("3:30 開始", []),
        ("見 https://e.org/x,y(1) 說明", []),
        ("Yunlin (雲林)", ["(", ")"]),
        ("Kouhu, Yunlin", []),
    ],
)
def test_marks_touching_han(text, marks):
    assert [m.mark for m in mistakes_in(text, "here")] == marks


def test_page_text_counts_attributes_and_leaves_code_and_other_languages_alone():
    html = (
        '<html lang="zh-TW"><body><p title="人才: 說明">人才：吸引</p><code>a(中)</code>'
        '<span lang="en">Tainan (臺南)</span><script>var x = "中(文)";</script>'
        "<p>國家發展委員會, <a>地方創生</a></p></body></html>"
    )
    found = page_mistakes(html, "page.html")
    assert [(m.mark, m.where) for m in found] == [
        (":", "page.html (html>body>p[title])"),
        (",", "page.html (html>body>p)"),
    ]
