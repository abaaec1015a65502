"""The MkDocs build through the casebook plugin, on the synthetic fixture project."""

from __future__ import annotations

import json
import re

import pytest
from sitetools import build_site, copy_fixture_project


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture project built once for this module's tests that only read it."""
    root = tmp_path_factory.mktemp("build")
    result = build_site(copy_fixture_project(root / "project"), root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _html(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_one_page_per_published_case_per_language(site):
    assert (site / "cases/example-case/index.html").is_file()
    assert (site / "en/cases/example-case/index.html").is_file()
    # a draft has no page in any language
    assert not (site / "cases/second-example-case").exists()
    assert not (site / "en/cases/second-example-case").exists()


def test_pages_carry_their_language_and_alternates(site):
    zh = _html(site, "cases/example-case/index.html")
    en = _html(site, "en/cases/example-case/index.html")
    assert '<html lang="zh-TW"' in zh
    assert '<html lang="en"' in en
    assert '<h1><span class="cb-phrases">範例<wbr>案例</span></h1>' in zh and "<h1>Example case</h1>" in en
    # Material's interface strings follow the page's language
    assert 'aria-label="搜尋"' in zh and 'aria-label="Search"' in en
    assert re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', en) == [
        ("../../../cases/example-case/", "zh-TW"),
        ("./", "en"),
    ]


def test_case_pages_stay_out_of_the_navigation(site):
    nav = _html(site, "en/index.html").split('<nav class="cb-nav"')[1].split("</nav>")[0]
    assert "cases/example-case" not in nav
    # The header's navigation is the publication's six sections; the site's name leads home.
    items = re.findall(r'class="cb-nav__link"[^>]*>([^<]*)<', nav)
    assert items == ["Cases", "Map", "Brands", "Policy", "Exhibitions", "About"]
    zh = _html(site, "cases/example-case/index.html").split('<nav class="cb-nav"')[1].split("</nav>")[0]
    assert re.findall(r'class="cb-nav__link"[^>]*>([^<]*)<', zh)[0] == "案例"
    assert 'class="md-nav md-nav--primary"' not in _html(site, "cases/index.html")  # no docs sidebar


def test_content_error_stops_the_build_with_positions(fixture_site_project, tmp_path):
    case = fixture_site_project / "content/cases/example-case.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("title:", "titel:"), encoding="utf-8")
    result = build_site(fixture_site_project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        "content/cases/example-case.yml:7:1: error[unknown-field]: titel: 'titel' is not a field of a case"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_error_pages_stay_out_of_search_and_sitemap(site):
    assert (site / "en/404.html").is_file()
    for index in ("search/index/docs.json", "en/search/index/docs.json"):
        locations = [location for location, *_ in json.loads(_html(site, index))["docs"]]
        assert locations and not [loc for loc in locations if "404" in loc]
    for sitemap in ("sitemap.xml", "en/sitemap.xml"):
        assert "404.html" not in _html(site, sitemap)
