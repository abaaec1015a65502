"""Under `mkdocs serve` a build reuses the last one's work, and makes the same site a fresh build makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build.memo import RebuildMemo
from generator.build.site import prepare_site
from generator.core.errors import ContentError

THEME = Path(__file__).resolve().parents[2] / "theme"


def _same_site(one, other) -> bool:
    return one.rendered == other.rendered and one.pages == other.pages


def test_an_unchanged_project_is_neither_loaded_nor_rendered_again(project):
    memo = RebuildMemo()
    first = prepare_site(project.root / "casebook.yml", THEME, memo=memo)
    again = prepare_site(project.root / "casebook.yml", THEME, memo=memo)
    assert memo.files_reused == len(first.collection.raw) > 0
    assert memo.pages_reused == len(first.pages)
    assert _same_site(again, first)


def test_an_edit_loads_one_file_renders_what_shows_it_and_equals_a_fresh_build(project):
    memo = RebuildMemo()
    first = prepare_site(project.root / "casebook.yml", THEME, memo=memo)
    project.replace("content/cases/example-case.yml", "en: Example case", "en: Edited example case")
    edited = prepare_site(project.root / "casebook.yml", THEME, memo=memo)
    assert memo.files_reused == len(first.collection.raw) - 1
    showing = [src for src, page in edited.rendered.items() if "Edited example case" in page.body]
    assert showing and len(edited.pages) - memo.pages_reused >= len(showing)
    assert memo.pages_reused > len(edited.pages) / 2
    assert _same_site(edited, prepare_site(project.root / "casebook.yml", THEME))


def test_a_view_is_kept_while_its_inputs_and_the_world_are_the_same():
    memo = RebuildMemo()
    record, made = object(), []
    for world, inputs in [("w", (record,)), ("w", (record,)), ("w", (object(),)), ("w2", (record,))]:
        memo.start_views((world,))
        memo.view("key", inputs, lambda: made.append(world) or len(made))
    assert made == ["w", "w", "w2"], "made again for another input object, and for another world"


def test_a_changed_string_makes_every_kept_view_again(project, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    memo = RebuildMemo()
    prepare_site(project.root / "casebook.yml", theme, memo=memo)
    assert memo.views_reused == 0
    prepare_site(project.root / "casebook.yml", theme, memo=memo)
    assert memo.views_reused > 0
    strings = theme / "strings" / "en.yml"
    strings.write_text(strings.read_text(encoding="utf-8") + "\nnot.used.anywhere: x\n", encoding="utf-8")
    prepare_site(project.root / "casebook.yml", theme, memo=memo)
    assert memo.views_reused == 0


def test_a_theme_change_renders_every_page_again(project, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    memo = RebuildMemo()
    prepare_site(project.root / "casebook.yml", theme, memo=memo)
    template = theme / "casebook" / "case.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n<!-- changed -->\n", encoding="utf-8")
    changed = prepare_site(project.root / "casebook.yml", theme, memo=memo)
    assert memo.pages_reused == 0
    assert any("<!-- changed -->" in page.body for page in changed.rendered.values())


def test_an_error_then_its_fix(project):
    memo = RebuildMemo()
    first = prepare_site(project.root / "casebook.yml", THEME, memo=memo)
    text = project.read("content/cases/example-case.yml")
    project.replace("content/cases/example-case.yml", "en: Example case", "en: [")
    with pytest.raises(ContentError):
        prepare_site(project.root / "casebook.yml", THEME, memo=memo)
    project.write("content/cases/example-case.yml", text)
    assert _same_site(prepare_site(project.root / "casebook.yml", THEME, memo=memo), first)


def test_a_problem_of_an_unchanged_record_is_reported_by_every_build(project):
    """A record's checks are kept, with what they found: the error stays until the file is fixed."""
    project.replace("content/cases/example-case.yml", "en: Example case", "fr: Example case")
    memo = RebuildMemo()
    for build in range(2):
        with pytest.raises(ContentError) as error:
            prepare_site(project.root / "casebook.yml", THEME, memo=memo)
        codes = [d.code for d in error.value.diagnostics]
        assert codes.count("unknown-language") == 1, f"build {build}: {codes}"


def test_a_deleted_record_is_forgotten(project):
    memo = RebuildMemo()
    first = prepare_site(project.root / "casebook.yml", THEME, memo=memo)
    brand = next(path for path in project.root.glob("content/brands/*.yml"))
    brand.unlink()
    for case in project.root.glob("content/cases/*.yml"):  # no case may name the deleted brand
        text = case.read_text(encoding="utf-8")
        case.write_text(
            "\n".join(line for line in text.splitlines() if not line.startswith("brand:")) + "\n", encoding="utf-8"
        )
    after = prepare_site(project.root / "casebook.yml", THEME, memo=memo)
    assert len(after.collection.raw) == len(first.collection.raw) - 1
    assert _same_site(after, prepare_site(project.root / "casebook.yml", THEME))


def test_site_files_a_failed_build_leaves_unknown_are_written_again():
    memo = RebuildMemo()
    memo.site_files({"site/a.png": "cache/1.png", "site/b.png": "cache/2.png"})
    memo.build_ended(succeeded=True)
    stale, unchanged = memo.site_files({"site/a.png": "cache/1.png", "site/c.png": "cache/3.png"})
    assert stale == {"site/b.png"} and unchanged == {"site/a.png"}
    memo.build_ended(succeeded=False)  # a.png or c.png may have been written half-way, or not at all
    stale, unchanged = memo.site_files({"site/a.png": "cache/1.png"})
    assert stale == {"site/b.png", "site/c.png"} and unchanged == set()
