"""Every valid record of a project: what the build stages after checking read."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model.raw import RawRecord
from generator.model.records import Brand, Case, Exhibition, Glossary, Places, PolicyData, SourceList, Taxonomy


@dataclass(frozen=True)
class Collection:
    """Every valid record of a project, with the raw data behind each for positions."""

    cases: dict[str, Case] = field(default_factory=dict)
    brands: dict[str, Brand] = field(default_factory=dict)
    exhibitions: dict[str, Exhibition] = field(default_factory=dict)
    places: Places | None = None
    taxonomy: Taxonomy | None = None
    sources: SourceList | None = None
    policy: PolicyData | None = None
    glossary: Glossary | None = None  # content/glossary.yml, the termbase (optional)
    raw: dict[tuple[str, str], RawRecord] = field(default_factory=dict)  # (kind, id) -> raw
    media: dict = field(default_factory=dict)  # (kind, id, index) -> check.media.SourceImage, set by the pipeline
    explainers: dict = field(default_factory=dict)  # slug -> lang -> load.explainers.Explainer, set by the pipeline
    # ids of records that exist but failed validation: references to them are
    # not reported again as unknown
    invalid_ids: set[tuple[str, str]] = field(default_factory=set)
