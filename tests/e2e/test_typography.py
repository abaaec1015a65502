"""Chinese typography on the built site: punctuation, language marks, citations, line breaks.

- every Chinese page's text uses full-width punctuation (generator/check/punctuation.py);
- every run of Han text in an English page is inside an element whose lang is Chinese, and
  names in Latin letters on Chinese pages carry lang="en";
- citations are upright: a Chinese publication title in 《》, only a Latin one in italics;
- the six case titles break between phrases only (generator/core/phrases.py), at 390 and
  1280 px, and never leave one character alone on a line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.check.punctuation import page_mistakes

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.yml"))
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
# Elements whose text cannot hold a marked span (text-only content): left out of the check.
TEXT_ONLY = {"script", "style", "head", "title", "option", "desc", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Where a Chinese page shows names in Latin letters: the "also known as" line (its label aside).
NAMES, NAME_LABEL = "cb-aka", "cb-aka__label"


def pages(site: Path, language: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        match = HTML_LANG.search(html)
        if match and match.group(1).lower().startswith(language):
            found.append((path.relative_to(site).as_posix(), html))
    return found


class UnmarkedRuns(HTMLParser):
    """Text runs of another language not inside an element saying so (lang)."""

    def __init__(self, page_language: str):
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[tuple[str, str | None, str]] = []
        self.unmarked: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            attributes = dict(attrs)
            self.stack.append((tag, attributes.get("lang"), attributes.get("class") or ""))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def _lang(self) -> str:
        return next((lang for _, lang, _ in reversed(self.stack) if lang), "")

    def _where(self) -> str:
        return " > ".join(f"{tag}.{cls.split()[0]}" if cls else tag for tag, _, cls in self.stack[-3:])

    def handle_data(self, data):
        if any(tag in TEXT_ONLY for tag, _, _ in self.stack):
            return
        lang = self._lang().lower()
        if self.page_language == "en":
            if HAN.search(data) and not lang.startswith("zh"):
                self.unmarked.append((self._where(), data.strip()[:40]))
        elif any(NAMES in c.split() for _, _, c in self.stack) and NAME_LABEL not in self.stack[-1][2].split():
            if LATIN_WORD.search(data) and not lang.startswith("en"):
                self.unmarked.append((self._where(), data.strip()[:40]))


def unmarked_runs(html: str, page_language: str) -> list[tuple[str, str]]:
    parser = UnmarkedRuns(page_language)
    parser.feed(html)
    parser.close()
    return parser.unmarked


# -- punctuation --------------------------------------------------------------------------


def test_every_chinese_page_uses_full_width_punctuation(built_site):
    zh_pages = pages(built_site, "zh")
    assert len(zh_pages) > 40
    mistakes = [m.format() for file, html in zh_pages for m in page_mistakes(html, file)]
    assert mistakes == [], "\n".join(mistakes[:30])


def test_the_page_check_fails_on_half_width_punctuation():
    html = '<html lang="zh-TW"><body><p>最後查核日期: <time>2024-03-01</time></p></body></html>'
    assert [m.mark for m in page_mistakes(html, "fixture.html")] == [":"]


# -- language marks ---------------------------------------------------------------------


def test_han_text_in_english_pages_is_marked_chinese(built_site):
    en_pages = pages(built_site, "en")
    assert len(en_pages) > 40
    unmarked = [f"{file}: {where}: {text}" for file, html in en_pages for where, text in unmarked_runs(html, "en")]
    assert unmarked == [], "\n".join(unmarked[:30])


def test_latin_names_in_chinese_pages_are_marked_english(built_site):
    unmarked = [
        f"{file}: {where}: {text}"
        for file, html in pages(built_site, "zh")
        for where, text in unmarked_runs(html, "zh")
    ]
    assert unmarked == [], "\n".join(unmarked[:30])


def test_the_language_check_fails_on_an_unmarked_run():
    html = (
        '<html lang="en"><body><p>Also known as <span lang="zh-TW">臺灣鯛</span> and 口湖</p>'
        '<script>var x = "中文";</script></body></html>'
    )
    assert unmarked_runs(html, "en") == [("html > body > p", "and 口湖")]
    zh = (
        '<html lang="zh-TW"><body><p class="cb-aka"><span class="cb-aka__label">又稱</span> <span lang="en">Kouhu'
        "</span> · <span>Taiwan Tilapia</span></p></body></html>"
    )
    assert unmarked_runs(zh, "zh") == [("body > p.cb-aka > span", "Taiwan Tilapia")]


# -- citations --------------------------------------------------------------------------


def test_citations_set_chinese_titles_in_book_marks_and_only_latin_titles_in_italics(built_site):
    zh = (built_site / "cases" / "kouhu-smart-tilapia" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "cases" / "kouhu-smart-tilapia" / "index.html").read_text(encoding="utf-8")
    zh_titles = re.findall(r'<(span|i) class="cb-citation__title">(.*?)</\1>', zh)
    en_titles = re.findall(r'<(span|i) class="cb-citation__title">(.*?)</\1>', en)
    assert zh_titles and all(tag == "span" and re.sub("<[^>]+>", "", text).startswith("《") for tag, text in zh_titles)
    assert en_titles and all(tag == "i" and not HAN.search(text) for tag, text in en_titles)
    assert "國家發展委員會，" in zh and "國家發展委員會, " not in zh


@pytest.mark.browser
def test_citations_are_upright_and_latin_titles_italic(offline_page, site_server):
    page = offline_page.page
    style = """() => [...document.querySelectorAll("cite.cb-citation")].map(c => [
        getComputedStyle(c).fontStyle, getComputedStyle(c.querySelector(".cb-citation__title")).fontStyle])"""
    page.goto(f"{site_server}cases/kouhu-smart-tilapia/")
    assert set(map(tuple, page.evaluate(style))) == {("normal", "normal")}
    page.goto(f"{site_server}en/cases/kouhu-smart-tilapia/")
    assert set(map(tuple, page.evaluate(style))) == {("normal", "italic")}


# -- line breaks ------------------------------------------------------------------------

LINES = """() => {
  const h1 = document.querySelector("article h1");
  const chars = [];
  const boundaries = [];
  (function visit(node) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        for (let i = 0; i < child.data.length; i++) {
          if (!child.data[i].trim()) continue;
          const range = document.createRange();
          range.setStart(child, i);
          range.setEnd(child, i + 1);
          const box = range.getBoundingClientRect();
          chars.push({ch: child.data[i], top: box.top, height: box.height});
        }
      } else if (child.nodeName === "WBR") {
        boundaries.push(chars.length);
      } else {
        visit(child);
      }
    }
  })(h1);
  return {chars, boundaries};
}"""


def _lines(chars: list[dict]) -> tuple[list[str], list[int]]:
    """The characters grouped into lines by their boxes, and where each new line starts."""
    lines, starts = [], []
    for index, char in enumerate(chars):
        if not lines or char["top"] > chars[index - 1]["top"] + char["height"] / 2:
            lines.append("")
            starts.append(index)
        lines[-1] += char["ch"]
    return lines, starts[1:]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_case_titles_break_between_phrases_only(browser, site_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    wrapped = 0
    try:
        for case_id in CASES:
            page.goto(f"{site_server}cases/{case_id}/")
            page.evaluate("document.fonts.ready")
            measured = page.evaluate(LINES)
            lines, breaks = _lines(measured["chars"])
            assert measured["boundaries"], f"{case_id}: its title has no phrase marks"
            assert set(breaks) <= set(measured["boundaries"]), f"{case_id} at {width} px: {lines}"
            assert all(len(line.strip("「」『』（）、，。‧")) > 1 for line in lines), (
                f"{case_id} at {width} px: a line of one character: {lines}"
            )
            wrapped += len(lines) > 1
    finally:
        context.close()
    if width == 390:
        assert wrapped >= 3, "on a phone most titles take two lines or more: the test must see breaks"
