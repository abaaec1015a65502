"""SVG charts drawn at build time from plain values: no chart library, no network.

Each function lays out one kind of chart and returns the SVG as Markup, ready
to insert inline in a page. Text arrives already translated and numbers
already formatted: nothing here knows languages, sources or the content model.

Every chart is an `<svg role="img">` labelled by its own `<title>` and
`<desc>`. Colours are CSS classes (see the policy section of
theme/assets/stylesheets/casebook.css), so the palette lives in one place;
observed and projected values differ by line style and marker fill, never by
colour alone. The drawing is sized for a 400-unit-wide viewBox, so 15-unit
text stays about 13.5 px tall on a 390 px phone.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.core import text_wrap

WIDTH = 400  # viewBox width of every chart
PAD = 8  # outer margin
FONT = 15  # label size in viewBox units
LINE = 19  # line height of wrapped labels
WIDE_CHAR = 1.0  # width of a CJK character, in ems
NARROW_CHAR = 0.56  # average width of a Latin character, in ems (Noto Sans)


# -- what the charts draw --------------------------------------------------------------


@dataclass(frozen=True)
class ChartText:
    """The chart's accessible name and description, in the page language."""

    title: str
    description: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str  # the value as printed beside the bar
    outline: bool = False  # an outlined bar, e.g. a total, beside solid parts


@dataclass(frozen=True)
class LinePoint:
    year: int
    value: float
    display: str  # the value as printed beside the point
    projected: bool


@dataclass(frozen=True)
class LineSeries:
    label: str
    points: tuple[LinePoint, ...]


@dataclass(frozen=True)
class TimelineItem:
    year: int
    text: str
    projected: bool


@dataclass(frozen=True)
class ObservedProjected:
    """Legend words for the two kinds of value."""

    observed: str
    projected: str


# -- charts ---------------------------------------------------------------------------------


def bar_chart(chart_id: str, text: ChartText, bars: Sequence[Bar]) -> Markup:
    """Horizontal bars, each under its label, lengths proportional to the values."""
    value_room = max(_text_width(b.display, FONT) for b in bars) + 8
    longest = WIDTH - 2 * PAD - value_room
    top = max(b.value for b in bars) or 1
    parts, y = [], PAD
    for bar in bars:
        for line in wrap(bar.label, WIDTH - 2 * PAD, FONT):
            y += LINE
            parts.append(_text(PAD, y - 4, line, "cb-chart__label"))
        length = bar.value / top * longest
        kind = "cb-chart__bar cb-chart__bar--outline" if bar.outline else "cb-chart__bar"
        parts.append(
            f'<rect class="{kind}" x="{PAD}" y="{_n(y + 2)}" width="{_n(length)}" height="20" '
            f'data-value="{_n(bar.value)}"/>'
        )
        parts.append(_text(PAD + length + 6, y + 17, bar.display, "cb-chart__value"))
        y += 32
    return _svg(chart_id, text, y + PAD - 8, parts)


def line_chart(
    chart_id: str, text: ChartText, series: Sequence[LineSeries], y_max: float, legend: ObservedProjected
) -> Markup:
    """Values over years on a scale from 0 to y_max; projected stretches dashed, their points hollow."""
    parts, y = _line_legend(series, legend)
    years = sorted({p.year for s in series for p in s.points})
    left, right = PAD + 36, WIDTH - PAD - 36
    plot_top, plot_height = y + 24, 170
    base = plot_top + plot_height

    def at(point: LinePoint) -> tuple[float, float]:
        span = (years[-1] - years[0]) or 1
        return (left + (point.year - years[0]) / span * (right - left), base - point.value / y_max * plot_height)

    parts.append(f'<line class="cb-chart__axis" x1="{PAD}" y1="{_n(base)}" x2="{WIDTH - PAD}" y2="{_n(base)}"/>')
    for year in years:
        x, _ = at(LinePoint(year, 0, "", False))
        parts.append(_text(x, base + 20, str(year), "cb-chart__axis-label", anchor="middle"))
    for index, one in enumerate(series):
        parts += _series_lines(one, at)
        parts += [_marker(index, *at(p), p.projected, value=p.value) for p in one.points]
        parts += [
            _text(*_label_spot(at(p), left, right), p.display, "cb-chart__value", anchor=_anchor(at(p)[0], left, right))
            for p in one.points
        ]
    return _svg(chart_id, text, base + 28, parts)


