"""Open data in the built site: the same bytes from two builds, cards drawn once, every link resolves."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from sitetools import build_site

# Files our build adds beside the pages; each must come out byte-identical.
PUBLISHED = (
    "data/**/*",
    "feed.xml",
    "en/feed.xml",
    "sitemap.xml",
    "en/sitemap.xml",
    "assets/social/**/*.jpg",
    "search/search_index.json",
    "en/search/search_index.json",
    "search/index/*.json",
    "en/search/index/*.json",
)


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for pattern in PUBLISHED
        for path in site.glob(pattern)
        if path.is_file()
    }


def test_two_builds_give_the_same_bytes_and_the_second_draws_no_card(fixture_site_project, tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBOOK_SITE_URL", "https://example.org/casebook/")  # an address: social cards are drawn
    first = build_site(fixture_site_project, tmp_path / "one")
    second = build_site(fixture_site_project, tmp_path / "two")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    drawn = re.search(r"social cards: (\d+) drawn, 0 unchanged", first.stderr)
    assert drawn and int(drawn.group(1)) >= 4, first.stderr  # site and case, in two languages
    assert f"social cards: 0 drawn, {drawn.group(1)} unchanged" in second.stderr
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert {
        "data/cases.json",
        "data/cases.csv",
        "data/cases.geojson",
        "data/cases/example-case.json",
        "data/schema/case.schema.json",
        "assets/social/en/cases/example-case.jpg",
    } <= set(one)
    assert one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []

    # and every link of the open-data page, in both languages, reaches a file of the site
    for page in ("open-data/index.html", "en/open-data/index.html", "en/open-data/dictionary/index.html"):
        html = (tmp_path / "one" / page).read_text(encoding="utf-8")
        article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
        links = [href for href in re.findall(r'href="([^"#]+)', article) if "://" not in href]
        assert links, page
        for href in links:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            path = tmp_path / "one" / target
            assert path.is_file() or (path / "index.html").is_file(), f"{page} links to missing {href}"
