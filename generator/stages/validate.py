"""Stage 3: raw data -> typed records, then rules across records.

`validate_record` checks one file against its model and turns every pydantic
error into a Diagnostic at the right `line:col`. `check_collection` applies
the rules no single file can check: unique ids, references, languages.
"""
from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from pydantic import BaseModel, ValidationError

from ..config import SiteConfig

if TYPE_CHECKING:
    from ..rebuild_memo import RebuildMemo
from ..errors import Diagnostic
from ..models import (LANG_PATTERN, LOCALIZED, RECORD_MODELS, SLUG_PATTERN, Brand, Case, Citation, Exhibition,
                      Places, PolicyData, SourceList, Taxonomy)
from .load import FieldPath, RawRecord

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\S+")

# pydantic error type -> our stable diagnostic code
_CODES = {
    "extra_forbidden": "unknown-field",
    "missing": "missing-field",
    "date_from_datetime_parsing": "bad-date",
    "date_parsing": "bad-date",
    "date_type": "bad-date",
    "literal_error": "invalid-value",
    "string_pattern_mismatch": "invalid-value",
    "too_short": "too-short",
    "string_too_short": "too-short",
    "too_long": "too-long",
    "string_too_long": "too-long",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
}
_TYPE_NAMES = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (lines of 'key: value')", "model_type": "a mapping (lines of 'key: value')",
    "model_attributes_type": "a mapping (lines of 'key: value')",
}
_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}
# error types raised by a whole-model check -> the field whose value the check contradicts
_CHECKED_FIELD = {"inconsistent-figures": "funding_total", "missing-consent": "identifiable_people"}


@dataclass
class Collection:
    """Every valid record of a project, with the raw data behind each for positions."""

    cases: dict[str, Case] = field(default_factory=dict)
    brands: dict[str, Brand] = field(default_factory=dict)
    exhibitions: dict[str, Exhibition] = field(default_factory=dict)
    places: Places | None = None
    taxonomy: Taxonomy | None = None
    sources: SourceList | None = None
    policy: PolicyData | None = None
    raw: dict[tuple[str, str], RawRecord] = field(default_factory=dict)  # (kind, id) -> raw
    media: dict = field(default_factory=dict)  # (kind, id, index) -> stages.media.SourceImage
    explainers: dict = field(default_factory=dict)  # slug -> lang -> stages.explainers.Explainer
    # ids of records that exist but failed validation: references to them are
    # not reported again as unknown
    invalid_ids: set[tuple[str, str]] = field(default_factory=set)


# -- one record -------------------------------------------------------------------------

def validate_record(raw: RawRecord) -> tuple[BaseModel | None, list[Diagnostic]]:
    model = RECORD_MODELS[raw.source.kind]
    diagnostics = _schema_line_warning(raw)
    try:
        return model.model_validate(raw.data), diagnostics
    except ValidationError as exc:
        return None, diagnostics + diagnostics_from_validation_error(exc, raw, model)


def diagnostics_from_validation_error(exc: ValidationError, raw: RawRecord, model: type[BaseModel]) -> list[Diagnostic]:
    return [_diagnostic_from_error(err, raw, model) for err in exc.errors(include_url=False)]


def _diagnostic_from_error(err: dict, raw: RawRecord, model: type[BaseModel]) -> Diagnostic:
    loc = tuple(part for part in err["loc"] if part != "[key]")
    kind = err["type"]
    if kind in _CHECKED_FIELD and _CHECKED_FIELD[kind] in _value_at(raw.data, loc):
        loc += (_CHECKED_FIELD[kind],)
    code = "wrong-type" if kind in _TYPE_NAMES else _CODES.get(kind, kind.replace("_", "-"))
    hint = ""
    if kind == "extra_forbidden":
        name = str(loc[-1])
        owner = _model_at(model, loc[:-1])
        message = f"'{name}' is not a field of {_describe(owner)}"
        hint = _did_you_mean(name, list(owner.model_fields) if owner else [])
        line, col = raw.position(loc, key=True)
    elif kind == "missing":
        message = "field required"
        hint = f"add `{loc[-1]}:`" if loc and isinstance(loc[-1], str) else ""
        line, col = raw.position(loc[:-1], key=True)
    else:
        message = _friendly_message(err)
        hint = _quote_hint(err)
        line, col = raw.position(loc, key="[key]" in err["loc"])
    return Diagnostic(raw.source.display, line, col, code, message, field=format_field_path(loc), hint=hint)


