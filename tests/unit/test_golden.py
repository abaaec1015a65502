"""Golden test: the rendered page sources of the fixture project, byte for byte.

After an intended change, regenerate with `make update-golden` and review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.site import prepare_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "project"
EXPECTED = ROOT / "tests" / "golden" / "fixture-project" / "expected"


def _rendered() -> dict[str, str]:
    rendered = prepare_site(FIXTURE / "casebook.yml", ROOT / "theme").rendered
    return {src_uri: page.source for src_uri, page in rendered.items()}


def test_rendered_pages_match_golden_files():
    rendered = _rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        for old in EXPECTED.rglob("*.md"):
            old.unlink()
        for src_uri, text in rendered.items():
            path = EXPECTED / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    expected = {p.relative_to(EXPECTED).as_posix(): p.read_text(encoding="utf-8") for p in EXPECTED.rglob("*.md")}
    assert sorted(rendered) == sorted(expected), "pages added or removed: run `make update-golden`"
    for src_uri, text in rendered.items():
        assert text == expected[src_uri], f"{src_uri} differs from its golden file: run `make update-golden` and review"
