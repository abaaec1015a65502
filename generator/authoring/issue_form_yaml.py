"""The text of a case record made from an issue form (see issue_form).

It starts from the text `casebook new case` writes (scaffold_yaml.case_yaml),
with its note in both languages above every field, and replaces what the
form answers beyond the scaffolder's questions: the story, where in the
source the case is found, and what the case is looking for.

Every answer is written by PyYAML's emitter, never pasted into YAML by hand,
so any text reads back exactly as it was typed. Bidirectional-control
characters (which can make a line display differently from what it holds)
are written as `\\u` escapes: the record keeps them, but a reviewer sees them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml

from generator.authoring.answers import CaseAnswers, ScaffoldContext
from generator.authoring.scaffold_yaml import case_yaml

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_STORY_NOTES = [
    "# 案例故事（Markdown），來自 issue 表單：審稿時請逐句對照出處。",
    "# The story (Markdown), from the issue form: check every sentence against the sources when reviewing.",
]
_NEED_NOTES = [
    "# 正在尋找：kind 是 investment（投資）、talent（人才）或 partners（合作夥伴）；來自 issue 表單。",
    "# Looking for: kind is investment, talent or partners; from the issue form.",
    "# statement：call（公開徵求）或 aim（出處只說是目標，例如「期…」）；stated：出處陳述的日期。",
    "# statement: call (an open call) or aim (the source only states an aim, e.g. 期…); stated: when the source says it.",
]


@dataclass(frozen=True)
class IssueRecord:
    """The answers of an issue form: the scaffolder's, and what only the form asks."""

    answers: CaseAnswers
    story: dict[str, str | None]  # language -> Markdown
    section: dict[str, str | None]  # language -> section of the source
    page: str | None = None
    need_kind: str | None = None  # models.NeedKind
    need: dict[str, str | None] | None = None


def record_yaml(record: IssueRecord, context: ScaffoldContext, today: dt.date) -> str:
    """The record's text: the scaffolder's, with the form's story, citation and need in place."""
    lines = case_yaml(record.answers, context, today).split("\n")
    lines = _replace_field(lines, "story", _story_lines(record.story), notes=_STORY_NOTES)
    source_line = _field_lines(lines, "sources")[1]  # "  - source: <id>  # <title>"
    citation = [source_line, *_citation_detail(record, indent=4)]
    lines = _replace_field(lines, "sources", ["sources:", *citation])
    if record.need_kind:
        lines = _insert_before(lines, "sources", [*_NEED_NOTES, *_need_lines(record, today)])
    return escape_bidi("\n".join(lines))


def escape_bidi(text: str) -> str:
    """Bidi controls as YAML escapes; valid because every answer is in a double-quoted scalar."""
    return "".join(f"\\u{ord(ch):04X}" if ch in BIDI_CONTROLS else ch for ch in text)


# -- blocks ------------------------------------------------------------------------------------


def _story_lines(story: dict[str, str | None]) -> list[str]:
    texts = {lang: text.rstrip() + "\n" for lang, text in story.items() if text}
    return _dump({"story": texts}).split("\n")


def _citation_detail(record: IssueRecord, indent: int) -> list[str]:
    pad = " " * indent
    section = {lang: text for lang, text in record.section.items() if text}
    lines = []
    if section:
        lines.append(f"{pad}section:")
        lines += [f"{pad}  {lang}: {quoted(text)}" for lang, text in section.items()]
    if record.page:
        lines.append(f"{pad}page: {quoted(record.page)}")
    return lines


def _need_lines(record: IssueRecord, today: dt.date) -> list[str]:
    texts = {lang: text for lang, text in (record.need or {}).items() if text}
    source = record.answers.source or ""
    return [
        "looking_for:",
        f"  - kind: {record.need_kind}",
        "    statement: call",
        f"    stated: {today.isoformat()}",
        "    text:",
        *(f"      {lang}: {quoted(text)}" for lang, text in texts.items()),
        "    sources:",
        f"      - source: {quoted(source)}",
        *_citation_detail(record, indent=8),
    ]


def quoted(value: str) -> str:
    """Any text as one double-quoted YAML scalar, escaped by PyYAML's emitter."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30).rstrip("\n")


class _Dumper(yaml.SafeDumper):
    """Multi-line text as a literal block, which reads like the Markdown it is; other text double-quoted."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A literal block cannot escape anything: text holding bidi controls stays double-quoted.
    literal = "\n" in value.rstrip("\n") and not BIDI_CONTROLS.intersection(value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if literal else '"')


def _represent_mapping(dumper: yaml.SafeDumper, data: dict) -> yaml.MappingNode:
    # Keys are ours (field names, language codes): plain, as a person would write them.
    pairs = [
        (yaml.ScalarNode("tag:yaml.org,2002:str", key), dumper.represent_data(value)) for key, value in data.items()
    ]
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(dict, _represent_mapping)


def _dump(data: dict) -> str:
    # The emitter falls back to double quotes by itself when a literal block cannot hold the text.
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, width=1 << 30, sort_keys=False).rstrip("\n")


# -- lines of the scaffolder's text --------------------------------------------------------------


def _field_span(lines: list[str], key: str) -> tuple[int, int]:
    """[start, end) of a top-level field: its `key:` line and the indented lines under it."""
    start = next(i for i, line in enumerate(lines) if line == f"{key}:" or line.startswith(f"{key}: "))
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end]) and end < len(lines) - 1:
        end += 1
    return start, end


def _field_lines(lines: list[str], key: str) -> list[str]:
    start, end = _field_span(lines, key)
    return lines[start:end]


def _notes_start(lines: list[str], start: int) -> int:
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    return start


def _replace_field(lines: list[str], key: str, block: list[str], notes: list[str] | None = None) -> list[str]:
    start, end = _field_span(lines, key)
    if notes is not None:
        first = _notes_start(lines, start)
        return lines[:first] + notes + block + lines[end:]
    return lines[:start] + block + lines[end:]


def _insert_before(lines: list[str], key: str, block: list[str]) -> list[str]:
    """Insert above the field's notes, so its notes stay with it."""
    first = _notes_start(lines, _field_span(lines, key)[0])
    return lines[:first] + block + lines[first:]
