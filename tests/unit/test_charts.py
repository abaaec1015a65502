"""Charts: well-formed SVG, geometry proportional to the data, and no number that data.yml lacks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from content_numbers import NUMBER, data_numbers

from generator.build.site import prepare_site
from generator.core import text_wrap
from generator.graphics import charts

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
TEXT = charts.ChartText("A title", "A description")
LEGEND = charts.ObservedProjected("observed", "projected")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


# -- each chart on its own ----------------------------------------------------------------------


def test_every_chart_is_a_labelled_image():
    drawn = [
        charts.bar_chart("c1", TEXT, [charts.Bar("a", 1, "1")]),
        charts.line_chart(
            "c2", TEXT, [charts.LineSeries("s", (charts.LinePoint(2018, 14.5, "14.5%", False),))], 100, LEGEND
        ),
        charts.share_chart("c3", TEXT, 1, 4, "part", "whole"),
        charts.timeline_chart("c4", TEXT, [charts.TimelineItem(2015, "event", False)], LEGEND),
    ]
    for index, svg in enumerate(drawn, 1):
        root = parse(svg)
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"c{index}-title c{index}-desc"
        assert root.find(f"{SVG}title").text == "A title"
        assert root.find(f"{SVG}desc").text == "A description"


def test_bar_lengths_are_proportional_to_the_values():
    values = [13.26, 6.92, 25.27, 45.45]
    bars = [charts.Bar(f"part {i}", v, str(v), outline=(i == 3)) for i, v in enumerate(values)]
    rects = parse(charts.bar_chart("funding", TEXT, bars)).findall(f"{SVG}rect")
    assert [float(r.get("data-value")) for r in rects] == values
    ratios = {round(float(r.get("width")) / float(r.get("data-value")), 2) for r in rects}
    assert len(ratios) == 1, ratios
    assert float(rects[-1].get("width")) > float(rects[2].get("width"))  # the total is the longest
    assert "cb-chart__bar--outline" in classes(rects[-1]) and "cb-chart__bar--outline" not in classes(rects[0])


def test_line_points_sit_at_heights_proportional_to_their_values_and_projections_look_different():
    points = (
        charts.LinePoint(2018, 14.5, "14.5%", False),
        charts.LinePoint(2026, 20, "20%", True),
        charts.LinePoint(2065, 41.2, "41.2%", True),
    )
    root = parse(charts.line_chart("ageing", TEXT, [charts.LineSeries("elderly", points)], 100, LEGEND))
    axis = next(line for line in root.findall(f"{SVG}line") if "cb-chart__axis" in classes(line))
    base = float(axis.get("y1"))
    markers = [m for m in root.iter() if m.get("data-value")]
    heights = {round((base - float(m.get("cy"))) / float(m.get("data-value")), 2) for m in markers}
    assert len(heights) == 1
    assert [("cb-chart__marker--projected" in classes(m)) for m in markers] == [False, True, True]
    segments = [
        line for line in root.findall(f"{SVG}line") if "cb-chart__line" in classes(line) and float(line.get("y1")) > 60
    ]  # not the legend's
    assert [("cb-chart__line--projected" in classes(s)) for s in segments] == [True, True]
    xs = [float(m.get("cx")) for m in markers]
    assert (xs[1] - xs[0]) / (xs[2] - xs[0]) == pytest.approx(8 / 47, abs=0.01)  # years to scale


def test_series_markers_differ_in_shape_not_only_in_colour():
    a = charts.LineSeries("a", (charts.LinePoint(2018, 10, "10", False),))
    b = charts.LineSeries("b", (charts.LinePoint(2018, 60, "60", False),))
    root = parse(charts.line_chart("two", TEXT, [a, b], 100, LEGEND))
    shapes = {m.get("data-shape") for m in root.iter() if m.get("data-value")}
    assert shapes == {"circle", "square"}


def test_share_chart_fills_part_of_whole_cells():
    root = parse(charts.share_chart("townships", TEXT, 134, 368, "134 priority", "368 in all"))
    group = root.find(f"{SVG}g")
    cells = group.findall(f"{SVG}rect")
    assert len(cells) == 368
    assert sum("cb-chart__cell--filled" in classes(c) for c in cells) == 134
    assert all("cb-chart__cell--filled" in classes(c) for c in cells[:134])
    assert max(float(c.get("x")) + float(c.get("width")) for c in cells) <= charts.WIDTH


def test_timeline_marks_projected_events_hollow_and_joins_them_dashed():
    items = [charts.TimelineItem(2017, "observed event", False), charts.TimelineItem(2022, "projected event", True)]
    root = parse(charts.timeline_chart("timeline", TEXT, items, LEGEND))
    markers = [m for m in root.iter() if "cb-chart__marker" in classes(m) and float(m.get("cy", 0)) > 40]
    assert [("cb-chart__marker--projected" in classes(m)) for m in markers] == [False, True]
    joins = [line for line in root.findall(f"{SVG}line") if line.get("x1") == line.get("x2")]
    assert len(joins) == 1 and "cb-chart__line--projected" in classes(joins[0])


def test_text_is_escaped():
    root = parse(charts.bar_chart("x", charts.ChartText("<b>&", "d"), [charts.Bar("<script>", 1, "1")]))
    assert root.find(f"{SVG}title").text == "<b>&"
    assert any(t.text == "<script>" for t in root.iter(f"{SVG}text"))


def test_wrap_keeps_lines_within_width_and_punctuation_off_line_starts():
    text = "地方創生推動目的，在於緩和總人口減少及人口過度集中於都會之趨勢，促進島內移民及首都圈減壓。"
    lines = charts.wrap(text, 200, 15)
    assert "".join(lines) == text
    assert all(charts.text_width(line.rstrip("，。"), 15) <= 200 for line in lines)
    assert not any(line[0] in text_wrap.NO_LINE_START for line in lines)
    english = charts.wrap("Programme budgets of ministries and local governments", 150, 15)
    assert " ".join(english) == "Programme budgets of ministries and local governments"
    assert all(charts.text_width(line, 15) <= 150 for line in english)


# -- the real policy pages: nothing invented --------------------------------------------------------


@pytest.fixture(scope="module")
def real_site():
    return prepare_site(ROOT / "casebook.yml", ROOT / "theme")


def policy_charts(site):
    for page in site.pages:
        if page.template == "policy.html":
            for block in page.view.body.blocks:
                if block.chart:
                    yield page, block.chart


def test_real_policy_pages_chart_every_kind(real_site):
    kinds = {
        (page.lang, sum("cb-chart__cell" in classes(e) for e in parse(chart.svg).iter()), "cb-chart__year" in chart.svg)
        for page, chart in policy_charts(real_site)
    }
    assert {lang for lang, _, _ in kinds} == {"zh-TW", "en"}
    assert any(cells == 368 + 2 for _, cells, _ in kinds)  # 368 cells plus two legend squares
    assert any(timeline for _, _, timeline in kinds)


def test_every_number_on_a_chart_is_in_the_policy_data(real_site):
    allowed = data_numbers(real_site.collection.policy)
    seen = 0
    for page, chart in policy_charts(real_site):
        texts = [t.text or "" for t in parse(chart.svg).iter(f"{SVG}text")]
        texts += [cell for row in chart.table.rows for cell in row] + [chart.description]
        for text in texts:
            for number in NUMBER.findall(text):
                seen += 1
                assert number in allowed, f"{page.src_uri}: '{number}' in {text!r} is not in data.yml"
    assert seen > 50


def test_every_value_of_a_chart_is_in_its_table(real_site):
    for page, chart in policy_charts(real_site):
        table_text = " ".join(cell for row in chart.table.rows for cell in row)
        for element in parse(chart.svg).iter():
            value = element.get("data-value")
            if value is not None:
                assert value in table_text.replace(",", ""), f"{page.src_uri} {chart.id}: {value} not in the table"
        assert chart.table.caption and chart.table.headers


def test_funding_chart_adds_up_as_the_source_states(real_site):
    progress = real_site.collection.policy.progress
    assert [p.amount for p in progress.funding] == [13.26, 6.92, 25.27]
    assert progress.funding_total == 45.45
    funding = [chart for page, chart in policy_charts(real_site) if page.lang == "zh-TW" and "13.26" in chart.svg]
    assert funding, "no funding chart on the zh-TW policy pages"
    values = [float(r.get("data-value")) for r in parse(funding[0].svg).iter(f"{SVG}rect")]
    assert values == [13.26, 6.92, 25.27, 45.45]


def test_numbers_typed_in_explainer_prose_are_in_the_policy_data(real_site):
    """Figures belong in {{figure:...}}: any digits left in the prose must be years or values of data.yml."""
    allowed = data_numbers(real_site.collection.policy)
    for by_lang in real_site.collection.explainers.values():
        for explainer in by_lang.values():
            prose = re.sub(r"\{\{[^{}]*\}\}", " ", explainer.title + "\n" + explainer.body)
            prose = re.sub(r"\]\([^)]*\)", "]", prose)  # link targets
            for number in NUMBER.findall(prose):
                assert number in allowed, f"{explainer.path}: '{number}' is not a number of data.yml"
