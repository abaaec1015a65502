"""Files the site needs beside its pages: open data, feeds, sitemaps, social cards, search.

The site engine adapter asks for them here; each is made by its own module.
Nothing here imports MkDocs.
"""
from __future__ import annotations

import json
from pathlib import Path

from markupsafe import escape

from .search import INDEX_PATH, SearchLanguage, Segmenter, SegmentReport, language_indexes, page_entries, search_words
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


def search_entries(site: Site, segment: Segmenter, sections) -> list[dict]:
    """Index entries of every listed page, in the order the engine is given the pages."""
    entries: list[dict] = []
    for src_uri, rendered in site.rendered.items():
        page = site.page(src_uri)
        if page is None or not page.listed:
            continue
        entries.extend(page_entries(page.url, str(escape(page.title)), rendered.body, segment, sections))
    return entries


def write_search_indexes(site: Site, site_dir: Path, settings: dict[str, dict],
                         cache_root: Path | None, sections) -> tuple[list[str], SegmentReport]:
    """Write one search index per language from our pages; returns the files written.

    The engine's own index (every page of ours is excluded from it) gives the
    index's config (fields); `settings` maps each language to its search
    settings (lang, separator, pipeline). Han text is segmented as Material
    does, through a cache under `cache_root` (search/segments.json);
    `sections` splits a page body into sections as the engine's search does.
    """
    segmenter = Segmenter(segmenter_words(site), cache_root / "search" / "segments.json" if cache_root else None)
    if not (site_dir / INDEX_PATH).is_file():   # search is switched off
        return [], segmenter.report
    engine_index = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    entries = [*engine_index["docs"], *search_entries(site, segmenter, sections)]
    segmenter.save()
    languages = [SearchLanguage(code, site.urls.prefix(code), settings[code])
                 for code in site.project.config.language_codes]
    written = []
    for path, text in language_indexes(engine_index["config"], entries, languages).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(path)
    return written, segmenter.report
