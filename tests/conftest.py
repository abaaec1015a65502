"""Shared fixtures.

`project` is a copy of the synthetic project in tests/fixtures/project, made in
tmp_path for each test, with the working directory set to it, so a test can
break one file and run the pipeline or the CLI on it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from diagnostic_text import headline  # noqa: F401  (re-exported for the fixtures below)

from generator.build.pipeline import load_collection
from generator.core.errors import Diagnostic, sort_diagnostics
from generator.load.project import load_project

FIXTURE_PROJECT = Path(__file__).resolve().parent / "fixtures" / "project"


@dataclass
class FixtureProject:
    """A throw-away copy of the synthetic project, with helpers to break it."""

    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def replace(self, rel: str, old: str, new: str) -> None:
        """Replace text that occurs exactly once, so a fixture edit cannot silently miss."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new))

    def diagnostics(self) -> list[Diagnostic]:
        """Run casebook.yml + discover -> load -> validate; every problem, sorted."""
        project, problems = load_project(self.root / "casebook.yml")
        if project is None:
            return sort_diagnostics(problems)
        _, diagnostics = load_collection(project)
        return sort_diagnostics(diagnostics)

    def headlines(self) -> list[str]:
        return [headline(d) for d in self.diagnostics()]

    def run_cli(self, *args: str) -> subprocess.CompletedProcess:
        """`python -m generator ARGS` in a fresh interpreter, as a person runs it."""
        return subprocess.run(
            [sys.executable, "-m", "generator", *args], cwd=self.root, capture_output=True, text=True, timeout=60
        )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FixtureProject:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    monkeypatch.chdir(root)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):  # messages in English unless a test asks
        monkeypatch.delenv(name, raising=False)
    return FixtureProject(root)
