"""`casebook new case --from-issue`: the body of a "new case" issue form -> a record that validates.

The bodies are written the way GitHub writes a form submission: `### <label>`
per field, `_No response_` for an empty answer, `- [X] option` per ticked box.
Most tests run on a copy of the synthetic project (tests/fixtures/project);
those about the real form use the real places, taxonomy and sources.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.authoring import issue_form
from generator.authoring.issue_form import CONFIRMATION, FIELD_BY_ID, FIELDS, NEED_KINDS, NO_RESPONSE, OTHER_SOURCE
from generator.authoring.issue_form_yaml import BIDI_CONTROLS
from generator.authoring.scaffold import load_context
from generator.build.pipeline import load_collection
from generator.check.records import validate_record
from generator.cli import cli
from generator.load.project import load_project
from generator.load.yaml_loader import load_file
from generator.model.raw import SourceRef
from generator.render.markdown import render_markdown

REPO = Path(__file__).resolve().parents[2]
FORM = REPO / issue_form.FORM_FILE
ISSUES = REPO / "tests" / "fixtures" / "issues"
NEW = "content/cases/a-synthetic-case-in-example-township.yml"

# Answers for the synthetic project, by field id; checkboxes list the ticked options.
ANSWERS = {
    "title_zh": "範例鄉的合成案例",
    "title_en": "A synthetic case in Example Township",
    "summary_zh": "合成測試資料，非真實案例。",
    "summary_en": "Synthetic fixture, not a real case.",
    "story_zh": "合成測試資料的第一段。\n\n合成測試資料的第二段。",
    "story_en": "Synthetic fixture text.",
    "place": "Exampleton",
    "arrows": ["範例一 / Example arrow one"],
    "technologies": [],
    "industries": ["範例產業 / Example industry"],
    "source": "合成測試資料 / Synthetic fixture source (`example-source`)",
    "section_zh": "第一章",
    "section_en": "Chapter 1",
    "confirm": [CONFIRMATION],
}


def body(answers: dict, fields=FIELDS, options: dict | None = None) -> str:
    """An issue body as GitHub writes a form submission (with the form's CRLF line ends)."""
    parts = []
    for field in fields:
        value = answers.get(field.id)
        if field.kind == "checkboxes":
            ticked = value or []
            every = (options or {}).get(field.id, ticked)
            text = "\n".join(f"- [{'X' if o in ticked else ' '}] {o}" for o in every) or NO_RESPONSE
        else:
            text = value if value else NO_RESPONSE
        parts.append(f"### {field.label}\r\n\r\n{text}")
    return "\r\n\r\n".join(parts).replace("\n", "\r\n").replace("\r\r\n", "\r\n")


def from_issue(text: str, *args: str):
    result = CliRunner().invoke(cli, ["new", "case", "--from-issue", "-", *args], input=text.encode("utf-8"))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def cases(project) -> dict:
    loaded, _ = load_project(project.root / "casebook.yml")
    collection, _ = load_collection(loaded)
    return collection.cases


def form() -> dict:
    return yaml.safe_load(FORM.read_text(encoding="utf-8"))


def form_fields() -> list[dict]:
    return [element for element in form()["body"] if element["type"] != "markdown"]


# -- the form and the parser agree ----------------------------------------------------------


def test_every_form_field_is_handled_with_the_same_label_and_type():
    in_form = [(e["id"], e["attributes"]["label"], e["type"]) for e in form_fields()]
    assert in_form == [(f.id, f.label, f.kind) for f in FIELDS]


def test_required_fields_agree():
    for element in form_fields():
        required = element.get("validations", {}).get("required", False)
        if element["type"] != "checkboxes":  # a form cannot ask for "at least one box"; the parser does
            assert required == FIELD_BY_ID[element["id"]].required, element["id"]


def test_labels_are_bilingual_and_unique():
    labels = [f.label for f in FIELDS]
    assert len(set(labels)) == len(labels)
    for label in labels:
        assert "/ " in label and any("\u4e00" <= ch <= "\u9fff" for ch in label), label


def _options(field_id: str) -> list[str]:
    element = next(e for e in form_fields() if e["id"] == field_id)
    options = element["attributes"]["options"]
    return [o["label"] if isinstance(o, dict) else o for o in options]


@pytest.fixture(scope="module")
def real_context(tmp_path_factory):
    """The synthetic project with the real places, taxonomy and sources, so the real form's options resolve."""
    root = tmp_path_factory.mktemp("real") / "project"
    shutil.copytree(REPO / "tests" / "fixtures" / "project", root)
    for name in ("places.yml", "taxonomy.yml", "sources.yml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    project, _ = load_project(root / "casebook.yml")
    context, problems = load_context(project)
    assert context is not None, problems
    return context


@pytest.mark.parametrize(
    "field_id, choices", [("arrows", "arrows"), ("technologies", "technologies"), ("industries", "industries")]
)
def test_every_taxonomy_option_names_a_term_of_the_real_taxonomy(real_context, field_id, choices):
    terms = getattr(real_context, choices)
    resolved = [issue_form.resolve_option(o, terms) for o in _options(field_id)]
    assert resolved == [t.id for t in terms], "the form should list every term, in the taxonomy's order"


def test_every_source_option_names_a_real_source(real_context):
    options = _options("source")
    assert options[-1] == OTHER_SOURCE
    resolved = {issue_form.resolve_option(o, real_context.sources) for o in options[:-1]}
    assert resolved == {s.id for s in real_context.sources}


def test_need_and_confirmation_options_are_handled():
    assert _options("looking_for_kind") == list(NEED_KINDS)
    assert _options("confirm") == [CONFIRMATION]


def test_a_submission_of_the_real_form_becomes_a_record(real_context):
    answers = {
        **ANSWERS,
        "place": "雲林縣口湖鄉",
        "arrows": [_options("arrows")[1]],
        "technologies": [_options("technologies")[0]],
        "industries": [_options("industries")[2]],
        "source": _options("source")[0],
        "looking_for_kind": "人才 / Talent",
        "looking_for_zh": "合成測試需求",
    }
    text = body(answers, options={f: _options(f) for f in ("arrows", "technologies", "industries", "confirm")})
    result = issue_form.create_from_issue(real_context, text, dt.date(2026, 1, 2))
    assert result.problems == [] and result.written, result
    record = yaml.safe_load((real_context.project.root / result.display).read_text(encoding="utf-8"))
    assert (record["place"], record["arrows"], record["technologies"], record["industries"]) == (
        "kouhu",
        ["technology"],
        ["ai-iot"],
        ["aquaculture"],
    )
    assert record["sources"] == [{"source": "ndc-policy-outlook", "section": {"zh-TW": "第一章", "en": "Chapter 1"}}]
    assert record["looking_for"][0]["kind"] == "talent"
    (real_context.project.root / result.display).unlink()


# -- round trips ---------------------------------------------------------------------------------


def test_complete_issue_writes_a_record_that_validates(project):
    result = from_issue((ISSUES / "complete.md").read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"wrote {NEW}"
    assert project.diagnostics() == []
    case = cases(project)["a-synthetic-case-in-example-township"]
    assert case.status == "draft" and case.last_reviewed == dt.date.today()
    assert case.story == {
        "zh-TW": "合成測試資料的第一段。\n\n### 第二段的小標題\n\n合成測試資料的第二段。\n",
        "en": "The first paragraph of synthetic fixture text.\n\nThe second paragraph.\n",
    }
    assert (case.place, case.arrows, case.technologies, case.industries) == (
        "example-township",
        ["example-arrow-one", "example-arrow-three"],
        ["example-tech"],
        [],
    )
    citation = case.sources[0]
    assert (citation.source, citation.section, citation.page) == (
        "example-report",
        {"zh-TW": "第一章", "en": "Chapter 1"},
        "12",
    )
    need = case.looking_for[0]
    assert (need.kind, need.text, need.sources[0].source) == (
        "partners",
        {"zh-TW": "範例需求", "en": "An example need"},
        "example-report",
    )


def test_record_passes_casebook_validate_and_yamllint(project):
    assert from_issue(body(ANSWERS)).exit_code == 0
    result = project.run_cli("validate", "--strict")
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    lint = _yamllint(project.path(NEW))
    assert lint.returncode == 0, lint.stdout


def _yamllint(path: Path):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "yamllint", "-c", str(REPO / ".yamllint.yml"), str(path)], capture_output=True, text=True
    )


def test_english_story_may_be_left_out_of_a_draft(project):
    assert from_issue(body({**ANSWERS, "story_en": None})).exit_code == 0
    case = cases(project)["a-synthetic-case-in-example-township"]
    assert list(case.story) == ["zh-TW"]


def test_answers_with_line_breaks_become_one_line_where_the_record_wants_one(project):
    assert from_issue(body({**ANSWERS, "summary_zh": "第一句。\n第二句。"})).exit_code == 0
    assert cases(project)["a-synthetic-case-in-example-township"].summary["zh-TW"] == "第一句。 第二句。"


# -- missing and invalid answers -------------------------------------------------------------------


def test_partial_issue_lists_every_missing_answer_and_writes_nothing(project):
    partial = (ISSUES / "partial.md").read_text(encoding="utf-8")
    result = from_issue(partial)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "missing: 標題（英文）/ Title in English",
        "missing: 摘要（英文）/ Summary in English",
        "missing: 案例故事（正體中文）/ Story in Chinese",
        "invalid: 地點 / Place: “Atlantis” is not a county or township in content/places.yml; "
        "write its name, e.g. 口湖鄉 or Kouhu Township",
        "missing: 五支箭 / The five arrows: tick at least one arrow",
        "missing: 出處的章節（正體中文）/ Section of the source, in Chinese: "
        "give the section (or the page) where the source says it",
        "missing: 確認 / Confirmation: tick “每一項事實都出自上面的出處 / Every fact comes from the source above”",
        "Nothing was written: 7 answer(s) to add or fix in the issue.",
    ]
    assert not list(project.path("content/cases").glob("*synthetic*"))


