"""Export: the JSON Schema of every record kind, generated from generator.model.records.

Editors use these files (through the `# yaml-language-server: $schema=` line
at the top of every record) to complete and check fields as people type.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic.json_schema import GenerateJsonSchema

from generator.model.records import RECORD_MODELS

SCHEMA_DIR = "schema"


class _SchemaGenerator(GenerateJsonSchema):
    def generate(self, schema, mode="validation"):
        result = super().generate(schema, mode=mode)
        result["$schema"] = self.schema_dialect
        return result


def schema_filename(kind: str) -> str:
    return f"{kind}.schema.json"


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, for every record kind; deterministic."""
    return dict(_schemas())


@cache  # made from the code alone: once a process (serve builds ask every time)
def _schemas() -> dict[str, str]:
    files = {}
    for kind, model in RECORD_MODELS.items():
        schema = model.model_json_schema(schema_generator=_SchemaGenerator)
        schema["$id"] = schema_filename(kind)
        files[schema_filename(kind)] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return files


def write_schemas(target: Path) -> list[Path]:
    """Write the schemas; returns the files whose content changed."""
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_schemas().items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale_schemas(target: Path) -> list[str]:
    """Names of schema files that differ from what the models generate."""
    stale = []
    for name, text in render_schemas().items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
