"""Index pages, the case list and its filter data, and the links on case pages (fixture project)."""

from __future__ import annotations

import re

from views_helpers import by_url, render, view_context

from generator.render.pages import build_pages
from generator.render.views.caselist import case_list_pages
from generator.render.views.cases import case_pages
from generator.render.views.indexes import county_pages, facet_pages, looking_for_pages

NEW_CASE = """\
id: quiet-case
status: published
last_reviewed: 2024-01-15
translations:
  en: {reviewed: true}
title: {zh-TW: 安靜案例, en: Quiet case}
summary: {zh-TW: 合成測試資料。, en: Synthetic fixture.}
story: {zh-TW: 合成測試資料。, en: Synthetic fixture text.}
place: other-county
arrows: [example-arrow-two]
sources:
  - source: example-source
"""


def test_every_term_has_a_page_and_the_overview_counts_published_cases_only(project):
    ctx = view_context(project.root)
    pages = by_url(facet_pages(ctx, "en"))
    arrows = pages["en/arrows/"]
    assert [(e.label, e.count) for e in arrows.view.entries] == [
        ("Example arrow one", 1),
        ("Example arrow two", 0),
        ("Example arrow three", 1),
        ("Example arrow four", 0),
        ("Example arrow five", 0),
    ]
    # The draft case has arrow two: it is counted nowhere and listed nowhere.
    assert pages["en/arrows/example-arrow-two/"].view.cards == []
    assert [c.id for c in pages["en/arrows/example-arrow-one/"].view.cards] == ["example-case"]
    assert {
        "en/technologies/",
        "en/technologies/example-tech/",
        "en/industries/",
        "en/industries/example-industry/",
    } <= set(pages)
    assert pages["en/technologies/"].view.entries[0].letter == "A"


def test_term_page_shows_description_cases_and_a_link_to_the_filtered_list(project):
    ctx = view_context(project.root)
    page = by_url(facet_pages(ctx, "en"))["en/technologies/example-tech/"]
    html = render(ctx, page)
    assert "Synthetic fixture text." in html
    assert 'href="../../cases/example-case/"' in html
    assert 'href="../../cases/?technology=example-tech"' in html
    assert 'href="../"' in html  # back to the overview
    empty = render(ctx, by_url(facet_pages(ctx, "en"))["en/arrows/example-arrow-five/"])
    assert "No published case has this yet." in empty


def test_county_page_lists_township_cases_under_an_anchor_and_brands(project):
    ctx = view_context(project.root)
    pages = by_url(county_pages(ctx, "zh-TW"))
    assert [(e.label, e.count) for e in pages["counties/"].view.entries] == [("範例縣", 1), ("他縣", 0)]
    html = render(ctx, pages["counties/example-county/"])
    section = html.split('id="township-example-township"', 1)[1]
    assert "範例<wbr>案例" in section  # a card title breaks between its phrases only
    # The brand is placed at the county itself, not the township.
    assert html.index("範例品牌") < html.index('id="township-example-township"')
    assert "此縣市尚無已發布的案例或品牌。" in render(ctx, pages["counties/other-county/"])


def test_case_list_cards_carry_their_facets_and_the_filter_offers_only_used_values(project):
    project.write("content/cases/quiet-case.yml", NEW_CASE)
    ctx = view_context(project.root)
    page = case_list_pages(ctx, "en")[0]
    assert page.url == "en/cases/" and page.nav_order is not None
    cards = {c.id: c for c in page.view.cards}
    assert set(cards) == {"example-case", "quiet-case"}
    assert cards["example-case"].data == {
        "county": "example-county",
        "arrow": "example-arrow-one example-arrow-three",
        "technology": "example-tech",
        "industry": "example-industry",
    }
    facets = {f.key: [(v.id, v.count) for v in f.values] for f in page.view.facets}
    assert facets == {
        "county": [("example-county", 1), ("other-county", 1)],
        "arrow": [("example-arrow-one", 1), ("example-arrow-two", 1), ("example-arrow-three", 1)],
        "technology": [("example-tech", 1)],
        "industry": [("example-industry", 1)],
    }
    html = render(ctx, page)
    assert re.search(
        r'<li class="cb-card" data-county="example-county" data-arrow="example-arrow-one '
        r'example-arrow-three" data-technology="example-tech" data-industry="example-industry">',
        html,
    )
    # Without JavaScript: links to the index pages; the form is hidden until the script shows it.
    assert 'href="../counties/other-county/">Other County (1)</a>' in html
    assert re.search(r"<form [^>]*data-cb-filter-form hidden", html)
    assert 'role="status" aria-live="polite"' in html and "2 cases" in html
    assert '<script src="../../assets/javascripts/case-filter.js" defer></script>' in html


def test_looking_for_groups_needs_by_kind_and_is_honest_about_the_rest(project):
    project.write("content/cases/quiet-case.yml", NEW_CASE)
    ctx = view_context(project.root)
    page = looking_for_pages(ctx, "en")[0]
    groups = {g.kind: g.entries for g in page.view.groups}
    assert [e.card.id for e in groups["partners"]] == ["example-case"]
    assert groups["investment"] == [] and groups["talent"] == []
    assert [c.id for c in page.view.unstated] == ["quiet-case"]
    html = render(ctx, page)
    assert html.count("No case&#39;s sources state this need yet.") == 2
    assert "Example need" in html and "Synthetic fixture source" in html


def test_case_page_links_to_terms_county_township_and_brand(project):
    ctx = view_context(project.root)
    page = by_url(case_pages(ctx, "en"))["en/cases/example-case/"]
    html = render(ctx, page)
    for href in (
        'href="../../arrows/example-arrow-one/"',
        'href="../../technologies/example-tech/"',
        'href="../../industries/example-industry/"',
        'href="../../counties/example-county/"',
        'href="../../counties/example-county/#township-example-township"',
        'href="../../brands/example-brand/"',
    ):
        assert href in html


def test_only_top_level_pages_are_in_the_navigation(project):
    ctx = view_context(project.root)
    pages = build_pages(ctx.collection, ctx.config, ctx.strings, ctx.urls)
    in_nav = sorted((p.nav_order, p.url) for p in pages if p.lang == "en" and p.nav_order is not None)
    urls = [url for _, url in in_nav]
    assert urls[0] == "en/"
    for url in (
        "en/cases/",
        "en/brands/",
        "en/arrows/",
        "en/technologies/",
        "en/industries/",
        "en/counties/",
        "en/looking-for/",
        "en/exhibitions/",
        "en/translations/",
        "en/about/",
    ):
        assert url in urls
    assert not any(re.match(r"en/(cases|brands|arrows|counties)/.+", url) for url in urls)
    assert "en/404.html" not in urls
    assert urls.index("en/cases/") < urls.index("en/brands/") < urls.index("en/about/")
