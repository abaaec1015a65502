"""Search: our pages' index entries, and one search index per language.

Material's search plugin skips our pages (they are `search: {exclude: true}`):
it would re-parse every page on every build. The entries are made here
instead, from the bodies we render, as Material makes them, but with Han
text as written: Material cuts it into words with jieba, which the sharded
index (search_shards.py, characters and their pairs) has no use for. A reader should see
results in the language of the page they are on, so they are written as one
index per language, at that language's root (`search/search_index.json`,
`en/search/search_index.json`), with locations relative to that root; the
theme points each page's search at its own language root (theme/main.html).

Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

INDEX_PATH = "search/search_index.json"

# Material's indexer puts U+200B between the segments it cuts out of Han text,
# in pages of every language; a separator must split there, or a segmented run
# stays one long token that no query matches.
SEGMENT_MARK = "\\u200b"


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
# Material's search plugin would parse every page's HTML on every build. Our pages
# carry `search: {exclude: true}` so it skips them, and the entries are made here
# from the bodies we rendered, the way Material makes them (with Material's own
# parser, given by the adapter). Han text is left as written: the sharded index
# (search_shards.py) indexes characters and their pairs, not a segmenter's words.


@dataclass
class SearchReport:
    pages_reused: int = 0  # pages whose entries came from the cache (nothing parsed)
    indexes_reused: int = 0  # languages whose index files came from the cache (nothing made)
    problem: str | None = None  # why a cache file could not be read (it is rebuilt)


def page_sections(url: str, title: str, body: str, sections) -> list[dict]:
    """Index entries of one page, as Material's search plugin makes them (run in worker processes).

    One for the page (its text before the first heading with an id) and one per
    heading with an id; `title` is the page's title as its front matter gives it
    (HTML-escaped text); `sections` splits a body into sections the way the
    engine's search does (the adapter passes Material's own parser:
    generator/engine/mkdocs/material.py).
    """
    entries = []
    for section in sections(body):
        if section.is_excluded():
            continue
        location = url + "#" + section.id if section.id else url
        section_title = "".join(section.title).strip() if section.title else title.strip()
        entries.append({"location": location, "title": section_title, "text": "".join(section.text).strip()})
    return entries


def language_indexes(config: dict, entries: list[dict], languages: list[SearchLanguage]) -> dict[str, str]:
    """Entries for the whole site -> {site path: JSON text}, one index per language."""
    return split_index({"config": config, "docs": entries}, languages)
