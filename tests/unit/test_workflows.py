""".github/: the workflows pass actionlint, follow our rules, and their commands work.

The commands are taken from the workflow files themselves and run with bash
on a throw-away repository of the synthetic project with a good and a bad
pull request (tests/unit/gitrepo.py), as GitHub would run them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gitrepo import BAD_PLACE_LINE, BAD_SOURCE_LINE, make_pull_requests

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent  # actionlint, shellcheck and yamllint come with the test extras
ISSUES = REPO / "tests" / "fixtures" / "issues"


def workflow(name: str) -> dict:
    data = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # PyYAML reads the key `on` as YAML 1.1's true
    return data


def step(name: str, step_id: str) -> dict:
    for job in workflow(name)["jobs"].values():
        for found in job["steps"]:
            if found.get("id") == step_id:
                return found
    raise AssertionError(f"no step {step_id} in {name}")


# -- actionlint and our rules ------------------------------------------------------------------------


def test_the_workflows_are_there():
    assert [w.name for w in WORKFLOWS] == [
        "deploy.yml",
        "new-case-from-issue.yml",
        "pull-request.yml",
        "weekly-check.yml",
    ]


def test_actionlint_with_shellcheck_passes_on_every_workflow():
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [str(BIN / "actionlint"), "-shellcheck", str(BIN / "shellcheck"), *map(str, WORKFLOWS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


USES = re.compile(r"^\s*(?:- )?uses: (?P<action>[^@\s]+)@(?P<ref>\S+)(?P<comment>.*)$")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_the_version_beside_it(path):
    uses = [USES.match(line) for line in path.read_text(encoding="utf-8").splitlines() if USES.match(line)]
    assert uses
    for match in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", match["ref"]), match.group(0)
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", match["comment"]), match.group(0)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_concurrency(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["permissions"] == {}, "nothing by default; each job asks for what it needs"
    assert "group" in data["concurrency"]
    for name, job in data["jobs"].items():
        assert isinstance(job.get("permissions"), dict) and job["permissions"], name
        assert "write-all" not in str(job["permissions"]) and job.get("timeout-minutes"), name


def test_only_jobs_that_publish_or_write_may_write():
    writes = {
        (w.name, job): sorted(k for k, v in spec["permissions"].items() if v == "write")
        for w in WORKFLOWS
        for job, spec in yaml.safe_load(w.read_text(encoding="utf-8"))["jobs"].items()
    }
    assert {key: value for key, value in writes.items() if value} == {
        ("deploy.yml", "deploy"): ["id-token", "pages"],
        ("new-case-from-issue.yml", "pull-request"): ["contents", "issues", "pull-requests"],
        ("weekly-check.yml", "report"): ["issues"],
    }


def test_untrusted_issue_text_reaches_scripts_only_through_the_environment():
    for path in WORKFLOWS:
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for found in job["steps"]:
                assert "github.event" not in found.get("run", ""), (path.name, found.get("name"))


def test_pull_request_workflow_runs_the_readme_commands():
    runs = [s.get("run", "") for s in workflow("pull-request.yml")["jobs"]["check"]["steps"]]
    setup = step("pull-request.yml", "setup")
    assert setup["run"] == 'if [ "$CONTENT_ONLY" = true ]; then make setup-content; else make setup; fi'
    assert setup["env"] == {"CONTENT_ONLY": "${{ steps.scope.outputs.content_only }}"}
    for command in (
        ".venv/bin/casebook validate --strict --format github --lang zh-TW",
        ".venv/bin/casebook build --strict -d site",
        "make test",
    ):
        assert command in runs, command
    assert step("pull-request.yml", "summary")["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    upload = next(
        s for s in workflow("pull-request.yml")["jobs"]["check"]["steps"] if "upload-artifact" in s.get("uses", "")
    )
    assert upload["with"]["path"] == "site-preview/"


def test_deploy_uses_the_official_pages_actions_and_caches():
    steps = [s for job in workflow("deploy.yml")["jobs"].values() for s in job["steps"]]
    used = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used
    caches = {s["with"]["path"]: s["with"]["key"] for s in steps if s.get("uses", "").startswith("actions/cache@")}
    assert "hashFiles('pyproject.toml')" in caches["~/.cache/pip"]
    assert "content/media/**" in caches[".cache/"] and "generator/**" in caches[".cache/"]
    assert workflow("deploy.yml")["on"]["push"]["branches"] == ["main"]


def test_deploy_builds_for_the_address_pages_gives_and_asks_for_a_deploy_build():
    steps = [s for s in workflow("deploy.yml")["jobs"]["build"]["steps"]]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    build = next(s for s in steps if "make build" in s.get("run", ""))
    assert pages["id"] == "pages"
    assert build["env"]["CASEBOOK_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert build["env"]["CASEBOOK_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build["run"] == "make build BUILD_FLAGS=--deploy"
    assert steps.index(pages) < steps.index(build)


def test_weekly_check_is_weekly():
    data = workflow("weekly-check.yml")
    assert [entry["cron"].split()[2:] for entry in data["on"]["schedule"]] == [["*", "*", "1"]]


# -- the workflows' commands on a repository with a good and a bad pull request -------------------------


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    return make_pull_requests(tmp_path_factory.mktemp("workflows"))


def run_step(repo, name: str, step_id: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """A workflow step's `run:` script with bash -e, as GitHub runs it, in the repository."""
    found = step(name, step_id)
    variables = {
        **os.environ,
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        **env,
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", found["run"]],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env=variables,
        timeout=120,
    )


