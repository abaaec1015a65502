"""The search index in shards: a reader downloads only what their query needs.

Material's own search downloads one JSON index per language and builds a
lunr index from all of it before the first result (about 6 KB per case, so
6.5 MB at 1,000 cases). Here each language's index is cut in files under
`<language root>search/index/`, read by theme/assets/javascripts/search-worker.js,
which stands in for Material's search worker behind Material's own search box:

- `docs.json`: one row per page: address, title, kind and place (a number
  in its list of places);
- `t<n>.json`: the postings of the terms whose key hashes to shard n;
- `p<doc>.json`: a page's sections (anchor, title, text), fetched for the
  first results only, to show where the query is found.

The language's search_index.json carries what the worker needs before it
fetches anything: the number of shards, the variant folds
(generator/publish/variants.py) and the names of the kinds of page.

Terms, as the worker makes them from a query: text folded (variants.fold), Han
(and kana, hangul) characters and each pair of neighbouring ones, so a query
of two or more characters is a phrase (可可 finds pages with 可可 in them, never
可行性), and words of letters or digits. A Han term's key is the term; a
word's key is its first two letters, so every word a typed prefix may
complete is in one shard. Postings are [doc, weight, doc, weight, ...] with
each doc as the difference from the one before; the weight counts where the
term is: the page title (10), its names (what a reader may type to mean the
page: a brand's aliases and products, a place's short names: 8), a section
title (3), the body (1 per time, up to 5), times two, plus one when the title
or a name has the term. The title and each name are also a term whole
(`=臺南`), so the worker knows the pages a query names.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import add

from backrefs import bre

from generator.core.json_text import inert_json
from generator.publish.variants import VARIANTS, fold

FORMAT = 1
INDEX_DIR = "search/index"  # under each language's root
SHARD_BYTES = 24_000  # what one shard should hold, about; the number of shards follows
MAX_SHARDS = 4096
TITLE, NAME, SECTION, BODY_MAX = 10, 8, 3, 5

NAMED = "="  # a whole name as a term: "=臺南市" (no text gives a term starting with it)
KINDS = ("case", "brand", "county", "policy", "topic", "page")

# The same classes as the worker's (theme/assets/javascripts/search-worker.js).
_WORD = bre.compile(r"[\p{L}\p{N}]+", bre.UNICODE)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
_BLOCK_TAG = bre.compile(
    r"</?(?:p|li|ul|ol|dl|dt|dd|div|br|hr|h[1-6]|table|tr|td|th|pre|blockquote)\b[^>]*>", bre.IGNORECASE
)
_INLINE_TAG = bre.compile(r"<[^>]*>")
_CJK_RUN = bre.compile(f"[{_CJK}]+|[^{_CJK}]+", bre.UNICODE)


@dataclass
class SearchDoc:
    """One page in the index."""

    location: str  # relative to the language's root
    title: str
    kind: str  # one of KINDS
    place: str = ""  # where the case or brand is, as the page names it
    names: list[str] = field(default_factory=list)
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # (anchor, title, text)


def _cjk_char(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def terms(text: str) -> Iterator[str]:
    """The terms of a text, in order, repeated as often as they occur (the text is folded here)."""
    for word in _WORD.findall(fold(text)):
        for run in _CJK_RUN.findall(word):
            if _cjk_char(run[0]):
                yield from run
                yield from map(add, run, run[1:])
            else:
                yield run


def term_key(term: str) -> str:
    return term if term[0] == NAMED or _cjk_char(term[0]) else term[:2]


def shard_of(term: str, shards: int) -> int:
    """FNV-1a over the code points of the term's key, as the worker computes it."""
    h = 0x811C9DC5
    for char in term_key(term):
        h ^= ord(char)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


@lru_cache(maxsize=65_536)  # under serve, the same texts come back build after build
def clean(text: str) -> str:
    """Text as the index keeps it: plain text (entries hold escaped HTML with a few tags), without the
    segmenter's U+200B marks, spaces collapsed."""
    text = _INLINE_TAG.sub("", _BLOCK_TAG.sub(" ", text))
    return " ".join(html.unescape(text).replace("\u200b", "").split())


