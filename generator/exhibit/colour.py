"""Colour for print: RGB for digital printers, CMYK with an output intent for offset (PDF/X).

WeasyPrint 70 writes PDF/X-1a:2003 and PDF/X-4 (`pdf_variant`, weasyprint/pdf/pdfx.py):
it sets the PDF version, the GTS_PDFX keys (X-1a) or the XMP identification
(X-4), and an OutputIntents entry whose DestOutputProfile is the ICC profile a
stylesheet declares as `@color-profile device-cmyk`. It does not convert
colours: an sRGB colour stays DeviceRGB. So the kit sets every colour itself
in CMYK for these variants: the palette, white and black, the SVG drawn in
templates, brand swatches and the QR codes, each converted from its sRGB value
through the same profile with LittleCMS (Pillow's ImageCms), relative
colorimetric. Text inks (ink, ink-light, black) are set in black only (K), as
print shops ask for small type, never as four-colour grey.

The profile is Ghostscript's "Artifex CMYK SWOP Profile" (Debian's
libgs-common, /usr/share/color/icc/ghostscript/default_cmyk.icc): the only
CMYK characterisation Debian ships. A print shop that works to another
condition (Japan Color 2001 Coated, FOGRA39) converts with its own profile;
the output intent tells it what the file was made for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
CMYK_PACKAGE = "libgs-common"

# The site's light palette, for SVG drawn in templates (WeasyPrint does not
# style inline SVG from CSS); theme/print/print.css declares the same colours.
PALETTE = {
    "green": "#1a5c4c",
    "green_dark": "#12443a",
    "green_light": "#d3e4de",
    "persimmon": "#b3401f",
    "ink": "#1f2624",
    "ink_light": "#5c6662",
    "paper": "#fbfaf6",
}
# Every colour the print stylesheets use, by variable name (theme/print/print.css: --cb-<name>).
SRGB = {
    **{name.replace("_", "-"): value for name, value in PALETTE.items()},
    "green-rule": "#81a59c",  # white at 45 % over the green head band, as a solid colour
    "white": "#ffffff",
    "black": "#000000",
}
BLACK_ONLY = {"ink", "ink-light", "black"}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@cache
def _transform(profile: Path):
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(str(profile)),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )


def cmyk(hex_colour: str, profile: Path = CMYK_PROFILE, *, black_only: bool = False) -> tuple[float, ...]:
    """The CMYK values (0–1, three decimals) of an sRGB colour."""
    r, g, b = _rgb(hex_colour)
    if (r, g, b) == (255, 255, 255):
        return (0.0, 0.0, 0.0, 0.0)
    if black_only or r == g == b:
        luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
        return (0.0, 0.0, 0.0, round(1 - luminance, 3))
    from PIL import Image, ImageCms

    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), (r, g, b)), _transform(profile))
    return tuple(round(channel / 255, 3) for channel in pixel.getpixel((0, 0)))


def device_cmyk(values: tuple[float, ...]) -> str:
    return "device-cmyk(" + " ".join(f"{v:g}" for v in values) + ")"


@dataclass(frozen=True)
class Inks:
    """How a document states its colours: as sRGB hex, or in CMYK through a profile."""

    variant: str = "rgb"  # "rgb", "pdf/x-4" or "pdf/x-1a"
    profile: Path = CMYK_PROFILE
    names: dict[str, str] = field(default_factory=lambda: dict(SRGB))

    @property
    def is_cmyk(self) -> bool:
        return self.variant != "rgb"

    @property
    def pdf_variant(self) -> str | None:
        return self.variant if self.is_cmyk else None

    def __call__(self, hex_colour: str) -> str:
        """A colour for a stylesheet or an SVG attribute."""
        if not self.is_cmyk:
            return hex_colour
        name = next((n for n, value in self.names.items() if value.lower() == hex_colour.lower()), None)
        return device_cmyk(cmyk(hex_colour, self.profile, black_only=name in BLACK_ONLY))

    def recolour_svg(self, markup: str) -> str:
        """An SVG drawing's `#rrggbb` colours in this document's colours (CMYK for PDF/X)."""
        if not self.is_cmyk:
            return markup
        return re.sub(r"#[0-9a-fA-F]{6}\b", lambda m: self(m.group(0)), markup)

    def palette(self) -> dict[str, str]:
        """The palette for templates (SVG attributes), keys with underscores."""
        return {name.replace("-", "_"): self(value) for name, value in self.names.items()}

    def stylesheet(self) -> str:
        """CSS for a CMYK document: the profile as output intent and every colour variable in CMYK."""
        if not self.is_cmyk:
            return ""
        variables = " ".join(f"--cb-{name}: {self(value)};" for name, value in self.names.items())
        return (
            f'@color-profile device-cmyk {{ src: url("{self.profile.resolve().as_uri()}"); '
            "components: cyan, magenta, yellow, black; }\n"
            f":root {{ {variables} }}\n"
        )

    def svg(self, markup: str) -> str:
        """An SVG drawn in code (QR codes from segno, crop marks) in this document's colours."""
        if not self.is_cmyk:
            return markup
        # segno's path has no fill: the default (black) would be DeviceRGB.
        markup = markup.replace('stroke="#000"', f'fill="none" stroke="{self("#000000")}"')
        return markup.replace('stroke="#000000"', f'stroke="{self("#000000")}"').replace(
            'stroke="#ffffff"', f'stroke="{self("#ffffff")}"'
        )
