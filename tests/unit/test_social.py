"""Social cards: 1200x630 RGB JPEGs drawn with Noto Sans CJK, the same bytes every time, cached by hash."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from generator.build.site import prepare_site
from generator.graphics import cards as social_cards
from generator.graphics import drawing
from generator.graphics.cards import Card, cached_cards, draw_card
from generator.graphics.drawing import CardText, FontMissing, find_font, wrap
from generator.render.seo import site_cards

ROOT = Path(__file__).resolve().parents[2]

KOUHU = CardText("zh-TW", "地方創生案例", "雲林口湖「智能養殖、社區升級」", "雲林縣口湖鄉", "地方創生案例集")
ENGLISH = CardText(
    "en",
    "Regional revitalisation case",
    "Kouhu, Yunlin: smart fish farming, community upgrade",
    "Kouhu Township, Yunlin County",
    "Taiwan Regional Revitalisation Casebook",
)


def test_a_card_is_one_1200_by_630_rgb_jpeg():
    image = Image.open(io.BytesIO(draw_card(KOUHU)))
    assert image.format == "JPEG"
    assert image.size == (1200, 630)
    assert image.mode == "RGB"


def test_the_same_text_gives_the_same_bytes_and_other_text_other_bytes():
    assert draw_card(KOUHU) == draw_card(KOUHU)
    assert draw_card(ENGLISH) != draw_card(KOUHU)


def test_the_title_is_actually_drawn():
    # A card whose title differs draws different pixels in the title's area.
    other = CardText(**{**KOUHU.__dict__, "title": "臺南官田菱殼炭烏金產業"})
    a, b = (Image.open(io.BytesIO(draw_card(text))).crop((80, 130, 1120, 420)) for text in (KOUHU, other))
    assert a.tobytes() != b.tobytes()


def test_chinese_uses_the_taiwan_face_and_japanese_the_japan_face():
    assert (
        ImageFont.truetype(find_font("zh-TW", "Bold").path, 12, index=find_font("zh-TW", "Bold").index).getname()[0]
        == "Noto Sans CJK TC"
    )
    japanese = find_font("ja", "Regular")
    assert ImageFont.truetype(japanese.path, 12, index=japanese.index).getname()[0] == "Noto Sans CJK JP"


def test_a_missing_font_is_a_clear_error(monkeypatch):
    drawing.find_font.cache_clear()
    monkeypatch.setattr(drawing, "_fc_match", lambda family, style: None)
    monkeypatch.setattr(drawing, "_KNOWN_FILES", {})
    try:
        with pytest.raises(FontMissing, match=r"Noto Sans CJK TC Bold.*apt-get install fonts-noto-cjk"):
            find_font("zh-TW", "Bold")
    finally:
        drawing.find_font.cache_clear()


def test_long_titles_wrap_by_character_in_chinese_and_by_word_in_english():
    font = ImageFont.truetype(find_font("en", "Bold").path, 72, index=find_font("en", "Bold").index)
    lines = wrap(ENGLISH.title, font, 1040)
    assert len(lines) > 1 and " ".join(lines) == ENGLISH.title
    assert all(font.getlength(line) <= 1040 for line in lines)
    chinese = wrap("口" * 40 + "。", font, 1040)
    assert "".join(chinese) == "口" * 40 + "。"
    assert not any(line.startswith("。") for line in chinese)  # a closing mark never starts a line


# -- cache ------------------------------------------------------------------------------------


def test_an_unchanged_rebuild_draws_nothing_and_a_change_redraws_one(tmp_path, monkeypatch):
    cards = [Card("assets/social/zh-TW/cases/a.jpg", KOUHU), Card("assets/social/en/cases/a.jpg", ENGLISH)]
    files, report = cached_cards(cards, tmp_path)
    assert (report.drawn, report.reused) == (2, 0)
    first = {uri: path.read_bytes() for uri, path in files.items()}

    drawn = []
    monkeypatch.setattr(social_cards, "draw_card", lambda text: drawn.append(text) or b"jpeg")
    files, report = cached_cards(cards, tmp_path)
    assert (report.drawn, report.reused, drawn) == (0, 2, [])
    assert {uri: path.read_bytes() for uri, path in files.items()} == first

    changed = [cards[0], Card(cards[1].uri, CardText(**{**ENGLISH.__dict__, "title": "A new title"}))]
    monkeypatch.undo()
    files, report = cached_cards(changed, tmp_path)
    assert (report.drawn, report.reused) == (1, 1)
    assert files[cards[1].uri].read_bytes() != first[cards[1].uri]
    assert list(tmp_path.glob("*.part")) == []


def test_every_case_page_of_the_fixture_gets_a_card_per_language():
    site = prepare_site(ROOT / "tests" / "fixtures" / "project" / "casebook.yml", ROOT / "theme")
    cards = site_cards(site.collection, site.project.config, site.strings, {p.key for p in site.pages})
    uris = [card.uri for card in cards]
    assert "assets/social/zh-TW/cases/example-case.jpg" in uris
    assert "assets/social/en/cases/example-case.jpg" in uris
    assert "assets/social/en/site.jpg" in uris
    assert not any("second-example-case" in uri for uri in uris), "a draft has no page, so no card"
    en_case = next(card for card in cards if card.uri == "assets/social/en/cases/example-case.jpg")
    assert (en_case.text.title, en_case.text.place) == ("Example case", "Example Township, Example County")


def test_many_new_cards_are_drawn_in_worker_processes_with_the_same_bytes(tmp_path):
    texts = {
        tmp_path / "cards" / f"{i}.jpg": CardText("zh-TW", "案例", f"合成案例 {i}", "合成縣", "案例集")
        for i in range(social_cards.PARALLEL_FROM)
    }
    social_cards.draw_cards(texts, workers=2)
    for path, text in texts.items():
        assert path.read_bytes() == draw_card(text)


def test_a_records_cards_share_their_motifs_and_give_the_bytes_each_gives_alone(tmp_path):
    """The motifs panel is drawn once per record and process; a card's bytes never depend on what came before."""
    from generator.graphics import visuals
    from generator.graphics.motifs import Motifs

    motifs = Motifs("case/a", "case", "yunlin", ("aquaculture",), ("branding",))
    zh = CardText("zh-TW", "案例", "口湖智能養殖", "雲林縣口湖鄉", "案例集", motifs=motifs)
    en = CardText("en", "Case", "Kouhu smart fish farming", "Kouhu, Yunlin", "Casebook", motifs=motifs)
    visuals._panel.cache_clear()
    alone = draw_card(en)
    visuals._panel.cache_clear()
    draw_card(zh)
    assert draw_card(en) == alone and visuals._panel.cache_info().hits == 1
    texts = {tmp_path / f"{i}-{t.lang}.jpg": t for i in range(social_cards.PARALLEL_FROM // 2) for t in (zh, en)}
    social_cards.draw_cards(texts, workers=2)
    assert all(path.read_bytes() == draw_card(text) for path, text in texts.items())


def test_a_brand_name_this_site_wrote_says_so_on_its_card():
    """The social card is a picture: its text is checked here, where it is made (no output shows it bare)."""
    site = prepare_site(ROOT / "casebook.yml", ROOT / "theme")
    cards = site_cards(site.collection, site.project.config, site.strings, {p.key for p in site.pages})
    titles = {card.uri: card.text.title.replace("\u200b", "") for card in cards}  # without its phrase marks
    assert titles["assets/social/zh-TW/brands/taitung-herbs.jpg"] == "臺東香草（本站所取的名稱）"
    assert titles["assets/social/en/brands/taitung-herbs.jpg"] == "Taitung herbs (a name given by this site)"
    # a name the source gives is shown as it is
    assert titles["assets/social/zh-TW/brands/yilan-ban-food-education-park.jpg"] == "宜蘭斑‧食育酷樂園"
