"""`casebook build` replaces the site only after a complete build, and builds reproducibly."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

CASE = "content/cases/example-case.yml"


def _casebook_build(project: Path, site: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_failed_build_leaves_previous_site_untouched(fixture_site_project, tmp_path):
    site = tmp_path / "site"
    assert _casebook_build(fixture_site_project, site).returncode == 0
    before = _tree(site)
    case = fixture_site_project / CASE
    case.write_text(
        case.read_text(encoding="utf-8").replace("place: example-township", "place: nowhere"), encoding="utf-8"
    )
    result = _casebook_build(fixture_site_project, site)
    assert result.returncode == 1
    assert "error[unknown-place]" in result.stderr
    assert "previous site is unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".building-")] == []


def test_killed_build_leaves_previous_site_untouched(fixture_site_project, tmp_path):
    site = tmp_path / "site"
    assert _casebook_build(fixture_site_project, site).returncode == 0
    before = _tree(site)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "-d", str(site)],
        cwd=fixture_site_project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not list(tmp_path.glob(".building-site-*/*")):
        time.sleep(0.02)  # wait until the new build has started writing
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _tree(site) == before
    # the next build cleans up what the killed one left behind
    assert _casebook_build(fixture_site_project, site).returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".building-")] == []


def test_two_builds_are_byte_identical(fixture_site_project, tmp_path):
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert _casebook_build(fixture_site_project, tmp_path / "one", **epoch).returncode == 0
    assert _casebook_build(fixture_site_project, tmp_path / "two", **epoch).returncode == 0
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []
