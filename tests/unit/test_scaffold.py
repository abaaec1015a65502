"""`casebook new case`: the record it writes passes `casebook validate` as written.

Runs against a copy of the synthetic project (tests/fixtures/project, copied by
the `project` fixture in tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.authoring import scaffold
from generator.build.pipeline import load_collection
from generator.cli import cli
from generator.load.project import load_project
from generator.load.yaml_loader import load_bytes
from generator.model.raw import SourceRef

REPO = Path(__file__).resolve().parents[2]
NEW = "content/cases/kouhu-smart-fish-farming.yml"
ARROWS = (
    "'example-arrow-one' (範例一 / Example arrow one), 'example-arrow-two' (範例二 / Example arrow two), "
    "'example-arrow-three' (範例三 / Example arrow three), 'example-arrow-four' (範例四 / Example arrow four), "
    "'example-arrow-five' (範例五 / Example arrow five)"
)
ALL_FLAGS = [
    "--title-zh",
    "口湖智慧養殖",
    "--title-en",
    "Kouhu: smart fish farming",
    "--summary-zh",
    "合成測試摘要。",
    "--summary-en",
    "Synthetic test summary.",
    "--place",
    "example-township",
    "--arrow",
    "example-arrow-one",
    "--arrow",
    "example-arrow-three",
    "--technology",
    "example-tech",
    "--industry",
    "example-industry",
    "--source",
    "example-source",
]


def new_case(*args: str, input: str | None = None):
    """`casebook new case ARGS` in-process; CliRunner's stdin is never a terminal."""
    result = CliRunner().invoke(cli, ["new", "case", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def flags(**changes: str) -> list[str]:
    """ALL_FLAGS with some values replaced: flags(place="Exampleton")."""
    args = list(ALL_FLAGS)
    for name, value in changes.items():
        index = args.index("--" + name.replace("_", "-"))
        args[index + 1] = value
    return args


def load_cases(project) -> dict:
    """The real pipeline on the project copy: every valid case, by id."""
    config, _ = load_project(project.root / "casebook.yml")
    collection, _ = load_collection(config)
    return collection.cases


# -- writes a record that validates --------------------------------------------------------


def test_all_flags_write_a_record_that_validates(project):
    result = new_case("--yes", *ALL_FLAGS)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"wrote {NEW}"
    assert project.diagnostics() == []
    case = load_cases(project)["kouhu-smart-fish-farming"]
    assert (case.status, case.place, case.arrows) == (
        "draft",
        "example-township",
        ["example-arrow-one", "example-arrow-three"],
    )
    assert (case.technologies, case.industries) == (["example-tech"], ["example-industry"])
    assert case.title == {"zh-TW": "口湖智慧養殖", "en": "Kouhu: smart fish farming"}
    assert case.summary == {"zh-TW": "合成測試摘要。", "en": "Synthetic test summary."}
    assert case.last_reviewed == dt.date.today()
    assert case.translations["en"].reviewed is False
    assert [c.source for c in case.sources] == ["example-source"]
    assert all(text.startswith("TODO") for text in case.story.values())


def test_written_record_passes_casebook_validate(project):
    """The same check a contributor and CI run: the console command in a fresh interpreter."""
    assert project.run_cli("new", "case", "--yes", *ALL_FLAGS).returncode == 0
    result = project.run_cli("validate", "--strict")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "No problems found.\n")


def test_written_record_matches_the_published_json_schema(project):
    """What an editor checks through the first line of the file."""
    new_case("--yes", *ALL_FLAGS)
    text = project.read(NEW)
    assert text.startswith("# yaml-language-server: $schema=../../schema/case.schema.json\n")
    schema = json.loads((REPO / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    raw, _ = load_bytes(SourceRef(NEW, project.path(NEW), "case"), text.encode("utf-8"))
    jsonschema.validate(raw.data, schema)


def test_every_field_has_a_note_in_both_languages(project):
    new_case("--yes", *ALL_FLAGS)
    lines = project.read(NEW).splitlines()
    for key in (
        "id",
        "status",
        "last_reviewed",
        "translations",
        "title",
        "summary",
        "story",
        "place",
        "arrows",
        "technologies",
        "industries",
        "sources",
    ):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        notes = " ".join(lines[at - 2 : at])
        assert notes.startswith("#") and any("\u4e00" <= ch <= "\u9fff" for ch in notes), key
        assert any(ch.isascii() and ch.isalpha() for ch in notes), key


# -- text round-trips exactly ---------------------------------------------------------------


def test_title_with_colon_hash_and_quotes_round_trips(project):
    title_en = "Kouhu: #1 \"smart\" fish 'farming' \\ {x} [y] & *z"
    title_zh = '口湖：#養殖 "引號"\n第二行\t'
    result = new_case("--yes", *flags(title_en=title_en, title_zh=title_zh), "--id", "round-trip")
    assert result.exit_code == 0, result.output
    assert project.diagnostics() == []
    assert load_cases(project)["round-trip"].title == {"zh-TW": title_zh, "en": title_en}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=60))
def test_any_text_round_trips(text):
    answers = scaffold.CaseAnswers(
        id="x", title_zh=text, title_en=text, summary_zh=text, summary_en=text, place="p", arrows=("a",), source="s"
    )
    context = _bare_context()
    yaml_text = scaffold.case_yaml(answers, context, dt.date(2024, 1, 1))
    raw, problems = load_bytes(SourceRef("x.yml", Path("x.yml"), "case"), yaml_text.encode("utf-8"))
    assert problems == []
    assert raw.data["title"] == {"zh-TW": text, "en": text}
    assert raw.data["summary"] == {"zh-TW": text, "en": text}


def _bare_context() -> scaffold.ScaffoldContext:
    project, _ = load_project(REPO / "tests" / "fixtures" / "project" / "casebook.yml")
    return scaffold.ScaffoldContext(project, None, (), (), (), (), ())


@pytest.mark.parametrize("value", ["yes", "no", "null", "true", "2019", "0o17", "1e5", "a: b", "#x", "Kouhu"])
def test_ids_that_yaml_would_read_as_something_else_are_quoted(value):
    answers = scaffold.CaseAnswers(id="x", place=value, arrows=(value,), source=value)
    yaml_text = scaffold.case_yaml(answers, _bare_context(), dt.date(2024, 1, 1))
    raw, _ = load_bytes(SourceRef("x.yml", Path("x.yml"), "case"), yaml_text.encode("utf-8"))
    assert (raw.data["place"], raw.data["arrows"], raw.data["sources"][0]["source"]) == (value, [value], value)


# -- names resolve to ids --------------------------------------------------------------------


@pytest.mark.parametrize(
    "given_place, place_id",
    [
        ("Exampleton", "example-township"),  # an alias
        ("exampleton", "example-township"),  # case does not matter
        ("範例縣", "example-county"),  # a name in Chinese
        ("Other County", "other-county"),  # a name in English
    ],
)
def test_place_alias_or_name_resolves_to_its_id(project, given_place, place_id):
    result = new_case("--yes", *flags(place=given_place))
    assert result.exit_code == 0, result.output
    assert f"\nplace: {place_id}  # " in project.read(NEW)
    assert project.diagnostics() == []


def test_arrow_label_resolves_to_its_id(project):
    new_case("--yes", *flags(), "--arrow", "範例五")
    assert load_cases(project)["kouhu-smart-fish-farming"].arrows == [
        "example-arrow-one",
        "example-arrow-three",
        "example-arrow-five",
    ]


@pytest.mark.parametrize(
    "title, slug",
    [
        ('Kouhu: smart "fish" #1', "kouhu-smart-fish-1"),
        ("  Café in Guantian!  ", "cafe-in-guantian"),
        ("口湖", ""),
        ("word " * 30, "-".join(["word"] * 16)),  # cut at a word, at most 80 characters
    ],
)
def test_id_is_derived_from_the_english_title(title, slug):
    assert scaffold.derive_id(title) == slug


# -- missing answers without a terminal -------------------------------------------------------


def test_missing_answers_without_a_terminal_name_each_flag(project):
    result = new_case("--title-en", "Kouhu: smart fish farming", "--place", "Exampleton")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: missing --title-zh: 標題（正體中文）/ Title in Chinese",
        "error: missing --summary-zh: 摘要，一兩句（正體中文）/ Summary in Chinese, one or two sentences",
        "error: missing --summary-en: 英文摘要 / Summary in English",
        "error: missing --arrow: 五支箭，以逗號分隔 / Arrows, comma-separated",
        "error: missing --source: 出處 / Source (id in content/sources.yml)",
        "hint: pass the options above, or run the command in a terminal to be asked",
    ]
    assert not project.path(NEW).exists()


