"""A record as read from its file, before it is typed: where it lives and where each value sits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# folder (relative to content/) -> record kind, one record per file
FOLDER_KINDS = {
    "cases": "case",
    "brands": "brand",
    "exhibitions": "exhibition",
}
# record kind -> its folder, which is also its table in a Collection (case -> cases)
KIND_FOLDERS = {kind: folder for folder, kind in FOLDER_KINDS.items()}


# single files (relative to content/) -> record kind
FILE_KINDS = {
    "places.yml": "places",
    "taxonomy.yml": "taxonomy",
    "sources.yml": "sources",
    "policy/data.yml": "policy",
    "glossary.yml": "glossary",
}


@dataclass(frozen=True, order=True)
class SourceRef:
    display: str  # path shown to people: relative to the project root
    path: Path  # absolute path on disk
    kind: str  # a value of FOLDER_KINDS or FILE_KINDS

    @property
    def stem(self) -> str:
        return self.path.stem


def display_path(path: Path, project_root: Path) -> str:
    try:
        return path.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


FieldPath = tuple  # of str keys and int indices, e.g. ("outcomes", 0, "as_of")


@dataclass
class RawRecord:
    """A file's data as plain Python values, with positions for every value."""

    source: SourceRef
    data: Any
    value_positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    digest: str = ""
    first_line: str = ""  # the file's first line (without a byte-order mark), for the schema-line check

    def position(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Best position for `path`: the key (or value), else the nearest parent."""
        path = tuple(path)
        while True:
            table = self.key_positions if key else self.value_positions
            if path in table:
                return table[path]
            if path in self.value_positions:
                return self.value_positions[path]
            if not path:
                return (1, 1)
            path = path[:-1]
