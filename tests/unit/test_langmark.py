"""Han runs in pages of other languages carry lang="zh-TW" (generator/core/langmark.py)."""

from __future__ import annotations

import pytest

from generator.core.langmark import mark_han


@pytest.mark.parametrize(
    "html,expected",
    [
        ("<p>Also known as 臺灣鯛</p>", '<p>Also known as <span lang="zh-TW">臺灣鯛</span></p>'),
        # a run keeps its punctuation: one span for a name with its brackets and middle dot
        ("<p>uses “宜蘭斑‧食育酷樂園” to</p>", '<p>uses “<span lang="zh-TW">宜蘭斑‧食育酷樂園</span>” to</p>'),
        ("<p>宜蘭壯圍「宜蘭斑‧食育酷樂園」</p>", '<p><span lang="zh-TW">宜蘭壯圍「宜蘭斑‧食育酷樂園」</span></p>'),
        # already marked, in an attribute, in a script, in text-only elements: left alone
        ('<span lang="zh-TW">臺灣鯛</span>', '<span lang="zh-TW">臺灣鯛</span>'),
        ('<a title="臺灣鯛" href="x">fish</a>', '<a title="臺灣鯛" href="x">fish</a>'),
        ('<script>var a = "中文";</script>', '<script>var a = "中文";</script>'),
        ("<select><option>中文</option></select>", "<select><option>中文</option></select>"),
        # in SVG text the mark is a tspan
        ("<svg><text>口湖</text></svg>", '<svg><text><tspan lang="zh-TW">口湖</tspan></text></svg>'),
        ("<p>No Han here</p>", "<p>No Han here</p>"),
    ],
)
def test_han_runs_are_marked_once(html, expected):
    assert mark_han(html) == expected


def test_marking_twice_changes_nothing():
    once = mark_han("<p>Kouhu (口湖) and 臺灣鯛, <em>烏金</em></p>")
    assert mark_han(once) == once
    assert once.count('lang="zh-TW"') == 3
