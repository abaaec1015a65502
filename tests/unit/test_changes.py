"""`casebook changes BASE_REF`: exactly the records a branch adds, changes or removes, and their pages.

Runs on a throw-away git repository of the synthetic project (tests/unit/gitrepo.py).
"""

from __future__ import annotations

import json
import subprocess

import pytest
from click.testing import CliRunner
from gitrepo import GOOD_CASE, git, make_pull_requests

from generator.cli import cli


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    return make_pull_requests(tmp_path_factory.mktemp("changes"))


@pytest.fixture
def repo(repository, monkeypatch):
    """The repository on main with a clean work tree, and the working directory in it."""
    repository.git("checkout", "--quiet", "--force", "main")
    repository.git("clean", "--quiet", "-d", "--force")
    monkeypatch.chdir(repository.root)
    yield repository
    repository.git("checkout", "--quiet", "--force", "main")
    repository.git("clean", "--quiet", "-d", "--force")


def changes(*args: str):
    result = CliRunner().invoke(cli, ["changes", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def listed(ref: str = "origin/main") -> list[dict]:
    result = changes(ref, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def case_entry(change: str, case_id: str, note: str = "") -> dict:
    return {
        "change": change,
        "kind": "case",
        "id": case_id,
        "path": f"content/cases/{case_id}.yml",
        "pages": {"zh-TW": [f"cases/{case_id}/"], "en": [f"en/cases/{case_id}/"]},
        "all_pages": False,
        "note": note,
    }


# -- the two pull requests ------------------------------------------------------------------------


def test_good_pull_request_lists_exactly_its_case_and_pages(repo):
    repo.checkout("good-pr")
    assert listed() == [case_entry("added", "good-case")]


def test_bad_pull_request_lists_exactly_its_case(repo):
    repo.checkout("bad-pr")
    assert listed() == [case_entry("added", "bad-case")]


def test_nothing_changed_on_main(repo):
    assert listed() == []
    assert changes("origin/main").stdout == "No records or pages changed since origin/main.\n"


def test_only_the_branch_counts_when_main_moved_on(repo, tmp_path):
    upstream = repo.root.parent / "upstream"
    (upstream / "content/cases/later-case.yml").write_text(
        GOOD_CASE.replace("good-case", "later-case"), encoding="utf-8"
    )
    git(upstream, "add", "content/cases/later-case.yml")
    git(upstream, "commit", "--quiet", "-m", "A later case on main")
    try:
        repo.git("fetch", "--quiet", "origin")
        repo.checkout("good-pr")
        assert [c["id"] for c in listed()] == ["good-case"]
    finally:
        git(upstream, "reset", "--quiet", "--hard", "HEAD~1")
        repo.git("fetch", "--quiet", "--force", "origin", "+main:refs/remotes/origin/main")


# -- kinds of change ----------------------------------------------------------------------------------


def test_changed_and_removed_cases(repo):
    path = repo.root / "content/cases/example-case.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("範例案例", "改過的範例案例"), encoding="utf-8")
    assert listed() == [case_entry("changed", "example-case")]
    path.unlink()
    assert listed() == [case_entry("removed", "example-case", "removed from the site")]


def test_a_draft_that_is_published_gets_pages(repo):
    path = repo.root / "content/cases/second-example-case.yml"
    assert "status: draft" in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"), encoding="utf-8")
    assert listed() == [case_entry("changed", "second-example-case")]


def test_untracked_new_record_counts(repo):
    (repo.root / "content/cases/good-case.yml").write_text(GOOD_CASE, encoding="utf-8")
    assert listed() == [case_entry("added", "good-case")]


def test_a_draft_has_no_pages(repo):
    (repo.root / "content/cases/good-case.yml").write_text(GOOD_CASE.replace("published", "draft"), encoding="utf-8")
    assert listed() == [{**case_entry("added", "good-case", "draft: not on the site"), "pages": {}}]


def test_brand_and_exhibition_pages(repo):
    for path in ("content/brands/example-brand.yml", "content/exhibitions/example-exhibition.yml"):
        (repo.root / path).write_text((repo.root / path).read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    found = {(c["kind"], c["id"]): c["pages"] for c in listed()}
    assert found == {
        ("brand", "example-brand"): {"zh-TW": ["brands/example-brand/"], "en": ["en/brands/example-brand/"]},
        ("exhibition", "example-exhibition"): {"zh-TW": ["exhibitions/"], "en": ["en/exhibitions/"]},
    }


def test_shared_records_and_code_change_all_pages(repo):
    for path in ("content/taxonomy.yml", "content/places.yml"):
        (repo.root / path).write_text((repo.root / path).read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    (repo.root / "theme").mkdir()
    (repo.root / "theme/main.html").write_text("{# synthetic #}\n", encoding="utf-8")
    (repo.root / "notes.txt").write_text("not part of the site\n", encoding="utf-8")
    found = [(c["kind"], c["id"], c["all_pages"]) for c in listed()]
    assert found == [("places", "places", True), ("taxonomy", "taxonomy", True), ("site", "site", True)]


def test_policy_explainer_changes_its_page_in_its_language(repo):
    (repo.root / "content/policy/why.en.md").write_text("# Why\n\nSynthetic.\n", encoding="utf-8")
    (repo.root / "content/policy/summary.zh-TW.md").write_text("# 摘要\n\n合成。\n", encoding="utf-8")
    found = {c["id"]: c["pages"] for c in listed()}
    assert found == {"summary": {"zh-TW": ["", "policy/"]}, "why": {"en": ["en/policy/why/"]}}


# -- formats --------------------------------------------------------------------------------------------


def test_markdown_summary_is_bilingual(repo):
    repo.checkout("good-pr")
    text = changes("origin/main", "--format", "markdown").stdout
    assert text.splitlines()[0] == "## 這個 pull request 變更的紀錄與頁面 / Records and pages this pull request changes"
    assert "| 新增 / added | 案例 / case | `good-case` | `cases/good-case/`<br>`en/cases/good-case/` |  |" in text


def test_text_lists_pages_in_every_language(repo):
    repo.checkout("good-pr")
    assert changes("origin/main").stdout.splitlines() == [
        "added    case       good-case  (content/cases/good-case.yml)",
        "         pages: cases/good-case/, en/cases/good-case/",
    ]


# -- errors -----------------------------------------------------------------------------------------------


def test_unknown_ref_is_a_clear_error(repo):
    result = changes("origin/no-such-branch")
    assert result.exit_code == 1
    assert result.stderr == (
        "casebook changes: unknown git ref 'origin/no-such-branch'; fetch it first (e.g. `git fetch origin main`)\n"
    )


def test_a_ref_that_looks_like_an_option_is_only_a_ref(repo):
    result = changes("--", "--output=/tmp/x")
    assert result.exit_code == 1 and "unknown git ref '--output=/tmp/x'" in result.stderr


def test_not_a_git_repository_is_a_clear_error(project):
    result = changes("main")
    assert result.exit_code == 1
    assert result.stderr == f"casebook changes: {project.root} is not in a git repository\n"


def test_project_in_a_subfolder_of_the_repository(tmp_path, monkeypatch):
    """Paths are relative to the project, whatever folder of the repository it is in."""
    import shutil

    from gitrepo import FIXTURE_PROJECT

    shutil.copytree(FIXTURE_PROJECT, tmp_path / "site-project")
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "-m", "fixture")
    (tmp_path / "site-project/content/cases/good-case.yml").write_text(GOOD_CASE, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "site-project")
    assert listed("main") == [case_entry("added", "good-case")]
    assert subprocess.run(["git", "status", "--short"], cwd=tmp_path, capture_output=True).returncode == 0
