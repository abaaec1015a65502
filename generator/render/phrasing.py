"""The site's phrase boundaries: BudouX's Traditional Chinese model and the records' own words.

generator/core/phrases.py does the work; this gives it BudouX (PyPI
`budoux`) and the words no line may split: place names and their aliases,
brand names, aliases and products, taxonomy labels. The same object serves
the page templates (`phrases` filter: `<wbr>` between phrases), the print
templates (`print_phrases`: a span per phrase) and the designed visuals and
social cards (`mark`, U+200B between phrases, which graphics/drawing.py
lays out).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from generator.core.phrases import Phrases
from generator.model.collection import Collection

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


@lru_cache(maxsize=1)
def budoux_parse():
    import budoux

    return budoux.load_default_traditional_chinese_parser().parse


_LAST: list = [None, None]  # the last collection asked about, and its Phrases (one per build)


def site_phrases(collection: Collection) -> Phrases:
    """Phrase boundaries for this collection's text (made once per collection)."""
    if _LAST[0] is not collection:
        _LAST[:] = [collection, Phrases(budoux_parse(), own_words(collection))]
    return _LAST[1]


def own_words(collection: Collection) -> list[str]:
    """Han words of the records that a line never splits, sorted."""
    names: list[str] = []
    if collection.places is not None:
        for county in collection.places.counties:
            names += [*county.name.values(), *county.aliases]
            for township in county.townships:
                names += [*township.name.values(), *township.aliases]
    for brand in collection.brands.values():
        names += [*brand.name.values(), *brand.aliases]
        for product in brand.products:
            names += list(product.values())
    if collection.taxonomy is not None:
        taxonomy = collection.taxonomy
        for term in (*taxonomy.arrows, *taxonomy.technologies, *taxonomy.industries):
            names += list(term.label.values())
    return sorted({run for name in names for run in _HAN_RUN.findall(name)})


def html_filter(phrases: Phrases):
    """The `phrases` template filter: escaped text with <wbr> between its phrases."""

    def phrases_filter(text) -> Markup:
        return Markup(phrases.html(str(text)))

    return phrases_filter


def print_filter(phrases: Phrases):
    """The `print_phrases` filter of the print templates: each phrase in a span that never wraps."""

    def print_phrases(text) -> Markup:
        return Markup(phrases.print_html(str(text)))

    return print_phrases


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def han_test(text) -> bool:
    """The `han` template test: does the text hold a Han character? (《》 or italics for a title)"""
    return bool(_HAN.search(str(text)))


def add_to_environment(env, phrases: Phrases | None = None) -> None:
    """The `phrases` filter and the `han` test in a template environment (again each build: the words
    come from the records)."""
    env.filters["phrases"] = html_filter(phrases or Phrases(budoux_parse()))
    env.tests["han"] = han_test
