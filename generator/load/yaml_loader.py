"""Stage 2: read one YAML file strictly and keep the position of every value.

We walk libyaml's event stream ourselves instead of using a loader because a
loader silently keeps the last of duplicate keys, expands alias bombs, runs
custom tags and forgets line numbers. Walking events lets us refuse anchors,
aliases and tags before anything is expanded, and record `line:col` for every
key and value on the way.

Scalars are resolved with the YAML 1.2 core schema (so `no` stays a string and
`2019-11-30` stays text for the model to parse as a date).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any

import yaml

from generator.core.errors import Diagnostic
from generator.load.style import chinese_key_problems, input_method_problems, repair_input_method, style_problems
from generator.model.messages import diag
from generator.model.raw import FieldPath, RawRecord, SourceRef

try:  # libyaml is much faster; PyYAML's pure parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16


def load_file(source: SourceRef) -> tuple[RawRecord | None, list[Diagnostic]]:
    """Read and parse one file. Returns the record, or None and the reasons."""
    try:
        size = source.path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                _file_diag(
                    source,
                    "file-too-large",
                    f"file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes",
                    "split long text into shorter fields or move media into content/media/",
                )
            ]
        raw = source.path.read_bytes()
    except OSError as exc:
        return None, [_file_diag(source, "unreadable-file", f"cannot read file: {exc.strerror}")]
    return load_bytes(source, raw)


def load_bytes(source: SourceRef, raw: bytes) -> tuple[RawRecord | None, list[Diagnostic]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            _file_diag(source, "file-too-large", f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES} bytes")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of_byte(raw, exc.start)
        return None, [
            Diagnostic(
                source.display,
                line,
                col,
                "not-utf8",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                hint="save the file as UTF-8 (in most editors: Save with Encoding > UTF-8)",
            )
        ]
    text = text.removeprefix("\ufeff")
    if not _has_content(text):
        return None, [
            Diagnostic(
                source.display,
                1,
                1,
                "empty-file",
                "file has no data",
                hint="start from `casebook new case` or delete the file",
            )
        ]
    builder = _Builder(source)
    try:
        data = builder.build(yaml.parse(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        syntax = _syntax_diag(source, text, exc)
        named = input_method_problems(source.display, text)
        style = style_problems(source.display, text)
        in_chinese = chinese_key_problems(source.display, text)
        if in_chinese:  # YAML's message points a line below and does not say why
            return None, style + in_chinese
        if not any(problem.line <= syntax.line for problem in named):
            return None, builder.diagnostics + style + [syntax]
        # YAML's own message about a full-width colon or a tab points lines below it: name
        # them instead, and read the file as if they were fixed, so every other problem is
        # reported in the same round (columns on a repaired line may be off by one).
        builder = _Builder(source)
        try:
            data = builder.build(yaml.parse(repair_input_method(text), Loader=_Loader))
        except yaml.YAMLError:
            return None, style
    else:
        if builder.diagnostics:  # refused (anchors, depth...): style is not looked at, nor the rest scanned again
            return None, builder.diagnostics
        style = style_problems(source.display, text)
    if builder.diagnostics:
        return None, builder.diagnostics + style
    record = RawRecord(
        source,
        data,
        builder.value_positions,
        builder.key_positions,
        hashlib.sha256(raw).hexdigest(),
        text.split("\n", 1)[0].rstrip("\r"),
    )
    return record, style


def _syntax_diag(source: SourceRef, text: str, exc: yaml.YAMLError) -> Diagnostic:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML forbids, e.g. a control character
        line, col = _position_of_char(text, exc.position)
        return diag(
            source.display, line, col, "bad-character", char=f"{exc.character:04X}", hint_key="fix-control-character"
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or "invalid YAML"
    colon_in_text = "mapping values are not allowed" in problem
    return diag(
        source.display,
        line,
        col,
        "yaml-syntax",
        problem=problem,
        hint_key="fix-yaml-colon-in-text" if colon_in_text else "fix-yaml-syntax",
    )


def _file_diag(source: SourceRef, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(source.display, 1, 1, code, message, hint=hint)


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, col


def _position_of_char(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


class _StopReading(Exception):
    """Raised by the builder when the rest of the file must not be read."""


class _Builder:
    """Builds plain Python values from parser events, recording positions."""

    def __init__(self, source: SourceRef):
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.value_positions: dict[FieldPath, tuple[int, int]] = {}
        self.key_positions: dict[FieldPath, tuple[int, int]] = {}

    def build(self, events: Iterator[yaml.Event]) -> Any:
        events = iter(events)
        documents = []
        try:
            for event in events:
                if isinstance(event, yaml.DocumentStartEvent):
                    if documents:
                        self._error(
                            event,
                            "multiple-documents",
                            "a record file holds exactly one YAML document",
                            "remove the `---` line, or split the records into one file each",
                        )
                        return None
                    documents.append(self._node(next(events), events, ()))
        except _StopReading:
            return None
        return documents[0] if documents else None

    def _node(self, event: yaml.Event, events: Iterator[yaml.Event], path: FieldPath) -> Any:
        self.value_positions[path] = _pos(event)
        if isinstance(event, yaml.AliasEvent):
            self._error(
                event,
                "yaml-alias",
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full; anchors and aliases are refused for safety",
            )
            return None
        self._refuse_anchor_and_tag(event)
        if len(path) > MAX_DEPTH:
            # Stop here: libyaml takes quadratic time over deeply nested flow
            # collections, so reading on would let a small file hang the build.
            self._error(event, "too-deep", f"data is nested more than {MAX_DEPTH} levels deep")
            raise _StopReading
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(events, path)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(events, path)
        self._error(event, "yaml-syntax", f"unexpected YAML event {type(event).__name__}")
        return None

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        try:
            return _resolve_scalar(event)
        except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits)
            self._error(
                event,
                "number-too-long",
                f"a number of {len(event.value)} digits is too long",
                "put it in quotes if it is text",
            )
            return None

    def _sequence(self, events: Iterator[yaml.Event], path: FieldPath) -> list:
        items = []
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                break
            items.append(self._node(event, events, path + (len(items),)))
        return items

    def _mapping(self, events: Iterator[yaml.Event], path: FieldPath) -> dict:
        result: dict[str, Any] = {}
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                break
            key = self._key(key_event, events, path)
            value_event = next(events)
            if key is None:
                self._skip(value_event, events)
                continue
            if key in result:
                first_line = self.key_positions[path + (key,)][0]
                self._error(
                    key_event,
                    "duplicate-key",
                    f"key '{key}' appears twice in the same mapping",
                    f"it was first given on line {first_line}; keep one of them",
                )
                self._skip(value_event, events)
                continue
            self.key_positions[path + (key,)] = _pos(key_event)
            result[key] = self._node(value_event, events, path + (key,))
        return result

    def _key(self, event: yaml.Event, events: Iterator[yaml.Event], path: FieldPath) -> str | None:
        if isinstance(event, yaml.ScalarEvent):
            self._refuse_anchor_and_tag(event)
            return event.value
        if isinstance(event, yaml.AliasEvent):
            self._error(
                event,
                "yaml-alias",
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full; anchors and aliases are refused for safety",
            )
            return None
        self._error(event, "complex-key", "mapping keys must be plain text")
        self._skip(event, events)
        return None

    def _refuse_anchor_and_tag(self, event: yaml.Event) -> None:
        if getattr(event, "anchor", None):
            self._error(
                event,
                "yaml-anchor",
                f"YAML anchor '&{event.anchor}' is not allowed",
                "write each value out in full; anchors and aliases are refused for safety",
            )
        tag = getattr(event, "tag", None)
        if tag and not _is_plain_tag(event):
            self._error(
                event,
                "yaml-tag",
                f"YAML tag '{tag}' is not allowed",
                "remove the tag; records hold plain text, numbers, lists and mappings",
            )

    def _skip(self, event: yaml.Event, events: Iterator[yaml.Event]) -> None:
        """Consume the rest of a node whose start event we already read."""
        depth = 1 if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) else 0
        while depth:
            nxt = next(events)
            if isinstance(nxt, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    self._error(nxt, "too-deep", f"data is nested more than {MAX_DEPTH} levels deep")
                    raise _StopReading
            elif isinstance(nxt, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1

    def _error(self, event: yaml.Event, code: str, message: str, hint: str = "") -> None:
        line, col = _pos(event)
        self.diagnostics.append(Diagnostic(self.source.display, line, col, code, message, hint=hint))


def _pos(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _is_plain_tag(event: yaml.Event) -> bool:
    # The parser reports the non-specific tag "!" for quoted scalars in some
    # versions; that is not a custom tag.
    return event.tag == "!"


_INT = re.compile(r"[-+]?[0-9]+$")
_OCT = re.compile(r"0o[0-7]+$")
_HEX = re.compile(r"0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


def _resolve_scalar(event: yaml.ScalarEvent) -> Any:
    """YAML 1.2 core schema for plain scalars; quoted scalars are always text."""
    value = event.value
    if not event.implicit[0] or event.style:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    return value
