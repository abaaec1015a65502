"""`mkdocs serve --dirty`: each build after an edit is the site a clean build makes.

The builds run as serve runs them (one plugin object, one site folder kept
between builds), in a fresh interpreter: MkDocs keeps such plugin objects
for the life of the process. Once serving, a build writes the search index
and the font cut after it returns (build/deferred.py, AfterBuild): the site
is compared when that work is done too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from sitetools import build_site, copy_fixture_project

SOURCE_DATE_EPOCH = "1700000000"
SITE_URL = "https://example.org/casebook/"
SERVE_LIKE = textwrap.dedent("""
    import json, shutil, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def main(site_dir, steps):
        for number, step in enumerate(steps):
            for path, text in step.items():
                if text is None:
                    Path(path).unlink()
                else:
                    Path(path).write_text(text, encoding="utf-8")
            config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
            if number == 0:
                config.plugins.on_startup(command="serve", dirty=True)
            build(config, dirty=True)
            plugin = config.plugins["casebook"]
            plugin.serving = True  # as on_serve sets it: the next builds write search and fonts after returning
            plugin.after_build.wait()
            memo = plugin.memo
            third = Path(site_dir, "en/cases/third-example-case/index.html").exists()
            print(json.dumps([memo.files_reused, memo.pages_reused, third, memo.views_reused]), flush=True)
            shutil.copytree(site_dir, f"{site_dir}-{number}")   # the site as this build left it

    if __name__ == "__main__":
        main(sys.argv[1], json.loads(sys.argv[2]))
""")


def _serve_builds(project: Path, site: Path, steps: list[dict]) -> list[list[int]]:
    """Builds as `mkdocs serve --dirty` does, one after each step of file edits.

    For each build: records and pages reused, whether the third case's page is in the site, and views reused.
    """
    result = subprocess.run(
        [sys.executable, "-c", SERVE_LIKE, str(site), json.dumps(steps)],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("[")]


def _files(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}


def test_edits_and_a_deletion_under_serve_give_the_clean_builds_site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)  # the day that decides which exhibitions are held
    project = copy_fixture_project(tmp_path / "project")
    example = project / "content/cases/example-case.yml"
    third = project / "content/cases/third-example-case.yml"  # a published case to delete, related to the example
    third.write_text(
        example.read_text(encoding="utf-8").replace("id: example-case", "id: third-example-case", 1)
        + "related: [example-case]\n",
        encoding="utf-8",
    )
    edited = example.read_text(encoding="utf-8").replace("en: Example case", "en: Edited example case", 1)
    steps = [{}, {str(example): edited}, {str(third): None}]
    # the clean build of the project as the edit left it, before the deletion
    after_edit = copy_project(project, tmp_path / "after-edit", steps[1])
    served = tmp_path / "served"
    reuse = _serve_builds(project, served, steps)

    files_reused, pages_reused, _, views_reused = reuse[1]
    assert files_reused > 0 and pages_reused > 0, "the edit build reused the unchanged records and pages"
    assert views_reused > 0, "pages of unchanged cases were not made again"
    page = served / "en/cases/example-case/index.html"
    assert "Edited example case" in page.read_text(encoding="utf-8")
    assert [third_case_page for _, _, third_case_page, _ in reuse] == [True, True, False], (
        "the deleted case's page is removed from the served site"
    )
    assert _differences(Path(f"{served}-1"), _clean_build(after_edit, tmp_path / "clean-1")) == [], (
        "after the edit every file is the clean build's: the third case's card of the edited case too"
    )
    assert _differences(served, _clean_build(project, tmp_path / "clean")) == [], (
        "after the deletion every file is the clean build's"
    )


FIRST_BUILD_THEN_DEFERRED = textwrap.dedent("""
    import shutil, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def main(site_dir):
        config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        shutil.copytree(site_dir, f"{site_dir}-first")
        deferred = config.plugins["casebook"].deferred
        print(deferred.describe(), flush=True)
        done = []
        deferred.start(lambda: done.append(True))  # as on_serve starts it
        config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
        build(config, dirty=True)  # the build the work asks for (it waits for the work)
        print("asked for a build" if done else "not asked", flush=True)

    if __name__ == "__main__":
        main(sys.argv[1])
""")


def test_the_first_serve_build_leaves_cards_and_font_cuts_for_later_then_is_the_clean_build(tmp_path, monkeypatch):
    """No preview needs the social cards or the cut Han font: the first build under serve answers without
    them, and the build the deferred work asks for afterwards is the clean build's site, byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("CASEBOOK_SITE_URL", SITE_URL)  # a site with an address has social cards
    project = copy_fixture_project(tmp_path / "project")
    served = tmp_path / "served"
    result = subprocess.run(
        [sys.executable, "-c", FIRST_BUILD_THEN_DEFERRED, str(served)],
        cwd=project,
        capture_output=True,
        text=True,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            "CASEBOOK_SITE_URL": SITE_URL,
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    described, asked = result.stdout.splitlines()
    assert asked == "asked for a build"
    assert described.endswith("Han font files") and not described.startswith("0 social cards")
    first = Path(f"{served}-first")
    assert (first / "en/cases/example-case/index.html").is_file(), "every page is in the first build"
    assert not list(first.rglob("assets/social/**/*.jpg")) and not list(first.rglob("noto-sans-tc-*.woff2"))
    assert 'font-family: "Noto Sans TC"' not in (first / "assets/fonts/fonts.css").read_text(encoding="utf-8")
    assert _differences(served, _clean_build(project, tmp_path / "clean")) == [], (
        "after the deferred work every file is the clean build's"
    )


def copy_project(project: Path, target: Path, edits: dict[str, str]) -> Path:
    shutil.copytree(project, target)
    for path, text in edits.items():
        (target / Path(path).relative_to(project)).write_text(text, encoding="utf-8")
    return target


def _clean_build(project: Path, site: Path) -> Path:
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def _differences(served: Path, clean: Path) -> list[str]:
    """Files in one site and not the other, and files whose bytes differ."""
    files = _files(served)
    if files != _files(clean):
        return sorted(files ^ _files(clean))
    return [path for path in sorted(files) if (served / path).read_bytes() != (clean / path).read_bytes()]


def test_serve_looks_for_changes_four_times_a_second_at_every_path(tmp_path):
    """The plugin polls more often than MkDocs; the paths MkDocs watched stay watched."""
    from types import SimpleNamespace

    from mkdocs.livereload import LiveReloadServer

    from generator.engine.mkdocs.plugin import CasebookPlugin
    from generator.engine.mkdocs.serve import SERVE_POLLING

    project = copy_fixture_project(tmp_path / "project")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    docs, config_file = project / "docs", project / "mkdocs.yml"
    server.watch(str(docs))
    server.watch(str(config_file))
    plugin = CasebookPlugin()
    plugin.load_config({})
    plugin.site = SimpleNamespace(project=SimpleNamespace(content_dir=project / "content"))
    theme = project / "theme"
    theme.mkdir()
    config = SimpleNamespace(
        docs_dir=str(docs),
        config_file_path=str(config_file),
        theme=SimpleNamespace(dirs=[str(theme)], custom_dir=str(theme)),
    )
    server = plugin.on_serve(server, config, builder=None)
    assert server.observer.timeout == SERVE_POLLING < 0.5
    assert server.build_delay == 0, "a build starts when a look sees the change"
    assert set(map(Path, server._watched_paths)) == {
        docs,
        config_file,
        project / "casebook.yml",
        project / "content",
        theme,
    }
    assert {Path(watch.path) for watch in server.observer._watches} >= {docs, project / "content", theme}
