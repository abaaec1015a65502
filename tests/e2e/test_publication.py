"""The public site as a publication: masthead, sections, footer, record pages, home, print, deploy.

Checked in Chromium at a phone's width (390 px) and a desktop's (1280 px) in
both languages, on the project's own site; the deploy build on a copy of the
project, as the deploy workflow runs it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sitetools import OfflinePage, serve_folder

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.yml"))
BRANDS = sorted(p.stem for p in (ROOT / "content" / "brands").glob("*.yml"))
CASE_ID = "kouhu-smart-tilapia" if "kouhu-smart-tilapia" in CASES else CASES[0]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
LANGS = {"zh-TW": "", "en": "en/"}
SECTIONS = {
    "zh-TW": ["案例", "地圖", "品牌", "政策", "展覽", "關於"],
    "en": ["Cases", "Map", "Brands", "Policy", "Exhibitions", "About"],
}
SECTION_PATHS = ["cases", "map", "brands", "policy", "exhibitions", "about"]
SKIP = {"zh-TW": "跳到主要內容", "en": "Skip to main content"}
# One page of each kind a reader meets.
KINDS = [
    "",
    "cases/",
    f"cases/{CASE_ID}/",
    f"brands/{BRANDS[0]}/",
    "map/",
    "policy/why/",
    "about/",
    "open-data/",
    "translations/",
    "exhibitions/",
]

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser):
    page = OfflinePage(browser, viewport={"width": 390, "height": 844})
    yield page
    page.close()


# -- masthead, sections, footer -------------------------------------------------------------------


@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_header_has_at_most_six_sections_and_no_docs_sidebar(browser, site_server, device, lang):
    width, height = WIDTHS[device]
    offline = OfflinePage(browser, viewport={"width": width, "height": height})
    try:
        page = offline.page
        for path in KINDS:
            assert page.goto(site_server + LANGS[lang] + path).status == 200, path
            nav = page.locator("nav.cb-nav a")
            assert nav.count() <= 6
            assert [label.strip() for label in nav.all_inner_texts()] == SECTIONS[lang]
            # Every page's links lead to the same sections, whatever its folder and depth.
            hrefs = nav.evaluate_all("links => links.map(a => a.href)")
            assert hrefs == [f"{site_server}{LANGS[lang]}{section}/" for section in SECTION_PATHS], path
            footer_links = page.locator(".cb-footer__group a").evaluate_all("links => links.map(a => a.href)")
            assert f"{site_server}{LANGS[lang]}about/#corrections" in footer_links, path
            for link in nav.all():  # each section is shown and is a comfortable tap target
                box = link.bounding_box()
                assert box and box["height"] >= 44 and box["width"] >= 24, (path, box)
            assert page.locator(".md-sidebar--primary").count() == 0, f"{path} has the docs sidebar"
            assert page.get_by_text("Made with Material").count() == 0
            assert page.locator(".md-skip").first.inner_text().strip() == SKIP[lang]
            footer = page.locator("footer.cb-footer")
            assert footer.count() == 1
        assert offline.blocked == [] and offline.console_errors == []
    finally:
        offline.close()


def test_the_section_of_a_page_is_marked_in_the_header(offline_page, site_server):
    page = offline_page.page
    page.goto(site_server + f"cases/{CASE_ID}/")
    assert page.locator('nav.cb-nav a[aria-current="true"]').inner_text().strip() == "案例"
    page.goto(site_server + "en/brands/")
    assert page.locator('nav.cb-nav a[aria-current="page"]').inner_text().strip() == "Brands"
    page.goto(site_server + "en/open-data/")  # the maintainers' pages live under About
    assert page.locator("nav.cb-nav a[aria-current]").inner_text().strip() == "About"


def test_the_footer_names_the_publisher_and_links_what_a_publication_owes_its_readers(offline_page, site_server):
    page = offline_page.page
    page.goto(site_server + "en/")
    footer = page.locator("footer.cb-footer")
    text = footer.inner_text()
    assert "Published by the editors of the Taiwan Regional Revitalisation Casebook" in text
    links = {a.inner_text().strip(): a.get_attribute("href") for a in footer.locator("a").all()}
    assert links["Corrections policy"].endswith("about/#corrections")
    assert links["Accessibility statement"].endswith("about/#accessibility")
    assert links["Licence"].endswith("about/#licence")
    assert links["Open data"].endswith("open-data/")
    assert links["Translation status"].endswith("translations/")
    assert "CC BY 4.0" in text
    for anchor in ("corrections", "accessibility", "licence"):  # every footer link lands on a heading
        page.goto(site_server + "en/about/")
        assert page.locator(f"h2#{anchor}").count() == 1
    # The tools are credited on About, not in every footer.
    assert page.get_by_text("Material for MkDocs").count() >= 1


# -- case and brand pages ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_case_page_shows_its_title_and_summary_on_a_phones_first_screen(phone, site_server, lang):
    page = phone.page
    page.goto(site_server + LANGS[lang] + f"cases/{CASE_ID}/")
    page.evaluate("document.fonts.ready.then(() => true)")
    for selector in ("article h1", ".cb-record__summary"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["y"] + box["height"] <= 844, f"{selector} ends at {box}"
    picture = page.locator(".cb-figure--header").bounding_box()
    summary = page.locator(".cb-record__summary").bounding_box()
    assert picture["y"] > summary["y"], "the picture comes after the summary"


def test_empty_sections_are_one_note_with_a_way_to_help(offline_page, site_server):
    page = offline_page.page
    for path in [f"cases/{c}/" for c in CASES] + [f"brands/{b}/" for b in BRANDS]:
        page.goto(site_server + path)
        assert page.locator(".cb-empty").count() == 0, f"{path} still has an empty section"
        notes = page.locator("aside.cb-gaps")
        assert notes.count() <= 1
        if notes.count():
            assert notes.locator("h2").inner_text().strip() == "我們還不知道的"
            assert notes.locator("li").count() >= 1
            assert notes.locator(".cb-gaps__help a").count() == 1


def test_every_case_and_brand_page_offers_to_suggest_an_update(offline_page, site_server):
    page = offline_page.page
    for path in [f"{lang}cases/{c}/" for c in CASES for lang in LANGS.values()] + [
        f"{lang}brands/{b}/" for b in BRANDS for lang in LANGS.values()
    ]:
        page.goto(site_server + path)
        link = page.locator("a.cb-suggest__update")
        assert link.count() == 1, path
        # casebook.yml names no repository: the link leads to About's corrections policy.
        page.goto(site_server + path)
        link.click()
        assert urlsplit(page.url).path.endswith("about/") and page.url.endswith("#corrections")


def test_no_two_records_share_a_picture(built_site):
    pictures = {}
    for kind, ids in (("cases", CASES), ("brands", BRANDS)):
        for record in ids:
            html = (built_site / kind / record / "index.html").read_text(encoding="utf-8")
            src = re.search(r'<img src="([^"]+)"[^>]*alt=""[^>]*fetchpriority="high"', html)
            assert src, f"{kind}/{record} has no designed header"
            path = (built_site / kind / record / src[1]).resolve()
            pictures[f"{kind}/{record}"] = path.read_bytes()
    assert len(set(pictures.values())) == len(pictures)


# -- home ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_leads_with_tasks(offline_page, site_server, lang):
    page = offline_page.page
    page.goto(site_server + LANGS[lang])
    headings = [h.strip() for h in page.locator("article h2").all_inner_texts()]
    first = {"zh-TW": "找案例", "en": "Find a case"}[lang]
    assert headings[0] == first
    assert page.locator(".cb-keynumbers > li").count() == 3
    assert all(li.locator("a[href^='#ref-']").count() >= 1 for li in page.locator(".cb-keynumbers > li").all())
    assert page.locator(".cb-cards--pictured img").count() >= min(len(CASES), 6)
    assert page.locator(".cb-recent time").count() >= 1
    assert page.locator("a.cb-task[href$='map/']").count() == 1


def test_the_finder_opens_the_case_list_with_the_choice_made(offline_page, site_server):
    page = offline_page.page
    page.goto(site_server)
    page.select_option(".cb-finder select[name=county]", "yunlin")
    page.click(".cb-finder button[type=submit]")
    page.wait_for_url(re.compile(r"cases/\?county=yunlin"))
    visible = page.locator("[data-cb-cards] > li:visible")
    assert visible.count() >= 1
    assert all("yunlin" in (card.get_attribute("data-county") or "") for card in visible.all())


# -- translation status, chart data ----------------------------------------------------------------


def test_translation_status_is_cards_on_a_phone_without_repository_paths(phone, site_server):
    page = phone.page
    page.goto(site_server + "translations/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("table:not(.cb-status__terms)").count() == 0  # the termbase is a table of terms
    assert "content/" not in page.locator("article").inner_text()
    for name in page.locator(".cb-status-card dt").all():  # 「正體中文」 stays on one line
        box = name.bounding_box()
        assert box["height"] < 40, box


def test_every_policy_chart_links_its_figures_as_csv_and_json(offline_page, site_server, built_site):
    page = offline_page.page
    charts = 0
    for path in ("policy/why/", "policy/progress/", "en/policy/timeline/", ""):
        page.goto(site_server + path)
        for chart in page.locator("figure.cb-chart").all():
            charts += 1
            links = {a.inner_text().strip(): a.get_attribute("href") for a in chart.locator(".cb-chart__files a").all()}
            assert set(links) == {"CSV", "JSON"}
            base = site_server + path
            data = json.loads(page.request.get(base + links["JSON"]).text())
            assert data["sources"] and all(s["publisher"] and s["section"] for s in data["sources"])
            assert data["licence"]["id"] == "CC-BY-4.0" and data["rows"]
            csv = page.request.get(base + links["CSV"]).text()
            assert "CC-BY-4.0" in csv.splitlines()[1]
    assert charts >= 4
    listed = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    for file in (built_site / "data" / "charts").glob("*.zh-TW.csv"):
        assert f"data/charts/{file.name}" in listed


# -- print ---------------------------------------------------------------------------------------------


def _pdf_pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def _lowest_text_on_first_page(pdf: Path) -> float:
    """The bottom of the lowest word on page 1, in points from the top."""
    xhtml = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return max(float(y) for y in re.findall(r'yMax="([\d.]+)"', xhtml))


def test_a_printed_case_has_masthead_address_date_and_endnotes_for_body_links_only(offline_page, site_server, tmp_path):
    page = offline_page.page
    url = site_server + f"cases/{CASE_ID}/"
    page.goto(url)
    page.emulate_media(media="print")
    masthead = page.locator(".cb-print-masthead")
    assert masthead.is_visible()
    text = masthead.inner_text()
    assert "地方創生案例集" in text and url in text
    assert re.search(r"列印日期：\d{4}-\d{2}-\d{2}", text)
    # No chip, card or navigation link gets a note; links in the text and sources do.
    assert page.locator(".cb-chips .cb-endnote-mark, .cb-cards .cb-endnote-mark, nav .cb-endnote-mark").count() == 0
    assert not page.locator(".cb-figure--header").is_visible()
    pdf = tmp_path / "case.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages = _pdf_pages_text(pdf)
    if len([p for p in pages if p.strip()]) > 1:  # the text runs on: the first page is filled to its foot
        assert _lowest_text_on_first_page(pdf) > 0.8 * 842, "the first page is half empty"
    assert "(http" not in "".join(pages), "a link printed its address inline"


def test_body_links_print_as_numbered_endnotes(offline_page, site_server):
    page = offline_page.page
    page.goto(site_server + "policy/why/")
    page.emulate_media(media="print")
    marks = page.locator(".cb-endnote-mark")
    notes = page.locator(".cb-endnotes li")
    if page.locator(".cb-policy a[href^='http'], .cb-sources a[href^='http']").count():
        assert marks.count() >= 1 and notes.count() >= 1
        assert all(note.inner_text().startswith("http") for note in notes.all())


# -- deploy --------------------------------------------------------------------------------------------


def _casebook_build(project: Path, site: Path, *flags: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [
        str(Path(sys.executable).parent / "casebook"),
        "build",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
        *flags,
    ]
    return subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def test_a_deploy_build_without_address_or_contact_stops_with_one_line(copy_project, tmp_path):
    result = _casebook_build(copy_project, tmp_path / "site", "--deploy")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "casebook.yml: error[deploy-incomplete]: a deploy build needs site_url (or CASEBOOK_SITE_URL) "
        "and publisher.contact in casebook.yml"
    ]
    assert not (tmp_path / "site").exists()


def test_a_deploy_build_has_absolute_social_image_canonical_and_qr_code(copy_project, tmp_path, browser):
    config = copy_project / "casebook.yml"
    text = config.read_text(encoding="utf-8")
    assert "  # contact: " in text
    config.write_text(text.replace("  # contact: ", "  contact: "), encoding="utf-8")
    address = "https://casebook.example.org/site/"
    site = tmp_path / "site"
    result = _casebook_build(
        copy_project,
        site,
        "--deploy",
        env={"CASEBOOK_SITE_URL": address, "CASEBOOK_REPO_URL": "https://github.com/example/casebook"},
    )
    assert result.returncode == 0, result.stderr
    html = (site / "cases" / CASE_ID / "index.html").read_text(encoding="utf-8")
    page_url = f"{address}cases/{CASE_ID}/"
    assert f'<link rel="canonical" href="{page_url}">' in html
    assert f'<meta property="og:url" content="{page_url}">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html)[1]
    assert image.startswith(address) and image.endswith(".jpg")
    # Suggest an update: the repository's form, the record and the page filled in.
    suggest = re.search(r'class="cb-suggest__update" href="([^"]+)"', html)[1].replace("&amp;", "&")
    query = parse_qs(urlsplit(suggest).query)
    assert suggest.startswith("https://github.com/example/casebook/issues/new?")
    assert query["template"] == ["update.yml"] and query["record"] == [f"case/{CASE_ID}"]
    assert query["page"] == [page_url]
    assert f'href="https://github.com/example/casebook/edit/main/content/cases/{CASE_ID}.yml"' in html
    # The printed QR code decodes to the page's full address.
    with serve_folder(site) as base:
        offline = OfflinePage(browser)
        try:
            offline.page.goto(base + f"cases/{CASE_ID}/")
            pdf = tmp_path / "case.pdf"
            offline.page.pdf(path=str(pdf), format="A4")
        finally:
            offline.close()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    decoded = set()
    for png in sorted(tmp_path.glob("page-*.png")):
        out = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)], capture_output=True, text=True
        )
        decoded |= set(out.stdout.split())
    assert decoded == {page_url}
