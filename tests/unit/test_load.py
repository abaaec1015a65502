"""Stage 2, load: bytes -> RawRecord with positions, or diagnostics. Never raises, never expands."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.core.errors import Diagnostic
from generator.load.yaml_loader import MAX_DEPTH, MAX_FILE_BYTES, load_bytes, load_file
from generator.model.raw import RawRecord, SourceRef

CASE = "content/cases/example-case.yml"


def ref(display: str = CASE, kind: str = "case", root: Path = Path("/nonexistent")) -> SourceRef:
    return SourceRef(display, root / display, kind)


def load(text: str | bytes, display: str = CASE) -> tuple[RawRecord | None, list[Diagnostic]]:
    return load_bytes(ref(display), text.encode("utf-8") if isinstance(text, str) else text)


def refused(text: str | bytes, display: str = CASE) -> list[str]:
    """Load text that must be refused; the full printed form of each diagnostic."""
    raw, diagnostics = load(text, display)
    assert raw is None
    assert diagnostics
    return [d.format_text() for d in diagnostics]


# -- what a good file gives -------------------------------------------------------


def test_valid_file_gives_plain_data_with_one_based_positions():
    raw, diagnostics = load("id: example-case\ntitle:\n  zh-TW: 範例\n  en: Example\nlist: [a, b]\n")
    assert diagnostics == []
    assert raw.data == {"id": "example-case", "title": {"zh-TW": "範例", "en": "Example"}, "list": ["a", "b"]}
    assert raw.key_positions[("id",)] == (1, 1)
    assert raw.value_positions[("id",)] == (1, 5)
    assert raw.key_positions[("title", "en")] == (4, 3)
    assert raw.value_positions[("title", "en")] == (4, 7)
    assert raw.value_positions[("list", 1)] == (5, 11)
    # a path that is not in the file falls back to its nearest parent
    assert raw.position(("title", "fr")) == (3, 3)
    assert raw.position(("title", "fr"), key=True) == (2, 1)
    assert raw.position(("nothing", 3, "here")) == (1, 1)


def test_scalars_follow_the_yaml_1_2_core_schema():
    raw, _ = load("a: no\nb: 2019-11-30\nc: 0o17\nd: 0x1F\ne: ~\nf: '1'\ng: 1.5\nh: true\ni: yes\nj: -3\nk:\n")
    assert raw.data == {
        "a": "no",
        "b": "2019-11-30",
        "c": 15,
        "d": 31,
        "e": None,
        "f": "1",
        "g": 1.5,
        "h": True,
        "i": "yes",
        "j": -3,
        "k": None,
    }


def test_byte_order_mark_is_dropped_and_first_line_kept():
    raw, diagnostics = load("\ufeff# yaml-language-server: $schema=x.json\r\nid: a\r\n")
    assert [d.code for d in diagnostics] == ["crlf-line-endings"]  # read, but `validate --fix` makes it LF
    assert raw.data == {"id": "a"}
    assert raw.first_line == "# yaml-language-server: $schema=x.json"


# -- hostile input: each pins path:line:col and code ----------------------------------


def test_duplicate_key_points_at_the_second_key():
    assert refused("id: example-case\ntitle: a\nstatus: draft\ntitle: b\n") == [
        f"{CASE}:4:1: error[duplicate-key]: key 'title' appears twice in the same mapping\n"
        "    hint: it was first given on line 2; keep one of them"
    ]


def test_duplicate_key_in_a_nested_flow_mapping():
    assert refused("title: {en: a, zh-TW: b, en: c}\n") == [
        f"{CASE}:1:26: error[duplicate-key]: key 'en' appears twice in the same mapping\n"
        "    hint: it was first given on line 1; keep one of them"
    ]


def test_yaml_syntax_error_points_where_the_parser_stopped():
    assert refused("id: example-case\narrows: [a, b\nplace: x\n") == [
        f"{CASE}:3:6: error[yaml-syntax]: YAML syntax error: did not find expected ',' or ']'\n"
        "    hint: check the indentation and quoting around this line"
    ]


def test_tab_indentation_is_named_on_its_line_and_the_rest_is_read():
    raw, diagnostics = load("title:\n\ten: x\n")
    assert [d.format_text() for d in diagnostics] == [
        f"{CASE}:2:1: error[tab-character]: a tab character; YAML indents with spaces only\n"
        "    hint: replace the tab with spaces (2 per level)"
    ]
    assert raw is not None and raw.data == {"title": {"en": "x"}}  # read as if fixed: later checks still run


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_refused_quickly_without_expansion():
    start = time.perf_counter()
    raw, diagnostics = load(BILLION_LAUGHS)
    elapsed = time.perf_counter() - start
    assert raw is None
    assert elapsed < 1.0  # expanding it would take 10**9 strings
    # one diagnostic per anchor and per alias: 9 anchors, 8 lines of 9 aliases
    assert len(diagnostics) == 81
    assert {d.code for d in diagnostics} == {"yaml-anchor", "yaml-alias"}
    assert diagnostics[0].format_text() == (
        f"{CASE}:1:4: error[yaml-anchor]: YAML anchor '&a' is not allowed\n"
        "    hint: write each value out in full; anchors and aliases are refused for safety"
    )
    assert diagnostics[2].format_text() == (
        f"{CASE}:2:8: error[yaml-alias]: YAML alias '*a' is not allowed\n"
        "    hint: write the value out in full; anchors and aliases are refused for safety"
    )


def test_anchor_alone_is_refused():
    assert refused("title: &t {en: a}\nid: x\n") == [
        f"{CASE}:1:8: error[yaml-anchor]: YAML anchor '&t' is not allowed\n"
        "    hint: write each value out in full; anchors and aliases are refused for safety"
    ]


def test_alias_used_as_a_key_is_refused():
    assert [line.split("\n")[0] for line in refused("a: &k key\n*k : 1\n")] == [
        f"{CASE}:1:4: error[yaml-anchor]: YAML anchor '&k' is not allowed",
        f"{CASE}:2:1: error[yaml-alias]: YAML alias '*k' is not allowed",
    ]


def test_python_tag_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    text = f"id: example-case\nstory: !!python/object/apply:os.system ['touch {marker}']\n"
    assert refused(text) == [
        f"{CASE}:2:8: error[yaml-tag]: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed\n"
        "    hint: remove the tag; records hold plain text, numbers, lists and mappings"
    ]
    assert not marker.exists()


def test_standard_tag_on_a_key_is_refused_too():
    assert [line.split("\n")[0] for line in refused("!!str id: x\n")] == [
        f"{CASE}:1:1: error[yaml-tag]: YAML tag 'tag:yaml.org,2002:str' is not allowed"
    ]


def test_complex_key_is_refused():
    assert refused("? [a, b]\n: c\n") == [f"{CASE}:1:3: error[complex-key]: mapping keys must be plain text"]


def test_multiple_documents_are_refused_at_the_second():
    assert refused("id: a\n---\nid: b\n") == [
        f"{CASE}:2:1: error[multiple-documents]: a record file holds exactly one YAML document\n"
        "    hint: remove the `---` line, or split the records into one file each"
    ]


def test_non_utf8_points_at_the_bad_byte_in_characters():
    # line 3; "title: 範例" is 9 characters (13 bytes) before the Latin-1 é
    raw = "id: x\nstatus: draft\ntitle: 範例".encode() + b"\xe9\n"
    assert refused(raw) == [
        f"{CASE}:3:10: error[not-utf8]: byte 0xe9 is not valid UTF-8\n"
        "    hint: save the file as UTF-8 (in most editors: Save with Encoding > UTF-8)"
    ]


def test_control_character_points_at_it_without_parser_internals():
    assert refused("id: x\ntitle: a\x07b\n") == [
        f"{CASE}:2:9: error[bad-character]: character U+0007 is not allowed in YAML\n"
        "    hint: delete it; control characters often come in with text pasted from another program"
    ]


@pytest.mark.parametrize("text", ["", "\n\n  \n", "# yaml-language-server: $schema=x.json\n# nothing else\n", "\ufeff"])
def test_empty_file(text):
    assert refused(text) == [
        f"{CASE}:1:1: error[empty-file]: file has no data\n    hint: start from `casebook new case` or delete the file"
    ]


def test_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / CASE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"id: x\n" + b"#" * MAX_FILE_BYTES)
    raw, diagnostics = load_file(ref(root=tmp_path))
    assert raw is None
    assert [d.format_text() for d in diagnostics] == [
        f"{CASE}:1:1: error[file-too-large]: file is {MAX_FILE_BYTES + 6} bytes; the limit is 262144 bytes\n"
        "    hint: split long text into shorter fields or move media into content/media/"
    ]


def test_load_bytes_checks_the_size_limit_too():
    assert refused(b"#" * (MAX_FILE_BYTES + 1)) == [
        f"{CASE}:1:1: error[file-too-large]: file is 262145 bytes; the limit is 262144 bytes"
    ]


def test_unreadable_file(tmp_path):
    raw, diagnostics = load_file(ref(root=tmp_path))
    assert raw is None
    assert [d.format_text() for d in diagnostics] == [
        f"{CASE}:1:1: error[unreadable-file]: cannot read file: No such file or directory"
    ]


def test_nesting_past_the_limit_stops_reading():
    text = "a:\n" + "".join("  " * depth + "- \n" for depth in range(1, 30))
    assert refused(text) == [
        f"{CASE}:{MAX_DEPTH + 2}:{2 * MAX_DEPTH + 3}: error[too-deep]: data is nested more than {MAX_DEPTH} levels deep"
    ]


@pytest.mark.parametrize(
    "opener, expected",
    [
        ("[", [f"{CASE}:1:20: error[too-deep]: data is nested more than 16 levels deep"]),
        # in flow mappings each `{` is a key, and the skipped keys are depth-limited too
        (
            "{",
            [
                f"{CASE}:1:5: error[complex-key]: mapping keys must be plain text",
                f"{CASE}:1:21: error[too-deep]: data is nested more than 16 levels deep",
            ],
        ),
    ],
)
def test_deeply_nested_flow_collections_are_refused_quickly(opener, expected):
    # libyaml needs quadratic time for these (a minute for 256 KiB): the loader stops at the depth limit
    start = time.perf_counter()
    diagnostics = refused("a: " + opener * (MAX_FILE_BYTES - 10))
    assert time.perf_counter() - start < 1.0
    assert diagnostics == expected


def test_a_huge_number_is_a_diagnostic_not_a_crash():
    assert refused("id: x\nvalue: " + "9" * 5000 + "\n") == [
        f"{CASE}:2:8: error[number-too-long]: a number of 5000 digits is too long\n"
        "    hint: put it in quotes if it is text"
    ]


def test_every_problem_in_a_file_is_reported():
    text = "a: &x 1\nb: !!binary aGk=\nc: *x\nd: 1\nd: 2\n"
    assert [line.split("\n")[0] for line in refused(text)] == [
        f"{CASE}:1:4: error[yaml-anchor]: YAML anchor '&x' is not allowed",
        f"{CASE}:2:4: error[yaml-tag]: YAML tag 'tag:yaml.org,2002:binary' is not allowed",
        f"{CASE}:3:4: error[yaml-alias]: YAML alias '*x' is not allowed",
        f"{CASE}:5:1: error[duplicate-key]: key 'd' appears twice in the same mapping",
    ]


def test_structural_problems_are_kept_when_a_syntax_error_follows():
    assert [line.split("\n")[0] for line in refused("a: 1\na: 2\nb: [\n")] == [
        f"{CASE}:2:1: error[duplicate-key]: key 'a' appears twice in the same mapping",
        f"{CASE}:4:1: error[yaml-syntax]: YAML syntax error: did not find expected node content",
    ]


def test_too_many_records_in_a_folder_is_one_clear_error(project, monkeypatch):
    from generator.load import discover as discover_stage

    monkeypatch.setattr(discover_stage, "MAX_RECORDS_PER_FOLDER", 1)
    diagnostics = [d for d in project.diagnostics() if d.code == "too-many-records"]
    assert [d.format_text().split("\n")[0] for d in diagnostics] == [
        "content/cases: error[too-many-records]: 2 records; the limit is 1"
    ]
