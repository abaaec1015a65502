"""WCAG 2.2 AA on every kind of page in every language, checked with axe-core in Chromium.

The pages are discovered from the built site, so kinds of page added later
are covered without touching this file. Pages made from the same template
are alike, so one of each template is checked per language (the first in
the default language, the last in the others, so two different pages of
each kind are seen) and the test does not grow with the number of cases.
Pages that are not ours (e.g. 404.html) are each their own kind.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Rules that depend on the colour scheme, run again in the dark scheme.
COLOUR_RULES = ["color-contrast"]

pytestmark = pytest.mark.browser


def _templates_by_file() -> dict[str, tuple[str, str]]:
    """Built file (e.g. 'en/cases/x/index.html') -> (language, template) of our pages."""
    from generator.build.site import prepare_site

    site = prepare_site(ROOT / "casebook.yml", ROOT / "theme")
    by_file = {}
    for page in site.pages:
        file = page.url + "index.html" if page.url.endswith("/") or not page.url else page.url
        by_file[file] = (page.lang, page.template)
    return by_file


def html_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as site-relative files."""
    files = []
    for path in sorted(site_dir.rglob("*.html")):
        file = path.relative_to(site_dir).as_posix()
        if not file.startswith("assets/") and "<html" in path.read_text(encoding="utf-8")[:2000]:
            files.append(file)
    return files


def _default_language() -> str:
    from generator.load.project import load_project

    project, problems = load_project(ROOT / "casebook.yml")
    assert project is not None, problems
    return project.config.default_language


def site_pages(site_dir: Path) -> list[str]:
    """One page of each template per language, and every page that is not ours."""
    templates = _templates_by_file()
    default = _default_language()
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for file in html_pages(site_dir):
        groups[templates.get(file, ("", file))].append(file)
    return sorted(files[0] if lang in ("", default) else files[-1] for (lang, _), files in groups.items())


def _page_url(base: str, file: str) -> str:
    return base + file.removesuffix("index.html")


def format_violations(file: str, violations: list[dict]) -> str:
    """One readable block per rule: what failed, where, and axe's hint."""
    lines = [f"{file}: {len(violations)} WCAG violation(s)"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {' > '.join(map(str, node['target']))}: {summary[:240]}")
    return "\n".join(lines)


def _run_axe(axe, page, rules: list[str] | None = None) -> list[dict]:
    """axe's violations on the page; axe is injected unless the page already has it."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe.axe_script)
    _start_axe(page, rules)
    return _axe_result(page)


def _start_axe(page, rules: list[str] | None = None) -> None:
    """Starts axe in the page without waiting for it, so several tabs work at once."""
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    page.evaluate(
        "options => { window.__cbAxe = axe.run(document, options).then(r => r.violations); }",
        {"runOnly": run_only, "resultTypes": ["violations"]},
    )


def _axe_result(page) -> list[dict]:
    return page.evaluate("window.__cbAxe")


def _to_dark_scheme(page) -> None:
    """What Material's script does for a reader whose system is dark (it reads the media only on load)."""
    page.emulate_media(color_scheme="dark")
    # No colour transitions, or axe would measure colours halfway.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def pages_to_check(built_site) -> list[str]:
    return site_pages(built_site)


class _RequestLog:
    """Records every request a page makes, without intercepting it.

    The audit opens dozens of pages with dozens of font slices each; routing
    every request through Python (as OfflinePage does) doubled its time. This
    machine has no network anyway: what matters is that nothing was asked for.
    """

    def __init__(self, page, base: str):
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda r: r.url.startswith((base, "data:", "blob:")) or self.outside.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))


TABS = 2  # pages audited at once (one per core): axe runs in each tab's own renderer process


