"""Search: words for the Chinese segmenter, and one search index per language.

Han text is segmented with jieba, as Material's search plugin does it. jieba
does not know our place and product names (it cuts 雲林口湖鄉 into 雲/林口/湖鄉,
so 口湖 would find nothing), so the records supply them: places' names and
aliases, brand names, aliases and products, and short taxonomy labels.

Material's search plugin skips our pages (they are `search: {exclude: true}`):
it would re-parse every page and run jieba over all of it on every build. The
entries are made here instead, from the bodies we render, exactly as Material
makes them, with jieba's cuts cached on disk (`Segmenter`). A reader should see
results in the language of the page they are on, so they are written as one
index per language, at that language's root (`search/search_index.json`,
`en/search/search_index.json`), with locations relative to that root; the
theme points each page's search at its own language root (theme/main.html).

Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from backrefs import bre  # Material's own dependency: the same Han script class as its plugin

from generator.core.json_cache import JsonCache, text_key
from generator.model.collection import Collection
from generator.model.records import Brand, Taxonomy

INDEX_PATH = "search/search_index.json"

# Material's indexer puts U+200B between the segments it cuts out of Han text,
# in pages of every language; a separator must split there, or a segmented run
# stays one long token that no query matches.
SEGMENT_MARK = "\\u200b"

# A taxonomy label longer than this is a phrase (企業投資故鄉): jieba already cuts
# it into words people search for, and keeping it whole would hide those words
# from prefix matching. Names are kept whole at any length.
MAX_LABEL_WORD = 4

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")

# Han text as Material's search plugin finds it (its `_segment_chinese`).
_HAN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)


# -- words for the segmenter -----------------------------------------------------------


def search_words(collection: Collection) -> list[str]:
    """Han words that must stay whole when pages are segmented, sorted."""
    names = [*_place_names(collection), *_brand_names(collection.brands.values())]
    words = {run for name in names for run in _HAN_RUN.findall(name)}
    words |= {
        run
        for label in _taxonomy_labels(collection.taxonomy)
        for run in _HAN_RUN.findall(label)
        if len(run) <= MAX_LABEL_WORD
    }
    return sorted(words)


def register_words(words: Iterable[str]) -> None:
    """Teach jieba (the segmenter Material's search plugin calls) our words.

    `jieba.add_word` is jieba's API for what a user dictionary file does; the
    words come from the records, so there is no hand-kept file to go stale.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for word in words:
        jieba.add_word(word)


def _place_names(collection: Collection) -> Iterable[str]:
    if collection.places is None:
        return
    for county in collection.places.counties:
        yield from county.name.values()
        yield from county.aliases
        for township in county.townships:
            yield from township.name.values()
            yield from township.aliases


def _brand_names(brands: Iterable[Brand]) -> Iterable[str]:
    for brand in brands:
        if brand.status != "published":
            continue
        yield from brand.name.values()
        yield from brand.aliases
        for product in brand.products:
            yield from product.values()


def _taxonomy_labels(taxonomy: Taxonomy | None) -> Iterable[str]:
    if taxonomy is None:
        return
    for term in (*taxonomy.arrows, *taxonomy.technologies, *taxonomy.industries):
        yield from term.label.values()


# -- one index per language ------------------------------------------------------------


@dataclass(frozen=True)
class SearchLanguage:
    """A language's index: where its pages live and how its text is tokenised."""

    code: str
    prefix: str  # its pages' URL prefix: '' for the default, 'en/' for English
    settings: dict  # lang, separator, pipeline (as Material writes them)


def split_index(index: dict, languages: list[SearchLanguage]) -> dict[str, str]:
    """Material's one index -> {site path: JSON text}, one index per language.

    Each entry goes to the language whose prefix its location starts with
    (the longest wins; the default language has the empty prefix), and its
    location becomes relative to that language's root.
    """
    by_prefix = sorted(languages, key=lambda lang: len(lang.prefix), reverse=True)
    docs: dict[str, list[dict]] = {lang.code: [] for lang in languages}
    for entry in index["docs"]:
        lang = next(lang for lang in by_prefix if entry["location"].startswith(lang.prefix))
        docs[lang.code].append({**entry, "location": entry["location"][len(lang.prefix) :]})
    return {
        lang.prefix + INDEX_PATH: _index_json(index["config"], lang.settings, docs[lang.code]) for lang in languages
    }


def entries_by_language(entries: list[dict], languages: list[SearchLanguage]) -> dict[str, list[dict]]:
    """Each entry under the language whose prefix its location starts with (the longest wins; the
    default language has the empty prefix), its location made relative to that language's root."""
    by_prefix = sorted(languages, key=lambda lang: len(lang.prefix), reverse=True)
    split: dict[str, list[dict]] = {lang.code: [] for lang in languages}
    for entry in entries:
        lang = next(lang for lang in by_prefix if entry["location"].startswith(lang.prefix))
        split[lang.code].append({**entry, "location": entry["location"][len(lang.prefix) :]})
    return split


def language_settings(lang: str, separator: str, pipeline: str) -> dict:
    """Material's search settings for one language, from its interface strings.

    Arguments are the theme's `search.config.*` strings; the result is what
    Material's plugin writes in an index's config.
    """
    if SEGMENT_MARK not in separator:
        separator = f"{SEGMENT_MARK}+|{separator}"
    return {
        "lang": [lang],
        "separator": separator,
        "pipeline": [step for step in re.split(r"\s*,\s*", pipeline) if step],
    }


def _index_json(config: dict, settings: dict, docs: list[dict]) -> str:
    # The same form as Material's own index: compact, keys in Material's order.
    return json.dumps({"config": {**config, **settings}, "docs": docs}, separators=(",", ":"), default=str)


# -- our own index entries -------------------------------------------------------------
#
# Material's search plugin would parse every page's HTML and run jieba over all of
# it on every build. Our pages carry `search: {exclude: true}` so it skips them, and
# the entries are made here from the bodies we rendered, the way Material makes
# them (with Material's own parser, given by the adapter), with jieba's cuts cached on disk.

SEGMENTS_VERSION = 2


@dataclass
class SegmentReport:
    cut: int = 0  # strings jieba segmented in this build
    reused: int = 0  # strings whose segmentation came from the cache
    pages_reused: int = 0  # pages whose entries came from the cache (nothing parsed or cut)
    problem: str | None = None  # why a cache file could not be read (it is rebuilt)


class Segmenter:
    """Material's `_segment_chinese`, with results cached on disk.

    The cache maps a hash of each string to its segmented form; it is valid for
    one word list (our words plus jieba's version), so new words discard it.
    """

    def __init__(self, words: Iterable[str], path: Path | None):
        self.words = list(words)
        self.dictionary = _dictionary_key(self.words)
        self._cache = JsonCache(path, f"segments {SEGMENTS_VERSION} {self.dictionary}")
        self._registered = False

    @property
    def report(self) -> SegmentReport:
        return SegmentReport(cut=self._cache.misses, reused=self._cache.hits, problem=self._cache.problem)

    def __call__(self, text: str) -> str:
        if not _HAN.search(text):
            return text.strip("\u200b")  # what Material returns for it, without jieba
        return self._cache.get_or_make(text_key(text), lambda: self._segment(text))

    def _segment(self, text: str) -> str:
        import jieba

        if not self._registered:
            register_words(self.words)
            self._registered = True

        def replace(match) -> str:
            return "".join(["\u200b", "\u200b".join(jieba.cut(match.group(0).encode("utf-8"))), "\u200b"])

        return _HAN.sub(replace, text).strip("\u200b")

    def save(self) -> bool:
        """Write the cache back if it changed; True when written."""
        return self._cache.save()


def _dictionary_key(words: list[str]) -> str:
    try:
        from importlib.metadata import version

        jieba_version = version("jieba")
    except Exception:  # noqa: BLE001 - any jieba is keyed the same then
        jieba_version = "?"
    text = "\n".join([jieba_version, *sorted(words)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_entries(url: str, title: str, body: str, segment, sections) -> list[dict]:
    """Index entries of one page, as Material's search plugin makes them.

    One for the page (its text before the first heading with an id) and one per
    heading with an id; `title` is the page's title as its front matter gives it
    (HTML-escaped text); `segment` cuts Han text (a Segmenter); `sections`
    splits a body into sections the way the engine's search does (the adapter
    passes Material's own parser: generator/engine/mkdocs/material.py).
    """
    return segment_entries(page_sections(url, title, body, sections), segment)


def page_sections(url: str, title: str, body: str, sections) -> list[dict]:
    """The entries of one page before Han text is segmented; the slow half, run in worker processes."""
    entries = []
    for section in sections(body):
        if section.is_excluded():
            continue
        location = url + "#" + section.id if section.id else url
        section_title = "".join(section.title).strip() if section.title else title.strip()
        entries.append({"location": location, "title": section_title, "text": "".join(section.text).strip()})
    return entries


def segment_entries(entries: list[dict], segment) -> list[dict]:
    return [{**entry, "title": segment(entry["title"]), "text": segment(entry["text"])} for entry in entries]


def language_indexes(config: dict, entries: list[dict], languages: list[SearchLanguage]) -> dict[str, str]:
    """Entries for the whole site -> {site path: JSON text}, one index per language."""
    return split_index({"config": config, "docs": entries}, languages)
