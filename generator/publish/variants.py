"""Variant characters folded to one form, so that 台南 finds 臺南 (and 臺南 finds 台南).

Search folds the text it indexes and the reader's query the same way: lower
case, then each character to its variant's form, or to its NFKC form when
that is one character. The browser does the same with the table this module
writes into the index (theme/assets/javascripts/search-worker.js, with the
browser's own NFKC).

The pairs are the common variant forms of Taiwanese usage: the form in the
Ministry of Education's standard list on the right, what people also write or
paste on the left. Only characters that are the same word whichever form is
written are folded (never simplified characters, which would also merge
different words). Compatibility ideographs and full-width Latin letters
and digits fold as Unicode's NFKC folds them, one character for one.
"""

from __future__ import annotations

import unicodedata

# variant -> the form folded to
VARIANTS: dict[str, str] = {
    "台": "臺",
    "峯": "峰",
    "羣": "群",
    "裏": "裡",
    "爲": "為",
    "着": "著",
    "綫": "線",
    "衆": "眾",
    "衞": "衛",
    "眞": "真",
    "敎": "教",
    "淸": "清",
    "靑": "青",
    "説": "說",
    "悦": "悅",
    "脱": "脫",
    "税": "稅",
    "兑": "兌",
    "鷄": "雞",
    "牀": "床",
    "啓": "啟",
    "麪": "麵",
    "麫": "麵",
    "鎭": "鎮",
    "温": "溫",
    "硏": "研",
    "册": "冊",
    "却": "卻",
    "敍": "敘",
    "叙": "敘",
    "勛": "勳",
    "内": "內",
    "吕": "呂",
    "黄": "黃",
    "户": "戶",
    "戸": "戶",
    "産": "產",
    "僞": "偽",
    "奬": "獎",
    "姸": "妍",
    "鈎": "鉤",
    "綉": "繡",
    "汚": "汙",
    "污": "汙",
    "蔴": "麻",
    "鬭": "鬥",
    "鬪": "鬥",
    "峩": "峨",
    "嶋": "島",
    "嶌": "島",
    "効": "效",
}
# Left out on purpose, as they would merge different words: 沈/沉 (沈 is
# also a family name), 菓/果 (菓子), 煙/菸 (smoke, tobacco).


class _Folds(dict):
    """str.translate's table: each character's fold, worked out the first time it is met."""

    def __missing__(self, char_code: int) -> str:
        char = chr(char_code)
        normal = unicodedata.normalize("NFKC", char).lower()
        folded = VARIANTS.get(normal, normal) if len(normal) == 1 else char
        self[char_code] = folded
        return folded


_TRANSLATE = _Folds({ord(variant): form for variant, form in VARIANTS.items()})


def fold(text: str) -> str:
    """Text in lower case, then each character folded: a variant to its form, else to its NFKC form
    when that is one character (full-width Ａ to a, a compatibility ideograph to the unified one)."""
    return text.lower().translate(_TRANSLATE)
