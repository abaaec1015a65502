"""Walkers over a typed record's fields: every localized text, and field paths as people read them."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.model.raw import FieldPath
from generator.model.records import LOCALIZED


def format_field_path(loc: FieldPath) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


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
