"""Stage 3: raw data -> typed records, then rules across records.

`validate_record` checks one file against its model and turns every pydantic
error into a Diagnostic at the right `line:col`. `check_collection` applies
the rules no single file can check: unique ids, references, languages.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, ValidationError

from generator.core.errors import Diagnostic
from generator.model.raw import RawRecord
from generator.model.records import (
    RECORD_MODELS,
)
from generator.model.validation_errors import diagnostics_from_validation_error

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\S+")





# -- one record -------------------------------------------------------------------------

def validate_record(raw: RawRecord) -> tuple[BaseModel | None, list[Diagnostic]]:
    model = RECORD_MODELS[raw.source.kind]
    diagnostics = _schema_line_warning(raw)
    try:
        return model.model_validate(raw.data), diagnostics
    except ValidationError as exc:
        return None, diagnostics + diagnostics_from_validation_error(exc, raw, model)
























def _schema_line_warning(raw: RawRecord) -> list[Diagnostic]:
    if SCHEMA_LINE.match(raw.first_line):
        return []
    return [Diagnostic(raw.source.display, 1, 1, "missing-schema-line",
                       "the first line should name the JSON Schema, so editors can complete and check fields",
                       hint=f"add `# yaml-language-server: $schema=<path to schema/{raw.source.kind}.schema.json>`",
                       severity="warning")]


# -- localized text -------------------------------------------------------------------





# -- across records ----------------------------------------------------------------------







