"""A throw-away git repository of the synthetic project, with a good and a bad pull request.

`upstream` holds the synthetic project (tests/fixtures/project) on `main`. The
work is done in a clone, as a contributor (or actions/checkout) would, so
`origin/main` exists there. Its branches:

- `good-pr`: adds content/cases/good-case.yml, which validates;
- `bad-pr`: adds content/cases/bad-case.yml, with an unknown place on line
  BAD_PLACE_LINE and an unknown source on line BAD_SOURCE_LINE.

The clone links `.venv` to the project's own, so a workflow's `.venv/bin/...`
commands run there unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE_PROJECT = REPO / "tests" / "fixtures" / "project"

GOOD_CASE = """\
# yaml-language-server: $schema=../../schema/case.schema.json
# Synthetic fixture: not a real case.
id: good-case
status: published
last_reviewed: 2024-03-01
translations:
  en: {reviewed: true}
title:
  zh-TW: 合成的好案例
  en: A good synthetic case
summary:
  zh-TW: 合成測試資料，非真實案例。
  en: Synthetic fixture, not a real case.
story:
  zh-TW: 合成測試資料。
  en: Synthetic fixture text.
place: example-township
arrows: [example-arrow-two]
sources:
  - source: example-source
"""

BAD_CASE = """\
# yaml-language-server: $schema=../../schema/case.schema.json
# Synthetic fixture: not a real case, with two mistakes.
id: bad-case
status: published
last_reviewed: 2024-03-01
translations:
  en: {reviewed: true}
title:
  zh-TW: 合成的壞案例
  en: A bad synthetic case
summary:
  zh-TW: 合成測試資料，非真實案例。
  en: Synthetic fixture, not a real case.
story:
  zh-TW: 合成測試資料。
  en: Synthetic fixture text.
place: atlantis
arrows: [example-arrow-two]
sources:
  - source: no-such-source
"""
BAD_PLACE_LINE = 17  # `place: atlantis`
BAD_SOURCE_LINE = 20  # `  - source: no-such-source`

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Fixture",
    "GIT_AUTHOR_EMAIL": "fixture@example.invalid",
    "GIT_COMMITTER_NAME": "Fixture",
    "GIT_COMMITTER_EMAIL": "fixture@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


@dataclass
class GitProject:
    root: Path

    def git(self, *args: str) -> str:
        return git(self.root, *args)

    def checkout(self, branch: str) -> None:
        self.git("checkout", "--quiet", branch)


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def make_pull_requests(base: Path) -> GitProject:
    """The upstream repository and a clone with the branches good-pr and bad-pr; the clone is returned."""
    upstream = base / "upstream"
    shutil.copytree(FIXTURE_PROJECT, upstream)
    (upstream / ".gitignore").write_text(".venv\nsite/\n", encoding="utf-8")
    git(upstream, "init", "--quiet", "--initial-branch=main")
    git(upstream, "add", "--all")
    git(upstream, "commit", "--quiet", "-m", "The synthetic project")
    clone = base / "clone"
    git(base, "clone", "--quiet", str(upstream), str(clone))
    (clone / ".venv").symlink_to(REPO / ".venv")
    project = GitProject(clone)
    _branch_adding(project, "good-pr", "content/cases/good-case.yml", GOOD_CASE)
    _branch_adding(project, "bad-pr", "content/cases/bad-case.yml", BAD_CASE)
    project.checkout("main")
    return project


def _branch_adding(project: GitProject, branch: str, path: str, text: str) -> None:
    project.git("checkout", "--quiet", "-b", branch, "origin/main")
    (project.root / path).write_text(text, encoding="utf-8")
    project.git("add", path)
    project.git("commit", "--quiet", "-m", f"Add {path}")
