"""The one-file JSON cache behind search segments, search entries and QR codes."""

from __future__ import annotations

import json

from generator.core.json_cache import JsonCache, text_key


def test_values_are_made_once_and_kept_across_builds(tmp_path):
    path = tmp_path / "cache.json"
    made = []
    first = JsonCache(path, "v1")
    assert first.get_or_make("a", lambda: made.append("a") or [1, "一"]) == [1, "一"]
    assert first.get_or_make("a", lambda: made.append("again")) == [1, "一"]
    assert made == ["a"] and (first.hits, first.misses) == (1, 1)
    assert first.save() and not first.save(), "written once, then unchanged"
    second = JsonCache(path, "v1")
    assert second.get_or_make("a", lambda: made.append("third")) == [1, "一"]
    assert made == ["a"] and not second.save()


def test_another_scope_discards_every_value(tmp_path):
    path = tmp_path / "cache.json"
    old = JsonCache(path, "words: 口湖")
    old.get_or_make("a", lambda: "old")
    old.save()
    new = JsonCache(path, "words: 口湖 官田")
    assert new.get_or_make("a", lambda: "new") == "new"
    assert new.save() and json.loads(path.read_text(encoding="utf-8")) == {
        "scope": "words: 口湖 官田",
        "values": {"a": "new"},
    }


def test_pruning_keeps_only_what_this_build_asked_for(tmp_path):
    path = tmp_path / "cache.json"
    cache = JsonCache(path, "s")
    for key in "abc":
        cache.get_or_make(key, lambda: key)
    cache.save()
    later = JsonCache(path, "s")
    later.get_or_make("b", lambda: "?")
    assert later.save(prune=True)
    assert json.loads(path.read_text(encoding="utf-8"))["values"] == {"b": "b"}


def test_an_unreadable_file_is_a_problem_reported_and_rebuilt(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    cache = JsonCache(path, "s")
    assert cache.get_or_make("a", lambda: 1) == 1
    assert cache.problem and "cache.json" in cache.problem
    assert cache.save() and JsonCache(path, "s").get_or_make("a", lambda: 2) == 1


def test_keys_keep_their_parts_apart():
    assert text_key("ab", "c") != text_key("a", "bc")
    assert text_key("口湖") == text_key("口湖") and len(text_key("")) == 64


def test_what_one_build_made_and_did_not_write_the_next_build_of_the_process_finds(tmp_path):
    """`mkdocs serve` writes the search caches only when it stops; its builds share what they made."""
    path = tmp_path / "never-written.json"
    JsonCache(path, "s").get_or_make("a", lambda: 1)
    second = JsonCache(path, "s")
    assert second.get_or_make("a", lambda: 2) == 1 and second.hits == 1
    assert second.save(), "the last build writes what an earlier one made"
    assert json.loads(path.read_text(encoding="utf-8"))["values"] == {"a": 1}
