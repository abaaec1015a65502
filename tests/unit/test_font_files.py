"""The Latin fonts the site serves itself (theme/assets/fonts/, from scripts/vendor_fonts.py).

The Han font is cut by each build (generator/publish/fonts.py, tests/unit/test_site_fonts.py)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "theme" / "assets" / "fonts"
CSS = (FONTS / "latin.css").read_text(encoding="utf-8")
FACES = re.findall(r"@font-face\s*{([^}]*)}", CSS)


def _vendor_script():
    from importlib.util import module_from_spec, spec_from_file_location

    spec = spec_from_file_location("vendor_fonts", ROOT / "scripts" / "vendor_fonts.py")
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


vendor = _vendor_script()


def _covers(face: str, point: int) -> bool:
    return any(low <= point <= high for low, high in vendor.parse_ranges(_field(face, "unicode-range")))


def _field(face: str, name: str) -> str:
    return re.search(rf"{name}:\s*([^;]+);", face).group(1).strip()


def test_every_face_is_a_local_woff2_slice_that_swaps_in():
    assert len(FACES) == 10  # Noto Sans and its Han-text twin at 400 and 700, latin and latin-ext; Mono
    for face in FACES:
        src = _field(face, "src")
        assert re.fullmatch(r'url\("files/[\w.-]+\.woff2"\) format\("woff2"\)', src), src
        assert _field(face, "font-display") == "swap"
        assert _field(face, "unicode-range").startswith("U+")
        assert _field(face, "font-weight") in ("400", "700")
    assert "http" not in CSS.split("*/", 1)[1]  # nothing fetched from elsewhere


def test_files_and_stylesheet_agree():
    referenced = set(re.findall(r'url\("files/([^"]+)"\)', CSS))
    on_disk = {p.name for p in (FONTS / "files").iterdir()}
    assert referenced == on_disk


def test_latin_families_with_their_licences():
    families = {_field(face, "font-family").strip('"') for face in FACES}
    assert families == {"Noto Sans", "Noto Sans in Han text", "Noto Sans Mono"}
    for character in "地方創生，。「」":
        assert not any(_covers(face, ord(character)) for face in FACES), character  # left to the Han font
    for package in ("noto-sans-tc", "noto-sans", "noto-sans-mono"):  # noto-sans-tc: the cut Han font's
        assert "SIL Open Font License" in (FONTS / f"LICENSE-{package}.txt").read_text(encoding="utf-8")


def test_latin_face_for_han_text_leaves_cjk_punctuation_to_the_han_font():
    for face in FACES:
        if '"Noto Sans in Han text"' in face:
            for point in (0x2014, 0x2026, 0x201C, 0x201D, 0x00B7):
                assert not _covers(face, point), hex(point)
    assert vendor.without([(0x20, 0x7E)], {0x41}) == [(0x20, 0x40), (0x42, 0x7E)]
    assert vendor.without([(0x2014, 0x2014)], {0x2014}) == []
