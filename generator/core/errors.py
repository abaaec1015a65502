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
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    col: int  # 1-based; 0 when the problem concerns the whole file
    code: str  # short, stable kebab-case identifier, e.g. "unknown-field"
    message: str
    field: str = ""  # field path, e.g. "outcomes[0].as_of"
    hint: str = ""
    severity: Severity = "error"
    # For the message catalogue (generator/data/messages.yml): the values its
    # templates fill in, and the hint's own key; `message` and `hint` are the English.
    args: tuple[tuple[str, str], ...] = ()
    hint_key: str = ""
    hint_args: tuple[tuple[str, str], ...] = ()

    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path

    def localized(self, lang: str, catalogue: Catalogue | None = None) -> tuple[str, str]:
        """(message, hint) in `lang` from the catalogue, else the English given when it was made."""
        if catalogue is None or lang == "en":
            return self.message, self.hint
        args = dict(self.args)
        message = catalogue.text("messages", args.pop("_key", self.code), lang, args)
        hint = catalogue.text("hints", self.hint_key, lang, dict(self.hint_args)) if self.hint_key else None
        return message or self.message, hint or self.hint

    def format_text(self, lang: str = "en", catalogue: Catalogue | None = None) -> str:
        message, hint = self.localized(lang, catalogue)
        where = f"{self.field}: " if self.field else ""
        text = f"{self.location()}: {self.severity}[{self.code}]: {where}{message}"
        if hint:
            label = catalogue.text("summary", "hint", lang, {}) if catalogue else "hint"
            colon = "：" if lang.startswith("zh") else ": "  # Chinese text takes the full-width colon
            text += f"\n    {label or 'hint'}{colon}{hint}"
        return text

    def format_github(self, langs: tuple[str, ...] = ("en",), catalogue: Catalogue | None = None) -> str:
        """A GitHub Actions workflow command; GitHub shows it on the changed line (in every language of `langs`)."""
        title = _escape_github_property(f"{self.code}")
        props = [f"file={_escape_github_property(self.path)}"]
        if self.line:
            props += [f"line={self.line}", f"col={self.col}"]
        props.append(f"title={title}")
        parts = []
        for lang in langs:
            message, hint = self.localized(lang, catalogue)
            text = f"{self.field}: {message}" if self.field else message
            if hint:
                text += f"\nhint: {hint}"
            if text not in parts:
                parts.append(text)
        return f"::{self.severity} {','.join(props)}::{_escape_github_data(chr(10).join(parts))}"

    def to_dict(self, lang: str = "en", catalogue: Catalogue | None = None) -> dict:
        data = asdict(self)
        data["message"], data["hint"] = self.localized(lang, catalogue)
        for name in ("args", "hint_key", "hint_args"):
            del data[name]
        return data


class Catalogue:
    """Message templates per language: {section: {key: {lang: template}}} (generator/data/messages.yml)."""

    def __init__(self, tables: dict):
        self.tables = tables

    def has(self, section: str, key: str) -> bool:
        return key in self.tables.get(section, {})

    def template(self, section: str, key: str, lang: str):
        return self.tables.get(section, {}).get(key, {}).get(lang)

    def text(self, section: str, key: str, lang: str, args: dict) -> str | None:
        """The template filled in, or None when it is missing or names a value not given."""
        template = self.template(section, key, lang)
        if not isinstance(template, str):
            return None
        try:
            return template.format(**args)
        except (KeyError, IndexError, ValueError):
            return None

    def counted(self, key: str, lang: str, n: int) -> str | None:
        forms = self.template("summary", key, lang)
        if not isinstance(forms, list) or len(forms) != 2:
            return None
        return forms[0 if n == 1 else 1].format(n=n)


def _escape_github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(text: str) -> str:
    return _escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.col, d.code, d.field, d.message))


def format_diagnostics(
    diagnostics: Iterable[Diagnostic], fmt: str = "text", lang: str = "en", catalogue: Catalogue | None = None
) -> str:
    """text and json in `lang`; github annotations in English and in `lang` (both, when they differ)."""
    items = sort_diagnostics(diagnostics)
    if fmt == "json":
        return json.dumps([d.to_dict(lang, catalogue) for d in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        langs = ("en", lang) if lang != "en" else ("en",)
        return "\n".join(d.format_github(langs, catalogue) for d in items)
    return "\n".join(d.format_text(lang, catalogue) for d in items)


def count_errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.severity == "error")


def summary_line(
    diagnostics: Iterable[Diagnostic], strict: bool = False, lang: str = "en", catalogue: Catalogue | None = None
) -> str:
    """The closing line: 'Aborted with ...' only when the run fails (on warnings too with strict)."""
    items = list(diagnostics)
    errors = count_errors(items)
    warnings = len(items) - errors
    key = "none" if not items else "aborted" if errors or strict else "found"
    if catalogue is not None and lang != "en":
        counted = {
            "errors": catalogue.counted("errors", lang, errors),
            "warnings": catalogue.counted("warnings", lang, warnings),
        }
        if all(counted.values()):
            text = catalogue.text("summary", key, lang, counted)
            if text:
                return text
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
