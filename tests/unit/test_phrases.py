"""Line breaks between phrases (generator/core/phrases.py): one module for HTML, Pillow and WeasyPrint."""

from __future__ import annotations

import budoux
import pytest

from generator.core.phrases import BOUNDARY, Phrases, wrap

# Our words, as the build gathers them (place, brand and product names, taxonomy labels).
WORDS = [
    "臺南",
    "官田",
    "菱殼炭",
    "烏金",
    "雲林",
    "口湖",
    "屏東",
    "可可",
    "新北",
    "三峽",
    "坪林",
    "茶鄉農業新體驗",
    "臺東香草",
    "區塊鏈",
    "農業",
    "宜蘭",
    "壯圍",
    "宜蘭斑",
    "食育酷樂園",
]

# The six case titles and the phrases a reader sees as units.
TITLES = {
    "臺南官田菱殼炭烏金產業": ("臺南", "官田", "菱殼炭", "烏金", "產業"),
    "雲林口湖「智能養殖、社區升級」": ("雲林", "口湖", "「智能", "養殖、", "社區", "升級」"),
    "屏東青農檳榔改植可可": ("屏東", "青農檳榔", "改植", "可可"),
    "新北三峽、坪林茶鄉農業新體驗": ("新北", "三峽、", "坪林", "茶鄉農業新體驗"),
    "臺東香草農業區塊鏈": ("臺東香草", "農業", "區塊鏈"),
    "宜蘭壯圍「宜蘭斑‧食育酷樂園」": ("宜蘭", "壯圍", "「宜蘭斑‧", "食育酷樂園」"),
}


PARSE = budoux.load_default_traditional_chinese_parser().parse


@pytest.fixture(scope="module")
def phrases() -> Phrases:
    return Phrases(PARSE, WORDS)


@pytest.mark.parametrize("title,expected", TITLES.items())
def test_the_six_titles_break_only_between_words(phrases, title, expected):
    assert phrases.split(title) == expected
    assert "".join(phrases.split(title)) == title


def test_budoux_alone_splits_words_that_our_words_and_rules_keep_whole():
    bare = Phrases(PARSE)
    assert "社區" in bare.split("社區升級")[0] or bare.split("社區升級") == ("社區", "升級")
    assert bare.split("地方創生案例集") == ("地方", "創生", "案例集")  # BudouX: 案 / 例集
    assert bare.split("臺南官田")[0] != "臺"  # no phrase of one Han character


def test_punctuation_stays_with_its_phrase(phrases):
    for title in TITLES:
        for phrase in phrases.split(title):
            assert phrase[0] not in "，、。」）》" and phrase[-1] not in "「（《", phrase


def test_latin_text_is_one_phrase_and_left_to_word_breaking(phrases):
    assert phrases.split("Kouhu, Yunlin: smart aquaculture") == ("Kouhu, Yunlin: smart aquaculture",)
    assert phrases.html("Kouhu & co") == "Kouhu &amp; co"


def test_html_marks_boundaries_with_wbr_in_a_keep_all_span(phrases):
    html = phrases.html("雲林口湖「智能養殖、社區升級」")
    assert html == ('<span class="cb-phrases">雲林<wbr>口湖<wbr>「智能<wbr>養殖、<wbr>社區<wbr>升級」</span>')
    assert phrases.html("<b>臺南官田</b>") == (
        '<span class="cb-phrases">&lt;b&gt;<wbr>臺南<wbr>官田<wbr>&lt;/b&gt;</span>'
    )  # escaped


def test_print_html_keeps_each_phrase_on_one_line(phrases):
    assert phrases.print_html("臺東香草農業區塊鏈") == (
        '<span class="cb-phrase">臺東香草</span><span class="cb-phrase">農業</span>'
        '<span class="cb-phrase">區塊鏈</span>'
    )


def test_mark_carries_the_boundaries_in_plain_text(phrases):
    assert phrases.mark("屏東青農檳榔改植可可") == BOUNDARY.join(("屏東", "青農檳榔", "改植", "可可"))


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("width", [3, 4, 5, 6, 8, 11])
def test_wrapped_lines_break_at_phrases_and_never_hold_one_character(phrases, title, width):
    lines = wrap(phrases.mark(title), len, width)
    assert "".join(lines) == title
    boundaries = _boundaries(phrases.split(title))
    position = 0
    for line in lines[:-1]:
        position += len(line)
        wider = any(len(p) > width for p in phrases.split(title))
        assert position in boundaries or wider, (lines, width)
    assert all(len(line.strip("」、")) > 1 for line in lines), lines


def test_wrapped_lines_are_balanced(phrases):
    # Greedy filling would leave 「升級」」 alone on a last line; balanced lines share the text.
    lines = wrap(phrases.mark("雲林口湖「智能養殖、社區升級」"), len, 12)
    assert lines == ["雲林口湖「智能", "養殖、社區升級」"]


def test_latin_lines_break_between_words():
    lines = wrap("smart aquaculture and community upgrade", len, 21)
    assert len(lines) == 2 and all(len(line) <= 21 for line in lines)
    assert " ".join(lines) == "smart aquaculture and community upgrade"


def _boundaries(phrases: tuple[str, ...]) -> set[int]:
    found, position = set(), 0
    for phrase in phrases[:-1]:
        position += len(phrase)
        found.add(position)
    return found


def test_latin_words_in_a_title_with_han_break_only_at_spaces(phrases):
    title = "Zhuangwei, Yilan: 宜蘭斑‧食育酷樂園, food education and farm-experience tourism"
    lines = wrap(phrases.mark(title), len, 24)
    assert " ".join(lines).replace("‧ ", "‧") == title
    for before, after in zip(lines, lines[1:]):  # a break never falls inside a Latin word ("f/arm")
        assert not (
            before[-1].isascii()
            and before[-1].isalpha()
            and after[0].isascii()
            and after[0].isalpha()
            and f"{before[-1]}{after[0]}" in title
        ), lines
