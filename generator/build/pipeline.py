"""Runs the stages in their fixed order. The CLI and the MkDocs plugin call this."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel

from generator.check.collection import check_collection
from generator.check.media import check_media
from generator.check.place_names import PlaceNames
from generator.check.records import validate_record
from generator.check.references import check_references, missing_translations, reference_entries
from generator.check.terms import check_terms
from generator.core.errors import Diagnostic
from generator.core.memo import NO_MEMO, Memo
from generator.load.discover import discover
from generator.load.explainers import project_explainers
from generator.load.yaml_loader import load_file
from generator.model.collection import Collection
from generator.model.messages import diag
from generator.model.raw import FILE_KINDS, FOLDER_KINDS, KIND_FOLDERS, RawRecord, SourceRef
from generator.model.records import SLUG_PATTERN
from generator.model.settings import Project

# The order the stages run in; tests/unit/test_pipeline.py enforces it.
STAGE_ORDER = ("discover", "load", "validate", "check", "media", "explainers", "pages", "render")

REQUIRED_FILES = ("places.yml", "taxonomy.yml", "sources.yml", "policy/data.yml")


@dataclass(frozen=True)
class LoadedFile:
    """A record file as loading and validation left it."""

    raw: RawRecord | None  # None when the file could not be read as YAML
    record: BaseModel | None  # the validated record, or None
    problems: list[Diagnostic]  # found in this file alone


def load_collection(project: Project, memo: Memo = NO_MEMO) -> tuple[Collection, list[Diagnostic]]:
    """discover -> load -> validate: every valid record, and every problem found.

    `memo` (under `mkdocs serve`) gives back last build's records of unchanged files.
    """
    refs, diagnostics = discover(project.content_dir, project.root)
    diagnostics += _missing_files(project, refs)
    collection = Collection()  # its tables fill as files are added; the single files come after
    singles: dict[str, BaseModel] = {}
    first_file: dict[tuple[str, str], RawRecord] = {}
    files = memo.load_all(refs, load_record)
    invalid: dict[str, RawRecord] = {}
    for ref, loaded in zip(refs, files):
        diagnostics += loaded.problems
        if loaded.record is None:
            _remember_invalid(collection, ref, loaded.raw)
            if loaded.raw is not None:
                invalid[loaded.raw.source.display] = loaded.raw
            continue
        diagnostics += _add_record(collection, singles, loaded.raw, loaded.record, first_file)
    collection = replace(collection, **singles)
    diagnostics = place_names_as_places(diagnostics, invalid, collection)
    diagnostics += check_collection(collection, project.config, memo)
    diagnostics = _with_checks_of_invalid(diagnostics, invalid, collection, project)
    media, problems = check_media(collection, project)
    explainers, more = project_explainers(project, collection)
    collection = replace(collection, media=media, explainers=explainers)
    terms = check_terms(collection, project.config.language_codes[0])
    return collection, diagnostics + problems + more + terms


def place_names_as_places(
    diagnostics: list[Diagnostic], invalid: dict[str, RawRecord], collection: Collection
) -> list[Diagnostic]:
    """`place:` holding a name rather than an id (萬巒鄉, 屏東縣) is reported as an unknown place with
    the ids it may mean, once places.yml is known, instead of as an id with the wrong characters."""
    if not invalid or collection.places is None:
        return diagnostics
    names = PlaceNames.of(collection.places)

    def better(d: Diagnostic) -> Diagnostic:
        raw = invalid.get(d.path)
        value = raw.data.get("place") if raw is not None and isinstance(raw.data, dict) else None
        if d.field != "place" or d.code != "invalid-value" or not isinstance(value, str):
            return d
        return Diagnostic(
            d.path,
            d.line,
            d.col,
            "unknown-place",
            f"no place '{value}' in content/places.yml",
            field=d.field,
            hint=names.hint(value),
            severity=d.severity,
        )

    return [better(d) for d in diagnostics]


def load_record(ref: SourceRef) -> LoadedFile:
    """One file loaded and validated on its own."""
    raw, problems = load_file(ref)
    if raw is None:
        return LoadedFile(None, None, problems)
    record, more = validate_record(raw)
    return LoadedFile(raw, record, problems + more)


def _add_record(collection: Collection, singles: dict, raw: RawRecord, record, first_file: dict) -> list[Diagnostic]:
    kind = raw.source.kind
    if kind not in FOLDER_KINDS.values():
        collection.raw[(kind, kind)] = raw
        singles[kind] = record
        return []
    problems = []
    if record.id != raw.source.stem:
        line, col = raw.position(("id",))
        stem = raw.source.stem
        if is_slug(stem):
            hint = {"hint_key": "rename-or-set-id", "hint_args": {"id": record.id, "stem": stem}}
        else:  # never suggest an id that is not valid (`Test Wanluan Pork`)
            hint = {"hint_key": "rename-file", "hint_args": {"slug": record.id, "id": record.id}}
        problems.append(
            diag(
                raw.source.display,
                line,
                col,
                "id-mismatch",
                field="id",
                id=record.id,
                file=raw.source.path.name,
                **hint,
            )
        )
    key = (kind, record.id)
    if key in first_file:
        owner, other = first_file[key], raw
        if raw.source.stem == record.id:  # the file named after the id keeps it; blame the other
            owner, other = raw, first_file[key]
        problems.append(_duplicate_id(other, owner, kind, record.id))
        if owner is first_file[key]:
            return problems
    first_file[key] = raw
    collection.raw[key] = raw
    getattr(collection, KIND_FOLDERS[kind])[record.id] = record
    return problems


def _duplicate_id(raw: RawRecord, owner: RawRecord, kind: str, record_id: str) -> Diagnostic:
    line, col = raw.position(("id",))
    return Diagnostic(
        raw.source.display,
        line,
        col,
        "duplicate-id",
        f"another {kind} already has id '{record_id}'",
        field="id",
        hint=f"it is used in {owner.source.display}; ids must be unique",
    )


def is_slug(text: str) -> bool:
    return bool(re.fullmatch(SLUG_PATTERN, text))


def _with_checks_of_invalid(
    diagnostics: list[Diagnostic], invalid: dict[str, RawRecord], collection: Collection, project: Project
) -> list[Diagnostic]:
    """Every problem in one round: a record that failed its schema still gets its references and
    translations checked; a reference that is not an id is reported once, as unknown, with the id it names."""
    entries = reference_entries(collection)
    found = []
    for raw in invalid.values():
        found += check_references(raw, entries) + missing_translations(raw, project.config.language_codes)
    # the same unknown place as place_names_as_places found, from the message catalogue (in every language)
    mine = {(d.path, d.field, d.code) for d in found}
    diagnostics = [d for d in diagnostics if (d.path, d.field, d.code) not in mine] + found
    unknown = {(d.path, d.field) for d in diagnostics if d.code in ("unknown-place", "unknown-term", "unknown-source")}
    return [d for d in diagnostics if not (d.code == "invalid-value" and (d.path, d.field) in unknown)]


def _remember_invalid(collection: Collection, ref: SourceRef, raw: RawRecord | None) -> None:
    record_id = raw.data.get("id") if raw is not None and isinstance(raw.data, dict) else None
    collection.invalid_ids.add((ref.kind, record_id if isinstance(record_id, str) else ref.stem))


def _missing_files(project: Project, refs: list[SourceRef]) -> list[Diagnostic]:
    found = {ref.kind for ref in refs}
    problems = []
    for name in REQUIRED_FILES:
        if FILE_KINDS[name] not in found:
            path = Path(project.config.content_dir) / name
            problems.append(
                Diagnostic(
                    path.as_posix(),
                    0,
                    0,
                    "missing-file",
                    f"{name} is missing",
                    hint="every project needs places, taxonomy, sources and policy data",
                )
            )
    return problems
