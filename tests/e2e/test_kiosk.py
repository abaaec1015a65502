"""The exhibition kit's kiosk in headless Chromium, with every request off this machine blocked.

Opened from disk (file://) and from a local folder server: pages, pictures
and search work and no request fails; the kiosk's own script goes back home
when idle and switches large type.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from exhibit_helpers import SITE_URL, THEME, site_project
from sitetools import OfflinePage, serve_folder

from generator import build_exhibit
from generator.exhibit.plan import ExhibitRequest, KioskOptions

pytestmark = pytest.mark.browser
IDLE_SECONDS = 3
CASE = "cases/example-case.html"


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory) -> Path:
    root = site_project(tmp_path_factory.mktemp("kiosk") / "project")
    request = ExhibitRequest(exhibition="example-exhibition", out=root / "kit", site_url=SITE_URL, posters=False,
                             catalogue=False, zip=False, kiosk=KioskOptions(idle_seconds=IDLE_SECONDS))
    build_exhibit(root / "casebook.yml", request, theme_dir=THEME, mkdocs_file=root / "mkdocs.yml")
    return root / "kit" / "kiosk"


@pytest.fixture(scope="module")
def kiosk_server(kiosk):
    with serve_folder(kiosk) as url:
        yield url


@pytest.fixture
def page(browser):
    offline = OfflinePage(browser)
    offline.page.set_default_timeout(8000)
    yield offline
    offline.close()


def _no_trouble(offline: OfflinePage) -> None:
    assert offline.blocked == [] and offline.failed == [], (offline.blocked, offline.failed)
    assert offline.console_errors == []


RESULTS = ".md-search-result__list a.md-search-result__link"


def _finds(offline: OfflinePage, query: str, expected: str) -> bool:
    """Type the query into Material's search; True once `expected` is among the result links."""
    box = offline.page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")     # Material reacts to key events, not to fill() alone
    found = f"[...document.querySelectorAll({RESULTS!r})].some(a => a.href.split('#')[0] === {expected!r})"
    try:
        offline.page.wait_for_function(found, timeout=8000)
    except Exception:
        return False
    return True


def test_pages_and_pictures_work_from_disk(kiosk, page):
    page.page.goto((kiosk / "index.html").as_uri())
    page.page.locator(f"a[href$='{CASE}']").first.click()
    page.page.wait_for_load_state("load")
    assert page.page.url == (kiosk / CASE).as_uri()
    pictures = page.page.evaluate("[...document.images].map(i => [i.currentSrc, i.complete && i.naturalWidth > 0])")
    assert pictures and all(ok for _, ok in pictures), pictures
    # the language switch (a menu) leads to the same case in English
    page.page.goto(page.page.evaluate("document.querySelector(\"a[hreflang='en']\").href"))
    assert page.page.url == (kiosk / "en" / CASE).as_uri()
    _no_trouble(page)


def test_search_works_from_disk(kiosk, page):
    page.page.goto((kiosk / "index.html").as_uri())
    assert _finds(page, "非真實", (kiosk / CASE).as_uri())
    page.page.goto((kiosk / "en" / "index.html").as_uri())
    english = (kiosk / "en" / CASE).as_uri()
    assert _finds(page, "Example case", english)
    page.page.locator(f"{RESULTS}[href^='{english}']").first.click()
    page.page.wait_for_url(f"{english}*")
    _no_trouble(page)


def test_search_works_from_a_local_folder_server(kiosk_server, page):
    page.page.goto(kiosk_server)
    assert _finds(page, "非真實", f"{kiosk_server}{CASE}")
    _no_trouble(page)


def test_idle_kiosk_goes_back_home(kiosk, page):
    page.page.goto((kiosk / CASE).as_uri())
    page.page.wait_for_url((kiosk / "index.html").as_uri(), timeout=(IDLE_SECONDS + 5) * 1000)
    _no_trouble(page)


def test_large_type_switch(kiosk, page):
    page.page.goto((kiosk / CASE).as_uri())
    size = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
    normal = page.page.evaluate(size)
    page.page.locator("button.cb-kiosk-type").click()
    assert page.page.evaluate("document.documentElement.classList.contains('cb-kiosk-large')")
    assert page.page.evaluate(size) > normal * 1.2
    page.page.reload()                      # the choice holds while the visitor browses
    assert page.page.evaluate(size) > normal * 1.2
    _no_trouble(page)


def test_links_out_do_nothing_offline(kiosk, page):
    page.page.goto((kiosk / CASE).as_uri())
    page.page.evaluate("""() => { const a = document.createElement('a'); a.href = 'https://example.org/';
                                  a.id = 'out'; a.textContent = 'out'; document.body.prepend(a); }""")
    page.page.locator("#out").click()
    assert page.page.url == (kiosk / CASE).as_uri()
    _no_trouble(page)


def test_kiosk_holds_no_build_data(kiosk):
    assert not (kiosk / "print").exists() and not (kiosk / "kiosk").exists() and not (kiosk / "strings").exists()
    assert (kiosk / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
    assert (kiosk / "en/search/search_index.js").is_file()
    assert (kiosk / "assets").is_dir() and not (kiosk / "assets/social").exists(), "no link-preview cards"
