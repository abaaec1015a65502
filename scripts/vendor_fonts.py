"""Copies the site's Latin fonts out of the @fontsource npm packages into theme/assets/fonts/.

The fonts are committed (theme/assets/fonts/), so a build never needs npm or
the network; this script only refreshes them. `make fonts` runs it:

    npm pack @fontsource/noto-sans@5.3.0 @fontsource/noto-sans-mono@5.3.0
    python scripts/vendor_fonts.py <folder with the unpacked packages>

What it keeps: woff2 only (every browser we support reads it), weights 400
and 700 only, each slice with its `unicode-range`, so a page downloads only
the slices holding the characters it shows. It writes one stylesheet,
latin.css, and each package's OFL licence beside the files. The Han font is
not here: the build cuts it from Noto Sans CJK TC to the characters the site
shows and writes the site's fonts.css from latin.css and its own faces
(generator/publish/fonts.py).

Two families are made from the same Latin files: "Noto Sans" with the
package's ranges, and "Noto Sans in Han text" without the punctuation that
Chinese sets full-width (em dash, ellipsis, curly quotes, middle dot), so in
zh-TW text those fall through to Noto Sans TC and keep their CJK width.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "theme" / "assets" / "fonts"
WEIGHTS = (400, 700)

# package folder (unpacked npm tarball) -> subsets to keep (None: all of them)
PACKAGES = {
    "noto-sans": ("latin", "latin-ext"),
    "noto-sans-mono": ("latin", "latin-ext"),
}
MONO_WEIGHTS = (400,)

# Punctuation that Chinese typesetting sets full-width: — … ‘ ’ “ ” ·
# (in Chinese text, the Han font draws them)
HAN_PUNCTUATION = {0x2014, 0x2026, 0x2018, 0x2019, 0x201C, 0x201D, 0x00B7}
HAN_CONTEXT_FAMILY = "Noto Sans in Han text"

FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}", re.S)
FAMILY = re.compile(r"font-family:\s*'(?P<v>[^']+)'")
WEIGHT = re.compile(r"font-weight:\s*(?P<v>\d+)")
WOFF2 = re.compile(r"url\(\./files/(?P<v>[^)]+\.woff2)\)")
RANGE = re.compile(r"unicode-range:\s*(?P<v>[^;]+);")


def read_faces(css: str) -> list[dict]:
    """The @font-face rules of a fontsource stylesheet as plain values."""
    faces = []
    for match in FACE.finditer(css):
        body = match["body"]
        faces.append(
            {
                "family": FAMILY.search(body)["v"],
                "weight": int(WEIGHT.search(body)["v"]),
                "file": WOFF2.search(body)["v"],
                "range": RANGE.search(body)["v"].strip(),
            }
        )
    return faces


def parse_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in text.split(","):
        part = part.strip().upper().removeprefix("U+")
        low, _, high = part.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return ranges


def format_ranges(ranges: list[tuple[int, int]]) -> str:
    return ",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in ranges)


def without(ranges: list[tuple[int, int]], points: set[int]) -> list[tuple[int, int]]:
    """The ranges with the given code points cut out."""
    result = []
    for low, high in ranges:
        start = low
        for point in sorted(p for p in points if low <= p <= high):
            if start <= point - 1:
                result.append((start, point - 1))
            start = point + 1
        if start <= high:
            result.append((start, high))
    return result


def face_rule(family: str, weight: int, file: str, unicode_range: str) -> str:
    return (
        "@font-face {\n"
        f'  font-family: "{family}";\n'
        "  font-style: normal;\n"
        f"  font-weight: {weight};\n"
        "  font-display: swap;\n"
        f'  src: url("files/{file}") format("woff2");\n'
        f"  unicode-range: {unicode_range};\n"
        "}\n"
    )


def package_faces(package_dir: Path, name: str) -> list[dict]:
    subsets = PACKAGES[name]
    weights = MONO_WEIGHTS if name == "noto-sans-mono" else WEIGHTS
    faces = []
    for weight in weights:
        for face in read_faces((package_dir / f"{weight}.css").read_text(encoding="utf-8")):
            if subsets is None or any(face["file"] == f"{name}-{s}-{weight}-normal.woff2" for s in subsets):
                faces.append(face)
    return faces


def main(source: Path) -> None:
    files_dir = TARGET / "files"
    if files_dir.exists():
        shutil.rmtree(files_dir)
    files_dir.mkdir(parents=True)
    rules = []
    for name in PACKAGES:
        package_dir = source / name / "package"
        shutil.copy(package_dir / "LICENSE", TARGET / f"LICENSE-{name}.txt")
        for face in package_faces(package_dir, name):
            shutil.copy(package_dir / "files" / face["file"], files_dir / face["file"])
            rules.append(face_rule(face["family"], face["weight"], face["file"], face["range"]))
            if name == "noto-sans":
                han_range = without(parse_ranges(face["range"]), HAN_PUNCTUATION)
                rules.append(face_rule(HAN_CONTEXT_FAMILY, face["weight"], face["file"], format_ranges(han_range)))
    header = (
        "/* Generated by scripts/vendor_fonts.py from @fontsource/noto-sans and\n"
        "   noto-sans-mono 5.3.0 (SIL Open Font License 1.1, see LICENSE-*.txt). Do not edit. */\n"
    )
    (TARGET / "latin.css").write_text(header + "\n".join(rules), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: vendor_fonts.py <folder with noto-sans/ and noto-sans-mono/ unpacked>")
    main(Path(sys.argv[1]))
