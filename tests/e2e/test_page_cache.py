"""Pages from the page cache: a build that reuses them is the build that renders everything."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import ROOT, build_site, copy_fixture_project


def _build(project: Path, site: Path) -> tuple[int, int]:
    """Build; returns (pages rendered, pages from the cache)."""
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    counts = re.search(r"pages: (\d+) rendered, (\d+) from the cache", result.stderr)
    assert counts, result.stderr[-3000:]
    return int(counts.group(1)), int(counts.group(2))


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    return copy_fixture_project(tmp_path / "project", theme)


def test_unchanged_pages_come_from_the_cache_byte_for_byte(project, tmp_path):
    rendered, reused = _build(project, tmp_path / "first")
    assert rendered > 20 and reused == 0
    again, reused = _build(project, tmp_path / "second")
    assert again == 0 and reused == rendered, "every page outside the navigation came from the cache"
    assert _files(tmp_path / "second") == _files(tmp_path / "first")
    case_page = tmp_path / "second" / "en" / "cases" / "example-case" / "index.html"
    assert case_page.stat().st_nlink > 1, "put in the site as a link to the cache file, not a copy"


def test_an_edit_renders_again_only_what_it_changes_and_matches_a_clean_build(project, tmp_path):
    all_pages, _ = _build(project, tmp_path / "first")
    case = project / "content" / "cases" / "example-case.yml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("en: Example case", "en: Edited example case", 1), encoding="utf-8"
    )
    rendered, reused = _build(project, tmp_path / "edited")
    assert 0 < rendered < all_pages and reused > 0
    page = (tmp_path / "edited" / "en" / "cases" / "example-case" / "index.html").read_text(encoding="utf-8")
    assert "Edited example case" in page
    shutil.rmtree(project / ".cache" / "casebook" / "pages")
    clean, _ = _build(project, tmp_path / "clean")
    assert clean == all_pages
    assert _files(tmp_path / "edited") == _files(tmp_path / "clean"), "incremental and clean builds agree"


def test_a_theme_change_renders_every_page_again(project, tmp_path):
    all_pages, _ = _build(project, tmp_path / "first")
    main = project.parent / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# changed #}\n", encoding="utf-8")
    rendered, reused = _build(project, tmp_path / "second")
    assert (rendered, reused) == (all_pages, 0)


def test_pages_no_build_uses_are_removed_from_the_cache(project, tmp_path):
    _build(project, tmp_path / "first")
    pages = project / ".cache" / "casebook" / "pages"
    count = len(list(pages.glob("*.html")))
    stale = pages / ("0" * 64 + ".html")
    stale.write_text("<p>left by an old build</p>", encoding="utf-8")
    os.utime(stale, (0, 0))  # unused for long: an old build's
    _build(project, tmp_path / "second")
    assert stale.exists(), "the folder was swept less than an hour ago"
    os.utime(pages / ".swept", (0, 0))
    _build(project, tmp_path / "third")
    assert not stale.exists() and len(list(pages.glob("*.html"))) == count


def test_a_dirty_build_never_writes_through_a_link_into_the_cache(project, tmp_path):
    site = tmp_path / "site"
    _build(project, site)
    _build(project, site)  # now the site's pages are links to cache files
    case = project / "content" / "cases" / "example-case.yml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("en: Example case", "en: Edited example case", 1), encoding="utf-8"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Edited example case" in (site / "en" / "cases" / "example-case" / "index.html").read_text(encoding="utf-8")
    cached = [p.read_text(encoding="utf-8") for p in (project / ".cache" / "casebook" / "pages").glob("*.html")]
    old = [text for text in cached if "<h1>Example case</h1>" in text]
    assert old and not any("Edited example case" in text for text in old), "the old page's cache file kept its bytes"