def share_chart(chart_id: str, text: ChartText, part: int, whole: int, part_label: str, whole_label: str) -> Markup:
    """`part` of `whole` as a grid of squares: `part` of them filled, the rest outlined."""
    columns = max(1, math.ceil(math.sqrt(whole * 1.6)))
    pitch = min(18.0, (WIDTH - 2 * PAD) / columns)
    size = pitch - 2
    cells = []
    for index in range(whole):
        row, col = divmod(index, columns)
        kind = "cb-chart__cell cb-chart__cell--filled" if index < part else "cb-chart__cell"
        cells.append(
            f'<rect class="{kind}" x="{_n(PAD + col * pitch)}" y="{_n(PAD + row * pitch)}" '
            f'width="{_n(size)}" height="{_n(size)}"/>'
        )
    parts = [f'<g data-part="{part}" data-whole="{whole}">', *cells, "</g>"]
    y = PAD + math.ceil(whole / columns) * pitch + 8
    for filled, label in ((True, part_label), (False, whole_label)):
        kind = "cb-chart__cell cb-chart__cell--filled" if filled else "cb-chart__cell"
        parts.append(f'<rect class="{kind}" x="{PAD}" y="{_n(y + 4)}" width="14" height="14"/>')
        for line in wrap(label, WIDTH - 2 * PAD - 22, FONT):
            y += LINE
            parts.append(_text(PAD + 22, y, line, "cb-chart__label"))
        y += 6
    return _svg(chart_id, text, y + PAD, parts)


def timeline_chart(chart_id: str, text: ChartText, items: Sequence[TimelineItem], legend: ObservedProjected) -> Markup:
    """Events down a vertical line, one row each; projected events hollow, joined by a dashed line."""
    axis_x, text_x = 66, 82
    parts = _kind_legend(legend, PAD + 14)
    y = PAD + 40
    spots: list[tuple[float, TimelineItem]] = []
    for item in items:
        lines = wrap(item.text, WIDTH - text_x - PAD, FONT)
        spots.append((y + 6, item))
        parts.append(_text(PAD, y + 11, str(item.year), "cb-chart__year"))
        parts += [_text(text_x, y + 11 + i * LINE, line, "cb-chart__label") for i, line in enumerate(lines)]
        y += len(lines) * LINE + 14
    for (y1, _), (y2, later) in zip(spots, spots[1:]):
        dashed = " cb-chart__line--projected" if later.projected else ""
        parts.insert(
            0, f'<line class="cb-chart__line{dashed}" x1="{axis_x}" y1="{_n(y1)}" x2="{axis_x}" y2="{_n(y2)}"/>'
        )
    parts += [_marker(0, axis_x, spot_y, item.projected) for spot_y, item in spots]
    return _svg(chart_id, text, y + PAD - 6, parts)


# -- text layout --------------------------------------------------------------------------


def text_width(text: str, size: float = FONT) -> float:
    """Estimated width of text: CJK characters a full em, others about half."""
    return _text_width(text, size)


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    """Break text into lines no wider than width at this font size (core/text_wrap.py's rules)."""
    return text_wrap.wrap(text, width, lambda line: _text_width(line, size)) or [""]


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _text_width(text: str, size: float) -> float:
    return sum((WIDE_CHAR if _is_wide(c) else NARROW_CHAR) for c in text) * size


# -- drawing helpers ------------------------------------------------------------------------


