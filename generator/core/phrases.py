"""Line breaks between phrases, not inside words: one module for HTML, Pillow and WeasyPrint.

Browsers, Pillow and Pango break Han text between any two characters, so a
headline can end a line in the middle of a word (「社/區升級」) or leave one
character alone on the last line. BudouX (its Traditional Chinese model)
finds phrase boundaries; our own words (place, brand and product names,
taxonomy labels) are never split, and a phrase it leaves as one Han
character (「案/例集」) joins its neighbour. The same boundaries then serve:

- HTML: `<wbr>` at each boundary inside `<span class="cb-phrases">`, whose
  CSS `word-break: keep-all` lets lines break only there (`html`);
- WeasyPrint: each phrase in a `<span class="cb-phrase">` that does not wrap
  inside (`print_html`);
- Pillow: `wrap`, which fits phrases into lines of a given width, balanced so
  the last line is not a lone word, with no line of a single character.

Text is marked with U+200B (zero width space) at the boundaries (`mark`),
so a marked title can travel to a drawing process as one string.

Standard library only: the BudouX parser is given by the caller
(generator/render/phrasing.py), as a function from text to its chunks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape

BOUNDARY = "\u200b"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{HAN}]")
# Marks that never start a line (closing) or end one (opening): they stay with their phrase.
CLOSING = set("，。、．：；？！」』）》〉】,.:;?!)’”‧・…")
OPENING = set("「『（《〈【(‘“")


Parser = Callable[[str], list[str]]


class Phrases:
    """Phrase boundaries of Han text: BudouX's (`parse`), with a list of words never to split."""

    def __init__(self, parse: Parser, words: Iterable[str] = ()) -> None:
        self.parse = parse
        self.words = sorted({w for w in words if len(w) > 1 and _HAN.search(w)}, key=lambda w: (-len(w), w))
        self._pattern = re.compile("|".join(map(re.escape, self.words))) if self.words else None
        self._cache: dict[str, tuple[str, ...]] = {}

    def split(self, text: str) -> tuple[str, ...]:
        """The text's phrases, in order; joined they give the text back."""
        if not _HAN.search(text):
            return (text,) if text else ()
        phrases = self._cache.get(text)
        if phrases is None:
            phrases = self._cache[text] = tuple(self._split(text))
        return phrases

    def _split(self, text: str) -> list[str]:
        cuts = set()
        position = 0
        for chunk in self.parse(text)[:-1]:
            position += len(chunk)
            cuts.add(position)
        for start, end in self._words_in(text):
            cuts = {cut for cut in cuts if not start < cut < end} | {start, end}
        cuts = {cut for cut in cuts if 0 < cut < len(text) and _breakable(text, cut)}
        pieces = [text[a:b] for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), len(text)])]
        return _join_single_characters(pieces)

    def _words_in(self, text: str) -> list[tuple[int, int]]:
        """Where our words occur, longest first, never overlapping."""
        if self._pattern is None:
            return []
        taken = [False] * len(text)
        found = []
        for word in self.words:
            if word not in text:
                continue
            for match in re.finditer(re.escape(word), text):
                if not any(taken[match.start() : match.end()]):
                    taken[match.start() : match.end()] = [True] * len(word)
                    found.append(match.span())
        return found

    def mark(self, text: str) -> str:
        """The text with U+200B at its phrase boundaries."""
        return BOUNDARY.join(self.split(text))

    def html(self, text: str) -> str:
        """Escaped HTML: the phrases joined by <wbr> in a `keep-all` span (plain text when no Han)."""
        phrases = self.split(text)
        if len(phrases) < 2:
            return escape(text, quote=False)
        return '<span class="cb-phrases">' + "<wbr>".join(escape(p, quote=False) for p in phrases) + "</span>"

    def print_html(self, text: str) -> str:
        """Escaped HTML for WeasyPrint: each phrase in a span that does not wrap inside."""
        phrases = self.split(text)
        if len(phrases) < 2:
            return escape(text, quote=False)
        return "".join(f'<span class="cb-phrase">{escape(p, quote=False)}</span>' for p in phrases)


