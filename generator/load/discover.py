"""Stage 1: list the record files under content/, sorted, with their kind.

Pure listing: nothing is read here. A file's kind comes from where it lives,
so a contributor never has to declare it.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.core.errors import Diagnostic
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
            files = sorted((entry for entry in entries if not entry.name.startswith(".")
                            and not entry.is_dir()), key=lambda entry: entry.name)
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
            diagnostics.append(Diagnostic(display_path(base, project_root), 0, 0, "too-many-records",
                                          f"{len(found)} records; the limit is {MAX_RECORDS_PER_FOLDER}",
                                          hint="none of them is read until the folder is within the limit"))
            continue
        refs.extend(found)
    for name, kind in FILE_KINDS.items():
        path = content_dir / name
        if path.is_file():
            refs.append(SourceRef(display_path(path, project_root), path, kind))
    return sorted(refs), diagnostics




def _unexpected_file(ref: SourceRef) -> Diagnostic:
    if ref.path.suffix == ".yaml":  # clearly meant as a record: do not let it be skipped quietly
        return Diagnostic(ref.display, 0, 0, "wrong-extension", "record files end in .yml, not .yaml",
                          hint=f"rename it to {ref.path.stem}.yml")
    return Diagnostic(ref.display, 0, 0, "unexpected-file",
                      f"'{ref.path.name}' is not a record file and is ignored",
                      hint="only .yml record files belong here", severity="warning")
