"""Brand pages and the brands index (fixture project)."""

from __future__ import annotations

from views_helpers import by_url, render, view_context

from generator.render.views.brands import brand_pages


def test_brand_page_derives_its_cases_from_the_cases_that_name_it(project):
    # Both fixture cases name example-brand; only the published one is shown.
    ctx = view_context(project.root)
    pages = by_url(brand_pages(ctx, "en"))
    brand = pages["en/brands/example-brand/"]
    assert [card.id for card in brand.view.cases] == ["example-case"]
    assert brand.record_path == "content/brands/example-brand.yml"
    index = pages["en/brands/"]
    assert [(b.name, b.url, b.case_count) for b in index.view.brands] == [
        ("Example brand", "en/brands/example-brand/", 1)
    ]
    assert index.nav_order is not None and brand.nav_order is None


def test_brand_page_shows_story_values_products_place_and_sourced_colour_swatches(project):
    ctx = view_context(project.root)
    html = render(ctx, by_url(brand_pages(ctx, "en"))["en/brands/example-brand/"])
    assert "<p>Synthetic fixture text.</p>" in html
    assert "Example value" in html and "Example product" in html
    assert 'href="../../counties/example-county/">Example County</a>' in html
    assert 'style="background-color: #1a2b3c"' in html and "Example blue" in html
    assert 'href="../../cases/example-case/"' in html
    assert "Last reviewed" in html and "2024-01-15" in html


def test_without_sourced_colours_the_page_says_none_are_recorded(project):
    text = project.read("content/brands/example-brand.yml")
    start, end = text.index("colours:"), text.index("products:")
    project.write("content/brands/example-brand.yml", text[:start] + text[end:])
    ctx = view_context(project.root)
    html = render(ctx, by_url(brand_pages(ctx, "zh-TW"))["brands/example-brand/"])
    assert "background-color" not in html
    assert "沒有此品牌色彩的紀錄；出處未提供。" in html


def test_brand_story_is_sanitised(project):
    project.replace(
        "content/brands/example-brand.yml",
        "en: Synthetic fixture text.",
        "en: \"Text <script>alert(1)</script> [x](javascript:alert(1)) <b onclick='x()'>b</b>\"",
    )
    ctx = view_context(project.root)
    html = render(ctx, by_url(brand_pages(ctx, "en"))["en/brands/example-brand/"])
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html


def test_an_unreviewed_translation_says_so_and_the_original_does_not(project):
    # The fixture brand's English is marked `reviewed: false` with a note.
    ctx = view_context(project.root)
    english = render(ctx, by_url(brand_pages(ctx, "en"))["en/brands/example-brand/"])
    assert "This translation has not yet been reviewed by a person. Synthetic fixture" in english
    chinese = render(ctx, by_url(brand_pages(ctx, "zh-TW"))["brands/example-brand/"])
    assert "cb-notice" not in chinese


def test_a_draft_brand_has_no_page(project):
    project.replace("content/brands/example-brand.yml", "status: published", "status: draft")
    # The published case names the brand: make it a draft too, as validation requires.
    project.replace("content/cases/example-case.yml", "status: published", "status: draft")
    project.replace("content/exhibitions/example-exhibition.yml", "status: published", "status: draft")
    ctx = view_context(project.root)
    pages = by_url(brand_pages(ctx, "en"))
    assert set(pages) == {"en/brands/"}
    assert "No place brand has been published yet." in render(ctx, pages["en/brands/"])