def test_id_is_missing_when_the_english_title_gives_none(project):
    result = new_case("--yes", *flags(title_en="口湖"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "error: missing --id: 代號（檔名）/ Id, the file name"


# -- refusals and problems ---------------------------------------------------------------------


def test_existing_file_is_refused_without_force(project):
    assert new_case("--yes", *ALL_FLAGS).exit_code == 0
    before = project.read(NEW)
    result = new_case("--yes", *flags(summary_en="Changed."))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{NEW}: error[file-exists]: id: the file already exists\n"
        "    hint: choose another --id, or pass --force to overwrite it\n"
    )
    assert result.stderr == "Aborted with 1 error and 0 warnings. Nothing was written.\n"
    assert project.read(NEW) == before
    assert new_case("--yes", "--force", *flags(summary_en="Changed.")).exit_code == 0
    assert load_cases(project)["kouhu-smart-fish-farming"].summary["en"] == "Changed."


def test_id_of_another_file_is_refused_even_with_force(project):
    project.path("content/cases/example-case.yml").rename(project.path("content/cases/renamed.yml"))
    result = new_case("--yes", "--force", "--id", "example-case", *ALL_FLAGS)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/cases/renamed.yml: error[duplicate-id]: id: another case already has id 'example-case'",
        "    hint: it is content/cases/renamed.yml; choose another --id",
    ]
    assert not project.path("content/cases/example-case.yml").exists()


