"""The JSON Schemas in schema/: generated from generator.model.records, committed, and true to the records."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.load.yaml_loader import load_bytes
from generator.model.raw import FILE_KINDS, FOLDER_KINDS, SourceRef
from generator.model.records import RECORD_MODELS
from generator.model.schema import render_schemas, schema_filename

TESTS = Path(__file__).resolve().parent.parent
REPO_ROOT = TESTS.parent
SCHEMA_DIR = REPO_ROOT / "schema"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def record_files(content_dir: Path) -> list[tuple[Path, str]]:
    """Every record file under a content folder, with its kind."""
    files = [(content_dir / name, kind) for name, kind in FILE_KINDS.items() if (content_dir / name).is_file()]
    for folder, kind in FOLDER_KINDS.items():
        files += [(path, kind) for path in sorted((content_dir / folder).glob("*.yml"))]
    return files


def load_data(path: Path, kind: str):
    raw, diagnostics = load_bytes(SourceRef(path.name, path, kind), path.read_bytes())
    assert raw is not None, [d.format_text() for d in diagnostics]
    return raw.data


def validator(kind: str):
    schema = json.loads((SCHEMA_DIR / schema_filename(kind)).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def schema_errors(path: Path, kind: str) -> list[str]:
    return [
        f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(kind).iter_errors(load_data(path, kind))
    ]


FIXTURE_FILES = record_files(TESTS / "fixtures" / "project" / "content")
CONTENT_FILES = record_files(REPO_ROOT / "content")


def file_id(item: tuple[Path, str]) -> str:
    return item[0].parent.name + "/" + item[0].name


# -- committed schemas match the models ----------------------------------------------------


def test_committed_schemas_match_the_models():
    stale = [
        name
        for name, text in render_schemas().items()
        if not (SCHEMA_DIR / name).is_file() or (SCHEMA_DIR / name).read_text(encoding="utf-8") != text
    ]
    assert stale == [], (
        f"schema/ is out of date for {', '.join(stale)}: generator/model/records.py changed; "
        "run `casebook schema` and commit schema/"
    )


def test_schema_dir_holds_one_schema_per_record_kind_and_nothing_else():
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(schema_filename(k) for k in RECORD_MODELS)


def test_render_schemas_is_deterministic():
    from generator.model.schema import _schemas

    assert _schemas.__wrapped__() == _schemas.__wrapped__(), "made twice, the same text (kept once a process)"


# -- records agree with their JSON Schema ---------------------------------------------------


def test_fixture_has_every_kind():
    assert sorted({kind for _, kind in FIXTURE_FILES}) == sorted(RECORD_MODELS)


@pytest.mark.parametrize("item", FIXTURE_FILES, ids=file_id)
def test_fixture_records_validate_against_their_json_schema(item):
    assert schema_errors(*item) == []


@pytest.mark.parametrize("item", FIXTURE_FILES + CONTENT_FILES, ids=file_id)
def test_schema_line_names_the_committed_schema_of_its_kind(item):
    path, kind = item
    match = SCHEMA_LINE.match(path.read_text(encoding="utf-8").split("\n", 1)[0])
    assert match, f"{path}: first line is not a `# yaml-language-server: $schema=` line"
    target = (path.parent / match.group(1)).resolve()
    assert target == SCHEMA_DIR / schema_filename(kind)


@pytest.mark.skipif(not CONTENT_FILES, reason="content/ holds no records yet")
@pytest.mark.parametrize("item", CONTENT_FILES, ids=file_id)
def test_content_records_validate_against_their_json_schema(item):
    assert schema_errors(*item) == []


def test_json_schema_refuses_what_the_model_refuses():
    path, kind = next(item for item in FIXTURE_FILES if item[1] == "case")
    data = load_data(path, kind)
    data["titel"] = data.pop("title")
    data["arrows"] = "example-arrow-one"
    messages = sorted(e.message for e in validator(kind).iter_errors(data))
    assert messages == [
        "'example-arrow-one' is not of type 'array'",
        "'title' is a required property",
        "Additional properties are not allowed ('titel' was unexpected)",
    ]


# -- the `casebook schema` command ----------------------------------------------------------


def test_schema_command_writes_and_checks(project):
    runner = CliRunner()
    names = sorted(schema_filename(kind) for kind in RECORD_MODELS)

    result = runner.invoke(cli, ["schema", "--check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"schema/{name}: out of date; run `casebook schema`" for name in render_schemas()
    ]

    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert sorted(result.stdout.splitlines()) == [f"wrote schema/{name}" for name in names]
    assert sorted(p.name for p in project.path("schema").iterdir()) == names

    result = runner.invoke(cli, ["schema", "--check"])
    assert (result.exit_code, result.stdout) == (0, "")

    project.write("schema/case.schema.json", "{}\n")
    result = runner.invoke(cli, ["schema", "--check"])
    assert (result.exit_code, result.stdout) == (1, "schema/case.schema.json: out of date; run `casebook schema`\n")
    result = runner.invoke(cli, ["schema"])
    assert (result.exit_code, result.stdout) == (0, "wrote schema/case.schema.json\n")
