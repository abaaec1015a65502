"""The search entries of every listed page, made while the site engine renders the pages.

Our page bodies are known before the engine renders anything, so the entries
are started then: a page's entries come from the cache (search/pages.json,
keyed by its address, title and body) or are parsed in worker processes on
the other cores while the engine renders; `entries()` collects them at the
end of the build. Han text is not segmented into words: the sharded index
keeps Han characters and each pair of neighbours (generator/publish/search_shards.py),
so a word segmenter's cuts (jieba, as Material's search makes them) would be
removed again, and cutting every page cost a first build seconds per 1,000 cases.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

from markupsafe import escape

from generator.build.site import Site
from generator.core.json_cache import JsonCache, text_key
from generator.load.strings import pick
from generator.publish.search import page_sections
from generator.publish.search_shards import SearchDoc, clean, group_entries
from generator.render.views.base import place_index

# Below this many characters of HTML to parse, a
# worker process costs more than it saves. Counted in characters, not pages:
# a few long pages can be worth it, many short ones not.
PARALLEL_FROM = 500_000
CHUNK = 50  # pages a worker parses at a time
ENTRIES_FORMAT = "pages 2"  # 2: Han text as written, not segmented


class SearchIndexer:
    def __init__(
        self, site: Site, sections, cache_dir: Path | None, sections_version: str = "", workers: int | None = None
    ):
        """Our pages' entries, made when asked for (entries()) or started early (start()).

        `sections` splits a body into sections as the engine's search does and
        `sections_version` names it; `cache_dir` holds pages.json (None:
        nothing kept between builds).
        """
        self.cache_dir = cache_dir
        scope = f"{ENTRIES_FORMAT} {sections_version}"
        self.cache = JsonCache(cache_dir / "pages.json" if cache_dir else None, scope)
        self.sections = sections
        self.workers = workers
        self._pages = [
            (page.url, str(escape(page.title)), _searched_text(page, site.rendered[src_uri].body))
            for src_uri, page in ((src, site.page(src)) for src in site.rendered)
            if page is not None and page.listed
        ]
        self._keys = [_page_key(*page) for page in self._pages]
        self.key = text_key(scope, *self._keys)  # what all the entries are made from
        self._parsed: dict[int, list[dict]] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[tuple[list[int], Future]] = []
        self._submitting: threading.Thread | None = None

    def start(self) -> None:
        """Start parsing the pages whose entries are not cached, in worker processes while the engine
        renders (when they are many): entries() then finds them parsed."""
        missing = [i for i, key in enumerate(self._keys) if not self.cache.has(key)]
        if sum(len(self._pages[i][2]) for i in missing) >= PARALLEL_FROM:
            self._pool = worker_pool(self.sections, self.workers)
        if self._pool is not None:
            # Starting workers waits for their server: a thread waits, not the build.
            self._submitting = threading.Thread(target=self._submit, args=(self._pool, missing), daemon=True)
            self._submitting.start()

    def _submit(self, pool: ProcessPoolExecutor, missing: list[int]) -> None:
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            try:
                future = pool.submit(_parse, [self._pages[i] for i in chunk], self.sections)
            except (BrokenProcessPool, RuntimeError, OSError):  # no workers: the rest is parsed here
                return
            self._futures.append((chunk, future))

    def entries(self) -> list[dict]:
        """Entries of every listed page, in the order the engine is given the pages."""
        if self._submitting is not None:
            self._submitting.join()
        for chunk, future in self._futures:
            try:
                self._parsed.update(zip(chunk, future.result()))
            except BrokenProcessPool:  # a worker died (out of memory, killed): parsed here instead
                pass
        self.close()
        entries: list[dict] = []
        for i, key in enumerate(self._keys):
            entries.extend(self.cache.get_or_make(key, lambda: self._sections(i)))
        return entries

    def _sections(self, i: int) -> list[dict]:
        if i in self._parsed:
            return self._parsed.pop(i)
        return page_sections(*self._pages[i], self.sections)

    def save(self) -> None:
        """Write the entries made; a build that needed none (its index was kept) leaves the file."""
        if self.cache.opened:
            self.cache.save(prune=True)

    def close(self) -> None:
        """Stop the worker processes (a build that failed never asks for the entries)."""
        if self._submitting is not None:
            self._submitting.join()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


# Under serve, an unchanged page's texts are the very strings of the last build, whose hashes
# Python keeps: its key is found without hashing its body again (2,300 bodies were 0.06 s an edit).
@lru_cache(maxsize=16_384)
def _page_key(url: str, title: str, text: str) -> str:
    return text_key(url, title, text)


def _searched_text(page, body: str) -> str:
    """The page's body, or for a page listing others (search_body False) its description."""
    return body if page.search_body else f"<p>{escape(page.description)}</p>"


