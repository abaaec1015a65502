"""Stage 3: raw data -> typed records, then rules across records.

`validate_record` checks one file against its model and turns every pydantic
error into a Diagnostic at the right `line:col`. `check_collection` applies
the rules no single file can check: unique ids, references, languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.core.errors import Diagnostic
from generator.model.fields import format_field_path
from generator.model.messages import diag
from generator.model.raw import FieldPath, RawRecord
from generator.model.records import (
    RECORD_MODELS,
)
from generator.model.validation_errors import diagnostics_from_validation_error

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\S+")


# -- one record -------------------------------------------------------------------------


def validate_record(raw: RawRecord) -> tuple[BaseModel | None, list[Diagnostic]]:
    model = RECORD_MODELS[raw.source.kind]
    diagnostics = _schema_line_warning(raw)
    control = list(_control_characters(raw, raw.data, ()))
    if control:
        # Never let them reach a page or the feed (XML 1.0 cannot hold most of them).
        try:
            model.model_validate(raw.data)
        except ValidationError as exc:
            control += diagnostics_from_validation_error(exc, raw, model)
        return None, diagnostics + control
    try:
        return model.model_validate(raw.data), diagnostics
    except ValidationError as exc:
        return None, diagnostics + diagnostics_from_validation_error(exc, raw, model)


# C0 controls but tab and newline, DEL, C1 controls, and the line and paragraph separators
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _control_characters(raw: RawRecord, value: Any, path: FieldPath) -> Iterator[Diagnostic]:
    """Every control character in any text of the record (keys too), with where it is."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield from _control_in_text(raw, key, path + (key,), key=True)
            yield from _control_characters(raw, item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _control_characters(raw, item, path + (index,))
    elif isinstance(value, str):
        yield from _control_in_text(raw, value, path, key=False)


def _control_in_text(raw: RawRecord, text: str, path: FieldPath, *, key: bool) -> Iterator[Diagnostic]:
    match = CONTROL.search(text)
    if match:
        line, col = raw.position(path, key=key)
        yield diag(
            raw.source.display,
            line,
            col,
            "control-character",
            field=format_field_path(path),
            char=f"{ord(match.group()):04X}",
            index=match.start() + 1,
            hint_key="fix-control-character",
        )


def _schema_line_warning(raw: RawRecord) -> list[Diagnostic]:
    if SCHEMA_LINE.match(raw.first_line):
        return []
    return [
        diag(
            raw.source.display,
            1,
            1,
            "missing-schema-line",
            severity="warning",
            hint_key="add-schema-line",
            hint_args={"kind": raw.source.kind},
        )
    ]


# -- localized text -------------------------------------------------------------------


# -- across records ----------------------------------------------------------------------
