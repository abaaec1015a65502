"""Files the site needs beside its pages: open data, feeds, sitemaps, social cards, search.

The site engine adapter asks for them here; each is made by its own module.
Nothing here imports MkDocs.
"""
from __future__ import annotations

import json
from pathlib import Path

from .search import INDEX_PATH, SearchLanguage, search_words, split_index
from .site import Site
from .sitemap import sitemap_files
from .social import CacheReport, cached_cards
from .seo import site_cards
from .stages.export import export_files

CACHE_DIR = ".cache/casebook"   # under the project root; git-ignored


def data_files(site: Site) -> dict[str, bytes]:
    """{site path: bytes}: open data, feeds and sitemaps, the same bytes for the same records."""
    config = site.project.config
    files = export_files(site.collection, config, site.strings, site.urls)
    files.update(sitemap_files(site.pages, site.collection, config, site.urls))
    return dict(sorted(files.items()))


def social_card_files(site: Site, cache_root: Path) -> tuple[dict[str, Path], CacheReport]:
    """{site path: PNG in the cache} for every social card; draws only new or changed ones."""
    cards = site_cards(site.collection, site.project.config, site.strings, {p.key for p in site.pages})
    return cached_cards(cards, cache_root / "social")


def segmenter_words(site: Site) -> list[str]:
    return search_words(site.collection)


def split_search_index(site: Site, site_dir: Path, settings: dict[str, dict]) -> list[str]:
    """Replace the engine's one search index by one per language; returns the files written.

    `settings` maps each language to its search settings (lang, separator, pipeline).
    """
    if not (site_dir / INDEX_PATH).is_file():   # search is switched off
        return []
    index = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    languages = [SearchLanguage(code, site.urls.prefix(code), settings[code])
                 for code in site.project.config.language_codes]
    written = []
    for path, text in split_index(index, languages).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(path)
    return written
