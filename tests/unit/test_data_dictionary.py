"""The data dictionary lists the case record's fields from the model, in both languages."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import Field

from generator.build.site import prepare_site
from generator.model.data_dictionary import case_fields, model_fields
from generator.model.records import Case, Slug
from generator.render.views.opendata import inline_code

ROOT = Path(__file__).resolve().parents[2]


def test_fields_come_from_the_model_with_their_kind_and_description():
    fields = {field.path: field for field in case_fields()}
    assert list(fields)[:3] == ["id", "status", "last_reviewed"]
    assert (fields["title"].kind, fields["story"].kind, fields["arrows"].kind) == ("text", "markdown", "ids")
    assert fields["outcomes[].as_of"].kind == "partial-date"
    assert fields["looking_for[].kind"].choices == ("investment", "talent", "partners")
    assert fields["translations.<lang>.reviewed"].kind == "boolean"
    assert fields["place"].required and not fields["brand"].required
    assert fields["summary"].description == Case.model_fields["summary"].description


def test_a_field_added_to_the_model_is_listed_without_anyone_keeping_a_list():
    class CaseWithWebsite(Case):
        website_owner: Slug | None = Field(None, description="Id of whoever runs the case's website.")

    added = model_fields(CaseWithWebsite)[-1]
    assert (added.path, added.kind, added.required) == ("website_owner", "id", False)
    assert added.description == "Id of whoever runs the case's website."


def test_every_field_has_a_chinese_description():
    strings = yaml.safe_load((ROOT / "theme" / "strings" / "zh-TW.yml").read_text(encoding="utf-8"))
    missing = sorted({f.key for f in case_fields()} - {k.removeprefix("opendata.field.") for k in strings})
    assert missing == [], f"add opendata.field.<key> to theme/strings/zh-TW.yml for: {missing}"


def test_the_page_lists_every_field_in_each_language():
    site = prepare_site(ROOT / "tests" / "fixtures" / "project" / "casebook.yml", ROOT / "theme")
    paths = [field.path for field in case_fields()]
    for src_uri, lang in (("open-data/dictionary.md", "zh-TW"), ("en/open-data/dictionary.md", "en")):
        page = site.page(src_uri)
        assert page is not None and page.lang == lang
        assert [row.path for row in page.view.fields] == paths
        assert all(row.description for row in page.view.fields), f"a field without description in {lang}"
        body = site.rendered[src_uri].body
        assert all(f"<code>{path}</code>" in body for path in paths if "<" not in path)
    zh = site.page("open-data/dictionary.md").view.fields[0].description
    assert "紀錄代碼" in zh


def test_backticks_become_code_and_everything_else_is_escaped():
    assert inline_code("equal to `id.yml` <script>") == "equal to <code>id.yml</code> &lt;script&gt;"
