"""Stage 3, validate: one record against its model, then the rules across records.

Most tests break one file of the synthetic project (tests/fixtures/project) and
pin the exact lines `casebook validate` prints for it.
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.place_names import PlaceNames
from generator.check.records import validate_record
from generator.core.errors import Diagnostic
from generator.load.yaml_loader import load_bytes
from generator.model.raw import RawRecord, SourceRef
from generator.model.records import RECORD_MODELS, Places

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "project"
CASE = "content/cases/example-case.yml"
DRAFT = "content/cases/second-example-case.yml"
EXHIBITION = "content/exhibitions/example-exhibition.yml"


def check_one(rel: str, text: str, kind: str = "case") -> list[str]:
    """validate_record on one file's text, without the rest of the project."""
    raw, diagnostics = load_bytes(SourceRef(rel, FIXTURE / rel, kind), text.encode("utf-8"))
    assert raw is not None, diagnostics
    record, diagnostics = validate_record(raw)
    assert (record is None) == any(d.severity == "error" for d in diagnostics)
    return [d.format_text() for d in diagnostics]


def fixture_text(rel: str) -> str:
    return (FIXTURE / rel).read_text(encoding="utf-8")


def case_with(old: str, new: str) -> list[str]:
    text = fixture_text(CASE)
    assert text.count(old) == 1
    return check_one(CASE, text.replace(old, new))


# -- the fixture itself ----------------------------------------------------------------


def test_fixture_project_is_clean(project):
    assert project.diagnostics() == []


def test_draft_may_lack_english(project):
    assert "en:" not in project.read(DRAFT)
    assert [d for d in project.diagnostics() if d.path == DRAFT] == []


# -- one record ------------------------------------------------------------------------


def test_unknown_field_points_at_the_key_with_a_suggestion():
    assert case_with("title:\n", "titel:\n") == [
        f"{CASE}:2:1: error[missing-field]: title: field required\n    hint: add `title:`",
        f"{CASE}:7:1: error[unknown-field]: titel: 'titel' is not a field of a case\n    hint: did you mean 'title'?",
    ]


def test_unknown_nested_field_names_the_nested_model():
    assert case_with("    as_of: 2020-06\n", "    as_of: 2020-06\n    asof: 2020\n") == [
        f"{CASE}:26:5: error[unknown-field]: outcomes[0].asof: 'asof' is not a field of an outcome\n"
        "    hint: did you mean 'as_of'?"
    ]


def test_unknown_field_without_a_close_match_has_no_hint():
    assert case_with("place: example-township\n", "place: example-township\nxyz: 1\n") == [
        f"{CASE}:19:1: error[unknown-field]: xyz: 'xyz' is not a field of a case"
    ]


def test_missing_nested_field_points_at_its_mapping():
    assert case_with("    as_of: 2020-06\n", "") == [
        f"{CASE}:24:5: error[missing-field]: outcomes[0].as_of: field required\n    hint: add `as_of:`"
    ]


def test_wrong_type_points_at_the_value():
    assert case_with("arrows: [example-arrow-one, example-arrow-three]", "arrows: example-arrow-one") == [
        f"{CASE}:19:9: error[wrong-type]: arrows: expected a list (lines starting with '- '), "
        "got text 'example-arrow-one'"
    ]


def test_wrong_type_mapping_expected():
    assert case_with("    section: {zh-TW: 第一章, en: Chapter 1}", "    section: [Chapter 1]") == [
        f"{CASE}:37:14: error[wrong-type]: sources[1].section: expected a mapping (lines of 'key: value'), got a list"
    ]


def test_number_where_text_is_expected_suggests_quotes():
    assert case_with('        page: "12"', "        page: 12") == [
        f"{CASE}:28:15: error[wrong-type]: outcomes[0].sources[0].page: expected text, got '12'\n"
        '    hint: put it in quotes to make it text: "12"'
    ]


def test_yes_is_not_a_boolean_word_we_guess_at():
    assert case_with("  en: {reviewed: true}", "  en: {reviewed: maybe}") == [
        f"{CASE}:6:18: error[wrong-type]: translations.en.reviewed: expected true or false, got text 'maybe'"
    ]


@pytest.mark.parametrize(
    "value, message",
    [
        ("2019-02-30", "'2019-02-30' is not a real calendar date"),
        ("yesterday", "expected a date as YYYY-MM-DD, got text 'yesterday'"),
    ],
)
def test_bad_full_date(value, message):
    assert case_with("last_reviewed: 2024-01-15", f"last_reviewed: {value}") == [
        f"{CASE}:4:16: error[bad-date]: last_reviewed: {message}"
    ]