def _weights(doc: SearchDoc) -> dict[str, int]:
    return _weights_of(doc.title, tuple(doc.names), tuple(doc.sections))


# Under `mkdocs serve` one process builds again after each edit: a page whose searched text did
# not change keeps its weights (reading every page's terms again was 3 s of an edit at 1,000 cases).
@lru_cache(maxsize=16_384)
def _weights_of(title: str, names: tuple[str, ...], sections: tuple[tuple[str, str, str], ...]) -> dict[str, int]:
    """Each term's weight in the page, times two, plus one when the title or a name has it; and
    for the title and each name, the whole name as a term (NAMED + the name, folded, without spaces)."""
    weights: Counter[str] = Counter()
    named: set[str] = set()
    for term in set(terms(title)):
        weights[term] += TITLE
        named.add(term)
    for term in set(t for name in names for t in terms(name)):
        weights[term] += NAME
        named.add(term)
    body: Counter[str] = Counter()
    for _, heading, text in sections:
        for term in set(terms(heading)):
            weights[term] += SECTION
        body.update(terms(text))
    for term, count in body.items():
        weights[term] += min(count, BODY_MAX)
    coded = {term: weight * 2 + (term in named) for term, weight in weights.items()}
    for name in (title, *names):
        whole = NAMED + "".join(fold(name).split())
        if len(whole) > 1:
            coded[whole] = 1
    return coded


def shard_files(docs: list[SearchDoc], kind_labels: dict[str, str]) -> tuple[dict[str, str], dict]:
    """One language's pages -> ({file name under INDEX_DIR: JSON text}, settings).

    The settings go in the language's search_index.json (config.casebook),
    which the worker has before the first query: the number of shards, the
    variant folds and the names of the kinds of page, in the language.
    """
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, doc in enumerate(docs):
        for term, weight in _weights(doc).items():
            postings.setdefault(term, []).append((number, weight))
    # ~ bytes a posting takes in JSON (difference, weight, commas) plus each term's key
    estimate = sum(len(term.encode()) + 6 + 6 * len(items) for term, items in postings.items())
    shards = 1
    while shards < MAX_SHARDS and estimate / shards > SHARD_BYTES:
        shards *= 2
    tables: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term in sorted(postings):
        flat, last = [], 0
        for number, weight in postings[term]:
            flat += [number - last, weight]
            last = number
        tables[shard_of(term, shards)][term] = flat
    files = {f"t{n}.json": _json(table) for n, table in enumerate(tables)}
    places = {place: number for number, place in enumerate(sorted({doc.place for doc in docs}))}
    files["docs.json"] = _json(
        {
            "places": list(places),
            "docs": [[doc.location, doc.title, KINDS.index(doc.kind), places[doc.place]] for doc in docs],
        }
    )
    for number, doc in enumerate(docs):
        files[f"p{number}.json"] = _json([list(section) for section in doc.sections])
    settings = {
        "format": FORMAT,
        "shards": shards,
        "variants": dict(sorted(VARIANTS.items())),
        "kinds": [kind_labels.get(kind, kind) for kind in KINDS],
    }
    return files, settings


def inline_index(files: dict[str, str]) -> dict:
    """The whole index as one object (what the kiosk puts in its page script): {name without .json: data}."""
    return {name.removesuffix(".json"): json.loads(text) for name, text in sorted(files.items())}


def _json(value) -> str:
    return inert_json(value, compact=True)


def group_entries(entries: Iterable[dict]) -> dict[str, list[tuple[str, str, str]]]:
    """Material-style entries (one per section, `page/#anchor`) -> {page location: sections}, in order."""
    pages: dict[str, list[tuple[str, str, str]]] = {}
    for entry in entries:
        location, _, anchor = entry["location"].partition("#")
        pages.setdefault(location, []).append((anchor, clean(entry["title"]), clean(entry["text"])))
    return pages
