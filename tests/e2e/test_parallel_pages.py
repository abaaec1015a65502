"""Pages rendered by a forked copy of the build are the pages the build renders itself."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sitetools import build_site, copy_fixture_project

# A build in a fresh interpreter that forks at the fixture's size; with "fail", the copy fails
# after its first page, as a copy killed or out of memory would.
FORKING_BUILD = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    import generator.engine.mkdocs.parallel_pages as parallel

    parallel.MIN_PAGES = 2
    parent, real = os.getpid(), parallel._build_page
    rendered_in_copy = Path(sys.argv[2]) / "rendered-in-copy"

    def build_page(page, *args, **kwargs):
        if os.getpid() != parent:
            with rendered_in_copy.open("a") as log:
                log.write(page.file.src_uri + "\\n")
            if sys.argv[3] == "fail":
                raise RuntimeError("the copy fails")
        return real(page, *args, **kwargs)

    parallel._build_page = build_page
    from generator.engine.mkdocs.build import build_site
    build_site(Path("mkdocs.yml"), Path(sys.argv[1]))
""")


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")
@pytest.mark.parametrize("copy", ["works", "fail"])
def test_a_build_that_forks_is_the_build_that_does_not(tmp_path, monkeypatch, copy):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = copy_fixture_project(tmp_path / "project")
    alone = copy_fixture_project(tmp_path / "alone")
    assert build_site(alone, tmp_path / "alone-site").returncode == 0  # too few pages to fork
    result = subprocess.run(
        [sys.executable, "-c", FORKING_BUILD, str(tmp_path / "site"), str(tmp_path), copy],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    in_copy = (tmp_path / "rendered-in-copy").read_text().split()
    assert in_copy, "the copy rendered pages"
    if copy == "fail":
        assert len(in_copy) == 1 and "rendering its pages here" in result.stderr
    assert _files(tmp_path / "site") == _files(tmp_path / "alone-site")
