"""The kit builder's parts without a browser: the guards, the form, the options shared with `casebook exhibit`,
and the planned-exhibition writer. The app is called as ASGI directly (no server, no network)."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from exhibit_helpers import FIXTURE_PROJECT, THEME

from generator.authoring.exhibition import PlannedExhibition, write_planned_exhibition
from generator.build.pipeline import load_collection
from generator.cli import cli
from generator.exhibit.options import OPTIONS, request_from_values
from generator.load.project import load_project
from generator.web.app import KitSettings, create_app
from generator.web.form import exhibition_id, kit_choices, parse_body, planned_exhibition
from generator.web.guards import host_is_allowed, origin_is_allowed, token_matches

PORT = 8765
TOKEN = "a-token-for-this-test"
LANGUAGES = ("zh-TW", "en")
TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    loaded, problems = load_project(root / "casebook.yml")
    assert loaded is not None, problems
    return loaded


def _collection(project):
    collection, _ = load_collection(project)
    return collection


# -- guards ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "LOCALHOST:8765"])
def test_the_loopback_address_and_port_are_allowed(host):
    assert host_is_allowed(host, PORT)


@pytest.mark.parametrize(
    "host", [None, "", "127.0.0.1", "127.0.0.1:8766", "evil.example:8765", "evil.example", "0.0.0.0:8765", "[::1]:8765"]
)
def test_any_other_host_header_is_refused(host):
    assert not host_is_allowed(host, PORT)


def test_posts_need_the_token_and_our_own_origin():
    assert token_matches(TOKEN, TOKEN)
    assert not token_matches(None, TOKEN) and not token_matches("", TOKEN) and not token_matches(TOKEN + "x", TOKEN)
    assert origin_is_allowed(None, PORT) and origin_is_allowed("http://127.0.0.1:8765", PORT)
    assert not origin_is_allowed("null", PORT) and not origin_is_allowed("http://evil.example", PORT)


# -- the options, shared with `casebook exhibit` ---------------------------------------------------------


def test_casebook_exhibit_has_a_flag_for_every_kit_option():
    flags = {opt for param in cli.commands["exhibit"].params for opt in (*param.opts, *param.secondary_opts)}
    for option in OPTIONS:
        assert option.flag in flags, option.name


def test_the_form_and_the_command_line_make_the_same_request(project):
    form = parse_body(
        urlencode(
            [("cases", "example-case"), ("languages", "zh-TW"), ("paper", "A3"), ("layout", "per-language")]
            + [("marks", "slug"), ("catalogue_paper", "A5"), ("pdf_variant", "pdf/x-4"), ("posters", "on")]
            + [("kiosk", "on"), ("kiosk_idle", "30"), ("site_url", " https://example.org/x/ ")]
            + [("brands_mode", "of-cases"), ("brands", "example-brand")]
        ).encode()
    )
    choices = kit_choices(form, _collection(project), LANGUAGES)
    assert choices.problems == []
    from_page = request_from_values("example-exhibition", Path("out"), choices.values)
    command = (
        "--cases example-case --languages zh-TW --paper A3 --layout per-language --marks slug --catalogue-paper A5 "
        "--pdf-variant pdf/x-4 --no-catalogue --kiosk-idle 30 --site-url https://example.org/x/"
    )
    context = cli.commands["exhibit"].make_context("exhibit", ["example-exhibition", "--out", "out", *command.split()])
    values = {k: v for k, v in context.params.items() if k not in ("exhibition", "out", "mkdocs_file")}
    assert from_page == request_from_values("example-exhibition", Path("out"), values)
    assert from_page.brands is None  # the brands of the chosen cases


def test_ticked_brands_are_used_when_chosen(project):
    form = {"cases": ["example-case"], "languages": ["en"], "brands_mode": ["chosen"], "brands": ["example-brand"]}
    choices = kit_choices({**_required(), **form}, _collection(project), LANGUAGES)
    assert choices.problems == [] and choices.values["brands"] == ("example-brand",)


def _required() -> dict[str, list[str]]:
    return {
        "paper": ["A2"],
        "layout": ["bilingual"],
        "marks": ["bleed"],
        "catalogue_paper": ["A4"],
        "pdf_variant": ["rgb"],
    }


@pytest.mark.parametrize(
    "field, value, key",
    [
        ("cases", "../../etc/passwd", "kit.problem.unknown_cases"),
        ("brands", "no-such-brand", "kit.problem.unknown_brands"),
        ("languages", "fr", "kit.problem.unknown_languages"),
        ("paper", "B2", "kit.problem.paper"),
        ("pdf_variant", "cmyk", "kit.problem.pdf_variant"),
        ("kiosk_idle", "-5", "kit.problem.kiosk_idle"),
    ],
)
def test_a_value_that_is_not_on_the_page_is_a_problem_not_a_value(project, field, value, key):
    form = {**_required(), "cases": ["example-case"], "languages": ["en"], "brands_mode": ["chosen"]}
    form[field] = [value] if field in _required() else [*form.get(field, []), value]
    choices = kit_choices(form, _collection(project), LANGUAGES)
    assert [p.key for p in choices.problems] == [key]
    kept = choices.values[field]
    assert kept != value and value not in (kept if isinstance(kept, tuple) else ())


def test_no_case_or_no_language_ticked_is_a_problem(project):
    choices = kit_choices(_required(), _collection(project), LANGUAGES)
    assert [p.key for p in choices.problems] == ["kit.problem.no_cases", "kit.problem.no_languages"]


# -- the planned exhibition --------------------------------------------------------------------------


def _planned(**changes) -> PlannedExhibition:
    values = dict(
        id="tainan-2027",
        name={"zh-TW": "臺南展：「試」", "en": 'Tainan fair: "yes" # no'},
        venue={"zh-TW": "臺南", "en": "Tainan"},
        start="2027-03-01",
        end="2027-03-14",
        languages=("zh-TW", "en"),
        paper="A3",
        cases=("example-case",),
    )
    return PlannedExhibition(**{**values, **changes})


def test_a_planned_exhibition_is_written_as_typed_and_validates(project):
    result = write_planned_exhibition(project, _collection(project), _planned(), TODAY)
    assert result.written and result.diagnostics == [], result.diagnostics
    assert result.display == "content/exhibitions/tainan-2027.yml"
    record = _collection(project).exhibitions["tainan-2027"]
    assert record.status == "planned" and record.sources == []
    assert record.name == {"zh-TW": "臺南展：「試」", "en": 'Tainan fair: "yes" # no'}
    assert (record.start, record.end, record.kit.paper, record.kit.cases) == (
        "2027-03-01",
        "2027-03-14",
        "A3",
        ["example-case"],
    )
    validate = subprocess.run(
        [str(Path(sys.executable).parent / "casebook"), "validate", "--strict"],
        cwd=project.root,
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr


def test_an_existing_exhibition_is_never_overwritten(project):
    target = project.root / "content/exhibitions/example-exhibition.yml"
    before = target.read_bytes()
    result = write_planned_exhibition(project, _collection(project), _planned(id="example-exhibition"), TODAY)
    assert not result.written and [d.code for d in result.diagnostics] == ["file-exists"]
    assert target.read_bytes() == before


def test_a_file_that_is_not_a_valid_record_is_not_overwritten_either(project):
    stray = project.root / "content/exhibitions/tainan-2027.yml"
    stray.write_text("not: a record\n", encoding="utf-8")
    collection = _collection(project)
    result = write_planned_exhibition(project, collection, _planned(), TODAY)
    assert not result.written and [d.code for d in result.diagnostics] == ["file-exists"]
    assert stray.read_text(encoding="utf-8") == "not: a record\n"


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"id": "Tainan 2027"}, "invalid-value"),
        ({"id": "../cases/x"}, "invalid-value"),
        ({"start": "2027-13"}, "bad-date"),
        ({"start": "2027-03-14", "end": "2027-03-01"}, "bad-date"),
        ({"cases": ("no-such-case",)}, "unknown-case"),
    ],
)
def test_a_record_that_would_not_validate_is_not_written(project, changes, code):
    result = write_planned_exhibition(project, _collection(project), _planned(**changes), TODAY)
    assert not result.written and code in [d.code for d in result.diagnostics]
    assert sorted(p.name for p in (project.root / "content/exhibitions").iterdir()) == ["example-exhibition.yml"]


def test_the_new_exhibition_form_checks_its_ids(project):
    form = {"id": ["x"], "paper": ["A9"], "languages": ["zh-TW", "xx"], "cases": ["example-case", "nope"]}
    planned, problems = planned_exhibition(form, _collection(project), LANGUAGES)
    assert planned is None
    assert [p.key for p in problems] == [
        "kit.problem.paper",
        "kit.problem.unknown_languages",
        "kit.problem.unknown_cases",
    ]


@pytest.mark.parametrize(
    "name, start, expected",
    [("Tainan fair", "2027-03-01", "tainan-fair-2027"), ("Expo 2027", "2027-03", "expo-2027"), ("", "2027", "2027")],
)
def test_an_empty_id_is_made_from_the_english_name_and_the_year(name, start, expected):
    assert exhibition_id(name, start) == expected


# -- the app, called as ASGI -------------------------------------------------------------------------


def _call(app, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None):
    """One request to the ASGI app; returns (status, headers, body)."""
    headers = {"host": f"127.0.0.1:{PORT}", **(headers or {})}
    if body:
        headers["content-type"] = "application/x-www-form-urlencoded"
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", PORT),
    }
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    # A thread of its own: the browser tests' Playwright may have an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, app(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    content = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, content


@pytest.fixture
def app(project):
    return create_app(KitSettings(project.root / "casebook.yml", project.root / "mkdocs.yml", THEME, PORT, TOKEN))


def test_pages_answer_on_the_loopback_host_only(app):
    status, headers, body = _call(app, "GET", "/?lang=en")
    assert status == 200 and b"Example exhibition" in body
    assert "default-src 'self'" in headers["content-security-policy"]
    assert _call(app, "GET", "/", headers={"host": "rebound.example:8765"})[0] == 403


def test_exhibition_dates_are_written_as_the_site_writes_them(app):
    body = _call(app, "GET", "/")[2].decode()
    assert re.search(r"\d{4}年\d{1,2}月", body) and not re.search(r"· \d{4}-\d{2}", body)


def test_every_kit_option_on_the_page_is_a_field_of_the_form(app):
    status, _, body = _call(app, "GET", "/exhibition/example-exhibition?lang=en")
    assert status == 200
    names = set(re.findall(r'name="([a-z_]+)"', body.decode()))
    assert {option.name for option in OPTIONS if option.on_page} <= names


def test_a_post_without_the_token_or_from_another_origin_changes_nothing(app, project):
    form = urlencode(
        {"id": "tainan-2027", "name.zh-TW": "臺南", "name.en": "Tainan", "venue.zh-TW": "臺南", "venue.en": "Tainan"}
        | {"start": "2027-03", "paper": "A2", "languages": "zh-TW"}
    )
    target = project.root / "content/exhibitions/tainan-2027.yml"
    assert _call(app, "POST", "/new", form.encode())[0] == 403
    assert _call(app, "POST", "/new", f"{form}&token=wrong".encode())[0] == 403
    foreign = {"origin": "http://evil.example"}
    assert _call(app, "POST", "/new", f"{form}&token={TOKEN}".encode(), foreign)[0] == 403
    assert not target.exists()
    status, headers, _ = _call(app, "POST", "/new", f"{form}&token={TOKEN}&lang=en".encode())
    assert status == 303 and headers["location"] == "/exhibition/tainan-2027?lang=en&created=1"
    assert target.is_file()


def test_a_new_exhibitions_problems_name_the_form_s_fields_in_the_page_s_language(app, project):
    form = urlencode(
        {"name.zh-TW": "臺南", "name.en": "Tainan", "venue.zh-TW": "臺南", "venue.en": "Tainan", "start": "2027/3/1"}
        | {"paper": "A2", "languages": "zh-TW", "token": TOKEN, "lang": "zh-TW"}
    )
    status, _, body = _call(app, "POST", "/new?lang=zh-TW", form.encode())
    assert status == 400
    problems = re.findall(r"<li>(.*?)</li>", body.decode())
    assert len(problems) == 1 and problems[0].startswith("第一天：") and problems[0].endswith("（請寫成 2027-03-01）")
    assert list((project.root / "content/exhibitions").iterdir()) == [
        project.root / "content/exhibitions/example-exhibition.yml"
    ]


def test_unknown_exhibitions_jobs_and_files_are_not_found(app):
    assert _call(app, "GET", "/exhibition/nope")[0] == 404
    assert _call(app, "POST", "/exhibition/nope", f"token={TOKEN}".encode())[0] == 404
    assert _call(app, "GET", "/job/nope")[0] == 404
    assert _call(app, "GET", "/job/nope/download")[0] == 404
    assert _call(app, "GET", "/static/kit.html")[0] == 404
    assert _call(app, "GET", "/static/..%2F..%2Fcasebook.yml")[0] == 404
    assert _call(app, "GET", "/static/kit.css")[0] == 200
