"""A built site with photos: every derivative clean of metadata, <picture> markup, cache reuse, browser view.

The fixture project gets synthetic photos (GPS EXIF, EXIF-rotated, CMYK, a
transparent PNG) on its case; its brand has none and shows its designed visual.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import picture_factory as pf
import pytest
from sitetools import build_site

MEDIA = "content/media/example-case"
PHOTOS = {
    "gps.jpg": pf.with_gps(900, 600),
    "turned.jpg": pf.rotated(640, 480),
    "cmyk.jpg": pf.cmyk(500, 400),
    "drawing.png": pf.transparent(400, 300),
}


class _Project:
    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, content) -> None:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """The fixture project with photos, built twice: (project root, site dir, first build, second build)."""
    from sitetools import copy_fixture_project

    root = copy_fixture_project(tmp_path_factory.mktemp("photos") / "project")
    project = _Project(root)
    for name, data in PHOTOS.items():
        project.write(f"{MEDIA}/{name}", data)
    pf.add_images(project, list(PHOTOS))
    site = root.parent / "site"
    first = build_site(root, site)
    assert first.returncode == 0, first.stderr
    second = build_site(root, site)
    assert second.returncode == 0, second.stderr
    return root, site, first, second


def test_every_derivative_in_the_site_is_free_of_metadata(photo_site):
    _, site, _, _ = photo_site
    files = sorted((site / "assets" / "images" / "cases" / "example-case").iterdir())
    assert len(files) == (2 + 1 + 2 + 1) * 3  # widths 480+900, 480, 480+500, 400; AVIF, WebP, fallback
    for path in files:
        assert pf.metadata_left(path.read_bytes()) == [], path.name
    assert not any(
        b"GPS" in path.read_bytes()
        for path in (site / "assets").rglob("*")
        if path.is_file() and path.suffix in (".jpg", ".webp", ".avif", ".png")
    )


def test_the_case_page_has_a_header_picture_and_lazy_figures(photo_site):
    _, site, _, _ = photo_site
    html = (site / "cases" / "example-case" / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r"<figure class=\"cb-figure[^\"]*\">.*?</figure>", html, re.S)
    assert len(figures) == 4
    header, *others = figures
    assert 'type="image/avif"' in header and 'type="image/webp"' in header
    assert 'fetchpriority="high"' in header and 'loading="lazy"' not in header
    assert 'alt="合成測試圖片"' in header
    assert re.search(
        r'<img src="[^"]+gps-900w\.\w+\.jpg" srcset="[^"]+" sizes="[^"]+" width="900" height="600"', header
    )
    assert all('loading="lazy"' in f and 'decoding="async"' in f for f in others)
    assert 'width="480" height="640"' in others[0]  # the EXIF-rotated photo, portrait
    assert ".png 400w" in others[2]  # the transparent drawing falls back to PNG
    assert "圖片來源：測試 · 授權：CC0 1.0" in header


def test_the_english_page_has_english_alt_text(photo_site):
    _, site, _, _ = photo_site
    html = (site / "en" / "cases" / "example-case" / "index.html").read_text(encoding="utf-8")
    assert 'alt="A synthetic test picture"' in html
    assert "Credit: Tests · Licence: CC0 1.0" in html


def test_every_picture_the_pages_name_exists(photo_site):
    _, site, _, _ = photo_site
    for page in ("cases/example-case/index.html", "en/brands/example-brand/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        urls = {u for srcset in re.findall(r'srcset="([^"]+)"', html) for u in re.findall(r"(\S+) \d+w", srcset)}
        urls |= set(re.findall(r'<img src="([^"]+)"', html))  # the brand's header: one SVG, no srcset
        assert urls and (page.startswith("cases/") or any(url.endswith(".svg") for url in urls))
        for url in urls:
            assert ((site / page).parent / url).resolve().is_file(), url


def test_a_brand_without_photos_shows_its_visual_with_empty_alt(photo_site):
    _, site, _, _ = photo_site
    html = (site / "brands" / "example-brand" / "index.html").read_text(encoding="utf-8")
    header = re.search(r'<figure class="cb-figure cb-figure--header cb-figure--visual">.*?</figure>', html, re.S)
    assert header and 'alt=""' in header.group(0) and "<figcaption>" not in header.group(0)


def test_the_second_build_decodes_nothing(photo_site):
    _, _, first, second = photo_site
    assert "images: " in first.stderr and "processed" in first.stderr
    assert "images: " not in second.stderr  # no progress: nothing to process
    assert re.search(r"pictures: 0 made, \d+ from the cache, 0 decoded", second.stderr)


# -- in the browser ------------------------------------------------------------------------------

SCREENSHOTS = Path(
    os.environ.get("CASEBOOK_SCREENSHOTS", Path(__file__).resolve().parents[2] / "test-output" / "screenshots")
)


@pytest.fixture(scope="module")
def photo_server(photo_site):
    _, site, _, _ = photo_site
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _look(browser, url: str, shot: str) -> dict:
    """Open a page at desktop width; the header picture's state; a screenshot of the page's top."""
    from sitetools import OfflinePage

    offline = OfflinePage(browser, viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    try:
        offline.page.goto(url)
        offline.page.evaluate("document.fonts.ready.then(() => true)")
        offline.page.wait_for_function("document.querySelector('.cb-figure--header img').complete")
        header = offline.page.evaluate("""() => {
            const img = document.querySelector('.cb-figure--header img');
            const box = img.getBoundingClientRect();
            return {src: img.currentSrc, natural: img.naturalWidth, ratio: box.width / box.height,
                    lazy: document.querySelectorAll('.cb-figure:not(.cb-figure--header) img[loading=lazy]').length};
        }""")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        offline.page.screenshot(path=str(SCREENSHOTS / shot))
        assert offline.blocked == [] and offline.failed == []
        return header
    finally:
        offline.close()


@pytest.mark.browser
def test_a_case_with_photos_in_the_browser(browser, photo_server):
    header = _look(browser, photo_server + "cases/example-case/", "photos-case-with-photo.png")
    assert header["src"].endswith(".avif") and header["natural"] > 0  # Chromium takes the AVIF source
    assert abs(header["ratio"] - 900 / 600) < 0.02
    assert header["lazy"] == 3


@pytest.mark.browser
def test_a_case_without_photos_shows_its_visual_in_the_browser(browser, site_server):
    from sitetools import ROOT

    case = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.yml"))[0]
    case = "kouhu-smart-tilapia" if (ROOT / "content/cases/kouhu-smart-tilapia.yml").exists() else case
    header = _look(browser, site_server + f"cases/{case}/", "photos-case-without-photo.png")
    assert (
        "/visual." in header["src"] and header["src"].endswith(".svg") and header["natural"] > 0
    )  # one picture for every language
    assert abs(header["ratio"] - 1200 / 480) < 0.02  # the header: the motifs alone, 1200x480


def test_a_no_change_rebuild_opens_no_picture_anywhere_in_the_build(photo_site, tmp_path, monkeypatch):
    """The whole MkDocs build in this process, with PIL.Image.open made to fail: nothing calls it."""
    import PIL.Image
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root, _, _, _ = photo_site
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")

    def refuse(*args, **kwargs):
        raise AssertionError(f"a no-change rebuild opened a picture: {args[:1]}")

    monkeypatch.setattr(PIL.Image, "open", refuse)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert (tmp_path / "site" / "cases" / "example-case" / "index.html").is_file()