@pytest.mark.parametrize(
    "value, message",
    [
        ("2019-02-30", "'2019-02-30' is not a real calendar date"),
        ("yesterday", "'yesterday' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2019-13", "'2019-13' is not a real calendar date"),
    ],
)
def test_bad_partial_date(value, message):
    assert case_with("as_of: 2020-06", f"as_of: {value}") == [
        f"{CASE}:25:12: error[bad-date]: outcomes[0].as_of: {message}"
    ]


def test_bad_id_and_bad_language_code_have_their_own_messages():
    text = (
        fixture_text(CASE)
        .replace("id: example-case", "id: Example_Case")
        .replace("  en: Example case", "  zh_TW: Example case")
    )
    assert check_one(CASE, text) == [
        f"{CASE}:2:5: error[invalid-value]: id: 'Example_Case' is not a valid id: "
        "use lower-case letters a-z, digits and hyphens\n    hint: set `id: example-case`, the file's name",
        f"{CASE}:9:3: error[invalid-value]: title.zh_TW: 'zh_TW' is not a language code such as 'en' or 'zh-TW'",
    ]


def test_unknown_status_value():
    assert case_with("status: published", "status: publish") == [
        f"{CASE}:3:9: error[invalid-value]: status: Input should be 'published' or 'draft'"
    ]


def test_javascript_url_is_refused():
    rel = "content/sources.yml"
    text = fixture_text(rel).replace("https://example.org/synthetic-source", "javascript:alert(1)")
    assert check_one(rel, text, "sources") == [
        f"{rel}:12:10: error[bad-url]: sources[0].url: 'javascript:alert(1)' is not an http, https or mailto link"
    ]


def test_funding_parts_not_adding_up_points_at_the_total():
    rel = "content/policy/data.yml"
    text = fixture_text(rel).replace("funding_total: 3.75", "funding_total: 4")
    assert check_one(rel, text, "policy") == [
        f"{rel}:41:18: error[inconsistent-figures]: progress.funding_total: "
        "the funding parts add up to 3.75, not funding_total 4.0"
    ]


def test_taxonomy_needs_exactly_five_arrows():
    rel = "content/taxonomy.yml"
    text = fixture_text(rel).replace(
        "  - id: example-arrow-five\n    label: {zh-TW: 範例五, en: Example arrow five}\n", ""
    )
    assert check_one(rel, text, "taxonomy") == [
        f"{rel}:4:3: error[too-short]: arrows: List should have at least 5 items after validation, not 4"
    ]


def test_top_level_list_is_not_a_record():
    assert check_one(CASE, "# yaml-language-server: $schema=x.json\n- a\n- b\n") == [
        f"{CASE}:2:1: error[wrong-type]: expected a mapping (lines of 'key: value'), got a list"
    ]


def test_missing_schema_line_is_a_warning():
    text = fixture_text(CASE).split("\n", 1)[1]
    lines = check_one(CASE, text)
    assert lines == [
        f"{CASE}:1:1: warning[missing-schema-line]: the first line should name the JSON Schema, "
        "so editors can complete and check fields\n"
        "    hint: add `# yaml-language-server: $schema=<path to schema/case.schema.json>`"
    ]


def test_byte_order_mark_does_not_hide_the_schema_line(project):
    project.write(CASE, b"\xef\xbb\xbf" + project.path(CASE).read_bytes())
    assert project.diagnostics() == []


# -- across records (the whole project) ---------------------------------------------------


def test_missing_english_in_a_published_record(project):
    project.replace(CASE, "  en: Example case\n", "")
    assert project.headlines() == [f"{CASE}:8:3: error[missing-translation]: title: no text in 'en'"]
    assert project.diagnostics()[0].hint == "add `en:` here, or set `status: draft` until it is translated"


def test_publishing_an_untranslated_draft_lists_every_missing_text(project):
    project.replace(DRAFT, "status: draft", "status: published")
    assert project.headlines() == [
        f"{DRAFT}:5:1: error[missing-translation-status]: translations: no review status for 'en'",
        f"{DRAFT}:7:3: error[missing-translation]: title: no text in 'en'",
        f"{DRAFT}:9:3: error[missing-translation]: summary: no text in 'en'",
        f"{DRAFT}:11:3: error[missing-translation]: story: no text in 'en'",
    ]


