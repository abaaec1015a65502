"""Files the site needs beside its pages: open data, feeds, sitemaps, social cards, search, fonts.

The site engine adapter asks for them here; each is made by its own module.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.build.search_folder import IndexFolders
from generator.build.search_index import SearchIndexer, language_facts, search_docs
from generator.build.site import Site
from generator.core.atomic import write_folder_atomically
from generator.core.memo import NO_MEMO, Memo
from generator.graphics.cards import CacheReport, cached_cards
from generator.model.data_dictionary import LICENCE
from generator.publish.charts import chart_data_files
from generator.publish.fonts import FontReport, write_site_fonts
from generator.publish.open_data import export_files
from generator.publish.search import INDEX_PATH, SearchLanguage, SearchReport, entries_by_language
from generator.publish.search_shards import INDEX_DIR, KINDS, shard_files
from generator.publish.sitemap import sitemap_files
from generator.render.seo import site_cards
from generator.render.urls import CASES_INDEX_PATH, COUNTIES, group_path
from generator.render.views.base import ViewContext


def data_files(site: Site, memo: Memo = NO_MEMO) -> dict[str, bytes]:
    """{site path: bytes}: open data, feeds and sitemaps, the same bytes for the same records.

    `memo` (under `mkdocs serve`) gives back the open data of unchanged cases and unchanged sitemap entries.
    """
    config = site.project.config
    files = export_files(site.collection, config, site.strings, site.urls, memo)
    files.update(sitemap_files(site.pages, site.collection, config, site.urls, memo))
    ctx = ViewContext(site.collection, config, site.strings, site.urls)
    files.update(chart_data_files(ctx, LICENCE))
    return dict(sorted(files.items()))


DATA_DIR = "data"  # under the cache root: each site's data files, by the site's inputs
_FILE_LIST = ".files.json"


def kept_data_files(site: Site, cache_root: Path) -> dict[str, Path] | None:
    """{site path: file in the cache}: data_files of the site, kept under the digest of its inputs
    (made and stored when missing, with those of other inputs removed). None when the site has no
    such digest (under serve, whose memo keeps them) or the cache cannot be written.

    A rebuild or a change to the theme makes the same 1,000 open-data files again; kept, they
    are linked into the site instead of made and written.
    """
    if site.inputs_key is None:
        return None
    folder = cache_root / DATA_DIR / site.inputs_key[:40]
    if not folder.is_dir():
        files = data_files(site)
        if not write_folder_atomically(folder, {**files, _FILE_LIST: json.dumps(sorted(files))}):
            return None
        for other in folder.parent.iterdir():
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
    try:
        names = json.loads((folder / _FILE_LIST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {name: folder / name for name in names}


def social_card_files(site: Site, cache_root: Path, draw: bool = True) -> tuple[dict[str, Path], CacheReport]:
    """{site path: JPEG in the cache} for every social card; draws only new or changed ones.

    `draw=False` (the first build under serve): only the cards drawn before; the report names the others.
    A site without `site_url` gets none: link previews take only an absolute image address, and such
    a site has none (a local, CI or preview build; a deploy build always has one).
    """
    if site.project.config.site_url is None:
        return {}, CacheReport()
    cards = site_cards(site.collection, site.project.config, site.strings, {p.key for p in site.pages})
    return cached_cards(cards, cache_root / "social", draw)


def write_search_indexes(
    site: Site, site_dir: Path, settings: dict[str, dict], indexer: SearchIndexer, keep: bool = True
) -> tuple[list[str], SearchReport]:
    """Write each language's search: its sharded index and a small search_index.json; returns the
    search_index.json files written.

    The engine's own index (every page of ours is excluded from it) gives the
    config (fields) and the pages it indexed itself; `settings` maps each
    language to its search settings (lang, separator, pipeline); `indexer`
    gives our pages' entries (the caller saves its caches with `indexer.save()`); `keep`: keep the
    index files made for the next build (build/search_folder.py; false under serve).
    search_index.json keeps Material's form, which its bundle fetches and hands
    to the search worker, with no pages in it: our worker
    (theme/assets/javascripts/search-worker.js) reads `config.casebook` and
    fetches the shards the query needs (generator/publish/search_shards.py).
    """
    if not (site_dir / INDEX_PATH).is_file():  # search is switched off
        indexer.close()
        return [], SearchReport()
    engine_index = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    languages = [
        SearchLanguage(code, site.urls.prefix(code), settings[code]) for code in site.project.config.language_codes
    ]
    engine_entries = entries_by_language(engine_index["docs"], languages)
    ours: dict[str, list[dict]] = {}

    def entries(code: str) -> list[dict]:  # asked for only when a language's index is not kept
        if not ours:
            ours.update(entries_by_language(indexer.entries(), languages))
        return [*engine_entries[code], *ours[code]]

    written = []
    folders = IndexFolders(_index_folders(indexer))
    for lang in languages:
        facts, labels, inputs = _index_inputs(site, indexer, engine_entries[lang.code], lang.code)
        index_settings = folders.write(
            site_dir / lang.prefix / INDEX_DIR,
            inputs,
            lambda: shard_files(search_docs(entries(lang.code), facts), labels),
            keep,
        )
        config = {
            **engine_index["config"],
            **lang.settings,
            "casebook": {
                **index_settings,
                "index": f"{lang.prefix}{INDEX_DIR}/",
                "empty": _empty_state(site, lang.code),
            },
        }
        target = site_dir / lang.prefix / INDEX_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        written.append(lang.prefix + INDEX_PATH)
    indexer.close()
    if keep:
        folders.prune()
    report = SearchReport(indexer.cache.hits, folders.reused, problem=indexer.cache.problem)
    return written, report


def search_indexes_kept(site: Site, indexer: SearchIndexer) -> bool:
    """Whether every language's index of these pages is kept from an earlier build, so that no page's
    entries are needed (checked before the engine has indexed pages of its own: as if it has none,
    as in this site; when it has, write_search_indexes makes the entries after all)."""
    folders = IndexFolders(_index_folders(indexer))
    return all(folders.kept(_index_inputs(site, indexer, [], code)[2]) for code in site.project.config.language_codes)


def _index_folders(indexer: SearchIndexer) -> Path | None:
    return indexer.cache_dir / "index" if indexer.cache_dir else None


def _index_inputs(site: Site, indexer: SearchIndexer, engine_entries: list[dict], lang: str) -> tuple:
    """A language's page facts and kind names, and everything its index files are made from."""
    facts = language_facts(site, lang, site.urls.prefix(lang))
    labels = _kind_labels(site, lang)
    return facts, labels, (indexer.key, engine_entries, facts, labels)


