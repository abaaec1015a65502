"""Shared by the exhibition kit's tests: a fixture project with two published cases."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_PROJECT = ROOT / "tests" / "fixtures" / "project"
THEME = ROOT / "theme"
SITE_URL = "https://example.org/casebook/"
CASES = ("example-case", "third-example-case")
TITLES = {
    "example-case": {"zh-TW": "範例案例", "en": "Example case"},
    "third-example-case": {"zh-TW": "第三個範例案例", "en": "Third example case"},
}


def kit_project(target: Path) -> Path:
    """A copy of the synthetic project with a second published, translated case (a copy of the first)."""
    shutil.copytree(FIXTURE_PROJECT, target)
    text = (target / "content/cases/example-case.yml").read_text(encoding="utf-8")
    text = (
        text.replace("id: example-case", "id: third-example-case")
        .replace("zh-TW: 範例案例", "zh-TW: 第三個範例案例")
        .replace("en: Example case", "en: Third example case")
    )
    (target / "content/cases/third-example-case.yml").write_text(text, encoding="utf-8")
    return target


def site_project(target: Path) -> Path:
    """kit_project, ready for a site build with the real theme (for the kiosk)."""
    kit_project(target)
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        mkdocs_yml.replace("custom_dir: theme", f"custom_dir: {THEME}"), encoding="utf-8"
    )
    shutil.copytree(ROOT / "docs", target / "docs")
    return target
