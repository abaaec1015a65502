"""The message catalogue (generator/data/messages.yml): diagnostics made from it, in every language it has."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from generator.core.errors import Catalogue, Diagnostic, Severity

CATALOGUE_FILE = Path(__file__).resolve().parent.parent / "data" / "messages.yml"
LANGUAGES = ("en", "zh-TW")


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    # Our own, trusted file in the package.
    return Catalogue(yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8")))


def field_name_hint(name: str) -> dict:
    """hint_key and hint_args for a field name typed in Chinese: the record's key when known."""
    field = catalogue().tables.get("field_names", {}).get(name.strip())
    if field:
        return {"hint_key": "use-field-name", "hint_args": {"field": field}}
    return {"hint_key": "field-names-in-english"}


def _pairs(values: dict) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((name, str(value)) for name, value in values.items()))


def diag(
    path: str,
    line: int,
    col: int,
    code: str,
    *,
    field: str = "",
    severity: Severity = "error",
    hint_key: str = "",
    hint_args: dict | None = None,
    hint: str = "",
    **args,
) -> Diagnostic:
    """A diagnostic whose message is the catalogue's `code` filled with `args` (the hint: `hint_key`)."""
    table = catalogue()
    key = args.pop("_key", code)
    message = table.text("messages", key, "en", args) or code
    if key != code:
        args["_key"] = key
    if hint_key:
        hint = table.text("hints", hint_key, "en", hint_args or {}) or hint
    return Diagnostic(
        path,
        line,
        col,
        code,
        message,
        field=field,
        hint=hint,
        severity=severity,
        args=_pairs(args),
        hint_key=hint_key,
        hint_args=_pairs(hint_args or {}),
    )


def hint_fields(hint_key: str, **hint_args) -> dict:
    """hint, hint_key and hint_args for dataclasses.replace on an existing diagnostic."""
    return {
        "hint": catalogue().text("hints", hint_key, "en", hint_args) or "",
        "hint_key": hint_key,
        "hint_args": _pairs(hint_args),
    }
