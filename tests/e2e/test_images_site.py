"""A built site with photos: every derivative clean of metadata, <picture> markup, cache reuse, browser view.

The fixture project gets synthetic photos (GPS EXIF, EXIF-rotated, CMYK, a
transparent PNG) on its case; its brand has none and shows its designed visual.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import picture_factory as pf
from conftest import build_site

MEDIA = "content/media/example-case"
PHOTOS = {"gps.jpg": pf.with_gps(900, 600), "turned.jpg": pf.rotated(640, 480), "cmyk.jpg": pf.cmyk(500, 400),
          "drawing.png": pf.transparent(400, 300)}


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
    import shutil

    from conftest import FIXTURE_PROJECT, ROOT

    root = tmp_path_factory.mktemp("photos") / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: theme",
                                                                          f"custom_dir: {ROOT / 'theme'}")
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    shutil.copytree(ROOT / "docs", root / "docs")
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
    assert len(files) == (2 + 1 + 2 + 1) * 3     # widths 480+900, 480, 480+500, 400; AVIF, WebP, fallback
    for path in files:
        assert pf.metadata_left(path.read_bytes()) == [], path.name
    assert not any(b"GPS" in path.read_bytes() for path in (site / "assets").rglob("*") if path.is_file()
                   and path.suffix in (".jpg", ".webp", ".avif", ".png"))


def test_the_case_page_has_a_header_picture_and_lazy_figures(photo_site):
    _, site, _, _ = photo_site
    html = (site / "cases" / "example-case" / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r"<figure class=\"cb-figure[^\"]*\">.*?</figure>", html, re.S)
    assert len(figures) == 4
    header, *others = figures
    assert 'type="image/avif"' in header and 'type="image/webp"' in header
    assert 'fetchpriority="high"' in header and 'loading="lazy"' not in header
    assert 'alt="合成測試圖片"' in header
    assert re.search(r'<img src="[^"]+gps-900w\.\w+\.jpg" srcset="[^"]+" sizes="[^"]+" width="900" height="600"', header)
    assert all('loading="lazy"' in f and 'decoding="async"' in f for f in others)
    assert 'width="480" height="640"' in others[0]           # the EXIF-rotated photo, portrait
    assert ".png 400w" in others[2]                         # the transparent drawing falls back to PNG
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
        assert urls
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
    assert "images: " not in second.stderr                  # no progress: nothing to process
    assert re.search(r"pictures: 0 made, \d+ from the cache, 0 decoded", second.stderr)
