"""Search: our pages' entries as Material makes them (Han text as written), split per language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.engine.mkdocs.material import search_sections
from generator.publish.search import SearchLanguage, language_settings, split_index
from generator.publish.search_shards import KINDS

ROOT = Path(__file__).resolve().parents[2]


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


# -- our own index: Material's entries, Han text not segmented --------------------------


def _site(root: Path):
    from generator.build.site import prepare_site

    return prepare_site(root / "casebook.yml", ROOT / "theme")


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
    from generator.publish.search import page_sections

    body = (
        '<div class="lead"><p>雲林口湖鄉 <em>smart</em> tilapia</p><script>x()</script></div>\n'
        '<h2 id="story">故事 <a class="headerlink" href="#story">¶</a></h2>\n<ul><li>One</li><li> </li></ul>\n'
        '<h3 id="team">Team</h3>\n<p>Fish &amp; chips</p>\n<h4>No id</h4><p>more</p>'
    )
    entries = page_sections("cases/kouhu/", "Kouhu &amp; co", body, search_sections)
    assert entries == [
        {"location": "cases/kouhu/", "title": "Kouhu &amp; co", "text": "<p>雲林口湖鄉 smart tilapia</p>"},
        {"location": "cases/kouhu/#story", "title": "故事", "text": "<ul><li>One</li><li> </li></ul>"},
        {"location": "cases/kouhu/#team", "title": "Team", "text": "<p>Fish &amp; chips</p> No id<p>more</p>"},
    ]


def test_our_entries_are_the_ones_material_would_write_and_give_the_same_shards(monkeypatch):
    """Material cuts Han text into words with jieba (U+200B between them); the sharded index removes the
    marks and indexes characters and pairs, so our entries leave Han text as written: the same shards."""
    from markupsafe import escape
    from material.plugins.search.plugin import SearchIndex
    from material.plugins.search.plugin import jieba as materials_jieba

    from generator.build.search_index import SearchIndexer
    from generator.publish.search_shards import group_entries

    site = _site(ROOT)
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
    unmarked = [
        {**e, "title": e["title"].replace("\u200b", ""), "text": e["text"].replace("\u200b", "")}
        for e in material.entries
    ]
    assert ours == unmarked
    assert not any("\u200b" in entry["text"] for entry in ours), "no segmenter's marks"
    if materials_jieba is not None:  # installed: Material segmented, and the shards read the same
        assert any("\u200b" in entry["text"] for entry in material.entries)
    assert group_entries(ours) == group_entries(material.entries)
    monkeypatch.setattr("generator.build.search_index.PARALLEL_FROM", 1)
    in_workers = SearchIndexer(site, search_sections, None, workers=2)
    in_workers.start()
    assert in_workers._pool is not None, "parsed in worker processes"
    assert in_workers.entries() == ours


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


def test_a_second_build_parses_nothing(tmp_path, monkeypatch):
    from generator.build import search_index
    from generator.build.outputs import search_indexes_kept, write_search_indexes

    site = _site(ROOT / "tests" / "fixtures" / "project")
    parsed = []
    sections = search_index.page_sections
    monkeypatch.setattr(search_index, "page_sections", lambda *args: parsed.append(args[0]) or sections(*args))
    first, second = tmp_path / "one", tmp_path / "two"
    for site_dir in (first, second):
        _engine_index(site_dir)
    indexer = _indexer(site, tmp_path)
    written, report = write_search_indexes(site, first, _settings(site), indexer)
    indexer.save()
    assert sorted(written) == ["en/search/search_index.json", "search/search_index.json"]
    assert parsed and report.pages_reused == 0 and report.problem is None
    cache = tmp_path / "cache" / "search" / "pages.json"
    assert cache.is_file() and not (tmp_path / "cache" / "search" / "segments.json").exists()
    parsed.clear()
    stamp = cache.stat().st_mtime_ns
    indexer = _indexer(site, tmp_path)
    assert search_indexes_kept(site, indexer)
    _, report = write_search_indexes(site, second, _settings(site), indexer)
    indexer.save()
    assert parsed == [] and report.pages_reused == 0 and report.indexes_reused == 2, "the index files are kept"
    assert cache.stat().st_mtime_ns == stamp, "unchanged: not rewritten"
    for path in written:
        assert (first / path).read_bytes() == (second / path).read_bytes()
    shards = sorted(p.relative_to(first).as_posix() for p in first.rglob("search/index/*.json"))
    assert shards and all((first / path).read_bytes() == (second / path).read_bytes() for path in shards)
    shutil.rmtree(tmp_path / "cache" / "search" / "index")  # the index files lost: made from the entries kept
    indexer = _indexer(site, tmp_path)
    assert not search_indexes_kept(site, indexer)
    _, report = write_search_indexes(site, second, _settings(site), indexer)
    assert parsed == [] and report.pages_reused > 0 and report.indexes_reused == 0
    assert all((first / path).read_bytes() == (second / path).read_bytes() for path in shards)
    zh = json.loads((first / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert zh["config"]["fields"]["title"] == {"boost": 1000.0}
    assert zh["docs"] == [] and zh["config"]["casebook"]["index"] == "search/index/"
    en = json.loads((first / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert en["config"]["casebook"]["index"] == "en/search/index/"
    docs = json.loads((first / "search" / "index" / "docs.json").read_text(encoding="utf-8"))["docs"]
    assert docs and not any(location.startswith("en/") for location, *_ in docs)
    case = next(doc for doc in docs if doc[0] == "cases/example-case/")
    assert case[2] == KINDS.index("case") and case[3], "a case has its kind and its place"
