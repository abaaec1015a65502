"""A pydantic ValidationError on a raw record, as diagnostics at the line and column of each value."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.core.errors import Diagnostic
from generator.model.fields import format_field_path
from generator.model.messages import diag, field_name_hint
from generator.model.raw import FieldPath, RawRecord
from generator.model.records import (
    LANG_PATTERN,
    SLUG_PATTERN,
)

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
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (lines of 'key: value')",
    "model_type": "a mapping (lines of 'key: value')",
    "model_attributes_type": "a mapping (lines of 'key: value')",
}


_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}


# error types raised by a whole-model check -> the field whose value the check contradicts
_CHECKED_FIELD = {"inconsistent-figures": "funding_total", "missing-consent": "identifiable_people"}


def diagnostics_from_validation_error(exc: ValidationError, raw: RawRecord, model: type[BaseModel]) -> list[Diagnostic]:
    return [_diagnostic_from_error(err, raw, model) for err in exc.errors(include_url=False)]


def _diagnostic_from_error(err: dict, raw: RawRecord, model: type[BaseModel]) -> Diagnostic:
    loc = tuple(part for part in err["loc"] if part != "[key]")
    kind = err["type"]
    if kind in _CHECKED_FIELD and _CHECKED_FIELD[kind] in _value_at(raw.data, loc):
        loc += (_CHECKED_FIELD[kind],)
    code = "wrong-type" if kind in _TYPE_NAMES else _CODES.get(kind, kind.replace("_", "-"))
    hint = ""
    field = format_field_path(loc)
    if kind == "extra_forbidden":
        name = str(loc[-1])
        owner = _model_at(model, loc[:-1])
        close = difflib.get_close_matches(name, list(owner.model_fields) if owner else [], n=1, cutoff=0.6)
        hint = {"hint_key": "did-you-mean", "hint_args": {"choices": f"'{close[0]}'"}} if close else {}
        if not name.isascii():  # typed in Chinese: name the record's own key
            hint = field_name_hint(name)
        line, col = raw.position(loc, key=True)
        return diag(raw.source.display, line, col, code, field=field, name=name, owner=_describe(owner), **hint)
    elif kind == "missing":
        line, col = raw.position(loc[:-1], key=True)
        named = loc and isinstance(loc[-1], str)
        return diag(
            raw.source.display,
            line,
            col,
            code,
            field=field,
            **({"hint_key": "add-field", "hint_args": {"name": loc[-1]}} if named else {}),
        )
    elif (
        code == "bad-date"
        and isinstance(err.get("input"), str)
        and _LOOSE_DATE.match(err["input"].strip())
        and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", err["input"].strip())
    ):
        line, col = raw.position(loc)
        value = err["input"].strip()
        suggestion = _iso_date(value)
        hint = (
            {"hint_key": "date-as-iso", "hint_args": {"suggestion": suggestion}}
            if suggestion
            else {"hint_key": "date-format"}
        )
        return diag(raw.source.display, line, col, code, field=field, value=f"'{value}'", **hint)
    elif err.get("ctx", {}).get("pattern") == SLUG_PATTERN and kind == "string_pattern_mismatch":
        line, col = raw.position(loc)
        hint = {}
        if loc == ("id",):
            slug = _slug(raw.source.stem) or _slug(str(err.get("input")))
            if slug and slug == raw.source.stem:
                hint = {"hint_key": "set-id", "hint_args": {"id": slug}}
            elif slug:
                hint = {"hint_key": "rename-file-and-id", "hint_args": {"slug": slug}}
        return diag(raw.source.display, line, col, code, field=field, _key="not-an-id", value=err.get("input"), **hint)
    else:
        message = _friendly_message(err)
        hint = _quote_hint(err)
        line, col = raw.position(loc, key="[key]" in err["loc"])
    return Diagnostic(raw.source.display, line, col, code, message, field=field, hint=hint)


def _slug(text: str) -> str:
    """Lower-case letters a-z, digits and single hyphens from a file name: '' when none are left."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:80].strip("-")


# 2024/3/1, 2024.3.1, 2024-3-1, 2024年3月1日, and years of the Republic of China (113/3/1)
_LOOSE_DATE = re.compile(r"^(\d{2,4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?$")


def _iso_date(value: str) -> str:
    """The date written as YYYY-MM-DD, when it is a real one; "" otherwise (a hint never suggests an invalid value)."""
    import datetime as dt

    match = _LOOSE_DATE.match(value)
    if not match:
        return ""
    year, month, day = (int(part) for part in match.groups())
    if year < 1000:
        year += 1911  # 民國 year
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


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
    return (
        f'put it in quotes to make it text: "{value}"'
        if isinstance(value, int)
        else "put the value in quotes to make it text"
    )


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
