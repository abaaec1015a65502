"""Index pages, the case list's filter (with and without JavaScript) and the 404 pages,
on the real built site in headless Chromium with the network blocked."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.build.pipeline import load_collection
from generator.load.project import load_project

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser


@functools.lru_cache(maxsize=1)
def _records():
    project, _ = load_project(ROOT / "casebook.yml")
    collection, _ = load_collection(project)
    return collection


def _published_cases():
    return [c for _, c in sorted(_records().cases.items()) if c.status == "published"]


def _county_of(place: str) -> str:
    for county in _records().places.counties:
        if place == county.id or place in {t.id for t in county.townships}:
            return county.id
    raise KeyError(place)


def _a_county_with_fewer_cases_than_all() -> tuple[str, set[str]]:
    by_county: dict[str, set[str]] = {}
    for case in _published_cases():
        by_county.setdefault(_county_of(case.place), set()).add(case.id)
    county = min(by_county, key=lambda c: (len(by_county[c]), c))
    assert len(by_county[county]) < len(_published_cases()), "need two counties to test the filter"
    return county, by_county[county]


def _visible_card_ids(page) -> set[str]:
    hrefs = page.eval_on_selector_all("[data-cb-cards] > li:not([hidden]) h3 a", "els => els.map(a => a.href)")
    return {urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in hrefs}


# -- the case list ------------------------------------------------------------------------------------


def test_filter_without_javascript_is_links_to_the_index_pages(browser, offline_page, site_server):
    # A second page like the offline_page fixture's, with JavaScript off (its class,
    # not an import: `conftest` names two modules in this test tree).
    offline = type(offline_page)(browser, java_script_enabled=False)
    page = offline.page
    try:
        page.goto(f"{site_server}cases/")
        assert _visible_card_ids(page) == {c.id for c in _published_cases()}
        assert not page.locator("form[data-cb-filter-form]").is_visible()
        county, expected = _a_county_with_fewer_cases_than_all()
        link = page.locator(f'[data-cb-facet-links] a[href="../counties/{county}/"]')
        assert link.is_visible()
        link.click()
        page.wait_for_load_state()
        assert page.url == f"{site_server}counties/{county}/"
        listed = page.eval_on_selector_all(".cb-card h3 a", "els => els.map(a => a.getAttribute('href'))")
        assert {h.rstrip("/").rsplit("/", 1)[-1] for h in listed} == expected
        assert offline.blocked == []
    finally:
        offline.close()


def test_filter_with_javascript_filters_in_place_keeps_the_url_and_announces_the_count(offline_page, site_server):
    page = offline_page.page
    total = len(_published_cases())
    county, expected = _a_county_with_fewer_cases_than_all()
    page.goto(f"{site_server}en/cases/")
    assert page.locator("form[data-cb-filter-form]").is_visible()
    assert not page.locator("[data-cb-facet-links]").is_visible()

    page.select_option('select[name="county"]', county)
    assert _visible_card_ids(page) == expected
    assert parse_qs(urlsplit(page.url).query) == {"county": [county]}
    status = page.locator('[data-cb-filter-count][role="status"]')
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"{len(expected)} of {total} cases shown"

    # The state in the URL survives a reload.
    page.reload()
    assert page.locator('select[name="county"]').input_value() == county
    assert _visible_card_ids(page) == expected

    page.click("form[data-cb-filter-form] button[type=reset]")
    page.wait_for_function("() => !location.search")
    assert _visible_card_ids(page) == {c.id for c in _published_cases()}
    assert status.inner_text() == f"{total} cases"
    assert offline_page.console_errors == [] and offline_page.blocked == []


def test_a_choice_no_case_matches_says_so(offline_page, site_server):
    page = offline_page.page
    county, expected = _a_county_with_fewer_cases_than_all()
    arrows_there = {a for c in _published_cases() if c.id in expected for a in c.arrows}
    other_arrows = {a for c in _published_cases() for a in c.arrows} - arrows_there
    if not other_arrows:
        pytest.skip("every arrow occurs in that county")
    page.goto(f"{site_server}cases/?county={county}&arrow={sorted(other_arrows)[0]}")
    assert _visible_card_ids(page) == set()
    assert page.locator("[data-cb-filter-empty]").is_visible()
    assert "0" in page.locator("[data-cb-filter-count]").inner_text()


# -- every kind of index page loads cleanly in both languages -------------------------------------------


def _index_paths() -> list[str]:
    """One page of each template of ours (the case list and 404 have tests of their own).

    Pages of one template differ only in data: the link test and the resource
    test in test_links.py check every page of the site statically.
    """
    records = _records()
    case = _published_cases()[0]
    brand = next(b for _, b in sorted(records.brands.items()) if b.status == "published")
    return [
        "brands/",
        f"brands/{brand.id}/",
        "arrows/",
        f"technologies/{records.taxonomy.technologies[0].id}/",
        f"counties/{_county_of(case.place)}/",
        "looking-for/",
        "exhibitions/",
        "translations/",
        "about/",
    ]


@pytest.mark.parametrize("lang,prefix", [("zh-TW", ""), ("en", "en/")])
def test_index_pages_load_with_no_console_error_and_no_external_request(offline_page, site_server, lang, prefix):
    page = offline_page.page
    for path in _index_paths():
        response = page.goto(f"{site_server}{prefix}{path}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == lang, path
        assert page.locator("article h1").count() == 1, path
    assert offline_page.console_errors == []
    assert offline_page.blocked == []


# -- 404 pages ----------------------------------------------------------------------------------------------


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves /404.html with status 404 for any missing path, as static hosts do."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host_with_404(built_site):
    handler = functools.partial(_NotFoundHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_root_404_works_at_any_depth_in_the_default_language(offline_page, host_with_404):
    page = offline_page.page
    missing = f"{host_with_404}cases/no/such/page/"
    errors: list[str] = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 400 and r.url != missing else None)
    response = page.goto(missing)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "zh-TW"
    assert page.locator("article h1").inner_text() == "找不到這一頁"
    # Styles, fonts and scripts load from the site root, not relative to the missing path.
    page.wait_for_load_state("load")
    assert errors == []
    assert page.evaluate("getComputedStyle(document.querySelector('.cb-not-found')).display") == "block"
    assert page.evaluate("document.styleSheets.length") >= 3
    page.locator(".cb-not-found a", has_text="全部案例").click()
    page.wait_for_load_state()
    assert page.url == f"{host_with_404}cases/"
    assert page.locator(".cb-card").count() == len(_published_cases())


def test_english_404_is_in_english_and_links_home(offline_page, site_server):
    page = offline_page.page
    page.goto(f"{site_server}en/404.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article h1").inner_text() == "Page not found"
    page.locator(".cb-not-found a", has_text="All cases").click()
    page.wait_for_load_state()
    assert page.url == f"{site_server}en/cases/"
    assert offline_page.console_errors == [] and offline_page.blocked == []