def test_language_the_site_does_not_have(project):
    project.replace(CASE, "  en: Example case\n", "  en: Example case\n  ja: 例\n")
    assert project.headlines() == [
        f"{CASE}:10:3: error[unknown-language]: title.ja: 'ja' is not a language of this site (zh-TW, en)"
    ]


def test_duplicate_id_in_two_files_blames_the_file_not_named_after_it(project):
    project.write("content/cases/example-case-copy.yml", project.read(CASE))
    diagnostics = project.diagnostics()
    assert [d.format_text() for d in diagnostics] == [
        "content/cases/example-case-copy.yml:2:5: error[duplicate-id]: id: another case already has id "
        "'example-case'\n    hint: it is used in content/cases/example-case.yml; ids must be unique",
        "content/cases/example-case-copy.yml:2:5: error[id-mismatch]: id: id 'example-case' differs from the "
        "file name 'example-case-copy.yml'\n"
        "    hint: rename the file to example-case.yml, or set `id: example-case-copy`",
    ]


def test_duplicate_id_when_neither_file_is_named_after_it(project):
    text = project.read(EXHIBITION).replace("id: example-exhibition", "id: example-show")
    project.write("content/exhibitions/a-show.yml", text)
    project.write(EXHIBITION, text)
    assert project.headlines() == [
        "content/exhibitions/a-show.yml:2:5: error[id-mismatch]: id: id 'example-show' differs from the "
        "file name 'a-show.yml'",
        f"{EXHIBITION}:2:5: error[duplicate-id]: id: another exhibition already has id 'example-show'",
        f"{EXHIBITION}:2:5: error[id-mismatch]: id: id 'example-show' differs from the file name "
        "'example-exhibition.yml'",
    ]


def test_id_not_matching_the_file_name(project):
    project.replace(EXHIBITION, "id: example-exhibition", "id: example-show")
    assert [d.format_text() for d in project.diagnostics()] == [
        f"{EXHIBITION}:2:5: error[id-mismatch]: id: id 'example-show' differs from the file name "
        "'example-exhibition.yml'\n    hint: rename the file to example-show.yml, or set `id: example-exhibition`"
    ]


def test_unknown_place_suggests_the_place_an_alias_names(project):
    project.replace(CASE, "place: example-township", "place: exampleton")
    assert [d.format_text() for d in project.diagnostics()] == [
        f"{CASE}:18:8: error[unknown-place]: place: no place 'exampleton' in content/places.yml\n"
        "    hint: did you mean 'example-township' (範例縣範例鄉)?"
    ]


def test_unknown_place_suggests_a_close_id(project):
    project.replace("content/brands/example-brand.yml", "place: example-county", "place: example-conty")
    assert [d.format_text() for d in project.diagnostics()] == [
        "content/brands/example-brand.yml:8:8: error[unknown-place]: place: no place 'example-conty' in "
        "content/places.yml\n    hint: did you mean 'example-county' (範例縣)?"
    ]


def with_all_places(project) -> None:
    """The fixture's places and every county and township of Taiwan from the real places.yml."""
    real = (Path(__file__).resolve().parents[2] / "content" / "places.yml").read_text(encoding="utf-8")
    project.write("content/places.yml", project.read("content/places.yml") + real.split("\ncounties:\n", 1)[1])


@pytest.mark.parametrize(
    "value,hint",
    [
        ("萬巒鄉", "did you mean 'wanluan' (屏東縣萬巒鄉)?"),
        ("屏東縣萬巒鄉", "did you mean 'wanluan' (屏東縣萬巒鄉)?"),
        ("屏東萬巒", "did you mean 'wanluan' (屏東縣萬巒鄉)?"),
        ("Wanluan Township", "did you mean 'wanluan' (屏東縣萬巒鄉)?"),
        ("wanluan-township", "did you mean 'wanluan' (屏東縣萬巒鄉)?"),
        ("屏東縣", "did you mean 'pingtung' (屏東縣)?"),
        ("台南", "did you mean 'tainan' (臺南市)?"),
        ("kouhou", "did you mean 'kouhu' (雲林縣口湖鄉)?"),
        (
            "東區",
            "did you mean 'taichung-east' (臺中市東區), 'tainan-east' (臺南市東區), "
            "'hsinchu-city-east' (新竹市東區) or 'chiayi-city-east' (嘉義市東區)?",
        ),
        ("萬鸞鄉", "did you mean 'wandan' (屏東縣萬丹鄉), 'wanluan' (屏東縣萬巒鄉) or 'wanrong' (花蓮縣萬榮鄉)?"),
    ],
)
def test_an_unknown_place_suggests_the_places_its_name_may_mean(project, value, hint):
    with_all_places(project)
    project.replace(CASE, "place: example-township", f"place: {value}")
    assert [d.format_text() for d in project.diagnostics()] == [
        f"{CASE}:18:8: error[unknown-place]: place: no place '{value}' in content/places.yml\n    hint: {hint}"
    ]


