"""Our palette meets WCAG AA: every text/background pair it defines, in both schemes.

The colours are read from the palette blocks of casebook.css, so changing a
colour there is checked here; axe checks the rendered pages on top of this.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "theme" / "assets" / "stylesheets" / "casebook.css"
SCHEMES = ("default", "slate")
TEXT, LARGE_OR_UI = 4.5, 3.0

# (foreground, background, minimum ratio): which pair the site shows, and why.
PAIRS = [
    ("--md-default-fg-color", "--md-default-bg-color", TEXT),  # body text
    ("--md-default-fg-color--light", "--md-default-bg-color", TEXT),  # secondary text, notes
    ("--md-typeset-a-color", "--md-default-bg-color", TEXT),  # links
    ("--md-accent-fg-color", "--md-default-bg-color", TEXT),  # links on hover
    ("--md-primary-bg-color", "--md-primary-fg-color", TEXT),  # header text
    ("--md-primary-bg-color--light", "--md-primary-fg-color", TEXT),  # header secondary text
    ("--md-footer-fg-color", "--md-footer-bg-color", TEXT),
    ("--md-footer-fg-color--light", "--md-footer-bg-color", TEXT),
    ("--md-footer-fg-color--lighter", "--md-footer-bg-color", TEXT),  # "Made with"
    ("--md-default-fg-color", "--cb-tile", TEXT),  # figures and map tiles
    ("--md-typeset-a-color", "--cb-tile", TEXT),
    ("--md-default-fg-color", "--cb-tile-active", TEXT),
    ("--md-typeset-a-color", "--cb-tile-active", TEXT),
    ("#ffffff", "--cb-ink", TEXT),  # numbers on map markers
    ("--cb-ink", "--md-default-bg-color", LARGE_OR_UI),  # bars, lines, markers
    ("--cb-ink-soft", "--md-default-bg-color", LARGE_OR_UI),
    ("--md-default-fg-color--lighter", "--md-default-bg-color", LARGE_OR_UI),  # borders of chips
    ("--cb-focus-ring", "--md-default-bg-color", LARGE_OR_UI),  # focus ring
    ("--cb-focus-ring-on-primary", "--md-primary-fg-color", LARGE_OR_UI),
]


def scheme_colours(css: str, scheme: str) -> dict[str, str]:
    """Custom properties set in the `[data-md-color-scheme="<scheme>"] { ... }` blocks, merged."""
    colours: dict[str, str] = {}
    for body in re.findall(r'^\[data-md-color-scheme="%s"\]\s*{([^}]*)}' % scheme, css, re.M):
        colours.update(re.findall(r"(--[\w-]+):\s*([^;]+);", body))
    return colours


def resolve(value: str, colours: dict[str, str]) -> str:
    while ref := re.fullmatch(r"var\((--[\w-]+)\)", value.strip()):
        value = colours[ref.group(1)]
    return value.strip()


def rgba(hex_colour: str) -> tuple[float, float, float, float]:
    digits = hex_colour.lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{6}([0-9a-fA-F]{2})?", digits), f"not a #rrggbb[aa] colour: {hex_colour}"
    channels = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
    return (*channels[:3], channels[3] if len(channels) == 4 else 1.0)


def over(fg: tuple, bg: tuple) -> tuple[float, float, float]:
    alpha = fg[3]
    return tuple(f * alpha + b * (1 - alpha) for f, b in zip(fg[:3], bg[:3]))


def luminance(rgb: tuple[float, float, float]) -> float:
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio; a translucent foreground is blended over the background."""
    background = rgba(bg)
    assert background[3] == 1.0, f"background {bg} must be opaque"
    lighter, darker = sorted((luminance(over(rgba(fg), background)), luminance(background[:3])), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near-miss
    assert contrast("#00000080", "#ffffff") == pytest.approx(contrast("#7f7f7f", "#ffffff"), abs=0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_palette_pair_meets_wcag_aa(scheme):
    colours = scheme_colours(CSS.read_text(encoding="utf-8"), scheme)
    assert colours, f"no palette for the {scheme} scheme in casebook.css"
    failures = []
    for fg, bg, minimum in PAIRS:
        fg_value = resolve(fg if fg.startswith("#") else colours[fg], colours)
        bg_value = resolve(colours[bg], colours)
        ratio = contrast(fg_value, bg_value)
        if ratio < minimum:
            failures.append(f"{fg} {fg_value} on {bg} {bg_value}: {ratio:.2f} < {minimum}")
    assert failures == []


def test_mkdocs_uses_the_custom_palette_in_both_schemes():
    import yaml

    config = yaml.safe_load((CSS.parents[3] / "mkdocs.yml").read_text(encoding="utf-8"))
    palette = config["theme"]["palette"]
    assert {option["scheme"] for option in palette} == set(SCHEMES)
    assert all(option["primary"] == "custom" and option["accent"] == "custom" for option in palette)
