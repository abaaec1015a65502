"""The prepared site is read back only when none of its inputs changed."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.build.snapshot as snapshot
from generator.build.memo import RebuildMemo
from generator.core.errors import ContentError

THEME = Path(__file__).resolve().parents[2] / "theme"


@pytest.fixture()
def preparations(monkeypatch):
    """How many times the site was prepared rather than read back."""
    calls = []
    real = snapshot.prepare_site

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(snapshot, "prepare_site", counting)
    return calls


def test_an_unchanged_project_is_read_back_whole(project, preparations):
    first = snapshot.cached_site(project.root / "casebook.yml", THEME)
    again = snapshot.cached_site(project.root / "casebook.yml", THEME)
    assert len(preparations) == 1
    assert again.rendered == first.rendered and [p.url for p in again.pages] == [p.url for p in first.pages]
    assert again.qr_codes is not None and again.qr_codes.path == first.qr_codes.path


def test_an_edited_record_or_setting_prepares_the_site_again(project, preparations):
    snapshot.cached_site(project.root / "casebook.yml", THEME)
    project.replace("content/cases/example-case.yml", "en: Example case", "en: Edited example case")
    edited = snapshot.cached_site(project.root / "casebook.yml", THEME)
    assert len(preparations) == 2
    assert any("Edited example case" in page.body for page in edited.rendered.values())
    snapshot.cached_site(project.root / "casebook.yml", THEME, directory_urls=False)
    assert len(preparations) == 3


def test_a_broken_snapshot_is_prepared_again_and_serve_writes_none(project, preparations):
    path = project.root / ".cache" / "casebook" / snapshot.SNAPSHOT
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    snapshot.cached_site(project.root / "casebook.yml", THEME, memo=RebuildMemo())
    assert len(preparations) == 1 and path.read_bytes() == b"not a pickle"
    snapshot.cached_site(project.root / "casebook.yml", THEME)
    snapshot.cached_site(project.root / "casebook.yml", THEME)
    assert len(preparations) == 2


def test_content_errors_are_never_kept(project, preparations):
    project.replace("content/cases/example-case.yml", "en: Example case", "en: [")
    for _ in range(2):
        with pytest.raises(ContentError):
            snapshot.cached_site(project.root / "casebook.yml", THEME)
    assert len(preparations) == 2


def test_a_change_to_the_page_frame_keeps_the_site_and_one_to_a_body_template_does_not(project, preparations, tmp_path):
    import shutil

    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme, ignore=shutil.ignore_patterns("assets"))
    snapshot.cached_site(project.root / "casebook.yml", theme)
    with (theme / "main.html").open("a", encoding="utf-8") as frame:
        frame.write("{# the engine's page frame: our page bodies do not use it #}\n")
    snapshot.cached_site(project.root / "casebook.yml", theme)
    assert len(preparations) == 1
    with (theme / "casebook" / "case.html").open("a", encoding="utf-8") as body:
        body.write("{# a page body's template #}\n")
    snapshot.cached_site(project.root / "casebook.yml", theme)
    assert len(preparations) == 2
