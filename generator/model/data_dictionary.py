"""The fields of a case record, read from the content model itself.

The data dictionary page lists what this module finds in generator/model/records.py,
so a field added to the model appears on the page without anyone keeping a
list. Each field gets a kind (what sort of value it holds), whether it is
required, and the model's own (English) description.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model.records import (
    LOCALIZED,
    MAX_LONG_TEXT,
    SLUG_PATTERN,
    Case,
    LocalizedMarkdown,
    LocalizedText,
    PartialDate,
    Url,
)

# The licence of the open data and the texts it is made from.
LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "scope": "The texts of this site. Media keep their own licence, named beside them.",
}


LIST_SEPARATOR = "; "  # between the items of a list in one CSV cell


# The validators that mark a partial date or a link (their dataclasses compare by function).
_PARTIAL_DATE = typing.get_args(PartialDate)[-1]
_URL = typing.get_args(Url)[-1]
# Descriptions that belong to a type, not a field: they say nothing about the field.
_TYPE_DESCRIPTIONS = {typing.get_args(t)[1].description for t in (LocalizedText, LocalizedMarkdown)}

# Fields the open-data files add to every case (generator/publish/open_data.py).
DERIVED_FIELDS = ("url", "place_names", "position")


@dataclass(frozen=True)
class FieldDoc:
    path: str  # e.g. outcomes[].as_of; a language code is written <lang>
    kind: str  # text, markdown, id, ids, date, partial-date, choice, url, objects, ...
    required: bool
    description: str  # from model/records.py, in English; may be empty
    choices: tuple[str, ...] = ()
    key: str = ""  # model and field, e.g. Citation.page: the same for every use of a model


def case_fields() -> list[FieldDoc]:
    return model_fields(Case)


def model_fields(model: type[BaseModel], prefix: str = "") -> list[FieldDoc]:
    docs: list[FieldDoc] = []
    for name, info in model.model_fields.items():
        annotation, metadata = _unwrap(info.annotation, list(info.metadata))
        kind, choices, nested, joint = _classify(annotation, metadata)
        description = "" if info.description in _TYPE_DESCRIPTIONS else info.description or ""
        docs.append(FieldDoc(prefix + name, kind, info.is_required(), description, choices, f"{model.__name__}.{name}"))
        if nested is not None:
            docs += model_fields(nested, prefix + name + joint)
    return docs


def _unwrap(annotation, metadata: list) -> tuple[typing.Any, list]:
    """Strip Annotated and Optional; collect their metadata, including that of inner Field()s."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata = metadata + list(extra)
        elif origin in (typing.Union, types.UnionType):
            annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
        else:
            break
    for item in list(metadata):
        if isinstance(item, FieldInfo):
            metadata += item.metadata
    return annotation, metadata


def _classify(annotation, metadata: list) -> tuple[str, tuple[str, ...], type[BaseModel] | None, str]:
    """(kind, choices, nested model to list too, how its paths join)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if LOCALIZED in metadata:
        _, value_metadata = _unwrap(args[1], [])
        long = any(getattr(m, "max_length", None) == MAX_LONG_TEXT for m in value_metadata)
        return ("markdown" if long else "text"), (), None, ""
    if origin is list:
        item, item_metadata = _unwrap(args[0], [])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "objects", (), item, "[]."
        return _plural(_classify(item, item_metadata)[0]), (), None, ""
    if origin is dict:
        value, _ = _unwrap(args[1], [])
        return "language-map", (), value, ".<lang>."
    if origin is typing.Literal:
        return "choice", tuple(str(arg) for arg in args), None, ""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "object", (), annotation, "."
    return _scalar(annotation, metadata), (), None, ""


def _scalar(annotation, metadata: list) -> str:
    if _PARTIAL_DATE in metadata:
        return "partial-date"
    if _URL in metadata:
        return "url"
    if any(getattr(m, "pattern", None) == SLUG_PATTERN for m in metadata):
        return "id"
    if annotation is dt.date:
        return "date"
    if annotation is bool:
        return "boolean"
    if annotation in (int, float):
        return "number"
    return "string"


def _plural(kind: str) -> str:
    return {"id": "ids", "string": "strings"}.get(kind, kind + "s")
