"""Fonts and page weight: the reader's own CJK font first, ours cut to the site's characters.

A browser with the system's Noto Sans CJK stands for a reader whose system
has a Chinese font (every one sold in Taiwan): it downloads no Han font at
all. A browser told by fontconfig to ignore every Chinese font
(sitetools.fontconfig_without_cjk) stands for the others: it downloads our
Han files, within the budgets below. Bytes are what a static host sends
(text gzip-compressed); the budgets are byte counts, never times.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitetools import serve_folder

CASE_ID = "kouhu-smart-tilapia"
KB = 1024
ZH_CASE_FONT_BUDGET = 450 * KB
ZH_CASE_TOTAL_BUDGET = 700 * KB
EN_FONT_BUDGET = 150 * KB

pytestmark = pytest.mark.browser

LOADED_FACES = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.status === "loaded").map(f => f.family.replaceAll('"', ''));
}"""


@pytest.fixture(scope="module")
def gzip_server(built_site):
    with serve_folder(built_site, compress=True) as url:
        yield url


class Transfer:
    """Bytes on the wire per request (the browser's own count), by kind."""

    def __init__(self, page):
        self.by_url: dict[str, tuple[str, int]] = {}
        self._types: dict[str, tuple[str, str]] = {}
        cdp = page.context.new_cdp_session(page)
        cdp.on(
            "Network.responseReceived",
            lambda e: self._types.__setitem__(e["requestId"], (e["type"], e["response"]["url"])),
        )
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def _finished(self, event):
        kind, url = self._types.get(event["requestId"], ("Other", "?"))
        self.by_url[url] = (kind, int(event["encodedDataLength"]))

    def total(self, kind: str | None = None) -> int:
        return sum(size for k, size in self.by_url.values() if kind is None or k == kind)

    def han_fonts(self) -> list[str]:
        return [url for url, (kind, _) in self.by_url.items() if kind == "Font" and "noto-sans-tc" in url]


def _load(browser, url: str, width: int = 390) -> tuple:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    transfer = Transfer(page)
    page.goto(url, wait_until="load")
    loaded = page.evaluate(LOADED_FACES)
    page.wait_for_load_state("networkidle")
    return context, page, transfer, loaded


def test_a_chinese_case_page_without_a_system_cjk_font_stays_within_its_budget(browser_without_cjk, gzip_server):
    context, page, transfer, loaded = _load(browser_without_cjk, f"{gzip_server}cases/{CASE_ID}/")
    try:
        assert "Noto Sans TC" in loaded and "Noto Sans in Han text" in loaded
        assert transfer.han_fonts(), "the page's Han text must come from the site's own font"
        assert all(
            re.search(r"/assets/fonts/noto-sans-tc-[a-z-]+-[47]00\.[0-9a-f]{16}\.woff2$", u)
            for u in transfer.han_fonts()
        )
        assert transfer.total("Font") <= ZH_CASE_FONT_BUDGET, transfer.by_url
        assert transfer.total() <= ZH_CASE_TOTAL_BUDGET, transfer.by_url
        family = page.evaluate("getComputedStyle(document.querySelector('article h1')).fontFamily")
        assert family.replace('"', "").startswith("Noto Sans in Han text, PingFang TC")
    finally:
        context.close()


def test_an_english_page_downloads_little_han_font(browser_without_cjk, gzip_server):
    context, page, transfer, loaded = _load(browser_without_cjk, f"{gzip_server}en/cases/{CASE_ID}/")
    try:
        assert transfer.total("Font") <= EN_FONT_BUDGET, transfer.by_url
        assert all("-en-" in url for url in transfer.han_fonts()), transfer.han_fonts()  # the small English-page file
    finally:
        context.close()


def _english_page_without_han(site: Path) -> str:
    """An English page whose text shows no Han character (the language list aside, out of the layout
    until opened), found in the built site."""
    for path in sorted((site / "en").rglob("index.html")):
        body = path.read_text(encoding="utf-8").split("<body", 1)[1]
        body = re.sub(r"<script.*?</script>|<div class=\"md-select__inner\">.*?</div>", "", body, flags=re.S)
        if not re.search(r"[\u3400-\u9fff]", body):
            return path.parent.relative_to(site).as_posix() + "/"
    pytest.fail("every English page shows Han text: no page to check")