def test_empty_body_says_every_required_answer_is_missing(project):
    result = from_issue("")
    assert result.exit_code == 1
    missing = [line.removeprefix("missing: ").split(": ")[0] for line in result.stderr.splitlines()[:-1]]
    assert missing == [
        FIELD_BY_ID[name].label
        for name in (
            "title_zh",
            "title_en",
            "summary_zh",
            "summary_en",
            "story_zh",
            "place",
            "arrows",
            "source",
            "section_zh",
            "confirm",
        )
    ]


@pytest.mark.parametrize(
    "changes, line",
    [
        (
            {"source": OTHER_SOURCE},
            "invalid: 出處 / Source: the publication is not in content/sources.yml yet; "
            "a maintainer adds it first, then labels the issue again",
        ),
        (
            {"arrows": ["六支箭 / A sixth arrow"]},
            "invalid: 五支箭 / The five arrows: “六支箭 / A sixth arrow” is not in content/taxonomy.yml",
        ),
        (
            {"id": "Not A Slug"},
            "invalid: 代號（選填）/ Id (optional): “Not A Slug” is not a valid id: use lower-case "
            "letters a-z, digits and hyphens",
        ),
        (
            {"id": "example-case"},
            "invalid: 代號（選填）/ Id (optional): a case with id “example-case” already exists; give another id",
        ),
        (
            {"looking_for_kind": "投資 / Investment"},
            "missing: 需求說明（正體中文）/ What is needed, in Chinese: say what is needed",
        ),
        (
            {"looking_for_zh": "需要幫忙"},
            "missing: 正在尋找（選填）/ Looking for (optional): choose what kind of help is needed",
        ),
        ({"page": "1" * 41}, "invalid: 頁碼（選填）/ Page (optional): longer than 40 characters (41)"),
    ],
)
def test_unusable_answer_is_named(project, changes, line):
    result = from_issue(body({**ANSWERS, **changes}))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [line]