def _friendly_message(err: dict) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, got {_describe_value(value)}"
    if kind in _DATE_ERRORS:
        if "range" in str(err.get("ctx", {}).get("error", "")):
            return f"'{value}' is not a real calendar date"
        return f"expected a date as YYYY-MM-DD, got {_describe_value(value)}"
    pattern = err.get("ctx", {}).get("pattern") if kind == "string_pattern_mismatch" else None
    if pattern == SLUG_PATTERN:
        return f"'{value}' is not a valid id: use lower-case letters a-z, digits and hyphens"
    if pattern == LANG_PATTERN:
        return f"'{value}' is not a language code such as 'en' or 'zh-TW'"
    return err["msg"]


def _quote_hint(err: dict) -> str:
    """Plain YAML reads 2019 or 1.5 as a number; a text field needs it quoted."""
    value = err.get("input")
    if err["type"] != "string_type" or isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    return f'put it in quotes to make it text: "{value}"' if isinstance(value, int) else \
        "put the value in quotes to make it text"


def _value_at(data: Any, loc: FieldPath) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return data if isinstance(data, dict) else {}


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text '{value[:40]}'"
    return f"'{value}'"


def format_field_path(loc: FieldPath) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _did_you_mean(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _describe(model: type[BaseModel] | None) -> str:
    if model is None:
        return "this record"
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def _model_at(model: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The model class that holds the value at `loc`, following list items and optionals."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        inner = _unwrap_model(current)
        if inner is None or part not in inner.model_fields:
            return None
        current = inner.model_fields[part].annotation
    return _unwrap_model(current)


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _unwrap_model(arg)
        if found is not None:
            return found
    return None


def _schema_line_warning(raw: RawRecord) -> list[Diagnostic]:
    if SCHEMA_LINE.match(raw.first_line):
        return []
    return [Diagnostic(raw.source.display, 1, 1, "missing-schema-line",
                       "the first line should name the JSON Schema, so editors can complete and check fields",
                       hint=f"add `# yaml-language-server: $schema=<path to schema/{raw.source.kind}.schema.json>`",
                       severity="warning")]


# -- localized text -------------------------------------------------------------------

def iter_localized(obj: BaseModel, path: FieldPath = ()) -> Iterator[tuple[FieldPath, dict[str, str]]]:
    """Every text-per-language value inside a record, with its field path."""
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        if value is not None:
            yield from _iter_typed(value, info.annotation, info.metadata, path + (name,))


def _iter_typed(value: Any, annotation: Any, metadata: list, path: FieldPath) -> Iterator:
    if LOCALIZED in metadata:
        yield path, value
        return
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        yield from _iter_typed(value, args[0], list(args[1:]), path)
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                yield from _iter_typed(value, arg, [], path)
                return
    elif origin is list:
        for index, item in enumerate(value):
            yield from _iter_typed(item, args[0], [], path + (index,))
    elif isinstance(value, BaseModel):
        yield from iter_localized(value, path)


# -- across records ----------------------------------------------------------------------

def check_collection(collection: Collection, config: SiteConfig, memo: RebuildMemo | None = None) -> list[Diagnostic]:
    """Checks across records. `memo` (under `mkdocs serve`) gives back last build's
    problems of each unchanged record in its languages and citations."""
    checker = _CollectionChecker(collection, config, memo)
    checker.run()
    return checker.diagnostics


class _CollectionChecker:
    def __init__(self, collection: Collection, config: SiteConfig, memo: RebuildMemo | None = None):
        self.c = collection
        self.config = config
        self.memo = memo
        self.diagnostics: list[Diagnostic] = []
        self.place_ids = self._place_ids()
        self.source_ids = {s.id for s in collection.sources.sources} if collection.sources else set()

    def run(self) -> None:
        for (kind, record_id), raw in sorted(self.c.raw.items()):
            record = self._record(kind, record_id)
            if record is None:
                continue
            if self.memo is None:
                self.diagnostics += self._check_record(record, raw)
            else:
                inputs = (record, raw, tuple(self.config.language_codes), self.c.sources)
                self.diagnostics += self.memo.check(("record checks", kind, record_id), inputs,
                                                    lambda: self._check_record(record, raw))
        for case in self.c.cases.values():
            self._check_case(case)
        for brand in self.c.brands.values():
            self._check_place(brand.place, self._raw("brand", brand.id), ("place",))
        for exhibition in self.c.exhibitions.values():
            self._check_exhibition(exhibition)
        self._check_unique_term_ids()

    def _check_record(self, record: BaseModel, raw: RawRecord) -> list[Diagnostic]:
        """Checks of one record alone, against the site's languages and sources; returns what they found."""
        found = len(self.diagnostics)
        self._check_languages(record, raw)
        self._check_citations(record, raw)
        problems = self.diagnostics[found:]
        del self.diagnostics[found:]
        return problems

    # record lookup
    def _record(self, kind: str, record_id: str) -> BaseModel | None:
        table = {"case": self.c.cases, "brand": self.c.brands, "exhibition": self.c.exhibitions}
        if kind in table:
            return table[kind].get(record_id)
        return getattr(self.c, {"sources": "sources"}.get(kind, kind), None)

    def _raw(self, kind: str, record_id: str) -> RawRecord:
        return self.c.raw[(kind, record_id)]

    def _error(self, raw: RawRecord, path: FieldPath, code: str, message: str, hint: str = "",
               *, key: bool = False) -> None:
        line, col = raw.position(path, key=key)
        self.diagnostics.append(Diagnostic(raw.source.display, line, col, code, message,
                                           field=format_field_path(path), hint=hint))

    # languages
    def _check_languages(self, record: BaseModel, raw: RawRecord) -> None:
        languages = self.config.language_codes
        published = getattr(record, "status", "published") == "published"
        present: set[str] = set()
        for path, text in iter_localized(record):
            present.update(text)
            for lang in text:
                if lang not in languages:
                    self._error(raw, path + (lang,), "unknown-language",
                                f"'{lang}' is not a language of this site ({', '.join(languages)})",
                                _did_you_mean(lang, languages), key=True)
            if published:
                for lang in languages:
                    if lang not in text:
                        self._error(raw, path, "missing-translation", f"no text in '{lang}'",
                                    f"add `{lang}:` here, or set `status: draft` until it is translated")
        self._check_translation_status(record, raw, present, published)

    def _check_translation_status(self, record: BaseModel, raw: RawRecord, present: set[str], published: bool) -> None:
        statuses = getattr(record, "translations", None)
        if statuses is None:
            return
        languages = self.config.language_codes
        for lang in statuses:
            if lang not in languages:
                self._error(raw, ("translations", lang), "unknown-language",
                            f"'{lang}' is not a language of this site ({', '.join(languages)})",
                            _did_you_mean(lang, languages), key=True)
        needed = set(languages[1:]) if published else present & set(languages[1:])
        for lang in sorted(needed - set(statuses)):
            self._error(raw, ("translations",), "missing-translation-status",
                        f"no review status for '{lang}'",
                        f"add `{lang}: {{reviewed: false}}` under translations (true once a person checked it)",
                        key=True)

    # citations
    def _check_citations(self, record: BaseModel, raw: RawRecord) -> None:
        for path, citation in _iter_citations(record):
            if self.c.sources is not None and citation.source not in self.source_ids:
                self._error(raw, path + ("source",), "unknown-source",
                            f"no source '{citation.source}' in content/sources.yml",
                            _did_you_mean(citation.source, sorted(self.source_ids)))

    # references
    def _check_case(self, case: Case) -> None:
        raw = self._raw("case", case.id)
        self._check_place(case.place, raw, ("place",))
        taxonomy = self.c.taxonomy
        for field_name, terms in (("arrows", taxonomy.arrows if taxonomy else []),
                                  ("technologies", taxonomy.technologies if taxonomy else []),
                                  ("industries", taxonomy.industries if taxonomy else [])):
            known = [t.id for t in terms]
            if taxonomy is None:
                break
            for index, key in enumerate(getattr(case, field_name)):
                if key not in known:
                    self._error(raw, (field_name, index), "unknown-term",
                                f"'{key}' is not one of the {field_name} in content/taxonomy.yml",
                                _did_you_mean(key, known) or f"use one of: {', '.join(known)}")
        if case.brand is not None:
            self._check_reference(raw, ("brand",), case.brand, self.c.brands, "brand", case.status)
        for index, other in enumerate(case.related):
            if other == case.id:
                self._error(raw, ("related", index), "self-reference", "a case cannot be related to itself")
            else:
                self._check_reference(raw, ("related", index), other, self.c.cases, "case", case.status)

    def _check_exhibition(self, exhibition: Exhibition) -> None:
        raw = self._raw("exhibition", exhibition.id)
        for index, case_id in enumerate(exhibition.cases):
            self._check_reference(raw, ("cases", index), case_id, self.c.cases, "case", exhibition.status)
        for index, lang in enumerate(exhibition.languages):
            if lang not in self.config.language_codes:
                self._error(raw, ("languages", index), "unknown-language",
                            f"'{lang}' is not a language of this site",
                            _did_you_mean(lang, self.config.language_codes))

    def _check_reference(self, raw: RawRecord, path: FieldPath, target: str, table: dict, kind: str,
                         status: str) -> None:
        if (kind, target) in self.c.invalid_ids:
            return
        if target not in table:
            self._error(raw, path, f"unknown-{kind}", f"no {kind} '{target}' in content/{kind}s/",
                        _did_you_mean(target, sorted(table)))
        elif status == "published" and table[target].status != "published":
            self._error(raw, path, "draft-reference", f"{kind} '{target}' is a draft, so it has no page to link to",
                        f"publish {kind} '{target}' first, or remove the reference")

    def _check_place(self, place: str, raw: RawRecord, path: FieldPath) -> None:
        if self.c.places is None or place in self.place_ids:
            return
        self._error(raw, path, "unknown-place", f"no place '{place}' in content/places.yml",
                    self._suggest_place(place))

    def _suggest_place(self, value: str) -> str:
        for place_id, names in self.place_ids.items():
            if value.lower() in names:
                return f"did you mean '{place_id}'?"
        return _did_you_mean(value, sorted(self.place_ids))

    def _place_ids(self) -> dict[str, set[str]]:
        """Place id -> its names and aliases, lower-cased, for suggestions."""
        ids: dict[str, set[str]] = {}
        if self.c.places is None:
            return ids
        for county in self.c.places.counties:
            ids[county.id] = _names(county)
            for township in county.townships:
                ids[township.id] = _names(township)
        return ids

    def _check_unique_term_ids(self) -> None:
        """Ids inside the single-file records (places, taxonomy, sources) must be unique."""
        lists: list[tuple[str, FieldPath, list]] = []
        if self.c.places:
            lists.append(("places", ("counties",), self.c.places.counties))
            for i, county in enumerate(self.c.places.counties):
                lists.append(("places", ("counties", i, "townships"), county.townships))
        if self.c.taxonomy:
            for name in ("arrows", "technologies", "industries"):
                lists.append(("taxonomy", (name,), getattr(self.c.taxonomy, name)))
        if self.c.sources:
            lists.append(("sources", ("sources",), self.c.sources.sources))
        seen: dict[str, dict[str, FieldPath]] = {}
        for kind, path, items in lists:
            raw = self.c.raw[(kind, kind)]
            namespace = seen.setdefault(kind, {})
            for index, item in enumerate(items):
                item_path = path + (index, "id")
                if item.id in namespace:
                    first = raw.position(namespace[item.id])[0]
                    self._error(raw, item_path, "duplicate-id", f"id '{item.id}' is used twice",
                                f"it is first used on line {first}; ids must be unique")
                else:
                    namespace[item.id] = item_path


def _names(place: Any) -> set[str]:
    return {place.id, *(n.lower() for n in place.name.values()), *(a.lower() for a in place.aliases)}


def _iter_citations(obj: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Citation]]:
    if isinstance(obj, Citation):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _iter_citations(getattr(obj, name), path + (name,))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            yield from _iter_citations(item, path + (index,))
