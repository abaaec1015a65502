"""Did you mean...? The nearest valid ids to what a person typed, matching ids, names and aliases.

One helper for every reference a record makes (places, arrows, technologies,
industries, sources, brands): a person may type the id (`wanluan`), a name in
either language (`萬巒鄉`, `Wanluan Township`), an alias, or a misspelling of
any of these; the suggestion is always the id, so it is valid as written.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Named:
    id: str
    names: tuple[str, ...] = ()  # names and aliases in every language
    label: str = ""  # shown beside the id, e.g. "萬巒鄉 / Wanluan Township"

    def shown(self) -> str:
        return f"'{self.id}' ({self.label})" if self.label else f"'{self.id}'"


def fold(text: str) -> str:
    """Case, width (ＡＢＣ, full-width digits) and spacing do not matter when matching."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def nearest(value: str, entries: Iterable[Named], n: int = 3) -> list[Named]:
    """Up to n entries nearest to `value`: an exact id, name or alias first, then a name
    that holds it or is held by it (萬巒 -> 萬巒鄉, 屏東縣萬巒鄉 -> 萬巒鄉), then spelling."""
    key = fold(value)
    entries = list(entries)
    if not key:
        return []
    folded = [(entry, {fold(entry.id), *(fold(name) for name in entry.names)}) for entry in entries]
    exact = [entry for entry, names in folded if key in names]
    if exact:
        return exact[:n]
    partial: list[tuple[int, Named]] = []
    for entry, names in folded:
        held = [len(name) for name in names if len(name) >= 2 and len(key) >= 2 and (key in name or name in key)]
        if held:
            partial.append((max(held), entry))
    if partial:
        partial.sort(key=lambda item: -item[0])
        best = partial[0][0]
        return [entry for length, entry in partial if length == best][:n]
    owners: dict[str, Named] = {}
    for entry, names in folded:
        for name in sorted(names):
            owners.setdefault(name, entry)
    scored = []
    for name in difflib.get_close_matches(key, list(owners), n=n * 3, cutoff=0.6):
        scored.append((difflib.SequenceMatcher(None, key, name).ratio(), owners[name]))
    found: list[Named] = []
    for score, entry in scored:  # best first; others only when nearly as close
        if entry not in found and score >= scored[0][0] - 0.05:
            found.append(entry)
    return found[:n]


def choices_text(entries: Iterable[Named], joiner: str = ", ") -> str:
    return joiner.join(entry.shown() for entry in entries)
