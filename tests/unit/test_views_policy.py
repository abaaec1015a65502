"""Policy explainers, the map and the home page as page objects (no site engine).

Explainer files are checked like records: each problem is one line with its
position. The views are built from the synthetic fixture project, and from the
real content (the map has its own tests in test_map.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.site import prepare_site
from generator.render.views.base import ViewContext
from generator.render.views.figures import figure_text, format_number
from generator.render.views.policy import prose_html
from generator.render.views.policy_refs import References

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "project"


@pytest.fixture(scope="module")
def fixture_site():
    return prepare_site(FIXTURE / "casebook.yml", ROOT / "theme")


def context(site) -> ViewContext:
    from generator.load.strings import load_strings

    strings = load_strings(ROOT / "theme" / "strings", site.project.config)
    return ViewContext(site.collection, site.project.config, strings, site.urls)


def page(site, src_uri):
    found = site.page(src_uri)
    assert found is not None, f"no page {src_uri}"
    return found


# -- explainer files: what `casebook validate` says about them ------------------------------------

BAD_FILES = {
    "content/policy/Why.en.md": (
        "# Why\n",
        "content/policy/Why.en.md: error[bad-file-name]: 'Why.en.md' is not named <slug>.<language>.md",
    ),
    "content/policy/why.fr.md": (
        "# Pourquoi\n",
        "content/policy/why.fr.md: error[unknown-language]: 'fr' is not a language of this site",
    ),
    "content/policy/matter.en.md": (
        "---\ntitle: x\n---\n# T\n",
        "content/policy/matter.en.md:1:1: error[front-matter]: explainers have no front matter",
    ),
    "content/policy/untitled.en.md": (
        "\nText first.\n",
        "content/policy/untitled.en.md:2:1: error[missing-title]: the first line must be the title, as '# Title'",
    ),
    "content/policy/html.en.md": (
        "# T\n\nText <script>alert(1)</script>\n",
        "content/policy/html.en.md:3:6: error[raw-html]: raw HTML is not allowed in an explainer",
    ),
    "content/policy/pie.en.md": (
        "# T\n\n{{chart:pie}}\n",
        "content/policy/pie.en.md:3:1: error[bad-directive]: "
        "unknown directive '{{chart:pie}}'; known: chart:bars, chart:funding, "
        "chart:series, chart:share, chart:timeline, cite:..., figure:..., list:arrows, "
        "list:figures, list:milestones, list:process, list:vision",
    ),
    "content/policy/inline.en.md": (
        "# T\n\nSee {{chart:series}} here.\n",
        "content/policy/inline.en.md:3:5: error[bad-directive]: '{{chart:series}}' must stand alone on its line",
    ),
    "content/policy/share.en.md": (
        "# T\n\n{{chart:share:example-figure}}\n",
        "content/policy/share.en.md:3:1: "
        "error[bad-directive]: '{{chart:share:example-figure}}' needs 2 argument(s) "
        "after 'chart:share'",
    ),
    "content/policy/figure.en.md": (
        "# T\n\nWe have {{figure:no-such-figure}}.\n",
        "content/policy/figure.en.md:3:9: error[unknown-reference]: "
        "no figure 'no-such-figure' in content/policy/data.yml",
    ),
    "content/policy/cite.en.md": (
        "# T\n\nSaid so{{cite:no-such-source|p. 1}}.\n",
        "content/policy/cite.en.md:3:8: error[unknown-reference]: no source 'no-such-source' in content/sources.yml",
    ),
    "content/policy/whole.en.md": (
        "# T\n\n{{chart:share:example-vision:example-figure}}\n",
        "content/policy/whole.en.md:3:1: error[unknown-reference]: 'example-vision' must "
        "be a whole number no larger than 'example-figure' (at most 2000)",
    ),
}


@pytest.mark.parametrize("rel", sorted(BAD_FILES))
def test_a_bad_explainer_is_one_line_with_its_position(project, rel):
    text, expected = BAD_FILES[rel]
    project.write(rel, text)
    assert project.headlines() == [expected]


def test_every_problem_of_an_explainer_is_reported_in_one_run(project):
    project.write("content/policy/two.en.md", "# T\n\nSee <b>this</b> and {{figure:nope}}.\n")
    assert project.headlines() == [
        "content/policy/two.en.md:3:5: error[raw-html]: raw HTML is not allowed in an explainer",
        "content/policy/two.en.md:3:21: error[unknown-reference]: no figure 'nope' in content/policy/data.yml",
    ]


def test_the_fixture_explainers_have_no_problems(project):
    assert project.headlines() == []


# -- explainer pages ------------------------------------------------------------------------------


def test_policy_overview_is_in_the_navigation_and_links_every_explainer(fixture_site):
    for lang, prefix in (("zh-TW", ""), ("en", "en/")):
        assert f"{prefix}policy.md" in fixture_site.nav_sources(lang)
        assert f"{prefix}policy/why.md" not in fixture_site.nav_sources(lang)
        overview = page(fixture_site, f"{prefix}policy.md")
        assert [card.url for card in overview.view.explainers] == [f"{prefix}policy/why/"]
        assert overview.view.summary is not None and not overview.view.summary.fallback


def test_a_missing_translation_falls_back_to_the_default_language_with_a_notice(fixture_site):
    zh = page(fixture_site, "policy/why.md")
    en = page(fixture_site, "en/policy/why.md")
    assert not zh.view.body.fallback
    assert en.view.body.fallback and en.view.body.text_lang == "zh-TW" and en.view.fallback_name == "正體中文"
    assert en.title == zh.title == "範例政策說明"
    body = fixture_site.rendered["en/policy/why.md"].body
    assert "This page has not been translated yet" in body
    assert '<div lang="zh-TW">' in body
    assert "This page has not been translated yet" not in fixture_site.rendered["policy/why.md"].body


def test_explainer_blocks_keep_their_order_with_charts_and_lists(fixture_site):
    blocks = page(fixture_site, "policy/why.md").view.body.blocks
    kinds = ["chart" if b.chart else "list:" + b.list.kind if b.list else "html" for b in blocks]
    assert kinds == ["html", "chart", "chart", "chart", "chart", "chart", "list:vision", "list:arrows"]
    titles = [b.chart.title for b in blocks if b.chart]
    assert titles[1] == "範例時間軸"  # a title written after '|'
    assert titles[4] == "範例長條圖（截至2021年3月）"  # progress figures say when they were true
    assert len({b.chart.id for b in blocks if b.chart}) == 5


def test_references_are_numbered_once_per_source_and_section(fixture_site):
    body = page(fixture_site, "policy/why.md").view.body
    numbered = [(r.number, r.citation.title, r.citation.section) for r in body.refs]
    assert numbered[:2] == [(1, "合成測試報告", "第一章"), (2, "合成測試報告", "")]
    assert len(set(numbered)) == len(numbered)
    # the two figures cite the same source: one mark, after the second
    first = str(body.blocks[0].html)
    assert first.count('href="#ref-2"') == 1
    assert first.index('href="#ref-2"') > first.index("100人")


def test_prose_is_sanitised_even_if_validation_were_skipped(fixture_site):
    ctx = context(fixture_site)
    html = str(
        prose_html(
            ctx,
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) {{figure:example-figure}}",
            "en",
            References(ctx, "en"),
        )
    )
    assert "<script" not in html and "javascript:" not in html
    assert '<span class="cb-figure">3</span>' in html


def test_figures_print_as_the_data_holds_them(fixture_site):
    ctx = context(fixture_site)
    assert format_number(20000000) == "20,000,000"
    assert format_number(13.26) == "13.26"
    assert format_number(368.0) == "368"
    vision = fixture_site.collection.policy.vision[0]
    assert figure_text(ctx, vision, "zh-TW") == "100人"
    assert figure_text(ctx, vision, "en") == "100 people"
    more = vision.model_copy(update={"qualifier": "more-than"})
    assert figure_text(ctx, more, "en") == "more than 100 people"
    assert figure_text(ctx, more, "zh-TW") == "超過100人"


# -- home ----------------------------------------------------------------------------------------------


def test_home_shows_the_sourced_summary_key_numbers_and_the_map(fixture_site):
    home = page(fixture_site, "en/index.md").view
    assert home.summary is not None and "Synthetic summary" in str(home.summary.blocks[0].html)
    assert home.numbers and all(number.refs for number in home.numbers)
    assert home.numbers[-1].value == "NT$375 million"
    assert {r.number for r in home.refs} == {r.number for n in home.numbers for r in n.refs} | {
        r.number for r in home.summary.refs
    }
    assert len(home.grid.counties) == 22
    body = fixture_site.rendered["en/index.md"].body
    assert 'href="#ref-1"' in body and 'id="ref-1"' in body
