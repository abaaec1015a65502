"""Chinese names inside English text carry lang="zh-TW" (the bilingual editor's 宜蘭斑‧食育酷樂園)."""

from __future__ import annotations

from generator.render.templates import han_in_lang


def test_a_chinese_name_in_an_english_title_is_marked():
    assert str(han_in_lang("Zhuangwei, Yilan: 宜蘭斑‧食育酷樂園 (“Yilan Ban food-education fun park”)")) == (
        'Zhuangwei, Yilan: <span lang="zh-TW">宜蘭斑‧食育酷樂園</span> (“Yilan Ban food-education fun park”)'
    )


def test_chinese_text_is_left_alone_and_text_is_escaped():
    assert str(han_in_lang("雲林口湖「智能養殖、社區升級」")) == "雲林口湖「智能養殖、社區升級」"
    assert str(han_in_lang("a <b> & 臺灣")) == 'a &lt;b&gt; &amp; <span lang="zh-TW">臺灣</span>'


def test_on_an_english_page_a_name_wholly_in_chinese_is_marked_too():
    assert str(han_in_lang("宜蘭斑‧食育酷樂園", "en")) == '<span lang="zh-TW">宜蘭斑‧食育酷樂園</span>'
    assert str(han_in_lang("宜蘭斑‧食育酷樂園", "zh-TW")) == "宜蘭斑‧食育酷樂園"


def test_after_the_phrases_filter_the_html_is_kept_and_the_whole_name_marked():
    from markupsafe import Markup

    marked = han_in_lang(Markup("Zhuangwei: 宜蘭斑‧<wbr>食育<wbr>酷樂園 &amp; more"))
    assert str(marked) == 'Zhuangwei: <span lang="zh-TW">宜蘭斑‧<wbr>食育<wbr>酷樂園</span> &amp; more'
