"""The benchmark works end to end at a tiny size (its timings are read, never asserted)."""

from __future__ import annotations

import subprocess
import sys

from sitetools import ROOT


def test_benchmark_prints_a_full_row_at_a_tiny_size(tmp_path):
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "3", "--workdir", str(tmp_path), "--serve-edits", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    header, rule, row, *after = result.stdout.strip().splitlines()
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    values = [cell.strip() for cell in row.strip("|").split("|")]
    assert columns[0] == "N cases (pages)" and values[0] == "3 (6)"
    assert any(line.startswith("make serve on a fresh clone") and " answers in " in line for line in after), after
    assert "FAILED" not in row
    # every measurement produced a number, the serve edit included
    assert all(value not in ("", "nan") for value in values), dict(zip(columns, values))
    row = dict(zip(columns, values))
    assert row["rebuild decodes"] == "0" and row["rebuild renders"] == "0", "an unchanged rebuild reuses everything"
    # synthetic corpora live where we asked, never under content/
    assert (tmp_path / "casebook-3" / "content" / "cases" / "synthetic-case-00000.yml").is_file()
    assert not list((ROOT / "content" / "cases").glob("synthetic-*"))


def test_search_benchmark_prints_a_row_per_language_engine_and_query_at_a_tiny_size(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "bench/search.py",
            "--sizes",
            "3",
            "--workdir",
            str(tmp_path),
            "--repeat",
            "1",
            "--cpu-slowdown",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    header, rule, *rows = result.stdout.strip().splitlines()
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    table = [dict(zip(columns, (cell.strip() for cell in row.strip("|").split("|")))) for row in rows]
    assert {(row["lang"], row["engine"]) for row in table} == {
        (lang, engine) for lang in ("zh-TW", "en") for engine in ("casebook", "material", "pagefind")
    }
    for row in table:
        assert row["first result s"] and float(row["fetched KB"]) > 0, row
    for row in (row for row in table if row["engine"] == "casebook"):
        assert row["first result s"] != "nan" and int(row["results"]) > 0, f"found nothing for {row['query']!r}"
    assert not list((ROOT / "content" / "cases").glob("synthetic-*"))
