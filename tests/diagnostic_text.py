"""How tests read a diagnostic (import as `diagnostic_text`, never from conftest)."""

from __future__ import annotations

from generator.core.errors import Diagnostic


def headline(diagnostic: Diagnostic) -> str:
    """The first printed line of a diagnostic: `path:line:col: severity[code]: field: message`."""
    return diagnostic.format_text().split("\n", 1)[0]
