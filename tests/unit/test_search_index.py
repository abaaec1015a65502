"""Search: the segmenter's words come from the records, and the index is split per language."""

from __future__ import annotations

import json
from pathlib import Path

from generator.build.pipeline import load_collection
from generator.engine.mkdocs.material import search_sections
from generator.load.project import load_project
from generator.publish.search import SearchLanguage, language_settings, register_words, search_words, split_index
from generator.publish.search_shards import KINDS

ROOT = Path(__file__).resolve().parents[2]


def _collection(root: Path):
    project, problems = load_project(root / "casebook.yml")
    assert project is not None, problems
    return load_collection(project)[0]


def test_words_come_from_places_brands_and_taxonomy():
    words = search_words(_collection(ROOT / "tests" / "fixtures" / "project"))
    assert {"範例鄉", "範例縣", "他縣"} <= set(words)  # places
    assert {"範例品牌", "範例產品"} <= set(words)  # brand name and product
    assert {"範例一", "範例產業"} <= set(words)  # taxonomy labels
    assert "Exampleton" not in words, "only Han text is segmented, so only Han words are needed"
    assert words == sorted(words)


def test_a_draft_brand_gives_no_words(project):
    project.replace("content/brands/example-brand.yml", "status: published", "status: draft")
    assert "範例品牌" not in search_words(_collection(project.root))


def test_with_the_words_jieba_keeps_place_names_whole():
    import jieba

    register_words(search_words(_collection(ROOT)))
    assert "口湖鄉" in jieba.lcut("雲林口湖鄉以智能養殖")  # without the words: 雲/林口/湖鄉
    assert "官田區" in jieba.lcut("臺南市官田區運用菱殼炭")
    assert "烏金" in jieba.lcut("發展烏金產業")


def test_the_index_is_split_by_language_with_locations_relative_to_its_root():
    index = {
        "config": {"lang": ["en"], "separator": "x", "pipeline": [], "fields": {"title": {"boost": 1000.0}}},
        "docs": [
            {"location": "", "title": "首頁", "text": ""},
            {"location": "cases/kouhu/#story", "title": "案例", "text": "口湖"},
            {"location": "en/", "title": "Home", "text": ""},
            {"location": "en/cases/kouhu/", "title": "Kouhu", "text": "tilapia"},
        ],
    }
    languages = [
        SearchLanguage("zh-TW", "", language_settings("en", "[\\s\\u200b]+", "stemmer")),
        SearchLanguage("en", "en/", language_settings("en", "[\\s\\-]+", "stopWordFilter")),
    ]
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


# -- our own index: Material's entries, with jieba's cuts cached ------------------------


def _site(root: Path):
    from generator.build.site import prepare_site

    return prepare_site(root / "casebook.yml", ROOT / "theme")


class _CountingCut:
    """Counts jieba.cut calls, cutting as jieba does."""

    def __init__(self, monkeypatch):
        import jieba

        self.calls = 0
        self._cut = jieba.cut
        monkeypatch.setattr(jieba, "cut", self)

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self._cut(*args, **kwargs)


