"""The site builds with ProperDocs (the maintained MkDocs 1.x fork) from the same mkdocs.yml, identically."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sitetools import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _properdocs_build(site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )


def _files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    result = _properdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    mkdocs, properdocs = _files(built_site), _files(tmp_path / "site")
    assert sorted(properdocs) == sorted(mkdocs)

    case_page = "en/cases/kouhu-smart-tilapia/index.html"
    assert b"ProperDocs" in GENERATOR.search(properdocs[case_page].read_bytes()).group(0)
    # Byte for byte, except the generator's name in one <meta> tag.
    differing = [
        name
        for name in sorted(mkdocs)
        if GENERATOR.sub(b"", mkdocs[name].read_bytes()) != GENERATOR.sub(b"", properdocs[name].read_bytes())
    ]
    assert differing == []