def _svg(chart_id: str, text: ChartText, height: float, parts: list[str]) -> Markup:
    height = math.ceil(height)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cb-chart__svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}-svg">'
    )
    labels = (
        f'<title id="{chart_id}-title">{escape(text.title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(text.description)}</desc>'
    )
    return Markup("\n".join([head, labels, *parts, "</svg>"]))


def _text(x: float, y: float, content: str, kind: str, anchor: str = "start") -> str:
    anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{kind}" x="{_n(x)}" y="{_n(y)}"{anchor_attr}>{escape(content)}</text>'


MARKER_SHAPES = ("circle", "square", "diamond")


def _marker(series_index: int, x: float, y: float, projected: bool, value: float | None = None) -> str:
    """A point: its shape tells the series, hollow when projected, solid when observed."""
    fill = "cb-chart__marker--projected" if projected else "cb-chart__marker--observed"
    data = f' data-value="{_n(value)}"' if value is not None else ""
    shape = MARKER_SHAPES[series_index % len(MARKER_SHAPES)]
    kind = f'class="cb-chart__marker {fill}" data-shape="{shape}"{data}'
    if shape == "circle":
        return f'<circle {kind} cx="{_n(x)}" cy="{_n(y)}" r="6"/>'
    if shape == "square":
        return f'<rect {kind} x="{_n(x - 5.5)}" y="{_n(y - 5.5)}" width="11" height="11"/>'
    points = f"{_n(x)},{_n(y - 7)} {_n(x + 7)},{_n(y)} {_n(x)},{_n(y + 7)} {_n(x - 7)},{_n(y)}"
    return f'<polygon {kind} points="{points}"/>'


def _series_lines(series: LineSeries, at) -> list[str]:
    lines = []
    for a, b in zip(series.points, series.points[1:]):
        (x1, y1), (x2, y2) = at(a), at(b)
        dashed = " cb-chart__line--projected" if b.projected else ""
        lines.append(f'<line class="cb-chart__line{dashed}" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"/>')
    return lines


def _line_legend(series: Sequence[LineSeries], legend: ObservedProjected) -> tuple[list[str], float]:
    """One row per series (its marker shape and name), then the observed/projected key."""
    parts, y = [], PAD
    for index, one in enumerate(series):
        lines = wrap(one.label, WIDTH - 2 * PAD - 22, FONT)
        parts.append(_marker(index, PAD + 7, y + 12, False))
        parts += [_text(PAD + 22, y + 17 + i * LINE, line, "cb-chart__label") for i, line in enumerate(lines)]
        y += len(lines) * LINE + 6
    parts += _kind_legend(legend, y + 12)
    return parts, y + 20


def _kind_legend(legend: ObservedProjected, y: float) -> list[str]:
    """Solid line and filled point = observed; dashed line and hollow point = projected."""
    half = WIDTH / 2
    return [
        f'<line class="cb-chart__line" x1="{PAD}" y1="{_n(y)}" x2="{PAD + 28}" y2="{_n(y)}"/>',
        _marker(0, PAD + 14, y, False),
        _text(PAD + 36, y + 5, legend.observed, "cb-chart__legend"),
        f'<line class="cb-chart__line cb-chart__line--projected" x1="{_n(half)}" y1="{_n(y)}" '
        f'x2="{_n(half + 28)}" y2="{_n(y)}"/>',
        _marker(0, half + 14, y, True),
        _text(half + 36, y + 5, legend.projected, "cb-chart__legend"),
    ]


def _anchor(x: float, left: float, right: float) -> str:
    if x <= left + 1:
        return "start"
    if x >= right - 1:
        return "end"
    return "middle"


def _label_spot(point: tuple[float, float], left: float, right: float) -> tuple[float, float]:
    x, y = point
    shift = {"start": -6, "end": 6, "middle": 0}[_anchor(x, left, right)]
    return x + shift, y - 12


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: stable bytes between builds."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