def test_invalid_id_is_refused_before_any_path_is_made(project):
    result = new_case("--yes", "--id", "../../escape", *ALL_FLAGS)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/cases: error[invalid-value]: id: '../../escape' is not a valid id: use lower-case letters a-z, "
        "digits and hyphens"
    )
    assert sorted(p.name for p in project.root.parent.iterdir()) == ["project"]


def test_invalid_answers_are_reported_like_validate_and_nothing_is_written(project):
    result = new_case("--yes", *flags(arrow="nope", source="example-sorce", place="nowhere"))
    assert result.exit_code == 1
    # the file was not written, so each problem names the answer to change, not a line of it
    assert result.stdout == (
        "answer --arrow: error[unknown-term]: arrows[0]: 'nope' is not one of the arrows in content/taxonomy.yml\n"
        f"    hint: use one of: {ARROWS}\n"
        "answer --place: error[unknown-place]: place: no place 'nowhere' in content/places.yml\n"
        "answer --source: error[unknown-source]: sources[0].source: no source 'example-sorce' in content/sources.yml\n"
        "    hint: did you mean 'example-source' (合成測試資料 / Synthetic fixture source)?\n"
    )
    assert result.stderr == "Aborted with 3 errors and 0 warnings. Nothing was written.\n"
    assert not project.path(NEW).exists()


def test_unknown_names_get_the_valid_ids_as_a_hint(project):
    result = new_case("--yes", *flags(place="Nowhere"), "--arrow", "地方品牌")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "answer --arrow: error[unknown-term]: arrows[2]: '地方品牌' is not one of the arrows in content/taxonomy.yml",
        f"    hint: use one of: {ARROWS}",
        "answer --place: error[unknown-place]: place: no place 'Nowhere' in content/places.yml",
    ]


def test_force_that_would_break_another_record_is_refused(project):
    """The exhibition lists example-case, which must stay published."""
    result = new_case("--yes", "--force", "--id", "example-case", *ALL_FLAGS)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/exhibitions/example-exhibition.yml:16:11: error[draft-reference]: kit.cases[0]: case 'example-case' "
        "is a draft, so it has no page to link to"
    )
    assert project.diagnostics() == []


def test_published_placeholder_is_written_with_a_warning(project):
    result = new_case("--yes", "--status", "published", *ALL_FLAGS)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        f"{NEW}:33:1: warning[placeholder-story]: story: the story is still the TODO placeholder and the case "
        "is published"
    )
    assert project.diagnostics() == []


def test_broken_reference_files_stop_it(project):
    project.path("content/places.yml").unlink()
    result = new_case("--yes", *ALL_FLAGS)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "content/places.yml: error[missing-file]: places.yml is missing"


def test_yes_and_interactive_exclude_each_other(project):
    result = new_case("--yes", "--interactive", *ALL_FLAGS)
    assert result.exit_code == 2
    assert "--yes and --interactive cannot be used together" in result.stderr


# -- prompts ------------------------------------------------------------------------------------

ANSWERS = [
    "口湖智慧養殖",  # title in Chinese
    'Kouhu: "smart" fish #1',  # title in English
    "",  # id: take the one derived from the English title
    "合成測試摘要。",
    "Synthetic test summary.",
    "Nowhere",  # not a place: asked again
    "Exampleton",  # an alias
    "example-arrow-one，範例二",  # ids or labels, Chinese comma
    "",  # technologies: none
    "example-industry",
    "example-source",
]


def test_prompts_for_every_answer_and_shows_the_choices(project):
    result = new_case("--interactive", input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert "Id, the file name [kouhu-smart-fish-1]:" in result.stdout
    assert "  example-township  範例鄉 / Example Township" in result.stdout
    assert "  example-arrow-two    範例二 / Example arrow two" in result.stdout
    assert "Error: 'Nowhere' is not one of the choices listed above" in result.stdout
    assert "wrote content/cases/kouhu-smart-fish-1.yml" in result.stdout
    assert project.diagnostics() == []
    case = load_cases(project)["kouhu-smart-fish-1"]
    assert (case.title["en"], case.place, case.arrows) == (
        'Kouhu: "smart" fish #1',
        "example-township",
        ["example-arrow-one", "example-arrow-two"],
    )
    assert (case.technologies, case.industries) == ([], ["example-industry"])


def test_prompts_only_for_what_the_flags_leave_out(project):
    given = flags()[:-2]  # everything but --source
    result = new_case("--interactive", *given, "--id", "from-prompt", input="nope\nexample-report\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Source (id in content/sources.yml):") == 2
    assert "Title in Chinese" not in result.stdout
    assert [c.source for c in load_cases(project)["from-prompt"].sources] == ["example-report"]


def test_an_existing_id_is_asked_again(project):
    answers = ANSWERS[:2] + ["example-case", "new-id"] + ANSWERS[3:]
    result = new_case("--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Error: a case with id 'example-case' already exists; choose another id" in result.stdout
    assert project.path("content/cases/new-id.yml").exists()