def _engine_index(site_dir: Path) -> None:
    # What Material's search plugin writes when every page of ours is excluded.
    config = {
        "lang": ["en"],
        "separator": "[\\s\\-]+",
        "pipeline": ["stemmer"],
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
    }
    (site_dir / "search").mkdir(parents=True, exist_ok=True)
    (site_dir / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": []}))


def _settings(site) -> dict:
    return {code: language_settings("en", "[\\s\\-]+", "stemmer") for code in site.project.config.language_codes}


def test_entries_have_the_shape_material_gives_them():
    from generator.publish.search import page_entries

    body = (
        '<div class="lead"><p>雲林口湖鄉 <em>smart</em> tilapia</p><script>x()</script></div>\n'
        '<h2 id="story">故事 <a class="headerlink" href="#story">¶</a></h2>\n<ul><li>One</li><li> </li></ul>\n'
        '<h3 id="team">Team</h3>\n<p>Fish &amp; chips</p>\n<h4>No id</h4><p>more</p>'
    )
    entries = page_entries("cases/kouhu/", "Kouhu &amp; co", body, lambda text: text, search_sections)
    assert entries == [
        {"location": "cases/kouhu/", "title": "Kouhu &amp; co", "text": "<p>雲林口湖鄉 smart tilapia</p>"},
        {"location": "cases/kouhu/#story", "title": "故事", "text": "<ul><li>One</li><li> </li></ul>"},
        {"location": "cases/kouhu/#team", "title": "Team", "text": "<p>Fish &amp; chips</p> No id<p>more</p>"},
    ]


def test_our_entries_are_the_ones_material_would_write(monkeypatch):
    from markupsafe import escape
    from material.plugins.search.plugin import SearchIndex

    from generator.build.search_index import SearchIndexer

    site = _site(ROOT)
    register_words(search_words(site.collection))
    material = SearchIndex()
    for src_uri, rendered in site.rendered.items():
        page = site.page(src_uri)
        if not page.listed:
            continue
        material.add_entry_from_context(
            type(
                "P",
                (),
                {
                    "meta": {"title": str(escape(page.title))},  # as our front matter gives it
                    "content": rendered.body if page.search_body else f"<p>{escape(page.description)}</p>",
                    "toc": [],
                    "url": page.url,
                    "title": page.title,
                },
            )()
        )
    ours = SearchIndexer(site, search_sections, None).entries()
    assert ours == material.entries
    monkeypatch.setattr("generator.build.search_index.PARALLEL_FROM", 1)
    in_workers = SearchIndexer(site, search_sections, None, workers=2)
    assert in_workers._pool is not None, "parsed in worker processes"
    assert in_workers.entries() == ours
    assert any("\u200b" in entry["text"] for entry in ours if not entry["location"].startswith("en/"))


def test_pages_listing_cases_are_found_by_title_and_description_not_by_their_cards():
    from generator.build.search_index import SearchIndexer

    site = _site(ROOT / "tests" / "fixtures" / "project")
    entries = SearchIndexer(site, search_sections, None).entries()
    case_list = [e for e in entries if e["location"] == "cases/"]
    assert len(case_list) == 1 and case_list[0]["title"] and "Example" not in case_list[0]["text"]
    title = site.page("en/cases/example-case.md").title
    assert [e["location"] for e in entries if title in e["title"]] == ["en/cases/example-case/"], (
        "the case's title leads to its page, not to every list that shows its card"
    )


def _indexer(site, tmp_path):
    from generator.build.search_index import SearchIndexer

    return SearchIndexer(site, search_sections, tmp_path / "cache" / "search", "test parser")


def test_a_second_build_segments_nothing(tmp_path, monkeypatch):
    from generator.build.outputs import write_search_indexes

    site = _site(ROOT / "tests" / "fixtures" / "project")
    cut = _CountingCut(monkeypatch)
    first, second = tmp_path / "one", tmp_path / "two"
    for site_dir in (first, second):
        _engine_index(site_dir)
    indexer = _indexer(site, tmp_path)
    written, report = write_search_indexes(site, first, _settings(site), indexer)
    indexer.save()
    assert sorted(written) == ["en/search/search_index.json", "search/search_index.json"]
    assert cut.calls > 0 and report.cut > 0 and report.problem is None
    assert (tmp_path / "cache" / "search" / "segments.json").is_file()
    cut.calls = 0
    stamp = (tmp_path / "cache" / "search" / "segments.json").stat().st_mtime_ns
    _, report = write_search_indexes(site, second, _settings(site), _indexer(site, tmp_path))
    assert cut.calls == 0 and report.cut == 0 and report.pages_reused > 0
    assert (tmp_path / "cache" / "search" / "segments.json").stat().st_mtime_ns == stamp, "unchanged: not rewritten"
    for path in written:
        assert (first / path).read_bytes() == (second / path).read_bytes()
    shards = sorted(p.relative_to(first).as_posix() for p in first.rglob("search/index/*.json"))
    assert shards and all((first / path).read_bytes() == (second / path).read_bytes() for path in shards)
    zh = json.loads((first / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert zh["config"]["fields"]["title"] == {"boost": 1000.0}
    assert zh["docs"] == [] and zh["config"]["casebook"]["index"] == "search/index/"
    en = json.loads((first / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert en["config"]["casebook"]["index"] == "en/search/index/"
    docs = json.loads((first / "search" / "index" / "docs.json").read_text(encoding="utf-8"))["docs"]
    assert docs and not any(location.startswith("en/") for location, *_ in docs)
    case = next(doc for doc in docs if doc[0] == "cases/example-case/")
    assert case[2] == KINDS.index("case") and case[3], "a case has its kind and its place"


def test_new_words_and_a_corrupt_cache_segment_again(tmp_path, monkeypatch):
    from generator.publish.search import Segmenter

    cache = tmp_path / "segments.json"
    cut = _CountingCut(monkeypatch)
    segment = Segmenter(["口湖鄉"], cache)
    assert "口湖鄉" in segment("雲林口湖鄉以智能養殖 tilapia").split("\u200b")
    assert segment("Kouhu tilapia") == "Kouhu tilapia" and cut.calls == 1
    assert segment.save()
    cut.calls = 0
    again = Segmenter(["口湖鄉"], cache)
    again("雲林口湖鄉以智能養殖 tilapia")
    assert cut.calls == 0 and not again.save()
    other = Segmenter(["口湖鄉", "智能養殖"], cache)
    assert "智能養殖" in other("雲林口湖鄉以智能養殖 tilapia").split("\u200b") and cut.calls == 1
    cache.write_text("{not json", encoding="utf-8")
    broken = Segmenter(["口湖鄉"], cache)
    broken("雲林口湖鄉")
    broken("官田區")
    assert broken.report.problem and "segments.json" in broken.report.problem
    assert broken.report.cut == 2 and broken.save()
    assert json.loads(cache.read_text(encoding="utf-8"))["values"]
