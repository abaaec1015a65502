"""Case and brand pages printed to PDF by Chromium: A4, the article only, link endnotes and a QR code.

The PDF is read back with poppler (pdfinfo, pdftotext, pdftoppm) and the QR
code decoded with zbarimg, as a reader's phone would.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASE_ID = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.yml"))[0]
BRAND_IDS = sorted(p.stem for p in (ROOT / "content" / "brands").glob("*.yml"))
A4_POINTS = (595.28, 841.89)

pytestmark = pytest.mark.browser

PRINTED = [f"cases/{CASE_ID}/", f"en/cases/{CASE_ID}/"] + ([f"brands/{BRAND_IDS[0]}/"] if BRAND_IDS else [])


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _print_to_pdf(offline_page, url: str, pdf: Path) -> dict:
    """Opens the page, prints it as Chromium does, and returns what the screen showed."""
    page = offline_page.page
    assert page.goto(url).status == 200
    shown = page.evaluate("""() => ({
      title: document.querySelector("article h1").innerText.trim(),
      sources: [...document.querySelectorAll("article :is(ol, ul)[class*='sources'] li")]
                 .map(li => li.innerText.trim().split(/[,，]/)[0]).filter(Boolean),
      nav: [...document.querySelectorAll("nav.cb-nav a, .cb-footer__group a")].map(a => a.innerText.trim()),
      endnotes: [...document.querySelectorAll(".cb-endnotes li")].map(li => li.innerText.trim()),
    })""")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    return shown


def _pdf_text(pdf: Path) -> str:
    # pdftotext breaks lines where the page does; join them to search phrases.
    return re.sub(r"\s+", "", _run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", PRINTED)
def test_printed_page_is_a4_with_title_sources_and_no_navigation(offline_page, site_server, tmp_path, path):
    pdf = tmp_path / "page.pdf"
    shown = _print_to_pdf(offline_page, site_server + path, pdf)

    info = _run("pdfinfo", str(pdf))
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and (float(size[1]), float(size[2])) == pytest.approx(A4_POINTS, abs=1), info

    text = _pdf_text(pdf)
    assert _squash(shown["title"]) in text
    assert shown["sources"], "the page lists no sources"
    for source in shown["sources"]:
        assert _squash(source) in text, f"source {source!r} missing from the printout"
    article_text = _squash(offline_page.page.inner_text("article"))
    chrome = [label for label in shown["nav"] if label and _squash(label) not in article_text]
    assert chrome, "the page has no navigation to leave out"
    assert [label for label in chrome if _squash(label) in text] == [], "navigation printed"
    for furniture in ("Made with", "跳到主要內容", "Skip to main content"):
        assert _squash(furniture) not in text
    # Links print as numbered endnotes with their full address, never inline after the link.
    assert "(http" not in text
    for note in shown["endnotes"]:
        assert note.startswith("http") and _squash(note) in text
    assert offline_page.blocked == [] and offline_page.console_errors == []


def test_printout_carries_a_qr_code_to_the_page(offline_page, site_server, tmp_path):
    """The QR code decodes to the page's address; casebook.yml has no site_url, so it is the site path."""
    pdf = tmp_path / "page.pdf"
    _print_to_pdf(offline_page, site_server + PRINTED[0], pdf)
    _run("pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page"))
    decoded = set()
    for png in sorted(tmp_path.glob("page-*.png")):
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)], capture_output=True, text=True
        )
        decoded |= set(result.stdout.split())
    assert decoded == {"/" + PRINTED[0]}


def test_qr_code_is_not_shown_on_screen(offline_page, site_server):
    page = offline_page.page
    page.goto(site_server + PRINTED[0])
    assert page.locator(".cb-print-qr").count() == 1
    assert not page.locator(".cb-print-qr").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".cb-print-qr").is_visible()


def test_links_print_against_the_canonical_address_when_the_site_url_is_known(offline_page, site_server):
    """With casebook.yml site_url set, pages carry a canonical link; relative links' endnotes use it."""
    page = offline_page.page
    page.goto(site_server + "policy/why/")
    script = (ROOT / "theme" / "assets" / "javascripts" / "print-links.js").read_text(encoding="utf-8")
    canonical = "https://casebook.example.org/policy/why/"
    page.evaluate(
        """([href, script]) => {
      document.querySelectorAll(".cb-endnotes, .cb-endnote-mark").forEach(e => e.remove());
      const link = document.createElement("link");
      link.rel = "canonical"; link.href = href; document.head.append(link);
      (0, eval)(script);
    }""",
        [canonical, script],
    )
    printed = page.eval_on_selector_all(".cb-endnotes li", "lis => lis.map(li => li.textContent)")
    assert printed and all(url.startswith("https://casebook.example.org/") for url in printed), printed
    assert any(url.startswith("https://casebook.example.org/data/charts/") for url in printed), printed
