"""Half-width punctuation in Chinese text: the check behind `casebook` and the tests.

Chinese sets its punctuation full width (：，、；（）《》「」). A half-width
colon, comma, semicolon or parenthesis touching a Han character (spaces
between them do not count) is a mistake in Chinese text: 「人才: 」 for
「人才：」. Code, URLs and text marked as another language are left alone,
and so are numbers (1,000 and 3:30 touch no Han character).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HALF_WIDTH = ":,;()"
FULL_WIDTH = {":": "：", ",": "，", ";": "；", "(": "（", ")": "）"}
# A half-width mark with a Han character before or after it, spaces allowed between.
_TOUCHING = re.compile(
    rf"(?:(?<=[{HAN}])|(?<=[{HAN}] )|(?<=[{HAN}]  ))[{re.escape(HALF_WIDTH)}]"
    rf"|[{re.escape(HALF_WIDTH)}](?= {{0,2}}[{HAN}])"
)
_URL = re.compile(r"(?:https?|mailto|ftp):[^\s　-〿＀-￯]+|\b[\w.-]+\.(?:html|json|csv|yml|xml|geojson)\b")
CONTEXT = 8


@dataclass(frozen=True)
class Mistake:
    where: str  # a file, line and key, or a page and the element's path
    mark: str
    context: str
    line: int = 0  # in a strings file

    def format(self) -> str:
        return (
            f"{self.where}: half-width '{self.mark}' in Chinese text: 「…{self.context}…」 "
            f"(use '{FULL_WIDTH[self.mark]}')"
        )


def mistakes_in(text: str, where: str, line: int = 0) -> list[Mistake]:
    """The half-width marks touching Han characters in `text` (URLs left out)."""
    masked = _URL.sub(lambda m: "\0" * len(m.group()), text)
    found = []
    for match in _TOUCHING.finditer(masked):
        start = match.start()
        context = text[max(0, start - CONTEXT) : start + CONTEXT + 1].replace("\n", " ")
        found.append(Mistake(where, match.group(), context, line))
    return found


def strings_mistakes(path: Path, root: Path | None = None) -> list[Mistake]:
    """The mistakes in a flat strings file (theme/strings/zh-TW.yml), each at its key's line."""
    import yaml

    text = path.read_text(encoding="utf-8")
    lines = {}
    for number, line in enumerate(text.splitlines(), start=1):
        key = line.split(":", 1)[0].strip()
        if key and not line.startswith((" ", "#")):
            lines.setdefault(key, number)
    try:
        shown = path.relative_to(root or Path.cwd())
    except ValueError:
        shown = path
    found = []
    for key, value in (yaml.safe_load(text) or {}).items():
        found.extend(mistakes_in(str(value), f"{shown}:{lines.get(str(key), 0)}: {key}", lines.get(str(key), 0)))
    return found


SKIPPED = {"script", "style", "code", "pre", "kbd", "samp", "svg", "math"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class _PageText(HTMLParser):
    """Text runs of a page in its own language: (element path, text)."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, counts: in the page's language and not code)
        self.language = language
        self.runs: list[tuple[str, str]] = []

    def _counts(self) -> bool:
        return not self.stack or self.stack[-1][1]

    def _path(self) -> str:
        return ">".join(tag for tag, _ in self.stack[-3:])

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        counts = self._counts() and tag not in SKIPPED
        if lang is not None:
            counts = counts and lang.lower().startswith(self.language) if tag != "html" else True
        if counts:
            for name in TEXT_ATTRIBUTES:
                if attributes.get(name):
                    self.runs.append((f"{self._path()}>{tag}[{name}]", attributes[name]))
            if tag == "meta" and attributes.get("name") == "description" and attributes.get("content"):
                self.runs.append(("meta[description]", attributes["content"]))
        if tag not in VOID:
            self.stack.append((tag, counts))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):  # tolerate unclosed elements (<p>, <li>)
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self._counts() and data.strip():
            self.runs.append((self._path(), data))


def page_mistakes(html: str, where: str, language: str = "zh") -> list[Mistake]:
    """The mistakes in the text of one page set in `language` (its own runs only)."""
    parser = _PageText(language)
    parser.feed(html)
    parser.close()
    # Neighbouring runs are joined, so 「人才</strong>: 」 is seen as one text.
    found = []
    for path, text in parser.runs:
        found.extend(mistakes_in(text, f"{where} ({path})"))
    return found