def test_an_unknown_place_nothing_is_close_to_gets_no_hint(project):
    with_all_places(project)
    project.replace(CASE, "place: example-township", "place: 火星")
    assert [d.format_text() for d in project.diagnostics()] == [
        f"{CASE}:18:8: error[unknown-place]: place: no place '火星' in content/places.yml"
    ]


def test_every_township_of_taiwan_is_a_place(project):
    with_all_places(project)
    project.replace(CASE, "place: example-township", "place: wanluan")
    assert project.diagnostics() == []


@functools.cache
def real_place_names():
    """The real places.yml's places, as the hint of an unknown place sees them; and their ids."""
    text = (Path(__file__).resolve().parents[2] / "content" / "places.yml").read_text(encoding="utf-8")
    places = Places.model_validate(yaml.safe_load(text))
    return PlaceNames.of(places), {p.id for c in places.counties for p in (c, *c.townships)}


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=12))
def test_a_place_hint_only_ever_names_real_places(value):
    names, ids = real_place_names()
    assert set(names.matches(value)) <= ids
    assert set(re.findall(r"'([^']+)' \(", names.hint(value))) <= ids


def test_unknown_taxonomy_key(project):
    project.replace(CASE, "example-arrow-three]", "example-arow-three]")
    assert [d.format_text() for d in project.diagnostics()] == [
        f"{CASE}:19:29: error[unknown-term]: arrows[1]: 'example-arow-three' is not one of the arrows in "
        "content/taxonomy.yml\n    hint: did you mean 'example-arrow-three' (範例三 / Example arrow three)?"
    ]


def test_unknown_taxonomy_key_without_a_close_match_lists_the_terms(project):
    project.replace(CASE, "industries: [example-industry]", "industries: [fishing]")
    assert [d.format_text() for d in project.diagnostics()] == [
        f"{CASE}:21:14: error[unknown-term]: industries[0]: 'fishing' is not one of the industries in "
        "content/taxonomy.yml\n    hint: use one of: 'example-industry' (範例產業 / Example industry)"
    ]


def test_unknown_source_in_a_citation(project):
    project.replace(CASE, "sources:\n  - source: example-source\n", "sources:\n  - source: exmaple-source\n")
    assert [d.format_text() for d in project.diagnostics()] == [
        f"{CASE}:35:13: error[unknown-source]: sources[0].source: no source 'exmaple-source' in "
        "content/sources.yml\n    hint: did you mean 'example-source' (合成測試資料 / Synthetic fixture source)?"
    ]


def test_unknown_source_in_a_reference_file(project):
    project.replace("content/taxonomy.yml", "      - source: example-source", "      - source: nowhere")
    assert project.headlines() == [
        "content/taxonomy.yml:7:17: error[unknown-source]: arrows[0].sources[0].source: "
        "no source 'nowhere' in content/sources.yml"
    ]


def test_yaml_extension_in_content_cases(project):
    project.path(DRAFT).rename(project.path("content/cases/second-example-case.yaml"))
    assert [d.format_text() for d in project.diagnostics()] == [
        "content/cases/second-example-case.yaml: error[wrong-extension]: record files end in .yml, not .yaml\n"
        "    hint: rename it to second-example-case.yml"
    ]


def test_reference_to_a_draft_from_a_published_record(project):
    project.replace(EXHIBITION, "cases: [example-case]", "cases: [example-case, second-example-case]")
    assert project.headlines() == [
        f"{EXHIBITION}:16:25: error[draft-reference]: kit.cases[1]: case 'second-example-case' is a draft, "
        "so it has no page to link to"
    ]


