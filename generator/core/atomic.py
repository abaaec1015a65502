"""Replace an output folder, or a file, only after it was written completely.

The new output is written to a temporary folder beside the target and swapped
in with renames once the whole build succeeded. A failed, interrupted or
killed build leaves the previous output untouched; a later build removes the
temporary folders a killed one left behind.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_PREFIX = ".building-"


@contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yields an empty folder to write into; it replaces `target` when the block succeeds."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target)
    work = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{target.name}-", dir=target.parent))
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _swap(work, target)


def _swap(new: Path, target: Path) -> None:
    os.chmod(new, 0o755)  # mkdtemp makes it private; a site folder is served to others
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{target.name}-old-", dir=target.parent))
    old.rmdir()
    target.rename(old)          # two renames: between them no `target` exists, but no
    new.rename(target)          # reader ever sees a half-written one
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(target: Path) -> None:
    for leftover in target.parent.glob(f"{_PREFIX}{target.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def write_atomically(path: Path, data: bytes) -> None:
    """A build stopped half-way must never leave a half-written file under a valid name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, path)
