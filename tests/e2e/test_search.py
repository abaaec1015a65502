"""Search in the browser: Chinese and English queries find the right case, in the reader's language.

Types into Material's own search box on the built site, with the network blocked;
our worker (theme/assets/javascripts/search-worker.js) answers from the sharded index.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

COCOA, GUANTIAN, KOUHU = "pingtung-cocoa", "guantian-caltrop-charcoal", "kouhu-smart-tilapia"

ZH_QUERIES = [("可可", COCOA), ("菱殼炭", GUANTIAN), ("口湖", KOUHU), ("Kouhu", KOUHU), ("tilapia", KOUHU)]
EN_QUERIES = [("Kouhu", KOUHU), ("tilapia", KOUHU), ("口湖", KOUHU), ("cocoa", COCOA)]


def _results(page, query: str, expected_url: str) -> list[tuple[str, str]]:
    """Type the query; wait until the expected page is among the results; (href, title) of every result."""
    box = page.locator("input.md-search__input")
    box.fill("")  # no results left from the query before
    box.press("End")
    page.wait_for_function("!document.querySelector('.md-search-result__list a')")
    box.fill(query)
    box.press("End")  # Material reacts to key events, not to fill() alone
    found = (
        "[...document.querySelectorAll('.md-search-result__list a.md-search-result__link')]"
        f".some(a => a.href.split('#')[0] === {expected_url!r})"
    )
    try:
        page.wait_for_function(found, timeout=5000)
    except Exception:
        pass  # the assertion below says what was found instead
    # read every result in one go: Material re-renders the list as results come in
    return [
        tuple(result)
        for result in page.eval_on_selector_all(
            ".md-search-result__list a.md-search-result__link",
            "links => links.map(a => [a.href, (a.querySelector('h1, h2') || a).innerText])",
        )
    ]


def _search(offline_page, url: str, queries, expected_prefix: str):
    page = offline_page.page
    page.goto(url)
    page.locator("input.md-search__input").click()
    for query, case_id in queries:
        expected = f"{expected_prefix}cases/{case_id}/"
        results = _results(page, query, expected)
        hits = [(href, title) for href, title in results if href.split("#")[0] == expected]
        assert hits, f"{query!r} on {url} did not find {expected}: {results}"
        yield query, results, hits[0]


def test_chinese_readers_find_cases_in_chinese(offline_page, site_server):
    for query, results, (_, title) in _search(offline_page, site_server, ZH_QUERIES, site_server):
        for href, _ in results:
            assert not href.startswith(f"{site_server}en/"), f"{query!r} offered an English page: {href}"
        assert any("\u4e00" <= char <= "\u9fff" for char in title), f"{query!r}: the case's title is {title!r}"
    assert offline_page.blocked == []
    assert offline_page.console_errors == []


def test_english_readers_find_cases_in_english(offline_page, site_server):
    english_root = f"{site_server}en/"
    for query, results, (_, title) in _search(offline_page, english_root, EN_QUERIES, english_root):
        for href, _ in results:
            assert href.startswith(english_root), f"{query!r} offered a page in another language: {href}"
        assert title.startswith(("Kouhu", "Pingtung")), f"{query!r}: the case's title is {title!r}"
    page = offline_page.page
    page.locator(f".md-search-result__list a[href^='{english_root}cases/{COCOA}/']").first.click()
    page.wait_for_url(f"{english_root}cases/{COCOA}/**")
    assert page.locator("html").get_attribute("lang") == "en"
    assert offline_page.blocked == []
    assert offline_page.console_errors == []


def test_each_language_fetches_only_its_own_index_and_only_when_search_opens(offline_page, site_server):
    page = offline_page.page
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{site_server}en/cases/{KOUHU}/")
    page.wait_for_load_state("networkidle")
    assert [url for url in fetched if url.endswith("search_index.json")] == [], "fetched before search was opened"
    page.locator("input.md-search__input").click()
    page.wait_for_load_state("networkidle")
    indexes = [url for url in fetched if url.endswith("search_index.json")]
    assert indexes == [f"{site_server}en/search/search_index.json"]


def test_search_opened_from_its_button_on_a_phone_loads_the_index_and_finds(browser, site_server):
    from sitetools import OfflinePage

    offline = OfflinePage(browser, viewport={"width": 390, "height": 844})
    try:
        page = offline.page
        fetched = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(site_server)
        page.wait_for_load_state("networkidle")
        assert not any(url.endswith("search_index.json") for url in fetched)
        page.locator("label.md-header__button[for='__search']").click()
        results = _results(page, "口湖", f"{site_server}cases/{KOUHU}/")
        assert any(href.split("#")[0] == f"{site_server}cases/{KOUHU}/" for href, _ in results), results
        assert offline.blocked == [] and offline.console_errors == []
    finally:
        offline.close()


def _texts(page) -> list[str]:
    return page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link", "ls => ls.map(a => a.innerText)"
    )


def test_a_name_puts_its_page_first_and_two_characters_are_a_phrase(offline_page, site_server):
    page = offline_page.page
    page.goto(site_server)
    page.locator("input.md-search__input").click()
    cocoa = _results(page, "可可", f"{site_server}cases/{COCOA}/")
    assert cocoa[0][0] in (f"{site_server}cases/{COCOA}/", f"{site_server}brands/pingtung-cocoa/"), cocoa
    texts = _texts(page)
    assert texts and all("可可" in text for text in texts), "可行性 and 可依 share a character, not the phrase"
    kouhu = _results(page, "口湖", f"{site_server}cases/{KOUHU}/")
    assert kouhu[0][0] == f"{site_server}cases/{KOUHU}/", kouhu
    tilapia = _results(page, "台灣鯛", f"{site_server}brands/kouhu-taiwan-tilapia/")
    assert tilapia[0][0] == f"{site_server}brands/kouhu-taiwan-tilapia/", tilapia
    assert offline_page.console_errors == []


def test_tai_and_tai_give_the_same_results(offline_page, site_server):
    page = offline_page.page
    page.goto(site_server)
    page.locator("input.md-search__input").click()
    county = f"{site_server}counties/tainan/"
    variant = _results(page, "台南", county)
    standard = _results(page, "臺南", county)
    assert variant == standard
    assert variant[0][0] == county, "the query names the county: its page comes first"
    assert f"{site_server}cases/{GUANTIAN}/" in [href for href, _ in variant]


def test_results_name_the_kind_and_place_of_each_page(offline_page, site_server):
    page = offline_page.page
    page.goto(f"{site_server}en/")
    page.locator("input.md-search__input").click()
    _results(page, "Kouhu", f"{site_server}en/cases/{KOUHU}/")
    kinds = page.eval_on_selector_all(
        ".md-search-result__list .cb-search-result__facts", "ls => ls.map(e => e.innerText)"
    )
    assert "Case · Yunlin County Kouhu Township" in kinds and "Brand · Yunlin County Kouhu Township" in kinds, kinds


@pytest.mark.parametrize(
    "root, words, links",
    [
        ("", "本站找不到相符的內容", ["cases/", "counties/", "arrows/"]),
        ("en/", "Nothing on this site matches", ["en/cases/", "en/counties/", "en/arrows/"]),
    ],
)
def test_nothing_found_offers_ways_to_browse_in_the_readers_language(offline_page, site_server, root, words, links):
    page = offline_page.page
    page.goto(site_server + root)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("qqzzxxyy 魑魅")
    box.press("End")
    empty = page.locator(".md-search-result .cb-search-empty")
    empty.wait_for()
    assert words in empty.inner_text()
    assert empty.locator("a").evaluate_all("ls => ls.map(a => a.href)") == [site_server + link for link in links]
    box.press("ArrowDown")  # Material's arrow keys reach the suggestions
    assert page.evaluate("document.activeElement.closest('.cb-search-empty') !== null")
    assert offline_page.console_errors == []


def test_no_index_shard_is_fetched_before_the_reader_types(offline_page, site_server):
    page = offline_page.page
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{site_server}cases/{KOUHU}/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "/search/index/" in url]
    page.locator("input.md-search__input").click()
    _results(page, "口湖", f"{site_server}cases/{KOUHU}/")
    shards = [url for url in fetched if "/search/index/" in url]
    assert f"{site_server}search/index/docs.json" in shards and any("/search/index/t" in url for url in shards)
    assert not [url for url in shards if "/en/" in url], "the reader's language only"