def _parse(pages: list[tuple[str, str, str]], sections) -> list[list[dict]]:
    return [page_sections(url, title, body, sections) for url, title, body in pages]


def worker_pool(sections, workers: int | None = None) -> ProcessPoolExecutor | None:
    """Worker processes to parse pages in, one per core but the engine's (it renders meanwhile); None on one.

    forkserver: forking a process that runs threads (mkdocs serve does) can
    deadlock. Its server imports the parser once; each worker forked from it
    starts ready instead of importing it again (which takes longer than one
    serve build's parsing).
    """
    workers = workers or (os.cpu_count() or 1) - 1
    if workers < 1:
        return None
    context = get_context("forkserver")
    context.set_forkserver_preload([__name__, sections.__module__])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


# -- the pages as the sharded index knows them ------------------------------------------

_KIND_OF_FOLDER = {
    "cases": "case",
    "brands": "brand",
    "counties": "county",
    "policy": "policy",
    "arrows": "topic",
    "technologies": "topic",
    "industries": "topic",
}


@dataclass(frozen=True)
class PageFacts:
    """What the index knows of one of our pages besides its entries."""

    title: str
    kind: str
    place: str
    names: list[str]


def language_facts(site: Site, lang: str, prefix: str) -> dict[str, PageFacts]:
    """{location relative to the language's root (URL prefix `prefix`): facts} for one language's pages:
    each page's title, and its kind, place and names from its record."""
    places = place_index(site.collection)
    return {
        page.url[len(prefix) :]: PageFacts(clean(page.title), *_facts(site, page, lang, places))
        for page in site.pages
        if page.lang == lang and page.url.startswith(prefix)
    }


def search_docs(entries: list[dict], facts: dict[str, PageFacts]) -> list[SearchDoc]:
    """One language's pages for the sharded index: its entries (locations relative to its root)
    grouped by page, each with its facts (a page of the engine's own has none)."""
    docs = []
    for location, sections in group_entries(entries).items():
        page = facts.get(location)
        if page is None:
            docs.append(SearchDoc(location, sections[0][1] if sections else location, "page", "", [], sections))
        else:
            docs.append(SearchDoc(location, page.title, page.kind, page.place, page.names, sections))
    return docs


def _facts(site: Site, page, lang: str, places) -> tuple[str, str, list[str]]:
    folder, _, record_id = page.key.partition("/")
    kind = _KIND_OF_FOLDER.get(folder, "page")
    collection = site.collection
    default = site.project.config.default_language

    def text(value) -> str:
        return pick(value, lang, default)[0] if value else ""

    def place_label(place_id: str) -> str:
        county, township = places.get(place_id, (None, None))
        return " ".join(text(p.name) for p in (county, township) if p is not None)

    if kind == "case" and record_id in collection.cases:
        case = collection.cases[record_id]
        return kind, place_label(case.place), _unique([*case.title.values()])
    if kind == "brand" and record_id in collection.brands:
        brand = collection.brands[record_id]
        products = [name for product in brand.products for name in product.values()]
        return kind, place_label(brand.place), _unique([*brand.name.values(), *brand.aliases, *products])
    if kind == "county" and record_id in places:
        county, _ = places[record_id]
        return kind, "", _unique([*county.name.values(), *county.aliases])
    if kind == "topic" and collection.taxonomy is not None:
        for term in (*collection.taxonomy.arrows, *collection.taxonomy.technologies, *collection.taxonomy.industries):
            if term.id == record_id:
                return kind, "", _unique([*term.label.values()])
    return kind, "", []


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(clean(name) for name in names if name and name.strip()))