def test_from_issue_refuses_other_answers_on_the_command_line(project):
    result = from_issue(body(ANSWERS), "--title-en", "Something")
    assert result.exit_code == 2 and "--from-issue takes every answer from the issue" in result.output


def test_force_overwrites_an_existing_case_of_the_same_id(project):
    answers = {**ANSWERS, "id": "second-example-case"}
    assert from_issue(body(answers)).exit_code == 1
    result = from_issue(body(answers), "--force")
    assert result.exit_code == 0, result.output
    assert cases(project)["second-example-case"].title["en"] == ANSWERS["title_en"]


# -- hostile text stays text -------------------------------------------------------------------------

HOSTILE = {
    "title_en": "<script>alert(1)</script> {{ config }} {% raw %}: #no & *ref !!python/object",
    "title_zh": "---\n... 'single' \"double\" \\ %TAG @at `tick`",
    "summary_en": "no",
    "summary_zh": "\u202eevil\u202c 反轉\u2066文字\u2069",
    "story_zh": "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1))\n\n"
    "{{ config.items() }}\n\n    indented: code\n\n- !!binary\n- &anchor *alias\n\n\u202eRTL",
    "story_en": "|\n>\n  leading spaces\ntrailing spaces   \n\ttab",
}


def test_hostile_text_is_kept_as_text_and_round_trips(project):
    result = from_issue(body({**ANSWERS, **HOSTILE, "id": "hostile"}))
    assert result.exit_code == 0, result.output
    case = cases(project)["hostile"]
    assert case.title == {"zh-TW": " ".join(HOSTILE["title_zh"].split()), "en": HOSTILE["title_en"]}
    assert case.summary == {"zh-TW": HOSTILE["summary_zh"], "en": "no"}
    assert case.story["zh-TW"] == HOSTILE["story_zh"] + "\n"
    assert case.story["en"] == HOSTILE["story_en"].rstrip() + "\n"


