"""Pages are set in our own fonts, served from the site, and download only the slices they use."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASE_ID = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.yml"))[0]
ALL_SLICES = len(list((ROOT / "theme" / "assets" / "fonts" / "files").glob("*.woff2")))

pytestmark = pytest.mark.browser

LOADED_FACES = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.status === "loaded").map(f => f.family.replaceAll('"', ''));
}"""


@pytest.mark.parametrize("path,han_family", [(f"cases/{CASE_ID}/", "Noto Sans in Han text"),
                                             (f"en/cases/{CASE_ID}/", "Noto Sans")])
def test_page_text_is_set_in_our_fonts(offline_page, site_server, path, han_family):
    page = offline_page.page
    fonts = []
    page.on("requestfinished", lambda r: r.url.endswith(".woff2") and fonts.append(r))
    page.goto(site_server + path)
    loaded = set(page.evaluate(LOADED_FACES))
    assert {"Noto Sans TC", han_family} <= loaded, loaded
    family = page.evaluate("getComputedStyle(document.querySelector('article h1')).fontFamily")
    assert family.replace('"', "").startswith(f"{han_family}, Noto Sans TC")
    assert fonts and all(r.url.startswith(site_server + "assets/fonts/files/") for r in fonts)
    assert len(fonts) < ALL_SLICES / 3, "a page should fetch only the slices holding its characters"
    assert offline_page.blocked == [] and offline_page.console_errors == []


TYPESETTING = """() => {
  const s = getComputedStyle(document.querySelector("article.md-typeset p"));
  return {lineBreak: s.lineBreak, wordBreak: s.wordBreak, textAlign: s.textAlign,
          lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize), spacing: s.letterSpacing,
          h1: getComputedStyle(document.querySelector("article h1")).fontWeight};
}"""


def test_han_text_gets_its_own_line_breaking_and_leading(offline_page, site_server):
    page = offline_page.page
    page.goto(f"{site_server}cases/{CASE_ID}/")
    zh = page.evaluate(TYPESETTING)
    page.goto(f"{site_server}en/cases/{CASE_ID}/")
    en = page.evaluate(TYPESETTING)
    assert zh["lineBreak"] == "strict" and zh["wordBreak"] == "normal"
    assert zh["textAlign"] in ("start", "left") and en["textAlign"] in ("start", "left")
    assert zh["lineHeight"] >= 1.8 > en["lineHeight"] >= 1.6
    assert zh["spacing"] != "normal" and en["spacing"] == "normal"
    assert zh["h1"] == en["h1"] == "700"
