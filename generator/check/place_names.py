"""Finding places by what people type: an id, a Chinese or English name, a short form or an alias.

`place: 萬巒鄉`, `place: 屏東縣萬巒鄉`, `place: Wanluan Township` and `place: wanluan`
all name the township whose id is `wanluan`. Used for the hint of an unknown
place; every suggestion is an id of places.yml, so a hint never proposes a
value that is itself invalid.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from generator.model.records import Places

ZH_SUFFIXES = ("縣", "市", "鄉", "鎮", "區")
EN_SUFFIXES = ("county", "city", "township", "district", "town")
MAX_SUGGESTIONS = 4
CUTOFF = 0.6  # as difflib.get_close_matches
CLOSE_TO_BEST = 0.1  # suggestions as close as the closest one, not every name above the cutoff


def normalise(text: str) -> str:
    """Full-width letters to ASCII, 台 to 臺, lower case, no spaces, hyphens or apostrophes."""
    text = unicodedata.normalize("NFKC", text).replace("台", "臺").lower()
    return re.sub(r"[\s\-_'’.,]+", "", text)


def _short(name: str) -> str:
    """A name without its kind: 萬巒鄉 -> 萬巒, Wanluan Township -> wanluan (kept when nothing would remain)."""
    for suffix in (*ZH_SUFFIXES, *EN_SUFFIXES):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


# The places the names were last made of, and those names.
_LAST: list = [None, None]


@dataclass(frozen=True)
class PlaceNames:
    """Every way of writing each place, normalised, and the label a hint shows."""

    keys: dict[str, list[str]]  # normalised spelling -> ids, in the order of places.yml
    labels: dict[str, str]  # id -> 屏東縣萬巒鄉
    full: dict[str, list[str]]  # county and township together (屏東縣萬巒鄉, 屏東萬巒): exact matches only
    spelled: frozenset[str]  # the keys as written, not shortened: the only ones close matches are sought in

    @classmethod
    def of(cls, places: Places | None) -> PlaceNames:
        """The names of these places; under serve, an unchanged places.yml is the very object of the
        last build (build/memo.py), whose names are given back (making them was 0.04 s an edit)."""
        if _LAST[0] is not places or _LAST[1] is None:
            _LAST[:] = [places, cls._made_of(places)]
        return _LAST[1]

    @classmethod
    def _made_of(cls, places: Places | None) -> PlaceNames:
        keys: dict[str, list[str]] = {}
        full: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        spelled: set[str] = set()

        def add(spelling: str, place_id: str, table: dict[str, list[str]] = keys) -> None:
            if table is keys:
                spelled.add(normalise(spelling))
            for key in {normalise(spelling), _short(normalise(spelling))}:
                if key and place_id not in table.setdefault(key, []):
                    table[key].append(place_id)

        for county in places.counties if places else []:
            county_names = [*county.name.values(), *county.aliases]
            labels[county.id] = next(iter(county.name.values()), county.id)
            for spelling in (county.id, *county_names):
                add(spelling, county.id)
            for township in county.townships:
                labels[township.id] = labels[county.id] + next(iter(township.name.values()), township.id)
                names = [*township.name.values(), *township.aliases]
                for spelling in (township.id, *names):
                    add(spelling, township.id)
                for county_name in county.name.values():  # 屏東縣萬巒鄉, 屏東萬巒, Pingtung County Wanluan
                    for name in township.name.values():
                        add(county_name + name, township.id, full)
                        add(_short(normalise(county_name)) + _short(normalise(name)), township.id, full)
        return cls(keys, labels, full, frozenset(spelled))

    def matches(self, value: str) -> list[str]:
        """Ids a value names exactly (by any spelling), else the closest few; [] when none is close."""
        key = normalise(value)
        for table in (self.keys, self.full):
            for candidate in (key, _short(key)):
                if candidate in table:
                    return table[candidate][:MAX_SUGGESTIONS]
        scored = []
        matcher = difflib.SequenceMatcher(b=key, autojunk=False)
        for spelling in sorted(self.spelled):  # a short form (東, other) is too short to be close to anything
            matcher.set_seq1(spelling)
            if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
                score = matcher.ratio()
                if score >= CUTOFF:
                    scored.append((-score, spelling))
        scored.sort()
        best = -scored[0][0] if scored else 0
        found: list[str] = []
        for score, close in scored:
            if -score < best - CLOSE_TO_BEST:
                break
            for place_id in self.keys[close]:
                if place_id not in found:
                    found.append(place_id)
        return found[:MAX_SUGGESTIONS]

    def hint(self, value: str) -> str:
        """`did you mean 'wanluan' (屏東縣萬巒鄉)?`, or '' when no place is close."""
        ids = self.matches(value)
        if not ids:
            return ""
        named = [f"'{place_id}' ({self.labels[place_id]})" for place_id in ids]
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]
        return f"did you mean {listed}?"
