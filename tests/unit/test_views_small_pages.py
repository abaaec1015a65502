"""Exhibitions, translation status, about, 404 and the fallback notice (fixture project)."""

from __future__ import annotations

from dataclasses import replace

from views_helpers import by_url, render, view_context

from generator.model.fields import iter_localized
from generator.render.views.about import about_pages
from generator.render.views.base import localized_texts
from generator.render.views.brands import brand_pages
from generator.render.views.cases import case_pages
from generator.render.views.exhibitions import exhibition_pages, is_planned
from generator.render.views.indexes import looking_for_pages
from generator.render.views.notfound import not_found_pages
from generator.render.views.status import status_pages

EPOCH_2024_02_01 = "1706745600"
EPOCH_2024_04_01 = "1711929600"


# -- exhibitions ------------------------------------------------------------------------------------


def test_planned_or_held_is_judged_at_the_precision_of_the_start_date():
    assert is_planned("2024-03", "2024-02-28")
    assert not is_planned("2024-03", "2024-03-01")  # the month has begun
    assert not is_planned("2019", "2019-11-23")
    assert is_planned("2020", "2019-12-31")


def test_exhibitions_page_lists_planned_and_held_against_the_build_date(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_02_01)
    ctx = view_context(project.root)
    view = exhibition_pages(ctx, "en")[0].view
    assert [e.id for e in view.planned] == ["example-exhibition"] and view.held == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_04_01)
    page = exhibition_pages(ctx, "en")[0]
    assert page.view.planned == [] and [e.id for e in page.view.held] == ["example-exhibition"]
    html = render(ctx, page)
    assert '<time datetime="2024-03-01">1 March 2024</time> – <time datetime="2024-03-31">31 March 2024</time>' in html
    assert "Example venue" in html and '<span lang="zh-TW">正體中文</span>, English' in html
    assert 'href="../cases/example-case/">Example case</a>' in html
    assert 'id="example-exhibition"' in html
    assert "No exhibition is planned." in html
    chinese = render(ctx, exhibition_pages(ctx, "zh-TW")[0])
    assert '<time datetime="2024-03-01">2024年3月1日</time>' in chinese


def test_exhibition_dates_stay_as_precise_as_the_record(project):
    project.replace(
        "content/exhibitions/example-exhibition.yml", "start: 2024-03-01\nend: 2024-03-31", "start: 2019-11"
    )
    ctx = view_context(project.root)
    html = render(ctx, exhibition_pages(ctx, "zh-TW")[0])
    assert '<time datetime="2019-11">2019年11月</time></dd>' in html
    assert '<time datetime="2019-11">November 2019</time></dd>' in render(ctx, exhibition_pages(ctx, "en")[0])


# -- translation status -------------------------------------------------------------------------------


def test_status_page_shows_text_and_review_per_language_for_every_record(project):
    ctx = view_context(project.root)
    page = status_pages(ctx, "en")[0]
    tables = {t.kind: {row.file: row for row in t.rows} for t in page.view.tables}
    case = tables["cases"]["content/cases/example-case.yml"]
    assert case.url == "en/cases/example-case/" and case.status == "published"
    assert [(c.lang, c.text, c.review) for c in case.cells] == [
        ("zh-TW", "complete", "original"),
        ("en", "complete", "reviewed"),
    ]
    draft = tables["cases"]["content/cases/second-example-case.yml"]
    assert draft.url is None and draft.status == "draft"
    assert [(c.text, c.review) for c in draft.cells] == [("complete", "original"), ("missing", "none")]
    brand = tables["brands"]["content/brands/example-brand.yml"]
    assert [c.review for c in brand.cells] == ["original", "unreviewed"] and brand.note == "en: Synthetic fixture"
    assert (
        tables["exhibitions"]["content/exhibitions/example-exhibition.yml"].url == "en/exhibitions/#example-exhibition"
    )
    assert (page.view.reviewed, page.view.translations) == (2, 3)
    html = render(ctx, page)
    assert "2 of 3 translations reviewed by a person." in html
    assert "content/cases/" not in html  # no repository paths: readers get an edit link instead
    assert html.count('class="cb-status-card"') == 4


def test_status_page_links_each_record_to_its_editor_when_the_repository_is_known(project):
    project.replace(
        "casebook.yml", "content_dir: content", "content_dir: content\nrepo_url: https://github.com/example/casebook"
    )
    ctx = view_context(project.root)
    html = render(ctx, status_pages(ctx, "zh-TW")[0])
    assert 'href="https://github.com/example/casebook/edit/main/content/brands/example-brand.yml"' in html
    assert ">編輯或翻譯<" in html and "<code>content/cases/" not in html


# -- fallback notice ---------------------------------------------------------------------------------