def _breakable(text: str, cut: int) -> bool:
    """May a line break between text[cut - 1] and text[cut]? Not before closing or after opening marks,
    not inside a run of Latin letters, numbers and signs."""
    before, after = text[cut - 1], text[cut]
    if after in CLOSING or before in OPENING:
        return False
    return not (before.isascii() and after.isascii() and not before.isspace() and not after.isspace())


def _han_count(piece: str) -> int:
    return len(_HAN.findall(piece))


def _join_single_characters(pieces: list[str]) -> list[str]:
    """A phrase with one Han character is most often half a word BudouX cut (「案/例集」):
    runs of them join each other (「雲/林」), and one left alone joins the next phrase,
    or the one before it at the end."""
    merged: list[str] = []
    for piece in pieces:
        if merged and _han_count(merged[-1]) == 1 and _han_count(piece) == 1:
            merged[-1] += piece
        else:
            merged.append(piece)
    result: list[str] = []
    carry = ""
    for piece in merged:
        piece = carry + piece
        carry = ""
        if _han_count(piece) == 1:
            carry = piece
        else:
            result.append(piece)
    if carry:
        if result:
            result[-1] += carry
        else:
            result.append(carry)
    return result


# -- lines for drawings (Pillow) --------------------------------------------------------

_LATIN_WORD = re.compile(r"\S+\s*|\s+")


def _units(marked: str) -> list[str]:
    """The pieces a line may break between: phrases, cut again at their spaces (Latin words)."""
    units = []
    for phrase in marked.split(BOUNDARY):
        units.extend(_LATIN_WORD.findall(phrase))
    return [u for u in units if u]


def _greedy(units: list[str], measure: Callable[[str], float], width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for unit in units:
        candidate = current + unit
        if current and measure(candidate.rstrip()) > width:
            lines.append(current.rstrip())
            current = unit.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _narrow_units(units: list[str], measure: Callable[[str], float], width: float) -> list[str]:
    """Units no wider than a line: a phrase wider than a line is cut between characters, never
    leaving one character (or only punctuation) alone, nor starting a piece with a closing mark."""
    result = []
    for unit in units:
        if measure(unit.rstrip()) <= width or len(unit.strip()) < 2:
            result.append(unit)
            continue
        pieces: list[str] = []
        current = ""
        for char in unit:
            if current and measure((current + char).rstrip()) > width and char not in CLOSING:
                pieces.append(current)
                current = char
            else:
                current += char
        pieces.append(current)
        if len(pieces) > 1 and len(pieces[-1].strip("".join(CLOSING) + " ")) < 2:
            pieces[-1] = pieces[-2][-1] + pieces[-1]
            pieces[-2] = pieces[-2][:-1]
        result.extend(p for p in pieces if p)
    return result


def wrap(marked: str, measure: Callable[[str], float], width: float) -> list[str]:
    """Lines no wider than `width` (as `measure` reports), broken only between phrases.

    As few lines as the text needs, made as even as they can be (the way CSS
    `text-wrap: balance` does), so no line is a lone phrase or character
    when the text could be spread. `marked` carries U+200B at phrase
    boundaries (`Phrases.mark`); unmarked Latin text breaks between words.
    """
    units = _narrow_units(_units(marked), measure, width)
    lines = _greedy(units, measure, width)
    if len(lines) < 2:
        return lines
    low, high = 0.0, float(width)
    best = lines
    for _ in range(12):  # the narrowest width that still needs no more lines
        middle = (low + high) / 2
        trial = _greedy(units, measure, middle)
        if len(trial) <= len(lines) and all(measure(line) <= width for line in trial):
            best, high = trial, middle
        else:
            low = middle
    return best