def test_references_between_records(project):
    project.replace(CASE, "brand: example-brand", "brand: example-brnad")
    project.replace(DRAFT, "related: [example-case]", "related: [second-example-case, example-case]")
    project.replace(EXHIBITION, "languages: [zh-TW, en]", "languages: [zh-TW, en, fr]")
    project.replace(EXHIBITION, "  en: {reviewed: true}", "  en: {reviewed: true}\n  fr: {reviewed: false}")
    assert [d.format_text() for d in project.diagnostics()] == [
        f"{CASE}:22:8: error[unknown-brand]: brand: no brand 'example-brnad' in content/brands/\n"
        "    hint: did you mean 'example-brand'?",
        f"{DRAFT}:15:11: error[self-reference]: related[0]: a case cannot be related to itself",
        f"{EXHIBITION}:7:3: error[unknown-language]: translations.fr: 'fr' is not a language of this site (zh-TW, en)",
        f"{EXHIBITION}:15:26: error[unknown-language]: kit.languages[2]: 'fr' is not a language of this site",
    ]


def test_reference_to_an_invalid_record_is_not_reported_twice(project):
    project.replace("content/brands/example-brand.yml", "status: published", "status: live")
    assert project.headlines() == [
        "content/brands/example-brand.yml:3:9: error[invalid-value]: status: Input should be 'published' or 'draft'"
    ]


def test_duplicate_id_inside_a_reference_file(project):
    project.replace("content/places.yml", "  - id: other-county", "  - id: example-county")
    assert [d.format_text() for d in project.diagnostics()] == [
        # the case that named the renamed county now names a place that does not exist
        f"{DRAFT}:12:8: error[unknown-place]: place: no place 'other-county' in content/places.yml\n"
        "    hint: did you mean 'example-county' (他縣)?",
        "content/places.yml:16:9: error[duplicate-id]: counties[1].id: id 'example-county' is used twice\n"
        "    hint: it is first used on line 8; ids must be unique",
    ]


def test_missing_reference_file_does_not_cascade(project):
    project.path("content/places.yml").unlink()
    assert [d.format_text() for d in project.diagnostics()] == [
        "content/places.yml: error[missing-file]: places.yml is missing\n"
        "    hint: every project needs places, taxonomy, sources and policy data"
    ]


def test_every_problem_is_reported_in_one_run_sorted_by_path_and_line(project):
    project.replace(EXHIBITION, "paper: A3", "paper: B5")
    project.replace(CASE, "status: published", "status: published\nstatus: draft")
    project.replace(CASE, "as_of: 2020-06", "as_of: !!python/name:os.system")
    project.write("content/brands/example-brand.yml", b"id: example-brand\nname: caf\xe9\n")
    project.replace("content/sources.yml", "date: 2021-03-04", "date: 2021-02-29")
    project.replace("content/sources.yml", "https://example.org/synthetic-source", "javascript:void(0)")
    assert project.headlines() == [
        "content/brands/example-brand.yml:2:10: error[not-utf8]: byte 0xe9 is not valid UTF-8",
        f"{CASE}:4:1: error[duplicate-key]: key 'status' appears twice in the same mapping",
        f"{CASE}:26:12: error[yaml-tag]: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
        f"{EXHIBITION}:15:10: error[invalid-value]: kit.paper: Input should be 'A1', 'A2', 'A3' or 'A4'",
        "content/sources.yml:12:10: error[bad-url]: sources[0].url: 'javascript:void(0)' is not an http, "
        "https or mailto link",
        "content/sources.yml:23:11: error[bad-date]: sources[1].date: '2021-02-29' is not a real calendar date",
    ]


def test_positions_are_one_based(project):
    project.write(CASE, "titel: x\n")
    diagnostics = [d for d in project.diagnostics() if d.code == "unknown-field"]
    assert [(d.line, d.col) for d in diagnostics] == [(1, 1)]


# -- properties: never raise ---------------------------------------------------------------

KINDS = sorted(RECORD_MODELS)
VALID_TEXTS = {
    rel: fixture_text(rel)
    for rel in (CASE, DRAFT, EXHIBITION, "content/policy/data.yml", "content/places.yml", "content/taxonomy.yml")
}
KIND_OF = {
    CASE: "case",
    DRAFT: "case",
    EXHIBITION: "exhibition",
    "content/policy/data.yml": "policy",
    "content/places.yml": "places",
    "content/taxonomy.yml": "taxonomy",
}


def assert_record_or_diagnostics(source: SourceRef, data: bytes) -> None:
    raw, diagnostics = load_bytes(source, data)
    if raw is None:
        assert diagnostics
    else:
        record, diagnostics = validate_record(raw)
        assert record is not None or diagnostics
    check_diagnostics(diagnostics)