def test_a_page_whose_text_falls_back_says_so_in_the_readers_language(project):
    ctx = view_context(project.root)
    # Validation keeps published records complete; a record missing a language
    # (as a third language being added would be) is made here directly.
    case = ctx.collection.cases["example-case"]
    untranslated = case.model_copy(update={"story": {"zh-TW": "只有中文。"}})
    ctx.collection.cases["example-case"] = untranslated
    ctx.published_cases[ctx.published_cases.index(case)] = untranslated
    page = by_url(case_pages(ctx, "en"))["en/cases/example-case/"]
    assert page.view.translation.fallback_name == "正體中文"
    html = render(ctx, page)
    assert (
        'This page has not been translated into English yet. Its text is shown in: <span lang="zh-TW">正體中文</span>'
        in html
    )
    assert "只有中文。" in html
    assert "cb-notice" not in render(ctx, by_url(case_pages(ctx, "zh-TW"))["cases/example-case/"])


def test_the_fast_walk_finds_the_same_texts_as_the_typed_one(project):
    # localized_texts reads values (every map of strings is a text per language);
    # iter_localized reads the model's types. They must agree on every record kind.
    ctx = view_context(project.root)
    records = [*ctx.collection.cases.values(), *ctx.collection.brands.values(), *ctx.collection.exhibitions.values()]
    for record in records:
        assert [id(t) for t in localized_texts(record)] == [id(t) for _, t in iter_localized(record)], record.id
    assert (
        len(list(localized_texts(ctx.collection.cases["example-case"]))) == 6
    )  # title, summary, story, outcome, need, section


def test_reviewed_translation_shows_no_notice(project):
    ctx = view_context(project.root)
    html = render(ctx, by_url(case_pages(ctx, "en"))["en/cases/example-case/"])
    assert "cb-notice" not in html
    brand = by_url(brand_pages(ctx, "en"))["en/brands/example-brand/"]
    assert brand.view.translation.unreviewed and not brand.view.translation.fallback_name


def test_a_page_in_a_language_without_interface_strings_says_so(project):
    # A third language added to casebook.yml before theme/strings/<code>.yml exists.
    ctx = view_context(project.root)
    english = looking_for_pages(ctx, "en")[0]
    assert "cb-notice" not in render(ctx, english)
    japanese = replace(english, lang="ja")
    html = render(ctx, japanese)
    assert "此頁的介面文字尚未譯成本頁的語言，暫以正體中文顯示。" in html
    assert html.count("cb-notice--fallback") == 1


# -- about ---------------------------------------------------------------------------------------------


def test_about_page_names_sources_licence_credit_line_reference_data_and_software(project):
    ctx = view_context(project.root)
    page = about_pages(ctx, "en")[0]
    html = render(ctx, page)
    assert "Synthetic fixture source" in html and "Synthetic fixture report" in html  # content/sources.yml
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener">CC BY 4.0</a>' in html
    assert "<code>Example Casebook, CC BY 4.0</code>" in html
    assert "Synthetic fixture gazetteer" in html and "CC0-1.0" in html  # places.yml reference
    assert "MkDocs" in html and "Material for MkDocs" in html and "BSD-2-Clause" in html
    assert 'href="../translations/"' in html


def test_credit_line_names_the_site_address_when_known(project):
    project.replace("casebook.yml", "content_dir: content", "content_dir: content\nsite_url: https://example.org/cb/")
    ctx = view_context(project.root)
    assert about_pages(ctx, "zh-TW")[0].view.credit_line == "範例案例集（https://example.org/cb/），CC BY 4.0"


# -- 404 -------------------------------------------------------------------------------------------------


def test_not_found_pages_live_at_prefix_404_html(project):
    ctx = view_context(project.root)
    zh, en = not_found_pages(ctx, "zh-TW")[0], not_found_pages(ctx, "en")[0]
    assert (zh.url, zh.src_uri, en.url, en.src_uri) == ("404.html", "404.md", "en/404.html", "en/404.md")
    assert zh.nav_order is None and en.nav_order is None
    assert not zh.listed and not en.listed  # not for the sitemap or the site search
    # The root page is served for any missing path: its links start at the site root.
    assert [link.url for link in zh.view.links] == ["/", "/cases/", "/brands/"]
    assert [(a.lang, a.url) for a in zh.view.other_languages] == [("en", "/en/404.html")]
    # The English page is reached at its own address: relative links.
    assert [link.url for link in en.view.links] == ["./", "cases/", "brands/"]
    assert [(a.lang, a.url) for a in en.view.other_languages] == [("zh-TW", "../404.html")]
    html = render(ctx, en)
    assert "Page not found" not in html  # the title is the page's h1, given by the theme
    assert 'href="cases/">All cases</a>' in html and "search" in html


def test_root_404_links_follow_the_site_path(project):
    project.replace("casebook.yml", "content_dir: content", "content_dir: content\nsite_url: https://example.org/cb/")
    ctx = view_context(project.root)
    assert [link.url for link in not_found_pages(ctx, "zh-TW")[0].view.links] == ["/cb/", "/cb/cases/", "/cb/brands/"]