def test_bidi_controls_are_escaped_where_a_reviewer_sees_them(project):
    from_issue(body({**ANSWERS, **HOSTILE, "id": "hostile"}))
    text = project.read("content/cases/hostile.yml")
    assert not BIDI_CONTROLS.intersection(text)
    assert "\\u202E" in text and "\\u2066" in text


def test_markdown_of_a_hostile_story_is_sanitised_when_rendered(project):
    from_issue(body({**ANSWERS, **HOSTILE, "id": "hostile"}))
    html = str(render_markdown(cases(project)["hostile"].story["zh-TW"]))
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "{{ config.items() }}" in html  # shown as text, never evaluated as a template


def test_very_long_answers_are_named_not_written(project):
    long_story = "長" * (issue_form.MAX_LONG_TEXT + 1)
    result = from_issue(body({**ANSWERS, "title_en": "x" * 301, "story_zh": long_story}))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [
        "invalid: 標題（英文）/ Title in English: longer than 300 characters (301)",
        "invalid: 案例故事（正體中文）/ Story in Chinese: longer than 20000 characters (20001)",
    ]


def test_a_heading_inside_an_answer_stays_in_the_answer():
    fields = issue_form.parse_body(body({**ANSWERS, "story_zh": "第一段\n\n### 地點 / Place\n\n還是故事"}))
    assert fields["story_zh"] == "第一段\n\n### 地點 / Place\n\n還是故事"
    assert fields["place"] == "Exampleton"


def test_a_copy_of_an_earlier_label_inside_a_later_answer_stays_in_it():
    fields = issue_form.parse_body(body({**ANSWERS, "story_en": "### 標題（正體中文）/ Title in Chinese\n\nmore"}))
    assert fields["story_en"] == "### 標題（正體中文）/ Title in Chinese\n\nmore"
    assert fields["title_zh"] == ANSWERS["title_zh"]


def test_written_record_loads_with_the_strict_loader(project):
    from_issue(body({**ANSWERS, **HOSTILE, "id": "hostile"}))
    path = project.path("content/cases/hostile.yml")
    raw, problems = load_file(SourceRef("content/cases/hostile.yml", path, "case"))
    assert problems == [] and validate_record(raw)[0] is not None
