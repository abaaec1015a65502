"""The publication's parts that need no browser: the chrome, the deploy check, the record pictures, chart data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.graphics.drawing import HEADER_SIZE, CardText
from generator.graphics.motifs import ARROWS, EMBLEMS, Motifs, motif_panel
from generator.graphics.visuals import header_digest, header_svg
from generator.load.project import deploy_problems, load_project
from generator.publish.charts import chart_csv, chart_data_files
from generator.render.chrome import SECTIONS, is_section_home, make_chrome, repo_form_url, section_of
from generator.render.urls import chart_slug

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path, extra: str = "") -> Path:
    config = tmp_path / "casebook.yml"
    config.write_text(
        "site_name: {zh-TW: 範例, en: Example}\n"
        "languages: [{code: zh-TW, name: 正體中文, theme_language: zh-TW},"
        " {code: en, name: English, theme_language: en}]\n" + extra,
        encoding="utf-8",
    )
    return config


# -- the chrome ----------------------------------------------------------------------------------


def test_the_header_has_six_sections_at_most():
    assert [key for key, _ in SECTIONS] == ["cases", "map", "brands", "policy", "exhibitions", "about"]


@pytest.mark.parametrize(
    ("key", "section"),
    [
        ("", ""),
        ("cases", "cases"),
        ("cases/kouhu", "cases"),
        ("counties/yunlin", "cases"),
        ("arrows", "cases"),
        ("industries/tea", "cases"),
        ("looking-for", "cases"),
        ("map", "map"),
        ("brands/x", "brands"),
        ("policy/why", "policy"),
        ("exhibitions", "exhibitions"),
        ("about", "about"),
        ("open-data", "about"),
        ("open-data/dictionary", "about"),
        ("translations", "about"),
        ("404", ""),
    ],
)
def test_each_page_belongs_to_its_section(key, section):
    assert section_of(key) == section


def test_only_a_sections_own_page_is_its_home():
    assert is_section_home("cases") and not is_section_home("cases/kouhu") and not is_section_home("")


def test_the_footer_names_the_publisher_and_reaches_them_by_mail(tmp_path):
    from generator.load.strings import load_strings
    from generator.render.urls import UrlScheme

    config_path = _project(
        tmp_path,
        "publisher:\n  name: {zh-TW: 範例編輯部, en: the Example editors}\n"
        "  contact: editors@example.org\n"
        "repo_url: https://github.com/example/casebook\n",
    )
    project, problems = load_project(config_path)
    assert problems == []
    strings = load_strings(ROOT / "theme" / "strings", project.config)
    chrome = make_chrome(project.config, strings, UrlScheme(project.config), "en")
    assert chrome.skip == "Skip to main content"
    assert [link.label for link in chrome.nav] == ["Cases", "Map", "Brands", "Policy", "Exhibitions", "About"]
    assert [link.url for link in chrome.nav][:2] == ["en/cases/", "en/map/"]
    assert chrome.footer.published_by == "Published by the Example editors"
    assert chrome.footer.contact.url == "mailto:editors@example.org"
    links = {link.label: link for group in chrome.footer.groups for link in group.links}
    assert links["Source code"].url == "https://github.com/example/casebook" and links["Source code"].external
    assert links["Propose a new case"].url.endswith("/issues/new?template=new-case.yml")
    assert links["Accessibility statement"].url == "en/about/#accessibility"


def test_the_update_form_is_filled_in_through_its_address(tmp_path):
    project, _ = load_project(_project(tmp_path, "repo_url: https://github.com/example/casebook/\n"))
    url = repo_form_url(project.config, "update.yml", record="case/kouhu", page="https://x.org/cases/kouhu/")
    assert url == (
        "https://github.com/example/casebook/issues/new?template=update.yml&record=case%2Fkouhu"
        "&page=https%3A%2F%2Fx.org%2Fcases%2Fkouhu%2F"
    )
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "update.yml").is_file()


def test_the_update_form_has_the_fields_the_links_fill_in():
    import yaml

    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "update.yml").read_text(encoding="utf-8"))
    ids = [field.get("id") for field in form["body"]]
    assert {"record", "page", "change", "source"} <= set(ids)


# -- the deploy check ------------------------------------------------------------------------------


def test_a_preview_needs_neither_address_nor_contact(tmp_path):
    project, problems = load_project(_project(tmp_path))
    assert problems == [] and project.config.site_url is None


def test_a_deploy_names_everything_missing_in_one_line(tmp_path):
    project, _ = load_project(_project(tmp_path))
    problems = deploy_problems(project.config)
    assert [p.format_text() for p in problems] == [
        "casebook.yml: error[deploy-incomplete]: a deploy build needs site_url (or CASEBOOK_SITE_URL) "
        "and publisher.contact in casebook.yml"
    ]


def test_the_environment_gives_a_deploy_its_address(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBOOK_SITE_URL", "https://example.org/casebook/")
    monkeypatch.setenv("CASEBOOK_REPO_URL", "https://github.com/example/casebook")
    project, problems = load_project(
        _project(tmp_path, "publisher: {name: {zh-TW: 編輯部, en: editors}, contact: https://example.org/contact}\n")
    )
    assert problems == []
    assert project.config.site_url == "https://example.org/casebook/"
    assert project.config.repo_url == "https://github.com/example/casebook"
    assert deploy_problems(project.config) == []


def test_an_environment_address_that_is_not_one_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBOOK_SITE_URL", "example.org")
    project, problems = load_project(_project(tmp_path))
    assert project is None
    assert problems[0].code == "bad-address" and "CASEBOOK_SITE_URL='example.org'" in problems[0].message


def test_the_real_casebook_names_its_publisher_and_leaves_the_contact_to_be_decided():
    project, problems = load_project(ROOT / "casebook.yml")
    assert problems == []
    assert project.config.publisher.name["zh-TW"] and project.config.publisher.corrections
    assert [p.code for p in deploy_problems(project.config)] == ["deploy-incomplete"]


# -- record pictures ------------------------------------------------------------------------------

RECORDS = [
    Motifs("case/a", "case", "yunlin", ("aquaculture",), ("technology", "branding")),
    Motifs("case/b", "case", "yunlin", ("aquaculture",), ("branding",)),
    Motifs("case/c", "case", "taitung", ("agriculture", "herbs"), ("technology", "branding")),
    Motifs("brand/a", "brand", "yunlin", ("aquaculture",), ("technology", "branding")),
    Motifs("case/d", "case", "pingtung", ("agriculture", "chocolate"), ("branding",), colour="#7a3b1d"),
]


def test_every_industry_of_the_taxonomy_has_an_emblem():
    import yaml

    taxonomy = yaml.safe_load((ROOT / "content" / "taxonomy.yml").read_text(encoding="utf-8"))
    assert {i["id"] for i in taxonomy["industries"]} <= set(EMBLEMS)
    assert list(ARROWS) == [a["id"] for a in taxonomy["arrows"]]


def test_no_two_records_share_a_header_and_the_same_record_gives_the_same_bytes():
    headers = [header_svg(CardText("zh-TW", "", "", "", "", motifs=m, header=True)) for m in RECORDS]
    assert len(set(headers)) == len(RECORDS)
    assert header_svg(CardText("en", "", "", "", "", motifs=RECORDS[0], header=True)) == headers[0]
    digests = [header_digest(CardText("zh-TW", "", "", "", "", motifs=m, header=True)) for m in RECORDS]
    assert len(set(digests)) == len(RECORDS)


def test_a_header_is_a_small_text_free_svg_at_the_header_size():
    import gzip
    from xml.etree import ElementTree

    svg = header_svg(CardText("zh-TW", "", "", "", "", motifs=RECORDS[0], header=True))
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (int(root.get("width")), int(root.get("height"))) == HEADER_SIZE
    assert root.get("viewBox") == f"0 0 {HEADER_SIZE[0]} {HEADER_SIZE[1]}"
    assert root.get("aria-hidden") == "true"  # decorative: the page says it in text
    tags = {element.tag.split("}")[1] for element in root.iter()}
    assert tags <= {"svg", "rect", "polygon", "polyline", "ellipse", "path"}  # shapes only: no text, no raster
    assert len(gzip.compress(svg)) < 16_000  # a few KB as a host sends it


def test_the_svg_header_draws_what_the_card_panel_draws():
    """One composition, two outputs: the same shapes in the same colours as Pillow draws them."""
    from xml.etree import ElementTree

    record = RECORDS[-1]  # a brand colour from its sources
    svg = ElementTree.fromstring(header_svg(CardText("zh-TW", "", "", "", "", motifs=record, header=True)))
    fills = {e.get("fill") for e in svg.iter()} | {e.get("stroke") for e in svg.iter()}
    panel = motif_panel(record, HEADER_SIZE)
    pixels = {"#{:02x}{:02x}{:02x}".format(*colour) for _, colour in panel.getcolors(maxcolors=1_000_000)}
    assert "#7a3b1d" in fills and "#7a3b1d" in pixels  # the brand's colour in both
    assert {f for f in fills if f and f != "none"} <= pixels  # every SVG colour is one Pillow drew too


def test_the_brand_colour_is_used_only_where_a_source_gives_one():
    plain = motif_panel(RECORDS[1], (300, 120))
    coloured = motif_panel(
        Motifs("case/b", "case", "yunlin", ("aquaculture",), ("branding",), colour="#7a3b1d"), (300, 120)
    )
    colours = {colour for _, colour in coloured.getcolors(maxcolors=1_000_000)}
    plain_colours = {colour for _, colour in plain.getcolors(maxcolors=1_000_000)}
    assert (0x7A, 0x3B, 0x1D) in colours and (0x7A, 0x3B, 0x1D) not in plain_colours
    assert (26, 92, 76) in plain_colours  # the site's green, where no source gives a colour


# -- chart data -----------------------------------------------------------------------------------


def test_a_chart_is_named_by_what_it_shows():
    assert chart_slug("bars", ("plans-submitted,proposals-approved",)) == "bars-plans-submitted-proposals-approved"
    assert (
        chart_slug("share", ("priority-townships", "townships-nationwide"))
        == "share-priority-townships-townships-nationwide"
    )


def test_chart_csv_names_source_and_licence_and_defuses_formulas():
    data = chart_csv(["項目", "數值"], [["=SUM(A1)", "3"]], ["出處", "@國發會"], ["授權", "CC-BY-4.0"])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["項目", "數值", "出處", "授權"], ["'=SUM(A1)", "3", "'@國發會", "CC-BY-4.0"]]


def test_every_chart_of_the_site_has_its_files_in_every_language():
    from generator.build.site import prepare_site
    from generator.model.data_dictionary import LICENCE
    from generator.render.views.base import ViewContext

    site = prepare_site(ROOT / "casebook.yml", ROOT / "theme")
    ctx = ViewContext(site.collection, site.project.config, site.strings, site.urls)
    files = chart_data_files(ctx, LICENCE)
    slugs = {name.rsplit("/", 1)[1].split(".")[0] for name in files}
    assert len(slugs) >= 4
    for slug in slugs:
        for lang in ("zh-TW", "en"):
            data = json.loads(files[f"data/charts/{slug}.{lang}.json"])
            assert data["language"] == lang and data["sources"] and data["licence"]["id"] == "CC-BY-4.0"
            assert f"data/charts/{slug}.{lang}.csv" in files
