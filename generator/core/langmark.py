"""Runs of Han text in pages of another language, marked with their language (WCAG 2.2 SC 3.1.2).

An English page names places, brands and products in Chinese (臺灣鯛,
宜蘭斑‧食育酷樂園). A screen reader reads them in the page's language unless
an element around them says otherwise, and a browser picks fonts and line
breaking by it. `mark_han` wraps each such run of an HTML fragment (text
outside tags, not in script or style, not already inside an element whose
lang is Chinese) in `<span lang="zh-TW">`: our templates, the Markdown of the
records and Material's header text alike, with no template keeping count.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from bisect import bisect_right

HAN_LANG = "zh-TW"
# Languages whose own text holds Han characters: their pages are not marked (a Japanese page's
# kanji are Japanese).
WRITTEN_WITH_HAN = ("zh", "ja")


def marks_han(page_lang: str) -> bool:
    """Are Han runs on pages in this language another language's (Chinese) text?"""
    return not page_lang.lower().startswith(WRITTEN_WITH_HAN)


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A run: Han characters, with the CJK punctuation, full-width forms and middle dots
# between or around them (「宜蘭斑‧食育酷樂園」 is one run).
_PUNCT = "\u3000-\u303f\uff00-\uffef\u2027\u00b7\u30fb"
_RUN = re.compile(f"[{_PUNCT}]*[{_HAN}](?:[{_HAN}{_PUNCT}]*[{_HAN}])?[{_PUNCT}]*")
_HAS_HAN = re.compile(f"[{_HAN}]")
_PARENT_LANG = re.compile(r"""<[a-zA-Z][^>]*\blang\s*=\s*["']?zh""", re.I)
# Text inside these is not marked: code to run, and elements whose content is text only.
_RAW = re.compile(r"<(script|style|textarea|title|option|desc)\b.*?</\1\s*>", re.S | re.I)
_SVG_TEXT = re.compile(r"<text\b.*?</text\s*>", re.S)


def mark_han(html: str, lang: str = HAN_LANG) -> str:
    """The fragment with every Han run not already marked wrapped in <span lang="zh-TW">.

    A run is left as it is inside a tag (an attribute's value), inside script,
    style and elements that hold text only (title, option, textarea, SVG's
    desc), and when the tag just before it says lang="zh…" (its element, or an
    empty one beside it). A run inside an element marked further up gets a
    span of its own: the same language twice, never a wrong one. In SVG
    text the mark is a <tspan>.
    """
    if not _HAS_HAN.search(html):
        return html
    raw = _Spans(_RAW, html)
    svg_text = _Spans(_SVG_TEXT, html)
    out: list[str] = []
    last = 0
    for match in _RUN.finditer(html):
        start = match.start()
        if html.rfind("<", 0, start) > html.rfind(">", 0, start) or raw.holds(start):
            continue  # in a tag (an attribute's value), or in an element that holds text only
        before = html.rfind("<", 0, start)
        if before >= 0 and _PARENT_LANG.match(html, before):
            continue
        element = "tspan" if svg_text.holds(start) else "span"
        out.append(html[last:start])
        out.append(f'<{element} lang="{lang}">{match.group()}</{element}>')
        last = match.end()
    if not out:
        return html
    out.append(html[last:])
    return "".join(out)


class _Spans:
    """Where the elements a pattern finds begin and end, found only when first asked."""

    def __init__(self, pattern: re.Pattern, html: str):
        self.pattern, self.html = pattern, html
        self.spans: list[tuple[int, int]] | None = None

    def holds(self, position: int) -> bool:
        if self.spans is None:
            self.spans = [m.span() for m in self.pattern.finditer(self.html)]
        index = bisect_right(self.spans, (position, float("inf"))) - 1
        return index >= 0 and self.spans[index][0] <= position < self.spans[index][1]
