"""Diagnostics: every problem a person can fix, with where it is and how to fix it.

Stages never raise for bad content; they return Diagnostic objects. Only the
CLI and the MkDocs adapter decide how to print them and when to stop.
"""
from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str          # relative to the project root, with forward slashes
    line: int          # 1-based; 0 when the problem concerns the whole file
    col: int           # 1-based; 0 when the problem concerns the whole file
    code: str          # short, stable kebab-case identifier, e.g. "unknown-field"
    message: str
    field: str = ""    # field path, e.g. "outcomes[0].as_of"
    hint: str = ""
    severity: Severity = "error"

    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path

    def format_text(self) -> str:
        where = f"{self.field}: " if self.field else ""
        text = f"{self.location()}: {self.severity}[{self.code}]: {where}{self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def format_github(self) -> str:
        """A GitHub Actions workflow command; GitHub shows it on the changed line."""
        title = _escape_github_property(f"{self.code}")
        props = [f"file={_escape_github_property(self.path)}"]
        if self.line:
            props += [f"line={self.line}", f"col={self.col}"]
        props.append(f"title={title}")
        message = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            message += f"\nhint: {self.hint}"
        return f"::{self.severity} {','.join(props)}::{_escape_github_data(message)}"

    def to_dict(self) -> dict:
        return asdict(self)


def _escape_github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(text: str) -> str:
    return _escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.col, d.code, d.field, d.message))


def format_diagnostics(diagnostics: Iterable[Diagnostic], fmt: str = "text") -> str:
    items = sort_diagnostics(diagnostics)
    if fmt == "json":
        return json.dumps([d.to_dict() for d in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.format_github() for d in items)
    return "\n".join(d.format_text() for d in items)


def count_errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.severity == "error")


def summary_line(diagnostics: Iterable[Diagnostic], strict: bool = False) -> str:
    """The closing line: 'Aborted with ...' only when the run fails (on warnings too with strict)."""
    items = list(diagnostics)
    errors = count_errors(items)
    warnings = len(items) - errors
    if not items:
        return "No problems found."
    counts = f"{errors} error{'s' if errors != 1 else ''} and {warnings} warning{'s' if warnings != 1 else ''}"
    return f"Aborted with {counts}." if errors or strict else f"Found {counts}."


class ContentError(Exception):
    """Raised by the adapters (CLI, MkDocs plugin) when content has errors."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sort_diagnostics(diagnostics)
        super().__init__(summary_line(self.diagnostics))


def did_you_mean(name: str, candidates: list[str]) -> str:
    """A hint naming the closest candidate to a misspelt name, or "" when none is close."""
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
