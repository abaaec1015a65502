"""Files the site needs beside its pages: open data, feeds, sitemaps, social cards, search, fonts.

The site engine adapter asks for them here; each is made by its own module.
Nothing here imports MkDocs.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.build.search_index import SearchIndexer
from generator.build.site import Site
from generator.core.memo import NO_MEMO, Memo
from generator.graphics.cards import CacheReport, cached_cards
from generator.publish.fonts import FontReport, write_site_fonts
from generator.publish.open_data import export_files
from generator.publish.search import INDEX_PATH, SearchLanguage, SegmentReport, language_indexes
from generator.publish.sitemap import sitemap_files
from generator.render.seo import site_cards


def data_files(site: Site, memo: Memo = NO_MEMO) -> dict[str, bytes]:
    """{site path: bytes}: open data, feeds and sitemaps, the same bytes for the same records.

    `memo` (under `mkdocs serve`) gives back the open data of unchanged cases and unchanged sitemap entries.
    """
    config = site.project.config
    files = export_files(site.collection, config, site.strings, site.urls, memo)
    files.update(sitemap_files(site.pages, site.collection, config, site.urls, memo))
    return dict(sorted(files.items()))


def social_card_files(site: Site, cache_root: Path) -> tuple[dict[str, Path], CacheReport]:
    """{site path: PNG in the cache} for every social card; draws only new or changed ones."""
    cards = site_cards(site.collection, site.project.config, site.strings, {p.key for p in site.pages})
    return cached_cards(cards, cache_root / "social")


def write_search_indexes(site: Site, site_dir: Path, settings: dict[str, dict],
                         indexer: SearchIndexer) -> tuple[list[str], SegmentReport]:
    """Write one search index per language from our pages; returns the files written.

    The engine's own index (every page of ours is excluded from it) gives the
    index's config (fields); `settings` maps each language to its search
    settings (lang, separator, pipeline); `indexer` gives our pages' entries
    (the caller saves its caches with `indexer.save()`).
    """
    if not (site_dir / INDEX_PATH).is_file():   # search is switched off
        indexer.close()
        return [], indexer.segmenter.report
    engine_index = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    entries = [*engine_index["docs"], *indexer.entries()]
    report = indexer.segmenter.report
    report.problem = report.problem or indexer.cache.problem
    report.pages_reused = indexer.cache.hits
    languages = [SearchLanguage(code, site.urls.prefix(code), settings[code])
                 for code in site.project.config.language_codes]
    written = []
    for path, text in language_indexes(engine_index["config"], entries, languages).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(path)
    return written, report


LATIN_FONTS = "assets/fonts/latin.css"   # under theme/: Noto Sans, from scripts/vendor_fonts.py


def site_fonts(site_dir: Path, theme_dir: Path, cache_root: Path) -> FontReport:
    """The Han font cut to the characters of the written pages, and assets/fonts/fonts.css."""
    latin = (theme_dir / LATIN_FONTS).read_text(encoding="utf-8")
    return write_site_fonts(site_dir, latin, cache_root / "fonts")
