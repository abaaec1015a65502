"""Line breaking for text we lay out ourselves (designed visuals, social cards, charts).

One rule set for every picture: Latin words and numbers stay together, any
other character (Han, kana, punctuation) is a place where a line may break,
closing punctuation never starts a line and opening punctuation never ends one
(the simplest rules of kinsoku); a closing mark may overhang the width instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Opening marks never end a line: they are kept with what follows them.
NO_LINE_END = "“‘(「『（《〈"
# Latin words and numbers with their trailing space, runs of spaces, or one other
# character, each with the opening marks before it.
_UNITS = re.compile(rf"[{NO_LINE_END}]*(?:[0-9A-Za-z\u00c0-\u024f'’.\-]+\s*|\s+|.)")
# Never the first character of a wrapped line.
NO_LINE_START = frozenset("，。、．：；？！」』）》〉%％,.:;?!)’”")


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break text into lines whose measured width is at most `width` (a closing mark may overhang)."""
    lines: list[str] = []
    current = ""
    for unit in _UNITS.findall(text):
        candidate = current + unit
        if current and measure(candidate.rstrip()) > width and unit[0] not in NO_LINE_START:
            lines.append(current.rstrip())
            current = unit.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines
