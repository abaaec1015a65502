"""An output folder is replaced only when complete; the replaced one goes to a trash when given one."""

from __future__ import annotations

import pytest

from generator.core.atomic import atomic_directory


def _build(target, trash, text):
    with atomic_directory(target, trash=trash) as work:
        (work / "page.html").write_text(text)


def test_the_replaced_output_goes_to_the_trash_and_the_next_build_empties_it(tmp_path):
    site, trash = tmp_path / "site", tmp_path / "cache" / "old-sites"
    _build(site, trash, "one")
    assert not trash.exists(), "nothing was replaced"
    _build(site, trash, "two")
    assert (site / "page.html").read_text() == "two"
    (old,) = trash.iterdir()
    assert (old / "page.html").read_text() == "one"
    _build(site, trash, "three")
    (newer,) = trash.iterdir()
    assert newer != old and (newer / "page.html").read_text() == "two", "the older one was removed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"], "no folder left beside the site"


def test_a_failed_build_keeps_the_output_and_still_empties_the_trash(tmp_path):
    site, trash = tmp_path / "site", tmp_path / "trash"
    _build(site, trash, "one")
    _build(site, trash, "two")
    with pytest.raises(RuntimeError), atomic_directory(site, trash=trash) as work:
        (work / "page.html").write_text("half")
        raise RuntimeError("the build failed")
    assert (site / "page.html").read_text() == "two"
    assert list(trash.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "trash"]


def test_without_a_trash_the_replaced_output_is_removed_at_once(tmp_path):
    site = tmp_path / "site"
    _build(site, None, "one")
    _build(site, None, "two")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
