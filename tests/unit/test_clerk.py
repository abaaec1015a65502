"""What a township clerk meets: each problem of issue 19, with the exact message `casebook validate` prints.

The clerk types with a Chinese input method on Windows: a full-width colon,
a tab, a township's name instead of its id, a date as 2024/3/1, CR LF line
endings, spaces at line ends, a file name with spaces.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli, default_language
from generator.core.suggest import Named, nearest

REPO = Path(__file__).resolve().parents[2]
CASE = "content/cases/example-case.yml"


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def test_full_width_colon_is_named_on_its_own_line_and_column(project):
    project.replace(CASE, "summary:\n", "summary：\n")
    result = run("validate", CASE)
    assert result.exit_code == 1
    assert lines(result) == [
        f"{CASE}:10:8: error[full-width-colon]: full-width colon 「：」 after 'summary'",
        "    hint: type ':' (the half-width colon, with the input method in English mode), then a space",
    ]


def test_tab_is_named(project):
    project.replace(CASE, "  en: Example case\n", "\ten: Example case\n")
    result = run("validate", CASE)
    assert lines(result) == [
        f"{CASE}:9:1: error[tab-character]: a tab character; YAML indents with spaces only",
        "    hint: replace the tab with spaces (2 per level)",
    ]


def test_windows_line_endings_trailing_spaces_and_final_newline(project):
    text = project.path(CASE).read_text(encoding="utf-8")
    text = text.replace("title:\n", "title:  \n").rstrip("\n").replace("\n", "\r\n")
    project.write(CASE, text)
    result = run("validate", CASE)
    assert lines(result)[0] == (
        f"{CASE}:1:71: error[crlf-line-endings]: Windows line endings (CR LF); records use LF only"
    )
    assert f"{CASE}:7:7: error[trailing-spaces]: spaces at the end of the line" in lines(result)
    last = len(text.split("\r\n"))
    assert any(
        line.startswith(f"{CASE}:{last}:")
        and "error[missing-final-newline]: the file does not end with a new line" in line
        for line in lines(result)
    )


def test_fix_repairs_what_it_can_and_validate_then_passes(project):
    text = project.path(CASE).read_text(encoding="utf-8")
    text = text.replace("summary:\n", "summary：\n").replace("  en: Example case\n", "\ten: Example case\n")
    project.write(CASE, text.replace("title:\n", "title:  \n").rstrip("\n").replace("\n", "\r\n"))
    result = run("validate", "--fix", CASE)
    assert result.exit_code == 0, result.stdout
    assert result.stderr.splitlines()[0] == (
        f"fixed {CASE}: full-width colons and tabs, line endings, trailing spaces, final newline"
    )
    assert project.path(CASE).read_text(encoding="utf-8") == text.replace("\ten:", "  en:").replace(
        "summary：", "summary:"
    )


def test_every_problem_in_one_round(project):
    """Five mistakes in one file: all five reported at once, schema and cross-record problems together."""
    project.replace(CASE, "last_reviewed: 2024-01-15", "last_reviewed: 2024/3/1")
    project.replace(CASE, "place: example-township", "place: 範例鄉")
    project.replace(CASE, "  en: Example case\n", "")
    project.replace(CASE, "  - source: example-report", "  - source: example-reprot")
    project.replace(CASE, "summary:\n", "summary：\n")
    result = run("validate", CASE)
    assert lines(result) == [
        f"{CASE}:4:16: error[bad-date]: last_reviewed: expected a date as YYYY-MM-DD, got '2024/3/1'",
        "    hint: write it as 2024-03-01",
        f"{CASE}:8:3: error[missing-translation]: title: no text in 'en'",
        "    hint: add `en:` here, or set `status: draft` until it is translated",
        f"{CASE}:9:8: error[full-width-colon]: full-width colon 「：」 after 'summary'",
        "    hint: type ':' (the half-width colon, with the input method in English mode), then a space",
        f"{CASE}:17:8: error[unknown-place]: place: no place '範例鄉' in content/places.yml",
        "    hint: did you mean 'example-township' (範例縣範例鄉)?",
        f"{CASE}:35:13: error[unknown-source]: sources[1].source: no source 'example-reprot' in content/sources.yml",
        "    hint: did you mean 'example-report' (合成測試報告 / Synthetic fixture report)?",
    ]
    assert result.stderr == "Aborted with 5 errors and 0 warnings.\n"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Example Township", "'example-township' (範例縣範例鄉)"),
        ("exampleton", "'example-township' (範例縣範例鄉)"),
        ("example-townhsip", "'example-township' (範例縣範例鄉)"),
    ],
)
def test_place_by_name_alias_or_misspelling_suggests_the_id(project, typed, expected):
    project.replace(CASE, "place: example-township", f"place: {typed}")
    result = run("validate", CASE)
    assert lines(result)[-1] == f"    hint: did you mean {expected}?"


def test_unknown_term_and_source_list_the_valid_ids_when_nothing_is_near(project):
    project.replace(CASE, "  - source: example-report", "  - source: zzz")
    result = run("validate", CASE)
    assert lines(result)[-1] == (
        "    hint: use one of: 'example-source' (合成測試資料 / Synthetic fixture source), "
        "'example-report' (合成測試報告 / Synthetic fixture report)"
    )


def test_nearest_matches_names_in_both_languages_and_never_invents():
    places = [Named("wanluan", ("萬巒鄉", "Wanluan Township")), Named("pingtung", ("屏東縣", "Pingtung County"))]
    assert [p.id for p in nearest("萬巒鄉", places)] == ["wanluan"]
    assert [p.id for p in nearest("萬巒", places)] == ["wanluan"]
    assert [p.id for p in nearest("屏東縣萬巒鄉", places)] == ["wanluan", "pingtung"]
    assert [p.id for p in nearest("ＷＡＮＬＵＡＮ", places)] == ["wanluan"]
    assert nearest("Atlantis", places) == []


def test_a_file_name_with_spaces_never_gets_an_invalid_id_as_hint(project):
    text = project.path(CASE).read_text(encoding="utf-8").replace("id: example-case", "id: Test Wanluan Pork")
    project.path(CASE).unlink()
    project.write("content/cases/Test Wanluan Pork.yml", text)
    result = run("validate", "content/cases/Test Wanluan Pork.yml")
    assert lines(result)[:2] == [
        "content/cases/Test Wanluan Pork.yml:2:5: error[invalid-value]: id: 'Test Wanluan Pork' is not a valid id: "
        "use lower-case letters a-z, digits and hyphens",
        "    hint: rename the file to test-wanluan-pork.yml and set `id: test-wanluan-pork` "
        "(lower-case letters a-z, digits and hyphens)",
    ]


def test_id_mismatch_with_an_invalid_file_name_suggests_renaming_only(project):
    text = project.path(CASE).read_text(encoding="utf-8")
    project.path(CASE).unlink()
    project.write("content/cases/Example Case.yml", text)
    result = run("validate", "content/cases/Example Case.yml")
    assert "    hint: rename the file to example-case.yml and keep `id: example-case`" in lines(result)
    assert "set `id: Example Case`" not in result.stdout


def test_a_path_that_does_not_exist_is_a_usage_error(project):
    result = run("validate", "does-not-exist.yml")
    assert result.exit_code == 2
    assert lines(result) == [
        "does-not-exist.yml: error[path-not-found]: no such file or folder",
        "    hint: check the spelling; run `casebook validate` alone to check every record",
    ]


@pytest.mark.parametrize("folder", ["content/case", "content/cases/cases"])
def test_a_record_outside_its_folder_is_an_error_even_without_paths(project, folder):
    project.write(f"{folder}/new-case.yml", project.path(CASE).read_text(encoding="utf-8"))
    result = run("validate", "--strict")
    assert result.exit_code == 1
    assert lines(result) == [
        f"{folder}/new-case.yml: error[misplaced-record]: a record in {folder}/ is not read: case records live "
        "in content/cases/",
        "    hint: move it to content/cases/",
    ]


def test_control_characters_are_refused_with_their_position(project):
    project.replace(CASE, "  en: Example case\n", '  en: "Example\\0 case"\n')
    result = run("validate", CASE)
    assert lines(result) == [
        f"{CASE}:9:7: error[control-character]: title.en: control character U+0000 at character 8 of the text",
        "    hint: delete it; control characters often come in with text pasted from another program",
    ]


def test_messages_in_chinese(project):
    project.replace(CASE, "summary:\n", "summary：\n")
    result = run("validate", "--lang", "zh-TW", CASE)
    assert lines(result) == [
        f"{CASE}:10:8: error[full-width-colon]: 「summary」後面是全形冒號「：」",
        "    提示：請改成半形冒號「:」（切換到英數輸入），後面再加一個空格",
    ]
    assert result.stderr == "共有 1 個錯誤、0 個警告，未通過。\n"


def test_a_field_name_typed_in_chinese_with_a_full_width_colon_names_the_records_key(project):
    project.replace(CASE, "status: published\n", "狀態：published\n")
    result = run("validate", "--lang", "zh-TW", CASE)
    assert lines(result) == [
        f"{CASE}:3:1: error[chinese-field-name]: 「狀態」是中文的欄位名稱；欄位名稱要用範本裡的英文",
        "    提示：請寫成 `status:`（半形冒號，後面加一個空格，再寫內容）",
    ]


def test_a_field_name_in_chinese_yaml_can_read_gets_the_same_hint(project):
    project.replace(CASE, "status: published\n", "狀態: published\n")
    result = run("validate", CASE)
    assert f"{CASE}:3:1: error[unknown-field]: 狀態: '狀態' is not a field of a case" in lines(result)
    assert "    hint: write `status:` (a half-width colon, then a space, then the value)" in lines(result)


def test_an_unknown_chinese_field_name_points_to_the_template(project):
    project.replace(CASE, "status: published\n", "狀況：published\n")
    result = run("validate", CASE)
    assert lines(result) == [
        f"{CASE}:3:1: error[chinese-field-name]: '狀況' is a field name in Chinese; field names are the English "
        "words of the template",
        "    hint: copy the field names from the file the site's submit page or `casebook new case` makes",
    ]


def test_chinese_prose_with_a_full_width_colon_inside_a_text_is_not_a_field_name(project):
    project.replace(CASE, "  zh-TW: 合成測試資料，非真實案例。\n", "  zh-TW:\n    口湖鄉：合成測試資料\n")
    project.replace(CASE, "status: published\n", "status: [published\n")  # something else YAML cannot read
    result = run("validate", CASE)
    assert not [line for line in lines(result) if "chinese-field-name" in line]


def test_language_defaults_from_the_locale():
    assert default_language({"LANG": "zh_TW.UTF-8"}) == "zh-TW"
    assert default_language({"LC_ALL": "C.UTF-8", "LANG": "zh_TW.UTF-8"}) == "en"
    assert default_language({}) == "en"


def test_github_annotations_carry_both_languages(project):
    project.replace(CASE, "summary:\n", "summary：\n")
    result = run("validate", "--format", "github", "--lang", "zh-TW", CASE)
    assert result.stdout == (
        f"::error file={CASE},line=10,col=8,title=full-width-colon::full-width colon 「：」 after 'summary'%0A"
        "hint: type ':' (the half-width colon, with the input method in English mode), then a space%0A"
        "「summary」後面是全形冒號「：」%0Ahint: 請改成半形冒號「:」（切換到英數輸入），後面再加一個空格\n"
    )


def test_every_catalogue_message_has_both_languages():
    import yaml

    table = yaml.safe_load((REPO / "generator/data/messages.yml").read_text(encoding="utf-8"))
    for section in ("messages", "hints", "summary"):
        for key, texts in table[section].items():
            assert set(texts) == {"en", "zh-TW"}, (section, key)


# -- the yamllint contract: what validate --strict accepts, yamllint --strict accepts -------------

STYLE_FIXTURES = {
    "trailing-spaces": "a: 1  \n",
    "new-line-at-end-of-file": "a: 1",
    "new-lines": "a: 1\r\nb: 2\r\n",
    "empty-lines": "a: 1\n\n\n\nb: 2\n",
    "empty-lines-start": "\na: 1\n",
    "empty-lines-end": "a: 1\n\n",
    "comments-starting-space": "#x\na: 1\n",
    "comments-from-content": "a: 1 # x\n",
    "colons-before": "a : 1\n",
    "colons-after": "a:  1\n",
    "commas-before": "a: [1 , 2]\n",
    "commas-after-few": "a: [1,2]\n",
    "commas-after-many": "a: [1,  2]\n",
    "hyphens": "a:\n  -  x\n",
    "braces": "a: {  b: 1}\n",
    "brackets": "a: [ 1]\n",
    "indentation": "a:\n   b: 1\n",
    "indentation-sequences": "a:\n  - x\nb:\n- y\n",
    "truthy": "a: yes\n",
    "clean-flow-over-lines": "a: {b: 1,\n    c: 2}\n",
    "clean": "a:\n  b: {c: 1}\n  d:\n    - e: [1, 2]  # note\n      f: true\n",
}


@pytest.mark.parametrize("name", sorted(STYLE_FIXTURES))
def test_style_rules_report_what_yamllint_reports_at_the_same_place(tmp_path, name):
    from generator.load.style import style_problems

    path = tmp_path / "record.yml"
    path.write_bytes(STYLE_FIXTURES[name].encode())
    ours = sorted((d.line, d.col) for d in style_problems("record.yml", STYLE_FIXTURES[name]))
    lint = subprocess.run(
        [sys.executable, "-m", "yamllint", "-c", str(REPO / ".yamllint.yml"), "--strict", "-f", "parsable", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    theirs = sorted((int(line.split(":")[1]), int(line.split(":")[2])) for line in lint.stdout.splitlines())
    assert ours == theirs
    assert (lint.returncode == 0) == name.startswith("clean")


# -- casebook new case ----------------------------------------------------------------------------

NEW = [
    "new",
    "case",
    "--yes",
    "--title-zh",
    "範例豬腳",
    "--summary-zh",
    "合成測試。",
    "--summary-en",
    "Synthetic.",
    "--arrow",
    "example-arrow-one",
    "--source",
    "example-source",
]


def test_new_case_refuses_a_title_that_gives_an_id_like_test(project):
    result = run(*NEW, "--title-en", "TEST 萬巒", "--place", "example-township")
    assert result.exit_code == 1
    assert lines(result) == [
        "answer --id: error[placeholder-id]: id: the English title gives the id 'test', which does not say what "
        "the case is",
        "    hint: pass --id with the place and the topic, e.g. --id kouhu-smart-tilapia, or give the English title "
        "of the case",
    ]
    assert not project.path("content/cases/test.yml").exists()


def test_new_case_never_cites_the_file_it_did_not_write(project):
    result = run(*NEW, "--title-en", "Example pork knuckle", "--place", "範例")
    assert result.exit_code == 1
    assert lines(result) == [
        "answer --place: error[unknown-place]: place: no place '範例' in content/places.yml",
        "    hint: did you mean 'example-county' (範例縣) or 'example-township' (範例縣範例鄉)?",
    ]
    assert "content/cases/example-pork-knuckle.yml" not in result.stdout + result.stderr


def test_new_case_takes_names_for_places_and_terms(project):
    result = run(*NEW, "--title-en", "Example pork knuckle", "--place", "範例鄉")
    assert result.exit_code == 0, result.stdout
    text = project.path("content/cases/example-pork-knuckle.yml").read_text("utf-8")
    assert "\nplace: example-township" in text
