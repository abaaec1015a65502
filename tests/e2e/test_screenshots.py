"""Screenshots of the main kinds of page on a phone (390 px) and a desktop (1280 px).

They go to test-output/screenshots/ (ignored by git); `make screenshots`
writes them to screenshots/ instead, where the README shows the best ones.
Each page is also checked for horizontal overflow, the usual way a layout
breaks on a phone. A page that is missing fails the test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("CASEBOOK_SCREENSHOTS", ROOT / "test-output" / "screenshots"))
CASE_ID = (
    "kouhu-smart-tilapia"
    if (ROOT / "content/cases/kouhu-smart-tilapia.yml").exists()
    else sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.yml"))[0]
)
BRANDS = sorted(p.stem for p in (ROOT / "content" / "brands").glob("*.yml"))
BRAND_ID = "kouhu-taiwan-tilapia" if "kouhu-taiwan-tilapia" in BRANDS else (BRANDS or [""])[0]

# name -> path on the site, in zh-TW (the default language) and in English
PAGES = {
    "home": "",
    "case": f"cases/{CASE_ID}/",
    "brand": f"brands/{BRAND_ID}/",
    "map": "map/",
    "policy": "policy/why/",
}
PAGES.update({f"{name}-en": f"en/{path}" for name, path in list(PAGES.items())})
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", WIDTHS)
def test_screenshots_of_each_kind_of_page(browser, site_server, device):
    from sitetools import OfflinePage

    width, height = WIDTHS[device]
    OUT.mkdir(parents=True, exist_ok=True)
    offline = OfflinePage(browser, viewport={"width": width, "height": height}, device_scale_factor=1)
    missing, overflowing = [], []
    try:
        page = offline.page
        for name, path in PAGES.items():
            response = page.goto(site_server + path)
            if response.status == 404:
                missing.append(path)
                continue
            page.evaluate("document.fonts.ready.then(() => true)")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                overflowing.append(f"{path} is {scroll_width} px wide")
            page.screenshot(path=str(OUT / f"{name}-{width}.png"))
        assert offline.blocked == [] and offline.console_errors == []
    finally:
        offline.close()
    assert missing == [], "pages the screenshots need are missing"
    assert overflowing == [], f"pages wider than the {device}"
    assert (OUT / f"home-{width}.png").stat().st_size > 10_000
    if missing:
        print(f"not yet on the site, no screenshot: {', '.join(missing)}")
