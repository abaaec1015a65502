"""The exhibition kit's kiosk in headless Chromium, with every request off this machine blocked.

Opened from disk (file://) and from a local folder server: pages, pictures
and search work and no request fails; the kiosk's own script goes back home
when idle (to an attract screen) and switches large type. Touch first, at
1920 × 1080 and 1080 × 1920: body text at least 20 px and every target at
least 48 × 48 px, search by tapping names or an on-screen keyboard, a visible
message for links out, no downloads or editors' pages.
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
    request = ExhibitRequest(
        exhibition="example-exhibition",
        out=root / "kit",
        site_url=SITE_URL,
        posters=False,
        catalogue=False,
        zip=False,
        kiosk=KioskOptions(idle_seconds=IDLE_SECONDS),
    )
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
    box.press("End")  # Material reacts to key events, not to fill() alone
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
    page.page.reload()  # the choice holds while the visitor browses
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


TARGETS = """() => {
  const shown = el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0' && !el.closest('[hidden]'); };
  const small = [], text = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, label[for], summary, [role=button]')) {
    const r = el.getBoundingClientRect();
    if (shown(el) && (r.width < 47.5 || r.height < 47.5))
      small.push(`${el.tagName} ${(el.textContent || '').trim().slice(0, 30)} ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  for (const el of document.querySelectorAll('.md-typeset p, .md-typeset li, .md-typeset dd')) {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (shown(el) && size < 19.9) text.push(`${el.tagName} ${size}px ${(el.textContent || '').trim().slice(0, 30)}`);
  }
  return {small, text};
}"""


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_touch_sizes_body_text_and_targets(kiosk, browser, size):
    offline = OfflinePage(browser, viewport={"width": size[0], "height": size[1]})
    try:
        for path in ("index.html", CASE, "en/index.html", "map.html", "counties.html", "arrows.html"):
            if not (kiosk / path).is_file():
                continue
            offline.page.goto((kiosk / path).as_uri())
            found = offline.page.evaluate(TARGETS)
            assert found == {"small": [], "text": []}, (path, found)
        _no_trouble(offline)
    finally:
        offline.close()


def test_search_by_tapping_a_name_or_the_on_screen_keyboard(kiosk, page):
    page.page.goto((kiosk / "index.html").as_uri())
    page.page.evaluate("window.casebookKiosk.idleSeconds = 0")  # no attract screen during this test
    page.page.locator("input.md-search__input").click()
    chips = page.page.locator(".cb-kiosk-search .cb-kiosk-chip")
    assert chips.count() >= 2
    # The fixture's names all share 範例, so its case page need not be among the first results: any will do.
    found = f"document.querySelectorAll({RESULTS!r}).length > 0"
    for _ in range(3):  # the first tap may come before Material's search worker has its index
        chips.filter(has_text="範例案例").first.click()
        try:
            page.page.wait_for_function(found, timeout=5000)
            break
        except Exception:
            continue
    assert page.page.evaluate(found)
    for key in "EXA":
        page.page.locator(".cb-kiosk-keyboard .cb-kiosk-key", has_text=key).first.click()
    assert page.page.locator("input.md-search__input").input_value() == "範例案例exa"
    _no_trouble(page)


def test_a_link_out_shows_a_message(kiosk, page):
    page.page.goto((kiosk / CASE).as_uri())
    page.page.evaluate("""() => { const a = document.createElement('a'); a.href = 'https://example.org/';
                                  a.id = 'out'; a.textContent = 'out'; document.body.prepend(a); }""")
    page.page.locator("#out").click()
    toast = page.page.locator(".cb-kiosk-toast")
    assert toast.is_visible() and "無法開啟外部連結" in toast.inner_text()
    _no_trouble(page)


def test_downloads_and_editors_pages_are_left_out(kiosk, page):
    page.page.goto((kiosk / "index.html").as_uri())
    shown = page.page.evaluate("""() => [...document.querySelectorAll('a[href]')]
        .filter(a => !a.closest('[hidden]') && /(\\.(json|csv|xml|zip)$)|translations|open-data|\\/submit\\.html$/.test(a.pathname))
        .map(a => a.href)""")
    assert shown == []
    page.page.goto((kiosk / "translations.html").as_uri())
    page.page.wait_for_url((kiosk / "index.html").as_uri())


def test_the_submit_form_is_not_in_the_kiosk(kiosk):
    """It writes a file for GitHub: a visitor at an exhibition has neither the network nor the account."""
    assert not (kiosk / "submit.html").exists() and not (kiosk / "en" / "submit.html").exists()
    index = (kiosk / "search/search_index.js").read_text(encoding="utf-8")
    assert "submit.html" not in index and "投稿新案例" not in index
    footer = (kiosk / "index.html").read_text(encoding="utf-8")
    assert "submit.html" in footer, "the footer's link stays in the HTML; kiosk.js hides it (test above)"


def test_an_attract_screen_after_the_idle_time(kiosk, page):
    page.page.goto((kiosk / CASE).as_uri())
    page.page.wait_for_url((kiosk / "index.html").as_uri(), timeout=(IDLE_SECONDS + 5) * 1000)
    attract = page.page.locator(".cb-kiosk-attract")
    attract.wait_for(state="visible")
    attract.click()
    assert page.page.locator(".cb-kiosk-attract").count() == 0
    _no_trouble(page)