def test_good_pull_request_passes_validation(repository, tmp_path):
    repository.checkout("good-pr")
    result = run_step(repository, "pull-request.yml", "validate", tmp_path)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_bad_pull_request_gets_annotations_on_the_right_lines(repository, tmp_path):
    repository.checkout("bad-pr")
    result = run_step(repository, "pull-request.yml", "validate", tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        # in English, then in 正體中文, each with its hint (none for a place nothing is close to)
        f"::error file=content/cases/bad-case.yml,line={BAD_PLACE_LINE},col=8,title=unknown-place::"
        "place: no place 'atlantis' in content/places.yml%0A"
        "place: content/places.yml 裡沒有地點「atlantis」",
        f"::error file=content/cases/bad-case.yml,line={BAD_SOURCE_LINE},col=13,title=unknown-source::"
        "sources[0].source: no source 'no-such-source' in content/sources.yml%0Ahint: use one of: 'example-source' (合成測試資料 / Synthetic fixture source), 'example-report' (合成測試報告 / Synthetic fixture report)%0A"
        "sources[0].source: content/sources.yml 裡沒有出處「no-such-source」%0Ahint: 請從這些選一個：'example-source' (合成測試資料 / Synthetic fixture source), 'example-report' (合成測試報告 / Synthetic fixture report)",
    ]
    lines = (repository.root / "content/cases/bad-case.yml").read_text(encoding="utf-8").splitlines()
    assert lines[BAD_PLACE_LINE - 1][7:] == "atlantis" and lines[BAD_SOURCE_LINE - 1][12:] == "no-such-source"


@pytest.mark.parametrize("branch, case_id", [("good-pr", "good-case"), ("bad-pr", "bad-case")])
def test_job_summary_lists_exactly_the_changed_records(repository, tmp_path, branch, case_id):
    repository.checkout(branch)
    result = run_step(repository, "pull-request.yml", "summary", tmp_path, BASE_REF="main")
    assert result.returncode == 0, result.stderr
    rows = [
        line
        for line in (tmp_path / "summary.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith("| 變更")
    ]
    assert rows == [f"| 新增 / added | 案例 / case | `{case_id}` | `cases/{case_id}/`<br>`en/cases/{case_id}/` |  |"]


def test_issue_form_step_writes_the_record(repository, tmp_path):
    repository.checkout("main")
    body = (ISSUES / "complete.md").read_text(encoding="utf-8")
    try:
        result = run_step(repository, "new-case-from-issue.yml", "record", tmp_path, ISSUE_BODY=body)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "output").read_text(encoding="utf-8") == "status=0\n"
        assert (
            repository.git("status", "--porcelain", "--untracked-files=all")
            == "?? content/cases/a-synthetic-case-in-example-township.yml\n"
        )
    finally:
        repository.git("clean", "--quiet", "--force", "content/cases")


