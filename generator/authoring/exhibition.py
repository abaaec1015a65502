"""A planned exhibition's record, written for staff by the kit builder page.

Staff type what they know of a fair being prepared (its name, venue and
dates) and choose what the kit prints; this module writes
content/exhibitions/<id>.yml with `status: planned` and no sources (a
publication reports a fair only once it is held). The text is read back with
the same loader, model and cross-record checks as `casebook validate` before
anything is written, and an existing file is never replaced.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator.authoring.answers import is_valid_id
from generator.check.collection import check_collection
from generator.check.records import validate_record
from generator.core.errors import Diagnostic, count_errors
from generator.load.yaml_loader import load_bytes
from generator.model.collection import Collection
from generator.model.raw import KIND_FOLDERS, SourceRef, display_path
from generator.model.schema import SCHEMA_DIR, schema_filename
from generator.model.settings import Project


@dataclass(frozen=True)
class PlannedExhibition:
    """What staff typed; texts per language (empty ones are left out)."""

    id: str
    name: dict[str, str]
    venue: dict[str, str]
    start: str  # YYYY, YYYY-MM or YYYY-MM-DD
    end: str = ""
    languages: tuple[str, ...] = ()
    paper: str = "A2"
    cases: tuple[str, ...] = ()


@dataclass(frozen=True)
class WriteResult:
    display: str  # the record's path relative to the project root
    diagnostics: list[Diagnostic]
    written: bool


def exhibitions_dir(project: Project) -> Path:
    return project.content_dir / KIND_FOLDERS["exhibition"]


def write_planned_exhibition(
    project: Project, collection: Collection, planned: PlannedExhibition, today: dt.date
) -> WriteResult:
    """Check the record like `casebook validate` would, then create its file; never replaces one."""
    folder = exhibitions_dir(project)
    target = folder / f"{planned.id}.yml"
    display = display_path(target, project.root)
    refused = _refuse_id(planned.id, target, display, collection)
    if refused:
        return WriteResult(display, refused, written=False)
    text = planned_exhibition_yaml(project, planned, today)
    problems = check_exhibition_text(text, target, project, collection)
    if count_errors(problems):
        return WriteResult(display, problems, written=False)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": fails if it appeared meanwhile
            handle.write(text)
    except FileExistsError:
        return WriteResult(display, _exists(display), written=False)
    return WriteResult(display, problems, written=True)


def planned_exhibition_yaml(project: Project, planned: PlannedExhibition, today: dt.date) -> str:
    """The record's text; values are written by PyYAML's emitter, so any typed text reads back as typed."""
    default = project.config.default_language
    record = {
        "id": planned.id,
        "status": "planned",
        "last_reviewed": today.isoformat(),
        "translations": {lang: {"reviewed": False} for lang in project.config.language_codes if lang != default},
        "name": _texts(planned.name),
        "venue": _texts(planned.venue),
        "start": planned.start.strip(),
        **({"end": planned.end.strip()} if planned.end.strip() else {}),
        "sources": [],
        "kit": {"languages": list(planned.languages), "paper": planned.paper, "cases": list(planned.cases)},
    }
    schema = os.path.relpath(project.root / SCHEMA_DIR / schema_filename("exhibition"), exhibitions_dir(project))
    head = (
        f"# yaml-language-server: $schema={Path(schema).as_posix()}\n"
        "# 預定舉辦的展覽，由 `casebook kit` 建立；展覽舉行、有出版品報導後，請在 sources 加上出處，並把 status 改為 published。\n"
        "# A planned exhibition written by `casebook kit`. Once it is held and a publication reports it,\n"
        "# add that source under sources and set status: published.\n"
    )
    return head + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1000)


def check_exhibition_text(text: str, target: Path, project: Project, collection: Collection) -> list[Diagnostic]:
    """The problems `casebook validate` would report because of this file, were it written to `target`."""
    source = SourceRef(display_path(target, project.root), target, "exhibition")
    raw, problems = load_bytes(source, text.encode("utf-8", errors="replace"))
    if raw is None:
        return problems
    record, problems = validate_record(raw)
    if record is None:
        return problems
    before = set(check_collection(collection, project.config))
    with_it = replace(
        collection,
        raw={**collection.raw, ("exhibition", record.id): raw},
        exhibitions={**collection.exhibitions, record.id: record},
    )
    caused = [d for d in check_collection(with_it, project.config) if d.path == source.display or d not in before]
    return problems + caused


def _texts(by_lang: dict[str, str]) -> dict[str, str]:
    return {lang: text.strip() for lang, text in by_lang.items() if text.strip()}


def _refuse_id(exhibition_id: str, target: Path, display: str, collection: Collection) -> list[Diagnostic]:
    if not is_valid_id(exhibition_id):
        return [
            Diagnostic(
                display,
                0,
                0,
                "invalid-value",
                f"'{exhibition_id}' is not a valid id: use lower-case letters a-z, digits and hyphens",
                field="id",
                hint="e.g. tainan-2027",
            )
        ]
    if exhibition_id in collection.exhibitions or target.exists():
        return _exists(display)
    return []


def _exists(display: str) -> list[Diagnostic]:
    return [
        Diagnostic(
            display,
            0,
            0,
            "file-exists",
            "an exhibition with this id already exists",
            field="id",
            hint="choose another id, or choose the existing exhibition",
        )
    ]
