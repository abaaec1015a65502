"""Filling {placeholders} in interface strings and messages."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **values: object) -> str:
    """`template` with each {name} replaced by str(values[name]), in one pass.

    A placeholder with no value is left as it is, and a value that itself
    holds braces is never filled again.
    """
    return _PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], template)