def test_issue_form_step_keeps_the_missing_answers_for_the_comment(repository, tmp_path):
    repository.checkout("main")
    body = (ISSUES / "partial.md").read_text(encoding="utf-8")
    result = run_step(repository, "new-case-from-issue.yml", "record", tmp_path, ISSUE_BODY=body)
    assert result.returncode == 0
    assert (tmp_path / "output").read_text(encoding="utf-8") == "status=1\n"
    problems = (tmp_path / "problems.txt").read_text(encoding="utf-8").splitlines()
    assert problems[0] == "missing: 標題（英文）/ Title in English" and len(problems) == 8
    assert repository.git("status", "--porcelain") == ""


# -- YAML of the records and of .github ---------------------------------------------------------------------


def test_yamllint_passes_on_content_and_github_files():
    paths = ["content", ".github", ".pre-commit-config.yaml", ".yamllint.yml", "tests/fixtures/project"]
    result = subprocess.run(
        [str(BIN / "yamllint"), "-c", ".yamllint.yml", "--strict", *paths],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hooks_are_local_and_their_commands_exist():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert set(hooks) == {"casebook-validate", "casebook-schema", "yamllint"}
    for hook in hooks.values():
        executable = hook["entry"].split()[0]
        assert executable.startswith(".venv/bin/") and (REPO / executable).exists(), hook["id"]
    assert hooks["casebook-schema"]["entry"] == ".venv/bin/casebook schema --check"


def test_pre_commit_hooks_pass_on_the_good_pull_request(repository):
    """Each hook's command, run as pre-commit runs it (from the repository's root)."""
    repository.checkout("good-pr")
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    lint_config = repository.root / ".yamllint.yml"
    lint_config.write_bytes((REPO / ".yamllint.yml").read_bytes())
    try:
        for hook in hooks:
            if hook["id"] == "casebook-schema":
                continue  # the fixture repository has no schema/; tests/unit/test_schema.py checks the real one
            args = hook["entry"].split() + (["content"] if hook["id"] == "yamllint" else [])
            result = subprocess.run(args, cwd=repository.root, capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, (hook["id"], result.stdout, result.stderr)
    finally:
        lint_config.unlink()


# -- the other files of .github ---------------------------------------------------------------------------


def test_codeowners_covers_content_and_code():
    rules = {
        line.split()[0]: line.split()[1:]
        for line in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for pattern in ("/content/", "/generator/", "/theme/", "/.github/"):
        assert rules.get(pattern), pattern


def test_pull_request_template_is_a_bilingual_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) >= 4
    for box in boxes:
        assert "/ " in box and any("\u4e00" <= ch <= "\u9fff" for ch in box), box


def test_issue_to_pull_request_keeps_its_token_to_the_steps_that_write():
    job = workflow("new-case-from-issue.yml")["jobs"]["pull-request"]
    assert "GH_TOKEN" not in job.get("env", {})
    checkout = job["steps"][0]
    assert checkout["with"] == {"persist-credentials": False}
    with_token = [s.get("name") for s in job["steps"] if "GH_TOKEN" in s.get("env", {})]
    assert with_token == [
        "Open or update the pull request",
        "Comment with the pull request",
        "Comment with the answers to add or fix",
    ]


def test_content_only_pull_requests_run_the_content_tests_and_the_preview_works_from_disk():
    steps = workflow("pull-request.yml")["jobs"]["check"]["steps"]
    runs = {s.get("name"): s.get("run", "") for s in steps}
    assert runs["Content tests (make test-content; the pull request changes only content/)"] == "make test-content"
    assert "--for-disk" in runs["Build the preview (links that work opened from disk)"]
    assert "--lang zh-TW" in runs["Validate records"]  # annotations in English and 正體中文
