"""What a record refers to (a place, arrows, technologies, industries, sources), checked on its raw data.

Raw data, not the typed record: a case with a schema error (a missing field,
a wrong date) still gets its references checked in the same round, and a
value that is not even an id (`place: 萬巒鄉`) gets the id it names.
Suggestions come from one helper (core/suggest.nearest) over ids, names and
aliases in every language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.check.place_names import PlaceNames
from generator.core.errors import Diagnostic
from generator.core.suggest import Named, choices_text, nearest
from generator.model.collection import Collection
from generator.model.fields import format_field_path
from generator.model.messages import diag
from generator.model.raw import FieldPath, RawRecord
from generator.model.records import LANG_PATTERN

TERM_LISTS = {"arrows": "五支箭", "technologies": "科技", "industries": "產業"}
LIST_ALL_UP_TO = 12  # a hint lists every valid id when there are at most this many


def reference_entries(collection: Collection) -> dict[str, list[Named]]:
    """For each kind of reference, the valid ids with their names and aliases."""
    entries: dict = {
        "place": [],
        "source": [],
        **{name: [] for name in TERM_LISTS},
        "place_names": PlaceNames.of(collection.places),
    }
    if collection.places is not None:
        for county in collection.places.counties:
            entries["place"].append(_named(county.id, county.name, county.aliases))
            for township in county.townships:
                entries["place"].append(_named(township.id, township.name, township.aliases))
    if collection.taxonomy is not None:
        for name in TERM_LISTS:
            entries[name] = [_named(term.id, term.label) for term in getattr(collection.taxonomy, name)]
    if collection.sources is not None:
        entries["source"] = [
            _named(source.id, source.title, (*source.publisher.values(),)) for source in collection.sources.sources
        ]
    return entries


def _named(record_id: str, names: dict[str, str], aliases=()) -> Named:
    label = " / ".join(_short(name) for name in dict.fromkeys(names.values()))
    return Named(record_id, (*names.values(), *aliases), label)


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def check_references(raw: RawRecord, entries: dict[str, list[Named]]) -> list[Diagnostic]:
    """A case's place and terms, and every record's citations, from its raw data."""
    data = raw.data if isinstance(raw.data, dict) else {}
    problems = []
    if raw.source.kind in ("case", "brand") and isinstance(data.get("place"), str) and entries["place"]:
        problems += _check_place(raw, data["place"], entries)
    if raw.source.kind == "case":
        for name in TERM_LISTS:
            values = data.get(name)
            if isinstance(values, list) and entries[name]:
                for index, value in enumerate(values):
                    if isinstance(value, str):
                        problems += _check_one(
                            raw,
                            (name, index),
                            value,
                            entries[name],
                            "unknown-term",
                            list=name,
                            list_zh=TERM_LISTS[name],
                        )
    if entries["source"]:
        for path, value in _citations(data, ()):
            problems += _check_one(raw, path, value, entries["source"], "unknown-source")
    return problems


def _check_place(raw: RawRecord, value: str, entries: dict) -> list[Diagnostic]:
    """Places are matched by check/place_names (county and township together, short forms, 台/臺)."""
    if any(entry.id == value for entry in entries["place"]):
        return []
    names: PlaceNames = entries["place_names"]
    ids = names.matches(value)
    # nothing close: no hint (368 places are too many to list)
    hint = (
        {"hint_key": "did-you-mean", "hint_args": {"choices": names.hint(value)[len("did you mean ") : -1]}}
        if ids
        else {}
    )
    line, col = raw.position(("place",))
    return [diag(raw.source.display, line, col, "unknown-place", field="place", value=value, **hint)]


def _check_one(raw: RawRecord, path: FieldPath, value: str, valid: list[Named], code: str, **args) -> list[Diagnostic]:
    if any(entry.id == value for entry in valid):
        return []
    line, col = raw.position(path)
    return [
        diag(
            raw.source.display,
            line,
            col,
            code,
            field=format_field_path(path),
            value=value,
            **suggestion(value, valid),
            **args,
        )
    ]


def suggestion(value: str, valid: list[Named]) -> dict:
    """hint_key and hint_args for a reference that is not valid: the nearest ids, or all of them when few."""
    close = nearest(value, valid)
    if close:
        return {"hint_key": "did-you-mean", "hint_args": {"choices": choices_text(close, " / ")}}
    if len(valid) <= LIST_ALL_UP_TO:
        return {"hint_key": "use-one-of", "hint_args": {"choices": choices_text(valid)}}
    return {}  # too many to list


def _citations(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every citation's `source:` id in raw data: items of a `sources:` list, and a photo's `source:`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and isinstance(item, list):
                for index, citation in enumerate(item):
                    if isinstance(citation, dict) and isinstance(citation.get("source"), str):
                        yield path + (key, index, "source"), citation["source"]
                    else:
                        yield from _citations(citation, path + (key, index))
            elif key == "source" and isinstance(item, dict) and isinstance(item.get("source"), str):
                yield path + (key, "source"), item["source"]
            elif key != "sources":
                yield from _citations(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _citations(item, path + (index,))


def missing_translations(raw: RawRecord, languages: list[str]) -> list[Diagnostic]:
    """Texts of a published record that failed its schema, missing a site language (what
    the typed check reports for valid records), found as mappings keyed by language codes."""
    data = raw.data if isinstance(raw.data, dict) else {}
    if data.get("status") != "published":
        return []
    problems = []
    for path, text in _localized(data, ()):
        for lang in languages:
            if lang not in text:
                line, col = raw.position(path)
                problems.append(
                    diag(
                        raw.source.display,
                        line,
                        col,
                        "missing-translation",
                        field=format_field_path(path),
                        lang=lang,
                        hint_key="add-translation",
                        hint_args={"lang": lang},
                    )
                )
    return problems


def _localized(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, dict]]:
    if isinstance(value, dict):
        keys = [key for key in value if isinstance(key, str)]
        if (
            keys
            and path[-1:] != ("translations",)
            and all(re.match(LANG_PATTERN, key) for key in keys)
            and all(isinstance(item, str) for item in value.values())
        ):
            yield path, value
            return
        for key, item in value.items():
            yield from _localized(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _localized(item, path + (index,))
