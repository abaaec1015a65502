"""The search index's files are kept between builds and linked into the site."""

from __future__ import annotations

from generator.build.search_folder import IndexFolders


def _maker(files, made):
    def make():
        made.append(1)
        return dict(files), {"shards": 1}

    return make


def test_the_same_inputs_link_the_kept_files_and_new_ones_make_them_again(tmp_path):
    cache, made = tmp_path / "cache", []
    files = {"t0.json": "[1]", "docs.json": "{}"}
    first, second, third = (tmp_path / name / "search" for name in ("one", "two", "three"))
    folders = IndexFolders(cache)
    assert folders.write(first, ["same"], _maker(files, made), keep=True) == {"shards": 1}
    folders = IndexFolders(cache)
    assert folders.write(second, ["same"], _maker(files, made), keep=True) == {"shards": 1}
    assert made == [1] and folders.reused == 1
    assert sorted(p.name for p in second.iterdir()) == ["docs.json", "t0.json"], "the settings stay in the cache"
    assert (second / "t0.json").samefile(first / "t0.json")
    folders.prune()
    assert len(list(cache.iterdir())) == 1
    folders = IndexFolders(cache)
    folders.write(third, ["changed"], _maker({"t0.json": "[2]"}, made), keep=True)
    folders.prune()
    assert made == [1, 1] and len(list(cache.iterdir())) == 1
    assert (first / "t0.json").read_text() == "[1]", "an older site keeps its files"


def test_under_serve_nothing_is_kept_and_a_linked_file_is_never_written_through(tmp_path):
    cache, made, site = tmp_path / "cache", [], tmp_path / "site" / "search"
    IndexFolders(cache).write(site, ["first"], _maker({"t0.json": "[1]"}, made), keep=True)
    kept = next(cache.iterdir()) / "t0.json"
    IndexFolders(cache).write(site, ["edited"], _maker({"t0.json": "[2]"}, made), keep=False)
    assert (site / "t0.json").read_text() == "[2]" and kept.read_text() == "[1]"
    assert len(list(cache.iterdir())) == 1, "serve stores nothing"
