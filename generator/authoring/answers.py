"""A contributor's answers for a new case, and what they may choose from (places, arrows, sources...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.model.collection import Collection
from generator.model.raw import KIND_FOLDERS
from generator.model.records import SLUG_PATTERN
from generator.model.settings import Project

MAX_ID = 80  # characters of a new case's id


def is_valid_id(value: str) -> bool:
    """Whether a new record may have this id: a slug of lower-case letters, digits and hyphens."""
    return bool(re.fullmatch(SLUG_PATTERN, value)) and len(value) <= MAX_ID


@dataclass(frozen=True)
class CaseAnswers:
    """What a person tells `casebook new case`; None or () means not answered."""

    id: str | None = None
    title_zh: str | None = None
    title_en: str | None = None
    summary_zh: str | None = None
    summary_en: str | None = None
    place: str | None = None
    arrows: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    source: str | None = None
    status: str = "draft"


@dataclass(frozen=True)
class Choice:
    id: str
    label: str  # every language's name, for people: "口湖鄉 / Kouhu Township"
    names: frozenset[str]  # id, names and aliases, case-folded, for matching what people type


@dataclass(frozen=True)
class ScaffoldContext:
    """The project a case is scaffolded into, and the answers its reference files allow."""

    project: Project
    collection: Collection
    places: tuple[Choice, ...]
    arrows: tuple[Choice, ...]
    technologies: tuple[Choice, ...]
    industries: tuple[Choice, ...]
    sources: tuple[Choice, ...]

    @property
    def cases_dir(self) -> Path:
        return self.project.content_dir / KIND_FOLDERS["case"]