def test_a_page_without_han_text_downloads_no_han_font(browser_without_cjk, gzip_server, built_site):
    """An English page showing no Han character asks for no Han font file; opening the language
    list (正體中文) brings the small English-page file."""
    path = _english_page_without_han(built_site)
    context, page, transfer, loaded = _load(browser_without_cjk, gzip_server + path)
    try:
        assert not page.evaluate(r"() => /[\u3400-\u9fff]/.test(document.body.innerText)")
        assert transfer.han_fonts() == [], path
        with page.expect_response(lambda response: "/noto-sans-tc-en-400." in response.url):
            page.hover(".md-select")  # opened, it shows 正體中文, in our font
    finally:
        context.close()


def test_readers_with_a_system_cjk_font_download_none_of_ours(browser, gzip_server):
    for path in ("", f"cases/{CASE_ID}/", f"en/cases/{CASE_ID}/"):
        context, page, transfer, loaded = _load(browser, gzip_server + path)
        try:
            assert transfer.han_fonts() == [], path
            assert "Noto Sans TC" not in loaded
        finally:
            context.close()


def test_the_font_stylesheet_never_holds_up_the_first_paint(built_site):
    html = (built_site / "cases" / CASE_ID / "index.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<link rel="stylesheet" href="[^"]*fonts\.css"[^>]*>', re.sub("<noscript>.*?</noscript>", "", html)
    )
    assert links and all('media="print"' in link and "data-cb-fonts" in link for link in links), links
    assert "assets/javascripts/fonts.js" in html  # switches it on once loaded, with no inline script
    assert re.search(r'<noscript><link rel="stylesheet" href="[^"]*fonts\.css"></noscript>', html)
    css = (built_site / "assets" / "fonts" / "fonts.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert faces and all("font-display: swap" in face for face in faces)
    assert "http" not in css.split("*/", 1)[1]  # nothing fetched from elsewhere
    files = set(re.findall(r'url\("([^"]+)"\)', css))
    for name in files:
        assert (built_site / "assets" / "fonts" / name).is_file(), name


def test_every_han_character_of_the_site_is_in_the_font(built_site):
    """A reader without a CJK font sees no empty box: every Han character a page shows is covered."""
    css = (built_site / "assets" / "fonts" / "fonts.css").read_text(encoding="utf-8")
    covered = set()
    for face in re.findall(r"@font-face\s*{([^}]*)}", css):
        if '"Noto Sans TC"' in face and "font-weight: 400" in face:
            for part in re.search(r"unicode-range:\s*([^;]+);", face).group(1).split(","):
                low, _, high = part.strip().removeprefix("U+").partition("-")
                covered.update(range(int(low, 16), int(high or low, 16) + 1))
    missing = {}
    for path in built_site.rglob("*.html"):
        for char in set(
            re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e\u3001-\u3011]", path.read_text(encoding="utf-8"))
        ):
            if ord(char) not in covered:
                missing.setdefault(char, path.relative_to(built_site).as_posix())
    assert missing == {}


def test_han_text_gets_its_own_line_breaking_and_leading(offline_page, site_server):
    page = offline_page.page
    typesetting = """() => {
      const s = getComputedStyle(document.querySelector("article.md-typeset p"));
      return {lineBreak: s.lineBreak, wordBreak: s.wordBreak, textAlign: s.textAlign,
              lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize), spacing: s.letterSpacing,
              h1: getComputedStyle(document.querySelector("article h1")).fontWeight};
    }"""
    page.goto(f"{site_server}cases/{CASE_ID}/")
    zh = page.evaluate(typesetting)
    page.goto(f"{site_server}en/cases/{CASE_ID}/")
    en = page.evaluate(typesetting)
    assert zh["lineBreak"] == "strict" and zh["wordBreak"] == "normal"
    assert zh["textAlign"] in ("start", "left") and en["textAlign"] in ("start", "left")
    assert zh["lineHeight"] >= 1.8 > en["lineHeight"] >= 1.6
    assert zh["spacing"] != "normal" and en["spacing"] == "normal"
    assert zh["h1"] == en["h1"] == "700"