@pytest.fixture(scope="module")
def audit(browser, site_server, pages_to_check, axe) -> dict:
    """Each page opened once: all WCAG A/AA rules, then the colour rules in the dark scheme.

    The dark scheme is checked on the default language's pages only: colours
    do not depend on the language, and the colour rules are axe's slowest.
    """
    context = browser.new_context()
    context.add_init_script(axe.axe_script)  # in every page as it opens, compiled once
    tabs = [context.new_page() for _ in range(TABS)]
    logs = [_RequestLog(tab, site_server) for tab in tabs]
    default_language = _default_language()
    light, dark = {}, {}
    try:
        for start in range(0, len(pages_to_check), TABS):
            batch = list(zip(tabs, pages_to_check[start : start + TABS]))
            for tab, file in batch:
                tab.emulate_media(color_scheme="light")
                # The DOM and stylesheets are what axe reads; fonts need not finish.
                tab.goto(_page_url(site_server, file), wait_until="domcontentloaded")
                _start_axe(tab)
            in_default = []
            for tab, file in batch:
                light[file] = _axe_result(tab)
                if tab.locator("html").get_attribute("lang") == default_language:
                    _to_dark_scheme(tab)
                    _start_axe(tab, COLOUR_RULES)
                    in_default.append((tab, file))
            for tab, file in in_default:
                dark[file] = _axe_result(tab)
        return {
            "light": light,
            "dark": dark,
            "blocked": [u for log in logs for u in log.outside],
            "console_errors": [e for log in logs for e in log.console_errors],
        }
    finally:
        context.close()


def test_every_kind_of_page_is_covered(pages_to_check):
    """The discovery finds the home page, a case page and both languages."""
    assert "index.html" in pages_to_check and "en/index.html" in pages_to_check
    assert any(f.startswith("cases/") for f in pages_to_check)
    assert any(f.startswith("en/cases/") for f in pages_to_check)


def test_no_wcag_violations_on_any_page(audit):
    failures = [format_violations(file, v) for file, v in audit["light"].items() if v]
    assert not failures, "\n\n".join(failures)


def test_dark_scheme_keeps_contrast(audit):
    """The dark scheme (chosen by the reader's system) passes the colour rules too."""
    failures = [format_violations(file, v) for file, v in audit["dark"].items() if v]
    assert not failures, "\n\n".join(failures)


def test_pages_stay_offline_and_quiet(audit):
    assert audit["blocked"] == [], "a page tried to reach the network"
    assert audit["console_errors"] == []


def test_phone_layout_has_no_wcag_violations(browser, site_server, pages_to_check, axe):
    """At 390 px the header, drawer and content are laid out differently; checked on a few pages."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    failures = []
    try:
        for file in [f for f in pages_to_check if f in ("index.html", "en/index.html") or f.startswith("cases/")][:3]:
            page.goto(_page_url(site_server, file), wait_until="domcontentloaded")
            violations = _run_axe(axe, page)
            if violations:
                failures.append(format_violations(f"{file} at 390 px", violations))
    finally:
        context.close()
    assert not failures, "\n\n".join(failures)


def test_axe_reports_a_real_violation(offline_page, site_server, axe):
    """The check can fail: text made unreadably faint on a real page is reported."""
    page = offline_page.page
    page.goto(site_server)
    page.add_style_tag(content=".md-typeset p { color: #e8e8e8 !important; }")
    ids = {v["id"] for v in _run_axe(axe, page)}
    assert "color-contrast" in ids


# -- structure every page must have, read from the built HTML (no browser) ----------


def _structure_problems(html: str) -> list[str]:
    problems = []
    headings = len(re.findall(r"<h1[\s>]", html))
    if headings != 1:
        problems.append(f"{headings} h1 elements, want 1")
    if len(re.findall(r"<main[\s>]", html)) != 1:
        problems.append("not exactly one <main> landmark")
    if not re.search(r'<html[^>]* lang="[a-zA-Z-]+"', html):
        problems.append("<html> has no lang")
    skip = re.search(r'<a href="#([\w-]+)" class="md-skip"', html)
    if not skip:
        problems.append("no skip link")
    elif f'id="{skip.group(1)}"' not in html:
        problems.append(f"skip link target #{skip.group(1)} missing")
    for link in re.findall(r'<a [^>]*class="md-select__link"[^>]*>', html):
        if " lang=" not in link:
            problems.append(f"language switcher link without lang: {link}")
    return problems


def test_every_page_has_one_h1_landmarks_skip_link_and_languages(built_site):
    problems = []
    for file in html_pages(built_site):
        html = (built_site / file).read_text(encoding="utf-8")
        problems += [f"{file}: {problem}" for problem in _structure_problems(html)]
    assert problems == []
