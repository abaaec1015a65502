"""The "Submit a case" page in Chromium, in both languages (generator/render/views/submit.py).

The site is the project's own, built once with a repository named in
casebook.yml (a synthetic address: nothing is fetched from it), so that the
page offers GitHub's editor. A complete submission must give exactly the bytes
`casebook new case` writes for the same answers, and a file `casebook validate
--strict` accepts; wrong answers get their message in the page's language next
to their field; hostile text stays text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from sitetools import ROOT, OfflinePage, build_site, serve_folder

pytestmark = pytest.mark.browser

REPO = "https://github.com/example/casebook"  # synthetic: only the page's links use it
CASEBOOK = [sys.executable, "-m", "generator"]
PHONE = {"width": 390, "height": 844}
# Answers with what YAML and templates treat specially: quotes, a backslash, ': ', '#',
# a character beyond the Basic Multilingual Plane, template syntax.
ANSWERS = {
    "title_zh": '屏東萬巒「豬腳」: 測試 #1 \\ "引號" 𠀋 {{ x }}',
    "title_en": 'Wanluan: a "test" case # 1, {% raw %}',
    "id": "wanluan-submit-test",
    "summary_zh": "這是測試用的摘要，不是真實案例。",
    "summary_en": "A test summary, not a real case: yes, no, on.",
    "county": "pingtung",  # chosen first, as a clerk would: the place list then holds its places only
    "place": "wanluan",
    "arrows": ["technology", "branding"],
    "technologies": [],
    "industries": [],
}
MESSAGES = {
    "zh-TW": {"required": "請填寫這一欄。", "control": "控制字元", "too_long": "太長了"},
    "en": {"required": "Fill in this field.", "control": "control character", "too_long": "Too long"},
}
PAGES = {"zh-TW": "submit/", "en": "en/submit/"}


def _project(target: Path, repo_url: str | None) -> Path:
    target.mkdir(parents=True)
    for name in ("casebook.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("content", "theme", "docs", "schema"):
        shutil.copytree(ROOT / name, target / name)
    if repo_url:
        with (target / "casebook.yml").open("a", encoding="utf-8") as config:
            config.write(f"repo_url: {repo_url}\n")
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return _project(tmp_path_factory.mktemp("submit") / "project", REPO)


@pytest.fixture(scope="module")
def server(project, tmp_path_factory):
    site = tmp_path_factory.mktemp("submit-site") / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    with serve_folder(site) as url:
        yield url


@pytest.fixture
def phone(browser):
    page = OfflinePage(browser, viewport=PHONE)
    page.page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.page.on("dialog", lambda dialog: (page.console_errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    assert page.blocked == [] and page.failed == [] and page.console_errors == []
    page.close()


def _open(phone, server, lang):
    page = phone.page
    page.goto(server + PAGES[lang])
    page.wait_for_selector("[data-cb-submit-form]:not([hidden])")
    return page


def _first_source(project: Path) -> str:
    sources = yaml.safe_load((project / "content" / "sources.yml").read_text(encoding="utf-8"))
    return sources["sources"][0]["id"]


def _answer(page, answers: dict, source: str) -> None:
    for name in ("title_zh", "title_en", "id", "summary_zh", "summary_en"):
        page.fill(f"#{name}", answers[name])
    page.select_option("#place-county", answers["county"])
    page.select_option("#place", answers["place"])
    for group in ("arrows", "technologies", "industries"):
        for value in answers[group]:
            page.check(f"input[name={group}][value={value}]")
    page.select_option("#source", source)


def test_a_county_shortens_the_place_list(phone, server):
    page = _open(phone, server, "zh-TW")
    everything = page.locator("#place option").count()
    page.select_option("#place-county", "pingtung")
    values = page.locator("#place option").evaluate_all("options => options.map(o => o.value)")
    assert values[:3] == ["", "pingtung", "pingtung-city"] and "wanluan" in values
    assert len(values) < everything / 5
    page.select_option("#place", "wanluan")
    page.select_option("#place-county", "")  # all counties again: the chosen place stays chosen
    assert page.input_value("#place") == "wanluan" and page.locator("#place option").count() == everything


def _submit(page) -> str:
    page.click("button[type=submit]")
    page.wait_for_selector("[data-cb-result]:not([hidden])")
    return page.input_value("#submit-yaml")


def _new_case(project: Path, answers: dict, source: str) -> str:
    """What `casebook new case` writes for the same answers (the file is removed again)."""
    args = [
        *CASEBOOK,
        "new",
        "case",
        "--yes",
        *("--id", answers["id"], "--title-zh", answers["title_zh"], "--title-en", answers["title_en"]),
        *("--summary-zh", answers["summary_zh"], "--summary-en", answers["summary_en"]),
        *("--place", answers["place"], "--source", source),
        *(item for value in answers["arrows"] for item in ("--arrow", value)),
        *(item for value in answers["technologies"] for item in ("--technology", value)),
        *(item for value in answers["industries"] for item in ("--industry", value)),
    ]
    result = subprocess.run(args, cwd=project, capture_output=True, text=True, env=_env())
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "content" / "cases" / f"{answers['id']}.yml"
    text = path.read_bytes().decode("utf-8")
    path.unlink()
    return text


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}


def _validate_strict(project: Path, case_id: str, text: str) -> subprocess.CompletedProcess:
    path = project / "content" / "cases" / f"{case_id}.yml"
    path.write_bytes(text.encode("utf-8"))
    try:
        return subprocess.run(
            [*CASEBOOK, "validate", "--strict", "--lang", "en", str(path)],
            cwd=project,
            capture_output=True,
            text=True,
            env=_env(),
        )
    finally:
        path.unlink()


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_a_complete_submission_is_the_file_new_case_writes_and_validates(phone, server, project, lang):
    source = _first_source(project)
    answers = {**ANSWERS, "technologies": ["ai-iot"] if lang == "en" else [], "industries": ["aquaculture"]}
    page = _open(phone, server, lang)
    _answer(page, answers, source)
    text = _submit(page)
    assert text == _new_case(project, answers, source)
    result = _validate_strict(project, answers["id"], text)
    assert result.returncode == 0, result.stdout + result.stderr
    record = yaml.safe_load(text)
    assert record["title"] == {"zh-TW": ANSWERS["title_zh"], "en": ANSWERS["title_en"]}
    assert page.get_attribute("[data-cb-download]", "download") == f"{answers['id']}.yml"
    assert page.evaluate("document.activeElement.id") == "submit-result-title"


def test_the_id_follows_the_english_title_until_it_is_changed(phone, server):
    page = _open(phone, server, "en")
    page.fill("#title_en", "Kouhu: Smart Fish Farming")
    assert page.input_value("#id") == "kouhu-smart-fish-farming"
    page.fill("#id", "kouhu-fish")
    page.fill("#title_en", "Something else")
    assert page.input_value("#id") == "kouhu-fish"


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_missing_answers_are_named_next_to_their_fields_in_the_page_language(phone, server, lang):
    page = _open(phone, server, lang)
    page.click("button[type=submit]")
    assert page.evaluate("document.activeElement.id") == "title_zh", "focus moves to the first error"
    required = MESSAGES[lang]["required"]
    for name in ("title_zh", "title_en", "id", "summary_zh", "summary_en", "place", "source"):
        error = page.locator(f"#{name}-error")
        assert error.is_visible() and error.inner_text().endswith(required), name
        assert f"{name}-error" in page.get_attribute(f"#{name}", "aria-describedby").split()
        assert page.get_attribute(f"#{name}", "aria-invalid") == "true"
    assert page.locator("#arrows-error").is_visible()
    assert page.locator("[data-cb-summary] li").count() == 8
    assert page.locator("[data-cb-result]").is_hidden()
    page.fill("#title_zh", "標題")
    page.locator("#title_zh").blur()
    assert page.locator("#title_zh-error").is_hidden(), "a fixed answer loses its message when left"


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_an_id_that_is_not_a_slug_or_is_taken_is_refused(phone, server, project, lang):
    page = _open(phone, server, lang)
    taken = sorted(p.stem for p in (project / "content" / "cases").glob("*.yml"))[0]
    for value, expected in (("Wanluan Pork", "a–z"), (taken, "代號" if lang == "zh-TW" else "id")):
        page.fill("#id", value)
        page.locator("#id").blur()
        assert expected in page.inner_text("#id-error"), value


def test_typing_with_an_input_method_is_not_checked_until_the_text_is_committed(phone, server):
    page = _open(phone, server, "zh-TW")
    page.focus("#title_zh")
    page.locator("#title_zh").blur()
    assert page.locator("#title_zh-error").is_visible()
    page.focus("#title_zh")
    # What a Chinese input method sends: composition events around the text being composed.
    page.evaluate(
        """() => {
          const field = document.getElementById('title_zh');
          field.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true}));
          field.value = 'wan';
          field.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true}));
        }"""
    )
    assert page.locator("#title_zh-error").is_visible(), "nothing is checked while composing"
    page.evaluate(
        """() => {
          const field = document.getElementById('title_zh');
          field.value = '萬巒';
          field.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: '萬巒'}));
        }"""
    )
    assert page.locator("#title_zh-error").is_hidden(), "checked again once the text is committed"


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_hostile_text_stays_text_and_nul_is_refused(phone, server, project, lang):
    page = _open(phone, server, lang)
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} {% if 1 %}x{% endif %}"
    answers = {**ANSWERS, "title_zh": hostile, "title_en": hostile, "summary_en": "x" * 10_000}
    _answer(page, answers, _first_source(project))
    page.evaluate("() => { document.getElementById('summary_zh').value = '摘要\\u0000結尾'; }")
    page.click("button[type=submit]")
    assert MESSAGES[lang]["control"] in page.inner_text("#summary_zh-error")
    too_long = page.inner_text("#summary_en-error")
    assert MESSAGES[lang]["too_long"] in too_long and "300" in too_long and "10000" in too_long
    assert page.locator("[data-cb-result]").is_hidden()
    page.fill("#summary_zh", "摘要")
    page.fill("#summary_en", "A summary.")
    text = _submit(page)
    assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert('))")
    assert page.locator("img[src=x]").count() == 0
    assert "{{ 7*7 }}" in text and "<script>" in text  # as typed, inside a quoted YAML string
    assert yaml.safe_load(text)["title"] == {"zh-TW": hostile, "en": hostile}
    result = _validate_strict(project, ANSWERS["id"], text)
    assert result.returncode == 0, result.stdout + result.stderr


def _editor_url(page) -> str:
    return page.get_attribute("[data-cb-github-link]", "href")


def test_the_github_editor_address_carries_the_file_and_its_length_is_checked(phone, server, project):
    source = _first_source(project)
    page = _open(phone, server, "en")
    short = {**ANSWERS, "title_zh": "萬巒", "title_en": "Wanluan", "summary_zh": "摘要。", "summary_en": "Summary."}
    _answer(page, short, source)
    text = _submit(page)
    url = _editor_url(page)
    assert page.locator("[data-cb-github]").is_visible(), page.inner_text("[data-cb-too-long]")
    assert page.locator("[data-cb-too-long]").is_hidden()
    assert url.startswith(f"{REPO}/new/main?filename=content/cases/{short['id']}.yml&value=")
    assert len(url) <= 8000
    query = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert query == {"filename": [f"content/cases/{short['id']}.yml"], "value": [text]}

    page.fill("#summary_zh", "這是很長的測試摘要。" * 30)  # 300 characters, 9 bytes each in the address
    text = _submit(page)
    assert page.locator("[data-cb-github]").is_hidden()
    notice = page.inner_text("[data-cb-too-long]")
    assert "8000" in notice and re.search(r"needs \d{4,}", notice)
    page.click("[data-cb-too-long] [data-cb-copy]")  # step 1 of the three, beside its explanation
    page.wait_for_function("document.querySelector('[data-cb-status]').textContent !== ''")
    empty = page.get_attribute("[data-cb-github-empty]", "href")
    assert empty == f"{REPO}/new/main?filename=content/cases/{short['id']}.yml"
    assert len(text) > 0


def test_the_file_can_be_copied_and_downloaded(browser, server, project):
    page = OfflinePage(browser, viewport=PHONE, accept_downloads=True)
    try:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
        tab = _open(page, server, "zh-TW")
        _answer(tab, ANSWERS, _first_source(project))
        text = _submit(tab)
        tab.click(".cb-submit__actions [data-cb-copy]")
        tab.wait_for_function("document.querySelector('[data-cb-status]').textContent !== ''")
        assert tab.inner_text("[data-cb-status]") == "已複製，請貼到 GitHub 編輯器中。"
        assert tab.evaluate("navigator.clipboard.readText()") == text
        with tab.expect_download() as download:
            tab.click("[data-cb-download]")
        assert download.value.suggested_filename == f"{ANSWERS['id']}.yml"
        assert Path(download.value.path()).read_bytes() == text.encode("utf-8")
    finally:
        page.close()


def test_without_javascript_the_page_offers_the_issue_form_and_contributing(browser, server):
    page = OfflinePage(browser, viewport=PHONE, java_script_enabled=False)
    try:
        page.page.goto(server + PAGES["zh-TW"])
        assert page.page.locator("[data-cb-submit-form]").is_hidden()
        links = [a.get_attribute("href") for a in page.page.locator("#other-ways ~ ul a").all()]
        assert links == [f"{REPO}/issues/new?template=new-case.yml", f"{REPO}/blob/main/CONTRIBUTING.md"]
        assert "JavaScript" in page.page.inner_text(".cb-submit")
    finally:
        page.close()


def test_a_site_without_a_repository_offers_copy_and_download_and_says_why(phone, site_server):
    page = _open(phone, site_server, "en")
    _answer(page, ANSWERS, "ndc-policy-outlook")
    _submit(page)
    assert page.locator("[data-cb-github-link]").count() == 0
    assert "does not name its repository" in page.inner_text("[data-cb-result]")
    assert page.locator("[data-cb-copy]").is_visible() and page.locator("[data-cb-download]").is_visible()


def test_the_form_and_its_errors_pass_axe_on_a_phone(phone, server):
    from axe_playwright_python.sync_playwright import Axe

    page = _open(phone, server, "zh-TW")
    page.click("button[type=submit]")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag22aa"]}})
    assert results.response["violations"] == [], results.generate_report()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing wider than the phone"
