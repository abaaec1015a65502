"""`casebook validate`: what a person (or CI) sees, and the exit status."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli import cli

CASE = "content/cases/example-case.yml"
BRAND = "content/brands/example-brand.yml"


def run(*args: str):
    """The command in-process (fast); the working directory is the fixture copy."""
    result = CliRunner().invoke(cli, list(args))
    # only sys.exit may end the command; any other exception is a crash
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def break_two_files(project) -> None:
    project.replace(CASE, "title:\n", "titel:\n")
    project.replace(BRAND, "place: example-county", "place: exampleton")


def test_clean_project_exits_0(project):
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No problems found.\n"


def test_errors_exit_1_with_every_line_sorted(project):
    break_two_files(project)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "content/brands/example-brand.yml:8:8: error[unknown-place]: place: no place 'exampleton' in "
        "content/places.yml\n"
        "    hint: did you mean 'example-township' (範例縣範例鄉)?\n"
        f"{CASE}:2:1: error[missing-field]: title: field required\n"
        "    hint: add `title:`\n"
        f"{CASE}:7:1: error[unknown-field]: titel: 'titel' is not a field of a case\n"
        "    hint: did you mean 'title'?\n"
    )
    assert result.stderr == "Aborted with 3 errors and 0 warnings.\n"


def test_github_format(project):
    break_two_files(project)
    result = run("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=content/brands/example-brand.yml,line=8,col=8,title=unknown-place::place: no place "
        "'exampleton' in content/places.yml%0Ahint: did you mean 'example-township' (範例縣範例鄉)?",
        f"::error file={CASE},line=2,col=1,title=missing-field::title: field required%0Ahint: add `title:`",
        f"::error file={CASE},line=7,col=1,title=unknown-field::titel: 'titel' is not a field of a case"
        "%0Ahint: did you mean 'title'?",
    ]
    assert result.stderr == ""


def test_github_format_for_a_whole_file_problem_has_no_line(project):
    project.path("content/places.yml").unlink()
    result = run("validate", "--format", "github")
    assert result.stdout == (
        "::error file=content/places.yml,title=missing-file::places.yml is missing"
        "%0Ahint: every project needs places, taxonomy, sources and policy data\n"
    )


def test_json_format_holds_the_same_diagnostics(project):
    break_two_files(project)
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [d.to_dict() for d in project.diagnostics()]
    assert json.loads(result.stdout)[2] == {
        "path": CASE,
        "line": 7,
        "col": 1,
        "code": "unknown-field",
        "field": "titel",
        "message": "'titel' is not a field of a case",
        "hint": "did you mean 'title'?",
        "severity": "error",
    }


def test_json_format_of_a_clean_project_is_an_empty_list(project):
    result = run("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_warnings_alone_pass_unless_strict(project):
    project.write(CASE, project.read(CASE).split("\n", 1)[1])  # drop the schema line
    warning = (
        f"{CASE}:1:1: warning[missing-schema-line]: the first line should name the JSON Schema, so "
        "editors can complete and check fields\n"
        "    hint: add `# yaml-language-server: $schema=<path to schema/case.schema.json>`\n"
    )
    result = run("validate")
    assert (result.exit_code, result.stdout, result.stderr) == (0, warning, "Found 0 errors and 1 warning.\n")
    result = run("validate", "--strict")
    assert (result.exit_code, result.stdout, result.stderr) == (1, warning, "Aborted with 0 errors and 1 warning.\n")


def test_paths_limit_the_report_but_not_the_checks(project):
    break_two_files(project)
    result = run("validate", "content/brands")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("content/brands/example-brand.yml:8:8: error[unknown-place]")
    assert len(result.stdout.splitlines()) == 2
    result = run("validate", "content/exhibitions/example-exhibition.yml")
    assert (result.exit_code, result.stdout) == (0, "")


def test_broken_config_is_reported_with_its_position(project):
    project.replace("casebook.yml", "content_dir: content", "content_dir: content\ncontent_dri: x")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "casebook.yml:13:1: error[unknown-field]: content_dri: 'content_dri' is not a field "
        "of a site config\n    hint: did you mean 'content_dir'?\n"
    )


def test_missing_config(project):
    project.path("casebook.yml").unlink()
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "casebook.yml: error[no-config]: casebook.yml not found\n"
        "    hint: run casebook from the project folder, or pass --config\n"
    )


# -- a real process, as CI runs it ---------------------------------------------------------


def test_hostile_content_in_a_real_process_gives_lines_not_tracebacks(project):
    project.write(CASE, "a: &a [x, x]\nb: [*a, *a]\nc: !!python/object/apply:os.system ['echo pwned']\n")
    project.write(BRAND, b"# yaml-language-server: $schema=x\nid: example-brand\nname: caf\xe9\n")
    project.write("content/exhibitions/example-exhibition.yml", "")
    project.write("content/cases/big.yml", "# " + "x" * (256 * 1024) + "\n")
    project.write("content/cases/other.yaml", "id: other\n")
    result = project.run_cli("validate")
    assert "Traceback" not in result.stdout + result.stderr
    assert "pwned" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if not line.startswith("    ")] == [
        "content/brands/example-brand.yml:3:10: error[not-utf8]: byte 0xe9 is not valid UTF-8",
        "content/cases/big.yml:1:1: error[file-too-large]: file is 262147 bytes; the limit is 262144 bytes",
        f"{CASE}:1:4: error[yaml-anchor]: YAML anchor '&a' is not allowed",
        f"{CASE}:2:5: error[yaml-alias]: YAML alias '*a' is not allowed",
        f"{CASE}:2:9: error[yaml-alias]: YAML alias '*a' is not allowed",
        f"{CASE}:3:4: error[yaml-tag]: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        "content/cases/other.yaml: error[wrong-extension]: record files end in .yml, not .yaml",
        "content/exhibitions/example-exhibition.yml:1:1: error[empty-file]: file has no data",
    ]
    assert result.stderr == "Aborted with 8 errors and 0 warnings.\n"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_clean_project_in_a_real_process(project, fmt):
    result = project.run_cli("validate", "--format", fmt)
    assert result.returncode == 0
    assert result.stdout == ("" if fmt == "text" else "[]\n")
