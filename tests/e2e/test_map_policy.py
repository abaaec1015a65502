"""The map, the policy explainers and the home page in headless Chromium, with the network blocked."""

from __future__ import annotations

import re
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
        ".cb-map__marker",
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.getAttribute('href'))",
    )


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
    listed = page.eval_on_selector_all(
        ".cb-map__list > li",
        "els => els.filter(e => e.style.display !== 'none').map(e => e.querySelector('a').getAttribute('href'))",
    )
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


# A county link's hit area (its callout or inset box, else its shape), scrolled into view: its size,
# and a point inside it where a tap lands on that link (names have pointer-events: none; markers are on top).
COUNTY_TARGET = """(county) => {
  const a = document.querySelector(`a.cb-map__county[data-county="${county}"]`);
  const hit = a.querySelector('.cb-map__frame') || a.querySelector('.cb-map__shape');
  hit.scrollIntoView({block: 'center'});
  const r = hit.getBoundingClientRect();
  let point = null;
  for (let i = 0; i < 400 && !point; i++) {      // a 20 x 20 grid over the box
    const x = r.left + r.width * ((i % 20) + 0.5) / 20, y = r.top + r.height * (Math.floor(i / 20) + 0.5) / 20;
    const top = document.elementFromPoint(x, y);
    if (top && top.closest('a.cb-map__county') === a) point = [x, y];
  }
  return {county: county, width: r.width, height: r.height, point: point};
}"""
COUNTIES = "els => els.map(a => a.dataset.county)"


def here(page) -> str:
    """The page's address as the page sees it (Playwright's page.url can miss a history.pushState)."""
    return page.evaluate("location.href")


def visible_cases(page, selector: str) -> list[str]:
    """The case ids whose entries under `selector` show."""
    hrefs = page.eval_on_selector_all(
        selector, "els => els.filter(e => e.getBoundingClientRect().width > 0).map(e => e.querySelector('a').href)"
    )
    return sorted(re.search(r"cases/([^/]+)/$", href).group(1) for href in hrefs)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang,prefix", LANGS)
def test_every_county_is_a_link_at_least_44px_square(offline_page, site_server, lang, prefix, width):
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_server}{prefix}map/")
    counties = page.eval_on_selector_all("a.cb-map__county", COUNTIES)
    assert len(counties) == 22
    for county in counties:
        target = page.evaluate(COUNTY_TARGET, county)
        assert target["width"] >= 44 and target["height"] >= 44, target
        assert target["point"] is not None, f"{county}: no point of it can be tapped"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_clean(offline_page)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang,prefix", LANGS)
def test_clicking_yunlin_filters_to_kouhu_and_back(offline_page, site_server, lang, prefix, width):
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_server}{prefix}map/")
    everything = sorted(visible_markers(page))
    yunlin = page.evaluate(COUNTY_TARGET, "yunlin")
    page.mouse.click(*yunlin["point"])
    assert here(page).endswith("map/?county=yunlin")
    assert visible_markers(page) == ["../cases/kouhu-smart-tilapia/"]
    assert visible_cases(page, ".cb-map__list > li") == ["kouhu-smart-tilapia"]
    assert page.locator('a.cb-map__county[data-county="yunlin"]').get_attribute("aria-current") == "true"
    status = page.locator(".cb-map__status").inner_text()
    assert ("1／6" in status and "雲林縣" in status) if lang == "zh-TW" else ("1 of 6" in status and "Yunlin" in status)
    assert page.locator("[data-map-case-list]").get_attribute("href").endswith("cases/?county=yunlin")
    page.mouse.click(*page.evaluate(COUNTY_TARGET, "yunlin")["point"])  # the chosen county again: every case
    assert not here(page).endswith("?county=yunlin") and sorted(visible_markers(page)) == everything
    page.go_back()  # Back returns to the filtered map
    assert here(page).endswith("map/?county=yunlin") and len(visible_markers(page)) == 1
    page.go_back()
    assert sorted(visible_markers(page)) == everything and not page.locator(".cb-map__status").is_visible()
    assert_clean(offline_page)


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_the_case_list_and_the_map_show_the_same_cases_for_a_county(offline_page, site_server, lang, prefix):
    page = offline_page.page
    for county in ("tainan", "yunlin", "new-taipei"):
        page.goto(f"{site_server}{prefix}cases/?county={county}")
        listed = visible_cases(page, "[data-cb-cards] > li")
        show_on_map = page.locator("[data-cb-map-link]")
        assert show_on_map.get_attribute("href").endswith(f"map/?county={county}")
        show_on_map.click()
        page.wait_for_load_state()
        assert here(page) == f"{site_server}{prefix}map/?county={county}"
        assert visible_cases(page, ".cb-map__list > li") == listed and len(listed) >= 1, county
        assert len(visible_markers(page)) == len(listed)
        page.locator("[data-map-case-list]").click()  # and back to the list, with the same choice
        page.wait_for_load_state()
        assert here(page) == f"{site_server}{prefix}cases/?county={county}"
        assert visible_cases(page, "[data-cb-cards] > li") == listed
    assert_clean(offline_page)


def test_counties_are_chosen_by_keyboard(offline_page, site_server):
    page = offline_page.page
    page.goto(f"{site_server}map/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.county") == "yunlin":
            break
    else:
        pytest.fail("Tab never reached Yunlin on the map")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert here(page).endswith("map/?county=yunlin") and len(visible_markers(page)) == 1
    page.keyboard.press("Enter")
    assert len(visible_markers(page)) == len(CASE_IDS)
    assert_clean(offline_page)


def test_without_javascript_a_county_opens_its_page(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_server}en/map/")
    href = page.locator('a.cb-map__county[data-county="yunlin"]').get_attribute("href")
    assert href == "../counties/yunlin/"
    page.goto(f"{site_server}en/counties/yunlin/")
    assert page.locator("svg.cb-locator circle").count() == 1
    assert page.locator("#township-kouhu").count() == 1
    context.close()


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
    assert charts_seen >= 5  # ageing and concentration, townships, timeline, progress, funding
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
def test_home_shows_the_summary_map_link_numbers_and_policy_links(offline_page, site_server, lang, prefix):
    page = offline_page.page
    page.goto(f"{site_server}{prefix}")
    assert page.locator(".cb-home__about sup.cb-refs a").count() >= 1
    assert page.locator("a.cb-task[href$='map/']").count() == 1  # the map is one of the home's tasks
    numbers = page.locator(".cb-home__numbers .cb-keynumbers__item")
    assert numbers.count() == 3  # the policy in three numbers
    for i in range(numbers.count()):
        assert numbers.nth(i).locator("sup.cb-refs a").count() >= 1
    assert page.locator('a[href$="policy/"]').count() >= 1
    assert page.locator('a[href$="map/"]').count() >= 1
    assert_clean(offline_page)
