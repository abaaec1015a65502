"""Answering a need: the contact a community agreed to publish, or else a prefilled "I can help with…" issue."""

from __future__ import annotations

from html import unescape

from views_helpers import by_url, render, view_context

from generator.build.pipeline import load_collection
from generator.load.project import load_project
from generator.render.views.cases import case_pages

CASE = "content/cases/example-case.yml"
NEED = """     sources: [{source: example-source}]}
"""
REPO = "content_dir: content\nrepo_url: https://github.com/example/casebook"


def headlines(project) -> list[str]:
    config, _ = load_project(project.root / "casebook.yml")
    return [f"{d.code}: {d.field}: {d.message}" for d in load_collection(config)[1]]


def test_a_need_without_contact_links_to_a_prefilled_issue(project):
    project.replace("casebook.yml", "content_dir: content", REPO)
    ctx = view_context(project.root)
    html = unescape(render(ctx, by_url(case_pages(ctx, "en"))["en/cases/example-case/"]))
    assert (
        '<a href="https://github.com/example/casebook/issues/new?template=offer-help.yml&title='
        "%E6%88%91%E5%8F%AF%E4%BB%A5%E5%8D%94%E5%8A%A9%20%2F%20I%20can%20help%3A%20%E7%AF%84%E4%BE%8B%E6%A1%88%E4%BE%8B"
        '&case=example-case&need=partners" rel="nofollow">I can help with this…</a>'
    ) in html


def test_a_need_with_a_contact_shows_it_and_no_issue_link(project):
    project.replace("casebook.yml", "content_dir: content", REPO)
    project.replace(
        CASE,
        NEED,
        "     sources: [{source: example-source}],\n"
        "     contact: {url: 'mailto:office@example.org', consent: synthetic fixture consent}}\n",
    )
    ctx = view_context(project.root)
    html = render(ctx, by_url(case_pages(ctx, "zh-TW"))["cases/example-case/"])
    assert (
        '聯絡方式（經社區同意公開）：<a href="mailto:office@example.org" rel="nofollow">office@example.org</a>' in html
    )
    assert "offer-help.yml" not in html


def test_a_contact_needs_consent_and_a_url_or_address(project):
    project.replace(CASE, NEED, "     sources: [{source: example-source}], contact: {url: 'https://example.org/'}}\n")
    assert "missing-field: looking_for[0].contact.consent: field required" in headlines(project)
    project.replace(CASE, "contact: {url: 'https://example.org/'}", "contact: {consent: agreed}")
    assert "missing-contact: looking_for[0].contact: a contact needs a `url` or an `address`" in headlines(project)


def test_no_record_has_a_contact():
    """No contact is ever invented: the sources give none, so no record names one."""
    from pathlib import Path

    for path in (Path(__file__).resolve().parents[2] / "content").rglob("*.yml"):
        assert "contact:" not in path.read_text(encoding="utf-8"), path


def test_a_control_character_never_reaches_the_pages_or_the_feed(project):
    """A record holding one is refused: it is not among the records pages and the feed are made from."""
    project.replace(CASE, "  en: Example case\n", '  en: "Example\\x0b case"\n')
    config, _ = load_project(project.root / "casebook.yml")
    collection, diagnostics = load_collection(config)
    assert "example-case" not in collection.cases
    assert [d.code for d in diagnostics if d.severity == "error"][0] == "control-character"
