"""Search: the segmenter's words come from the records, and the index is split per language."""
from __future__ import annotations

import json
from pathlib import Path

from generator.config import load_project
from generator.pipeline import load_collection
from generator.search import SearchLanguage, language_settings, register_words, search_words, split_index

ROOT = Path(__file__).resolve().parents[2]


def _collection(root: Path):
    project, problems = load_project(root / "casebook.yml")
    assert project is not None, problems
    return load_collection(project)[0]


def test_words_come_from_places_brands_and_taxonomy():
    words = search_words(_collection(ROOT / "tests" / "fixtures" / "project"))
    assert {"範例鄉", "範例縣", "他縣"} <= set(words)              # places
    assert {"範例品牌", "範例產品"} <= set(words)                  # brand name and product
    assert {"範例一", "範例產業"} <= set(words)                    # taxonomy labels
    assert "Exampleton" not in words, "only Han text is segmented, so only Han words are needed"
    assert words == sorted(words)


def test_a_draft_brand_gives_no_words(project):
    project.replace("content/brands/example-brand.yml", "status: published", "status: draft")
    assert "範例品牌" not in search_words(_collection(project.root))


def test_with_the_words_jieba_keeps_place_names_whole():
    import jieba

    register_words(search_words(_collection(ROOT)))
    assert "口湖鄉" in jieba.lcut("雲林口湖鄉以智能養殖")          # without the words: 雲/林口/湖鄉
    assert "官田區" in jieba.lcut("臺南市官田區運用菱殼炭")
    assert "烏金" in jieba.lcut("發展烏金產業")


def test_the_index_is_split_by_language_with_locations_relative_to_its_root():
    index = {"config": {"lang": ["en"], "separator": "x", "pipeline": [], "fields": {"title": {"boost": 1000.0}}},
             "docs": [{"location": "", "title": "首頁", "text": ""},
                      {"location": "cases/kouhu/#story", "title": "案例", "text": "口湖"},
                      {"location": "en/", "title": "Home", "text": ""},
                      {"location": "en/cases/kouhu/", "title": "Kouhu", "text": "tilapia"}]}
    languages = [SearchLanguage("zh-TW", "", language_settings("en", "[\\s\\u200b]+", "stemmer")),
                 SearchLanguage("en", "en/", language_settings("en", "[\\s\\-]+", "stopWordFilter"))]
    files = {path: json.loads(text) for path, text in split_index(index, languages).items()}
    assert sorted(files) == ["en/search/search_index.json", "search/search_index.json"]
    assert [d["location"] for d in files["search/search_index.json"]["docs"]] == ["", "cases/kouhu/#story"]
    assert [d["location"] for d in files["en/search/search_index.json"]["docs"]] == ["", "cases/kouhu/"]
    en = files["en/search/search_index.json"]["config"]
    assert en["pipeline"] == ["stopWordFilter"] and en["fields"] == index["config"]["fields"]


def test_every_separator_splits_where_material_marks_segments():
    # Material puts U+200B between the words it cuts out of Han text, on pages of every language.
    assert language_settings("en", "[\\s\\-]+", "stopWordFilter")["separator"] == "\\u200b+|[\\s\\-]+"
    kept = "[\\s\\u200b\\u3000\\-、。，．？！；]+"
    assert language_settings("en", kept, "stemmer")["separator"] == kept
    assert language_settings("ja", kept, "stemmer, trimmer")["pipeline"] == ["stemmer", "trimmer"]
