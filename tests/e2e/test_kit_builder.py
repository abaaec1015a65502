"""The kit builder (`casebook kit`) in headless Chromium, as exhibition staff use it.

`casebook kit --port 0` is started on a copy of the fixture project with three
published cases. In the page: choose the exhibition, tick the three cases and
one language, leave out the catalogue and kiosk (the slow parts; the same code
path either way), preview the posters, build, download the zip. Its bytes must
equal the zip `casebook exhibit` writes for the same choices. Every page passes
axe-core (WCAG 2.2 AA) and no request leaves the machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from exhibit_helpers import SITE_URL, site_project
from playwright.sync_api import expect
from sitetools import OfflinePage
from test_html_valid import _vnu

pytestmark = pytest.mark.browser
CASEBOOK = str(Path(sys.executable).parent / "casebook")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# In the order the page lists them (and so sends them): the record's cases first, then the others by id.
CASES = ("example-case", "fourth-example-case", "third-example-case")
TITLES = ("Example case", "Fourth example case", "Third example case")
BUILD_TIMEOUT = 240_000  # ms: a busy 2-core machine; not a timing assertion, only how long to wait at most


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = site_project(tmp_path_factory.mktemp("kit-builder") / "project")
    text = (root / "content/cases/example-case.yml").read_text(encoding="utf-8")
    fourth = (
        text.replace("id: example-case", "id: fourth-example-case")
        .replace("zh-TW: 範例案例", "zh-TW: 第四個範例案例")
        .replace("en: Example case", "en: Fourth example case")
    )
    (root / "content/cases/fourth-example-case.yml").write_text(fourth, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def kit_builder(project):
    """`casebook kit` on a free port of 127.0.0.1; yields the URL it prints."""
    process = subprocess.Popen(
        [CASEBOOK, "kit", "--port", "0"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, (line, process.stderr.read() if process.poll() is not None else "")
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _checked(page, pages: list[Path], folder: Path) -> list[str]:
    """axe's WCAG violations on the page as it is now; its HTML is kept for the Nu HTML Checker."""
    pages.append(folder / f"page-{len(pages)}.html")
    pages[-1].write_text(page.content(), encoding="utf-8")
    return _axe(page)


def _axe(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)", WCAG_TAGS
    )
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in violations]


def test_pick_three_cases_preview_build_and_download_the_same_zip_as_casebook_exhibit(
    kit_builder, project, browser, tmp_path
):
    offline = OfflinePage(browser, accept_downloads=True, bypass_csp=True)  # axe is injected into the page
    page = offline.page
    page.set_default_timeout(30_000)
    pages: list[Path] = []
    try:
        page.goto(kit_builder + "?lang=en")
        assert _checked(page, pages, tmp_path) == []
        page.get_by_role("link", name="Example exhibition").click()
        for title in TITLES:
            page.get_by_label(title, exact=True).check()
        page.get_by_label("正體中文", exact=True).check()
        page.get_by_label("English", exact=True).uncheck()
        page.get_by_label("The catalogue (to print, and as an accessible PDF for screen readers)").uncheck()
        page.get_by_label("The kiosk (the website on a touch screen, no internet needed)").uncheck()
        page.get_by_label("Web address the QR codes lead to").fill(SITE_URL)
        assert _checked(page, pages, tmp_path) == []

        page.get_by_role("button", name="Preview the posters").click()
        build = page.get_by_role("button", name="Build the kit with these choices")
        build.wait_for(timeout=BUILD_TIMEOUT)
        posters = page.get_by_role("img", name=re.compile("^The poster of "))
        assert posters.count() == 3
        widths = posters.evaluate_all("images => images.map(i => i.complete && i.naturalWidth)")
        assert widths == [960, 960, 960]
        assert _checked(page, pages, tmp_path) == []

        build.click()
        download_link = page.get_by_role("link", name=re.compile("^Download the kit"))
        download_link.wait_for(timeout=BUILD_TIMEOUT)
        assert _checked(page, pages, tmp_path) == []
        with page.expect_download() as info:
            download_link.click()
        from_page = tmp_path / "from-page.zip"
        info.value.save_as(from_page)
        assert offline.blocked == []
    finally:
        offline.close()
    assert [m for m in _vnu(pages) if m.get("type") == "error"] == []

    out = tmp_path / "from-command"
    subprocess.run(
        [CASEBOOK, "exhibit", "example-exhibition", "--out", str(out), "--cases", ",".join(CASES)]
        + ["--languages", "zh-TW", "--paper", "A3", "--site-url", SITE_URL, "--no-catalogue", "--no-kiosk"],
        cwd=project,
        check=True,
        capture_output=True,
    )
    from_command = out / "example-exhibition-kit.zip"
    unpacked = {}
    for name, path in (("page", from_page), ("command", from_command)):
        with zipfile.ZipFile(path) as archive:
            unpacked[name] = {member: archive.read(member) for member in archive.namelist()}
    posters = sorted(m for m in unpacked["page"] if "/posters/" in m)
    assert posters == [f"example-exhibition-kit/posters/{case}.pdf" for case in sorted(CASES)]
    assert unpacked["page"].keys() == unpacked["command"].keys()
    for member, data in unpacked["page"].items():
        assert data == unpacked["command"][member], member
    assert from_page.read_bytes() == from_command.read_bytes()


def test_record_a_planned_exhibition_then_choose_for_it(kit_builder, project, browser, tmp_path):
    offline = OfflinePage(browser, bypass_csp=True)
    page = offline.page
    page.set_default_timeout(30_000)
    pages: list[Path] = []
    target = project / "content/exhibitions/tainan-fair-2027.yml"
    try:
        page.goto(kit_builder + "?lang=en")
        page.get_by_role("link", name="Record a planned exhibition").click()
        assert _checked(page, pages, tmp_path) == []
        page.get_by_label("Name (正體中文)").fill("臺南展")
        page.get_by_label("Name (English)").fill("Tainan fair")
        page.get_by_label("Venue (正體中文)").fill("臺南")
        page.get_by_label("Venue (English)").fill("Tainan")
        page.get_by_label("First day").fill("2027-03-14")
        page.get_by_label("Last day (if known)").fill("2027-03-01")
        # The short name for the file is left empty: it is made from the English name and the year.
        page.get_by_label("Third example case").check()
        page.get_by_role("button", name="Save the exhibition").click()
        alert = page.get_by_role("alert")
        assert alert.get_by_role("listitem").all_inner_texts() == [
            "the exhibition ends (2027-03-01) before it starts (2027-03-14)"
        ]
        expect(alert).to_be_focused()  # the staff's screen reader reads it first (kit.js, once the page has loaded)
        assert _checked(page, pages, tmp_path) == []
        assert not target.exists()

        page.get_by_label("Last day (if known)").fill("2027-03-20")
        page.get_by_role("button", name="Save the exhibition").click()
        assert page.get_by_role("status").inner_text() == "Saved as content/exhibitions/tainan-fair-2027.yml."
        assert page.get_by_role("heading", level=1).inner_text() == "Tainan fair"
        assert page.get_by_label("Third example case", exact=True).is_checked()
        assert target.is_file()
        assert offline.blocked == []
    finally:
        offline.close()
        target.unlink(missing_ok=True)
    assert [m for m in _vnu(pages) if m.get("type") == "error"] == []
