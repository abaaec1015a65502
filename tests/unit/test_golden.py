"""Golden test: the rendered page sources of the fixture project, byte for byte.

After an intended change, regenerate with `make update-golden` and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.build.site import prepare_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "project"
EXPECTED = ROOT / "tests" / "golden" / "fixture-project" / "expected"
# Picture file names carry a hash of the encoder settings, library versions and
# fonts (generator/graphics/photos.py): compared without it, the golden files do
# not depend on the machine's Pillow.
_PICTURE_HASH = re.compile(r"\.[0-9a-f]{10}\.(avif|webp|jpg|png)\b")


def _normalised(text: str) -> str:
    return _PICTURE_HASH.sub(r".HASH.\1", text)


def _rendered() -> dict[str, str]:
    rendered = prepare_site(FIXTURE / "casebook.yml", ROOT / "theme").rendered
    return {src_uri: _normalised(page.source) for src_uri, page in rendered.items()}


def test_rendered_pages_match_golden_files():
    rendered = _rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        for old in EXPECTED.rglob("*.md"):
            old.unlink()
        for src_uri, text in rendered.items():
            path = EXPECTED / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(EXPECTED).as_posix(): _normalised(p.read_text(encoding="utf-8")) for p in EXPECTED.rglob("*.md")
    }
    assert sorted(rendered) == sorted(expected), "pages added or removed: run `make update-golden`"
    for src_uri, text in rendered.items():
        assert text == expected[src_uri], f"{src_uri} differs from its golden file: run `make update-golden` and review"
