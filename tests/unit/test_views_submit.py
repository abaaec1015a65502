"""The "Submit a case" page's view (generator/render/views/submit.py): what the form offers, from the records.

The browser side (the file it writes, its checks, GitHub's editor) is tested in tests/e2e/test_submit.py.
"""

from __future__ import annotations

import json
import re

from views_helpers import ROOT, by_url, render, view_context

from generator.authoring.scaffold import load_context
from generator.load.project import load_project
from generator.model.schema import render_schemas
from generator.render.chrome import make_chrome
from generator.render.views.submit import MAX_EDITOR_URL, submit_pages


def _script_data(html: str, element: str = "cb-submit-data") -> dict:
    match = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', html, re.S)
    assert match, "the script's data is in the page"
    return json.loads(match.group(1))


def test_the_form_offers_every_place_and_term_of_the_project_and_the_schema_limits():
    ctx = view_context(ROOT)
    pages = by_url(submit_pages(ctx, "zh-TW") + submit_pages(ctx, "en"))
    assert set(pages) == {"submit/", "en/submit/"}
    view = pages["en/submit/"].view
    places = [choice.id for group in view.places for choice in group.choices]
    counties = ctx.collection.places.counties
    assert len(counties) == 22 and len(places) == 22 + sum(len(c.townships) for c in counties) == 22 + 368
    assert [c.id for c in view.arrows] == [t.id for t in ctx.collection.taxonomy.arrows]
    assert [c.id for c in view.sources] == [s.id for s in ctx.collection.sources.sources]
    assert [(f.name, f.max_length) for f in view.texts] == [
        ("title_zh", 300),
        ("title_en", 300),
        ("summary_zh", 300),
        ("summary_en", 300),
    ]
    assert view.id_max == 80
    # the browser validates against the very schema `casebook schema` writes
    assert view.script_data["schema"] == json.loads(render_schemas()["case.schema.json"])
    assert view.script_data["schemaPath"] == "../../schema/case.schema.json"
    assert view.script_data["maxUrl"] == MAX_EDITOR_URL == 8000


def test_the_notes_after_ids_are_the_ones_new_case_writes():
    ctx = view_context(ROOT)
    labels = submit_pages(ctx, "en")[0].view.script_data["labels"]
    project, _ = load_project(ROOT / "casebook.yml")
    context, problems = load_context(project)
    assert context is not None, problems
    for group in ("places", "arrows", "technologies", "industries", "sources"):
        expected = {c.id: " ".join(c.label.split()) for c in getattr(context, group)}
        assert labels[group] == expected, group


def test_without_a_repository_the_page_offers_copy_and_download_and_says_why(project):
    ctx = view_context(project.root)
    html = render(ctx, submit_pages(ctx, "en")[0])
    assert _script_data(html)["newFileUrl"] is None
    assert "does not name its repository" in html and "data-cb-github-link" not in html
    assert "issues/new" not in html


def test_with_a_repository_the_page_links_its_editor_issue_form_and_contributing(project):
    project.replace(
        "casebook.yml", "content_dir: content", "content_dir: content\nrepo_url: https://github.com/example/casebook"
    )
    ctx = view_context(project.root)
    html = render(ctx, submit_pages(ctx, "zh-TW")[0])
    assert _script_data(html)["newFileUrl"] == "https://github.com/example/casebook/new/main"
    assert 'href="https://github.com/example/casebook/issues/new?template=new-case.yml"' in html
    assert 'href="https://github.com/example/casebook/blob/main/CONTRIBUTING.md"' in html
    assert _script_data(html, "cb-submit-messages")["error.required"] == "請填寫這一欄。"
    assert '"請填寫這一欄。"' in html, "the messages' Han as it is, so the build's font cut includes them"


def test_an_english_page_holds_no_han_for_the_script():
    """The build cuts the Han font to the characters pages hold, English pages' all in one part."""
    ctx = view_context(ROOT)
    html = render(ctx, submit_pages(ctx, "en")[0])
    scripts = re.findall(r'<script type="application/json" id="cb-submit-[a-z]+">(.*?)</script>', html, re.S)
    assert len(scripts) == 2 and not re.search(r"[\u3400-\u9fff]", "".join(scripts))
    assert "屏東縣" in _script_data(html)["labels"]["places"]["pingtung"]


def test_hostile_names_in_the_records_stay_inert_in_the_page(project):
    """The data the script reads is JSON inside <script>: a '</script>' in a name must not end it."""
    project.replace("content/taxonomy.yml", "label: {zh-TW: 範例產業", "label: {zh-TW: </script><b>範例產業")
    ctx = view_context(project.root)
    html = render(ctx, submit_pages(ctx, "zh-TW")[0])
    data = _script_data(html)
    assert any("</script><b>" in label for label in data["labels"]["industries"].values())
    assert "<b>範例產業" not in html


def test_every_page_footer_links_the_submit_page():
    ctx = view_context(ROOT)
    for lang, url, label in (("zh-TW", "submit/", "投稿新案例"), ("en", "en/submit/", "Submit a case")):
        links = [
            link for group in make_chrome(ctx.config, ctx.strings, ctx.urls, lang).footer.groups for link in group.links
        ]
        assert any(link.url == url and link.label == label for link in links)
