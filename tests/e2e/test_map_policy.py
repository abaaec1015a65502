"""The map, the policy explainers and the home page in headless Chromium, with the network blocked."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASE_IDS = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.yml"))
EXPLAINERS = sorted({p.name.split(".")[0] for p in (ROOT / "content" / "policy").glob("*.md")} - {"summary"})
LANGS = [("zh-TW", ""), ("en", "en/")]

pytestmark = pytest.mark.browser


def assert_clean(offline_page):
    assert offline_page.blocked == [], "the page tried to reach the network"
    assert offline_page.console_errors == []
    assert offline_page.failed == []


def visible_markers(page) -> list[str]:
    return page.eval_on_selector_all(
        ".cb-map__marker", "els => els.filter(e => getComputedStyle(e).display !== 'none')"
                           ".map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_map_markers_link_to_every_case_page(offline_page, site_server, lang, prefix):
    page = offline_page.page
    assert page.goto(f"{site_server}{prefix}map/").status == 200
    hrefs = visible_markers(page)
    targets = sorted(page.evaluate("(h) => new URL(h, location.href).href", h) for h in hrefs)
    assert targets == sorted(f"{site_server}{prefix}cases/{case_id}/" for case_id in CASE_IDS)
    names = page.eval_on_selector_all(".cb-map__marker", "els => els.map(e => e.getAttribute('aria-label'))")
    assert all(name and name.split(". ", 1)[1] for name in names)
    page.locator(".cb-map__marker").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{site_server}{prefix}cases/")
    assert page.locator("ol.cb-sources cite").count() >= 1
    assert_clean(offline_page)


def test_markers_are_reached_by_keyboard(offline_page, site_server):
    page = offline_page.page
    page.goto(f"{site_server}map/")
    first = page.locator(".cb-map__marker").first
    label = first.get_attribute("aria-label")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == label:
            break
    else:
        pytest.fail("Tab never reached the first map marker")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/cases/" in page.url
    assert_clean(offline_page)


def test_a_filter_query_hides_the_markers_that_do_not_match(offline_page, site_server):
    from generator.build.pipeline import load_collection
    from generator.load.project import load_project

    collection, _ = load_collection(load_project(ROOT / "casebook.yml")[0])
    cases = [c for c in collection.cases.values() if c.status == "published"]
    arrow = "technology"
    expected = sorted(f"../cases/{c.id}/" for c in cases if arrow in c.arrows)
    assert 0 < len(expected) < len(cases), "pick an arrow that only some cases have"
    page = offline_page.page
    page.goto(f"{site_server}map/?arrow={arrow}")
    assert sorted(visible_markers(page)) == expected
    listed = page.eval_on_selector_all(".cb-map__list > li", "els => els.filter(e => e.style.display !== 'none')"
                                                             ".map(e => e.querySelector('a').getAttribute('href'))")
    assert sorted(listed) == expected
    status = page.locator(".cb-map__status")
    assert status.is_visible() and f"{len(expected)}／{len(cases)}" in status.inner_text()
    # a county and an arrow together: both must match
    county = next(c for c in cases if arrow in c.arrows).place
    page.goto(f"{site_server}map/?arrow={arrow}&county={county}")
    assert len(visible_markers(page)) == sum(1 for c in cases if arrow in c.arrows and c.place == county)
    # without a query every marker shows
    page.goto(f"{site_server}map/")
    assert len(visible_markers(page)) == len(cases)
    assert not page.locator(".cb-map__status").is_visible()
    assert_clean(offline_page)


# What each chart on a page shows, gathered in one round trip; tables opened first.
CHART_FACTS = """() => [...document.querySelectorAll('figure.cb-chart')].map(fig => {
  fig.querySelector('details').open = true;
  const svg = fig.querySelector('svg[role=img]');
  const table = fig.querySelector('table');
  return {
    svgWidth: svg ? svg.getBoundingClientRect().width : 0,
    svgTitle: svg && svg.querySelector('title') ? svg.querySelector('title').textContent : '',
    description: fig.querySelector('.cb-chart__description').textContent.trim(),
    tableVisible: !!table && table.getBoundingClientRect().height > 0,
    caption: table && table.caption ? table.caption.textContent.trim() : '',
    headers: table ? table.querySelectorAll('thead th').length : 0,
    rows: table ? table.querySelectorAll('tbody tr').length : 0,
    sources: fig.querySelectorAll('.cb-chart__source a').length,
  };
})"""
MISSING_REFS = """() => [...document.querySelectorAll('sup.cb-refs a, .cb-chart__source a')]
  .map(a => a.getAttribute('href')).filter(href => !document.querySelector(href))"""


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_policy_pages_load_with_charts_tables_and_sources(offline_page, site_server, lang, prefix):
    page = offline_page.page
    charts_seen = 0
    for slug in EXPLAINERS:
        assert page.goto(f"{site_server}{prefix}policy/{slug}/").status == 200
        assert page.locator("html").get_attribute("lang") == lang
        for chart in page.evaluate(CHART_FACTS):
            charts_seen += 1
            assert chart["svgWidth"] > 300 and chart["svgTitle"] and chart["description"], (slug, chart)
            assert chart["tableVisible"] and chart["caption"], (slug, chart)
            assert chart["headers"] >= 2 and chart["rows"] >= 1 and chart["sources"] >= 1, (slug, chart)
        assert page.locator("ol.cb-policy-sources > li").count() >= 1, slug
        assert page.evaluate(MISSING_REFS) == [], slug
    assert charts_seen >= 5      # ageing and concentration, townships, timeline, progress, funding
    assert_clean(offline_page)


def test_charts_and_map_fit_a_phone(offline_page, site_server):
    page = offline_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    for path, svg in (("policy/progress/", "svg.cb-chart__svg"), ("map/", "svg.cb-map__svg")):
        page.goto(f"{site_server}{path}")
        rights = page.eval_on_selector_all(svg, "els => els.map(e => e.getBoundingClientRect().right)")
        assert rights and max(rights) <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        size = page.eval_on_selector(f"{svg} text", "e => e.getBoundingClientRect().height")
        assert size >= 11, f"{path}: text is {size:.1f}px tall on a phone"
    assert_clean(offline_page)


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_home_shows_the_summary_map_numbers_and_policy_links(offline_page, site_server, lang, prefix):
    page = offline_page.page
    page.goto(f"{site_server}{prefix}")
    assert page.locator(".cb-home__about sup.cb-refs a").count() >= 1
    assert page.locator(".cb-home__map .cb-map__marker").count() == len(CASE_IDS)
    numbers = page.locator(".cb-home__numbers .cb-figures__item")
    assert numbers.count() >= 3
    for i in range(numbers.count()):
        assert numbers.nth(i).locator("sup.cb-refs a").count() >= 1
    assert page.locator('a[href$="policy/"]').count() >= 1
    assert page.locator('a[href$="map/"]').count() >= 1
    assert_clean(offline_page)
