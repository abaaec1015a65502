"""A deterministic SYNTHETIC corpus for benchmarks: N cases in both languages.

Everything here is made up and marked so (ids start with `synthetic-`, texts say
合成 / synthetic). It is written outside content/ and never published.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNTIES = 22
TOWNSHIPS_PER_COUNTY = 10
ARROWS = ["enterprise-investment", "technology", "integrated-resources", "social-participation", "branding"]
TECHNOLOGIES = [("ai-iot", "A"), ("blockchain", "B"), ("cloud", "C"), ("data", "D"), ("ecosystem", "E")]
INDUSTRIES = [f"industry-{i}" for i in range(12)]
PARAGRAPH_ZH = "這是合成的基準測試文字，不是真實案例。" * 8
PARAGRAPH_EN = "This is synthetic benchmark text, not a real case. " * 6


def write_corpus(target: Path, cases: int, seed: int = 1, stories=None) -> Path:
    """Write a project (casebook.yml, mkdocs.yml, theme/, content/) with `cases` cases; returns its root.

    `stories(i, rng)` gives case i's story as (zh-TW paragraphs, en paragraphs);
    by default every case has the same few repeated sentences.
    """
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    content = target / "content"
    for folder in ("cases", "brands", "exhibitions", "policy"):
        (content / folder).mkdir(parents=True)
    (target / "docs").mkdir()
    (target / "casebook.yml").write_text((ROOT / "casebook.yml").read_text(encoding="utf-8"), encoding="utf-8")
    # A copy of the theme, which the benchmark changes as a theme change would (bench/run.py).
    shutil.copytree(ROOT / "theme", target / "theme")
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    _write(content / "sources.yml", _sources())
    _write(content / "taxonomy.yml", _taxonomy())
    _write(content / "places.yml", _places())
    _write(content / "policy" / "data.yml", _policy())
    brands = max(1, cases // 10)
    for b in range(brands):
        _write(content / "brands" / f"synthetic-brand-{b:05d}.yml", _brand(b))
    for i in range(cases):
        _write(
            content / "cases" / f"synthetic-case-{i:05d}.yml",
            _case(i, rng, brands, cases, stories(i, rng) if stories else None),
        )
    return target


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _sources() -> str:
    return """sources:
  - id: synthetic-source
    publisher: {zh-TW: 合成出版者, en: Synthetic publisher}
    title: {zh-TW: 合成文件, en: Synthetic document}
"""


def _taxonomy() -> str:
    lines = ["arrows:"]
    lines += [f"  - {{id: {a}, label: {{zh-TW: 合成箭{i}, en: Synthetic arrow {i}}}}}" for i, a in enumerate(ARROWS)]
    lines.append("technologies:")
    lines += [
        f"  - {{id: {t}, letter: {letter}, label: {{zh-TW: 合成科技{letter}, en: Synthetic tech {letter}}}}}"
        for t, letter in TECHNOLOGIES
    ]
    lines.append("industries:")
    lines += [
        f"  - {{id: {ind}, label: {{zh-TW: 合成產業{i}, en: Synthetic industry {i}}}}}"
        for i, ind in enumerate(INDUSTRIES)
    ]
    return "\n".join(lines) + "\n"


def _places() -> str:
    lines = ["reference: [{name: Synthetic places, licence: CC0}]", "counties:"]
    for c in range(COUNTIES):
        lines += [
            f"  - id: synthetic-county-{c:02d}",
            f"    name: {{zh-TW: 合成縣{c}, en: Synthetic County {c}}}",
            "    townships:",
        ]
        lines += [
            f"      - {{id: synthetic-township-{c:02d}-{t:02d}, name: {{zh-TW: 合成鄉{c}-{t}, "
            f"en: Synthetic Township {c}-{t}}}, aliases: [Syn{c}x{t}]}}"
            for t in range(TOWNSHIPS_PER_COUNTY)
        ]
    return "\n".join(lines) + "\n"


def _policy() -> str:
    return """vision:
  - {id: synthetic-target, label: {zh-TW: 合成目標, en: Synthetic target}, value: 1, sources: [{source: synthetic-source}]}
progress:
  as_of: 2019-11
  figures: [{id: synthetic-count, label: {zh-TW: 合成數, en: Synthetic count}, value: 3, sources: [{source: synthetic-source}]}]
  funding: [{id: part-a, label: {zh-TW: 甲, en: A}, amount: 1.5}, {id: part-b, label: {zh-TW: 乙, en: B}, amount: 2}]
  funding_total: 3.5
  funding_unit: {label: {zh-TW: 億元, en: NT$100 million}, nt_dollars: 100000000}
  sources: [{source: synthetic-source}]
"""


def _brand(b: int) -> str:
    return f"""id: synthetic-brand-{b:05d}
status: published
last_reviewed: 2026-01-01
translations: {{en: {{reviewed: false}}}}
name: {{zh-TW: 合成品牌{b}, en: Synthetic brand {b}}}
name_origin: cited
place: synthetic-county-{b % COUNTIES:02d}
story: {{zh-TW: "{PARAGRAPH_ZH}", en: "{PARAGRAPH_EN}"}}
sources: [{{source: synthetic-source}}]
"""


def _case(i: int, rng: random.Random, brands: int, cases: int, story=None) -> str:
    county = rng.randrange(COUNTIES)
    township = rng.randrange(TOWNSHIPS_PER_COUNTY)
    arrows = sorted(rng.sample(ARROWS, rng.randint(1, 3)))
    techs = sorted(rng.sample([t for t, _ in TECHNOLOGIES], rng.randint(0, 2)))
    industries = sorted(rng.sample(INDUSTRIES, rng.randint(1, 2)))
    related = sorted({f"synthetic-case-{rng.randrange(cases):05d}" for _ in range(2)} - {f"synthetic-case-{i:05d}"})
    zh, en = story or ([PARAGRAPH_ZH] * 4, [PARAGRAPH_EN] * 4)
    story_zh, story_en = "\\n\\n".join(zh), "\\n\\n".join(en)
    return f"""id: synthetic-case-{i:05d}
status: published
last_reviewed: 2026-01-01
translations: {{en: {{reviewed: false}}}}
title: {{zh-TW: 合成案例{i}, en: Synthetic case {i}}}
summary: {{zh-TW: 合成摘要{i}，不是真實案例。, en: Synthetic summary {i}; not a real case.}}
story:
  zh-TW: "{story_zh}"
  en: "{story_en}"
place: synthetic-township-{county:02d}-{township:02d}
arrows: [{", ".join(arrows)}]
technologies: [{", ".join(techs)}]
industries: [{", ".join(industries)}]
brand: synthetic-brand-{i % brands:05d}
related: [{", ".join(related)}]
outcomes:
  - text: {{zh-TW: 合成成果, en: Synthetic outcome}}
    as_of: 2019-11
    sources: [{{source: synthetic-source}}]
sources: [{{source: synthetic-source, section: {{zh-TW: 第一章, en: Chapter 1}}}}]
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--cases", type=int, default=100)
    args = parser.parse_args()
    write_corpus(args.target, args.cases)
    print(f"wrote a synthetic project with {args.cases} cases to {args.target}")


if __name__ == "__main__":
    main()
