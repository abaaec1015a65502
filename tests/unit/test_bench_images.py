"""bench/images.py runs (at a tiny size here); its timings are read from its output, never asserted."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_picture_benchmark_runs_and_its_rebuild_decodes_nothing(tmp_path, capsys):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench import images as bench

    bench.main(["--count", "2", "--size", "640x400", "--out", str(tmp_path)])
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 5
    rebuild = [cell.strip() for cell in rows[-1].strip("|").split("|")]
    assert rebuild[0] == "casebook defaults, rebuild with no change"
    assert rebuild[-2:] == ["0", "0"]  # photos decoded, Image.open calls
    assert not any((ROOT / "content").rglob("synthetic-*"))  # never written under content/
