"""Search: words for the Chinese segmenter, and one search index per language.

Material's search plugin segments Han text with jieba at build time. jieba
does not know our place and product names (it cuts 雲林口湖鄉 into 雲/林口/湖鄉,
so 口湖 would find nothing), so the records supply them: places' names and
aliases, brand names, aliases and products, and short taxonomy labels.

Material writes one index for every page. A reader should see results in the
language of the page they are on, so after the build the index is split into
one per language, at that language's root (`search/search_index.json`,
`en/search/search_index.json`), with locations relative to that root; the
theme points each page's search at its own language root (theme/main.html).

Nothing here imports MkDocs.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Iterable

from .models import Brand, Taxonomy
from .stages.validate import Collection

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


# -- words for the segmenter -----------------------------------------------------------

def search_words(collection: Collection) -> list[str]:
    """Han words that must stay whole when pages are segmented, sorted."""
    names = [*_place_names(collection), *_brand_names(collection.brands.values())]
    words = {run for name in names for run in _HAN_RUN.findall(name)}
    words |= {run for label in _taxonomy_labels(collection.taxonomy)
              for run in _HAN_RUN.findall(label) if len(run) <= MAX_LABEL_WORD}
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
    prefix: str            # its pages' URL prefix: '' for the default, 'en/' for English
    settings: dict         # lang, separator, pipeline (as Material writes them)


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
        docs[lang.code].append({**entry, "location": entry["location"][len(lang.prefix):]})
    return {lang.prefix + INDEX_PATH: _index_json(index["config"], lang.settings, docs[lang.code])
            for lang in languages}


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