def _kind_labels(site: Site, lang: str) -> dict[str, str]:
    return {kind: site.strings.t(f"search.kind.{kind}", lang) for kind in KINDS} if site.strings else {}


def _empty_state(site: Site, lang: str) -> dict:
    """What search offers when nothing matches: ways to browse, links relative to the language's root."""
    if site.strings is None:
        return {}
    t = site.strings.t
    links = [
        (CASES_INDEX_PATH, "search.empty.cases"),
        (group_path(COUNTIES), "search.empty.counties"),
        (group_path("arrows"), "search.empty.arrows"),
    ]
    return {
        "lead": t("search.empty.lead", lang),
        "links": [{"href": f"{path}/", "text": t(key, lang)} for path, key in links],
    }


LATIN_FONTS = "assets/fonts/latin.css"  # under theme/: Noto Sans, from scripts/vendor_fonts.py


def site_fonts(site_dir: Path, theme_dir: Path, cache_root: Path, cut: bool = True) -> FontReport:
    """The Han font cut to the characters of the written pages, and assets/fonts/fonts.css.

    `cut=False` (the first build under serve): only the files cut before; the report names the others.
    """
    latin = (theme_dir / LATIN_FONTS).read_text(encoding="utf-8")
    return write_site_fonts(site_dir, latin, cache_root / "fonts", cut=cut)