def check_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert d.line >= 1 and d.col >= 1, d
        assert d.format_text() and d.format_github()


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(kind=st.sampled_from(KINDS), text=st.text(max_size=300))
def test_random_text_never_raises(kind, text):
    assert_record_or_diagnostics(SourceRef(CASE, FIXTURE / CASE, kind), text.encode("utf-8"))


@SETTINGS
@given(kind=st.sampled_from(KINDS), data=st.binary(max_size=200))
def test_random_bytes_never_raise(kind, data):
    assert_record_or_diagnostics(SourceRef(CASE, FIXTURE / CASE, kind), data)


YAML_BITS = st.sampled_from(
    [
        "",
        ":",
        "- ",
        "  ",
        "\t",
        "\n",
        "&a ",
        "*a",
        "!!str ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "'",
        '"',
        "#",
        "---\n",
        "? ",
        "|\n",
        ">-\n",
        "9" * 30,
        "1e999",
        "0x",
        "\x00",
        "\ufeff",
        "é",
        "範例",
        "null",
        "~",
        "2019-02-30",
        "en:",
        "zh-TW:",
        "id:",
        "sources:",
    ]
)


@st.composite
def mutated_record(draw):
    rel = draw(st.sampled_from(sorted(VALID_TEXTS)))
    lines = VALID_TEXTS[rel].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "truncate"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "insert":
            at = draw(st.integers(0, len(lines[index])))
            bit = draw(st.one_of(YAML_BITS, st.text(max_size=8)))
            lines[index] = lines[index][:at] + bit + lines[index][at:]
        elif action == "replace":
            lines[index] = draw(st.text(max_size=40))
        elif action == "truncate":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
    return rel, "\n".join(lines)


@SETTINGS
@given(mutated_record())
def test_mutated_records_never_raise(mutation):
    rel, text = mutation
    assert_record_or_diagnostics(SourceRef(rel, FIXTURE / rel, KIND_OF[rel]), text.encode("utf-8", "surrogatepass"))


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=20),
        st.sampled_from(["2019-02-30", "javascript:x", "example-case", "zh-TW", "en", "", "A2"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["en", "zh-TW", "id", "source", "x"]), inner, max_size=3),
    ),
    max_leaves=8,
)


def _paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, path + (index,))


@SETTINGS
@given(rel=st.sampled_from(sorted(VALID_TEXTS)), data=st.data())
def test_records_with_a_random_value_anywhere_never_raise(rel, data):
    source = SourceRef(rel, FIXTURE / rel, KIND_OF[rel])
    raw, _ = load_bytes(source, VALID_TEXTS[rel].encode("utf-8"))
    path = data.draw(st.sampled_from(list(_paths(raw.data))[1:]))
    new_data = copy.deepcopy(raw.data)
    target = new_data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = data.draw(JSON_VALUES)
    mutated = RawRecord(source, new_data, raw.value_positions, raw.key_positions, raw.digest, raw.first_line)
    record, diagnostics = validate_record(mutated)
    assert record is not None or diagnostics
    check_diagnostics(diagnostics)


# -- known gaps in generator/model/records.py (reported, not fixed here: model/records.py is the schema source) ----


def test_figure_value_refuses_not_a_number():
    rel = "content/policy/data.yml"
    text = fixture_text(rel).replace("    value: 100\n", "    value: nan\n")
    assert check_one(rel, text, "policy") != []


def test_partial_date_takes_an_unquoted_year():
    assert (
        check_one(EXHIBITION, fixture_text(EXHIBITION).replace("start: 2024-03-01", "start: 2024"), "exhibition") == []
    )


def test_blank_title_is_refused():
    assert case_with("  en: Example case", "  en: '   '") != []


def test_ten_thousand_character_title_is_a_clean_error():
    problems = case_with("  en: Example case", "  en: " + "x" * 10_000)
    assert problems == [f"{CASE}:9:7: error[too-long]: title.en: String should have at most 300 characters"]


def test_too_many_list_items_is_a_clean_error():
    many = ", ".join(["example-arrow-one"] * 6)
    problems = case_with("arrows: [example-arrow-one, example-arrow-three]", f"arrows: [{many}]")
    assert problems == [
        f"{CASE}:19:9: error[too-long]: arrows: List should have at most 5 items after validation, not 6"
    ]
