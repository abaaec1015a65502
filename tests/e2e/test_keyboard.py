"""The site by keyboard alone: the skip link comes first and works, focus is always visible."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASE_ID = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.yml"))[0]
PAGES = ["", f"cases/{CASE_ID}/", f"en/cases/{CASE_ID}/"]
TAB_STOPS = 12  # the header's controls and the first links of the content

pytestmark = pytest.mark.browser

FOCUS_STATE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow !== "none";
  const box = e.getBoundingClientRect();
  return {tag: e.tagName, id: e.id, cls: e.className, href: e.getAttribute("href"),
          text: (e.innerText || e.getAttribute("aria-label") || "").trim().slice(0, 40),
          visible: outline || shadow, opacity: s.opacity,
          inMain: !!e.closest("#cb-main"), onScreen: box.width > 0 && box.height > 0};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(offline_page, site_server, path):
    page = offline_page.page
    page.goto(site_server + path)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STATE)
    assert first["href"] == "#cb-main" and "md-skip" in first["cls"], first
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    assert page.evaluate(FOCUS_STATE)["visible"], "the focused skip link shows no focus ring"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "cb-main"
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUS_STATE)
    assert after["inMain"], f"Tab after the skip link left the main content: {after}"
    assert offline_page.blocked == [] and offline_page.console_errors == []


@pytest.mark.parametrize("path", PAGES[1:])
def test_every_tab_stop_shows_where_focus_is(offline_page, site_server, path):
    page = offline_page.page
    page.goto(site_server + path)
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    invisible = []
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["tag"] == "BODY":
            break
        if not state["visible"] or not state["onScreen"]:
            invisible.append(state)
    assert invisible == [], "focus not visible on: " + "; ".join(
        f"{s['tag']}.{s['cls']} {s['text']!r}" for s in invisible
    )


def test_focus_ring_check_can_fail(offline_page, site_server):
    """With outlines removed, the same check reports the links."""
    page = offline_page.page
    page.goto(site_server + PAGES[1])
    page.add_style_tag(content="*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_STATE)["visible"] is False


def test_the_sections_on_a_phone_are_reached_by_keyboard_and_nothing_hidden_takes_focus(browser, site_server):
    """The header's sections are always on the page (no drawer): Tab reaches each, visibly."""
    from sitetools import OfflinePage

    offline = OfflinePage(browser, viewport={"width": 390, "height": 844})
    try:
        page = offline.page
        page.goto(site_server + PAGES[1])
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        sections = page.locator("nav.cb-nav a").all_inner_texts()
        reached = []
        for _ in range(TAB_STOPS + len(sections)):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            assert state["onScreen"], f"hidden focus: {state}"
            assert "md-nav__link" not in state["cls"], "a docs sidebar link took focus"
            if "cb-nav__link" in state["cls"]:
                assert state["visible"], state
                reached.append(state["text"])
        assert reached == [text.strip() for text in sections]
        assert page.locator("[data-cb-drawer-button]").is_hidden()
        assert offline.blocked == [] and offline.console_errors == []
    finally:
        offline.close()


@pytest.mark.parametrize("path", PAGES[1:])
def test_no_invisible_tab_stop_after_the_search_box(offline_page, site_server, path):
    """Tab from the search box leaves search (Material closes it); the arrow keys walk the results."""
    page = offline_page.page
    page.goto(site_server + path)
    assert page.locator(".md-search__scrollwrap").get_attribute("tabindex") is None
    page.locator("input.md-search__input").focus()
    page.keyboard.press("Tab")
    assert not page.evaluate("!!document.activeElement.closest('.md-search__output')"), "an invisible tab stop"
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("Kouhu")
    box.press("End")  # Material reacts to key events, not to fill() alone
    page.wait_for_selector(".md-search-result__list a.md-search-result__link", timeout=60_000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")


def test_search_dialog_is_named_and_header_roles_are_allowed(offline_page, site_server, axe_script):
    """axe's best-practice rules on the header: ARIA roles fit their elements, the search dialog has a name."""
    page = offline_page.page
    page.goto(site_server + PAGES[1])
    page.locator("input.md-search__input").focus()
    page.evaluate(axe_script)
    violations = page.evaluate("""() => axe.run(document, {runOnly: {type: "rule",
        values: ["aria-allowed-role", "aria-dialog-name", "aria-allowed-attr", "button-name", "label"]}})
        .then(r => r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", ")))""")
    assert violations == []
    assert page.locator("[data-md-component=search][role=dialog]").get_attribute("aria-label")


@pytest.fixture(scope="module")
def axe_script():
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script
