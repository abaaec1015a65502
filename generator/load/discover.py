"""Stage 1: list the record files under content/, sorted, with their kind.

Pure listing: nothing is read here. A file's kind comes from where it lives,
so a contributor never has to declare it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from generator.core.errors import Diagnostic
from generator.model.messages import diag
from generator.model.raw import FILE_KINDS, FOLDER_KINDS, SourceRef, display_path

# Far above any real programme (89 proposals by the end of 2019), low enough
# that a pull request cannot make every build read millions of files.
MAX_RECORDS_PER_FOLDER = 20_000


def discover(content_dir: Path, project_root: Path) -> tuple[list[SourceRef], list[Diagnostic]]:
    """Every record file under content_dir, sorted by path."""
    refs: list[SourceRef] = []
    diagnostics: list[Diagnostic] = []
    for folder, kind in FOLDER_KINDS.items():
        base = content_dir / folder
        if not base.is_dir():
            continue
        found = []
        base_display = display_path(base, project_root)
        with os.scandir(base) as entries:
            files = sorted(
                (entry for entry in entries if not entry.name.startswith(".") and not entry.is_dir()),
                key=lambda entry: entry.name,
            )
        for entry in files:
            path = base / entry.name
            # Resolving each path costs a system call per folder level;
            # only a link can lead outside its folder.
            shown = display_path(path, project_root) if entry.is_symlink() else f"{base_display}/{entry.name}"
            ref = SourceRef(shown, path, kind)
            if path.suffix == ".yml":
                found.append(ref)
            else:
                diagnostics.append(_unexpected_file(ref))
        if len(found) > MAX_RECORDS_PER_FOLDER:
            diagnostics.append(
                Diagnostic(
                    display_path(base, project_root),
                    0,
                    0,
                    "too-many-records",
                    f"{len(found)} records; the limit is {MAX_RECORDS_PER_FOLDER}",
                    hint="none of them is read until the folder is within the limit",
                )
            )
            continue
        refs.extend(found)
    for name, kind in FILE_KINDS.items():
        path = content_dir / name
        if path.is_file():
            refs.append(SourceRef(display_path(path, project_root), path, kind))
    diagnostics += misplaced_records(content_dir, project_root)
    return sorted(refs), diagnostics


def misplaced_records(content_dir: Path, project_root: Path) -> list[Diagnostic]:
    """A .yml file anywhere else under content/ (content/case/, content/cases/cases/) is never read:
    an error naming the folder it belongs in, never a quiet "No problems found."."""
    known = {content_dir / name for name in FILE_KINDS}
    problems = []
    for folder, subfolders, files in os.walk(content_dir):
        here = Path(folder)
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and not (here == content_dir and name == "media")
        )
        in_kind_folder = here.parent == content_dir and here.name in FOLDER_KINDS
        for name in sorted(files):
            path = here / name
            if in_kind_folder or path in known or not name.endswith((".yml", ".yaml")):
                continue
            problems.append(_misplaced(path, here, content_dir, project_root))
    return problems


def _misplaced(path: Path, here: Path, content_dir: Path, project_root: Path) -> Diagnostic:
    names = [part for part in here.relative_to(content_dir).parts]
    guess = "cases"
    for part in reversed(names):
        close = difflib.get_close_matches(part.lower(), list(FOLDER_KINDS), n=1, cutoff=0.6)
        if close:
            guess = close[0]
            break
    expected = f"{display_path(content_dir, project_root)}/{guess}/"
    folder = f"{display_path(here, project_root)}/"
    kind = FOLDER_KINDS[guess]
    return diag(
        display_path(path, project_root),
        0,
        0,
        "misplaced-record",
        folder=folder,
        kind=kind,
        kind_zh={"case": "案例檔", "brand": "品牌檔", "exhibition": "展覽檔"}[kind],
        expected=expected,
        hint_key="move-record",
        hint_args={"expected": expected},
    )


def _unexpected_file(ref: SourceRef) -> Diagnostic:
    if ref.path.suffix == ".yaml":  # clearly meant as a record: do not let it be skipped quietly
        return Diagnostic(
            ref.display,
            0,
            0,
            "wrong-extension",
            "record files end in .yml, not .yaml",
            hint=f"rename it to {ref.path.stem}.yml",
        )
    return Diagnostic(
        ref.display,
        0,
        0,
        "unexpected-file",
        f"'{ref.path.name}' is not a record file and is ignored",
        hint="only .yml record files belong here",
        severity="warning",
    )
