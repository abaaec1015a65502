"""The two builds casebook is measured against, made from the same synthetic corpus.

- plain: what a team would assemble by hand: every case written as Markdown
  (`<id>.md` and `<id>.en.md`), MkDocs + Material + mkdocs-static-i18n, every
  page in the navigation (MkDocs' default when `nav` is not set).
- lower bound: the same pages rendered with Python-Markdown and one small Jinja
  layout and written to disk, nothing else.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import markdown
import markupsafe

from generator import load_collection, load_project
from generator.load.strings import pick

PLAIN_MKDOCS_YML = """site_name: Synthetic benchmark
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: zh-TW
          default: true
          name: 正體中文
        - locale: en
          name: English
"""

LAYOUT = jinja2.Template(
    """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>{{ body }}</main></body></html>
""",
    autoescape=True,
)


def case_markdown(project_root: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(case id, language) -> (title, Markdown body) for every case of a corpus."""
    project, _ = load_project(project_root / "casebook.yml")
    collection, _ = load_collection(project)
    taxonomy = {t.id: t for t in collection.taxonomy.arrows + collection.taxonomy.industries}
    pages = {}
    for case in collection.cases.values():
        for lang in project.config.language_codes:

            def text(value):
                return pick(value, lang, project.config.default_language)[0]

            facets = ", ".join(text(taxonomy[a].label) for a in case.arrows + case.industries if a in taxonomy)
            body = "\n\n".join(
                [
                    text(case.summary),
                    "## Story",
                    text(case.story),
                    f"**Facets:** {facets}",
                    "## Sources",
                    "\n".join(f"- {s.source}" for s in case.sources),
                ]
            )
            pages[(case.id, lang)] = (text(case.title), body)
    return pages


def write_plain_mkdocs(project_root: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs" / "cases"
    docs.mkdir(parents=True)
    (target / "docs" / "index.md").write_text("# Synthetic benchmark\n", encoding="utf-8")
    (target / "docs" / "index.en.md").write_text("# Synthetic benchmark\n", encoding="utf-8")
    for (case_id, lang), (title, body) in case_markdown(project_root).items():
        suffix = "" if lang == "zh-TW" else f".{lang}"
        (docs / f"{case_id}{suffix}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(PLAIN_MKDOCS_YML, encoding="utf-8")
    return target


def build_lower_bound(plain_root: Path, target: Path) -> int:
    """Render the plain corpus' Markdown pages with Python-Markdown and one Jinja layout.

    Reads the same Markdown files the plain MkDocs build reads; returns the
    number of pages written.
    """
    if target.exists():
        shutil.rmtree(target)
    md = markdown.Markdown()
    count = 0
    for source in sorted((plain_root / "docs").rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        md.reset()
        lang = "en" if source.name.endswith(".en.md") else "zh-TW"
        html = LAYOUT.render(lang=lang, title=title.lstrip("# "), body=markupsafe.Markup(md.convert(body)))
        stem = source.name.removesuffix(".en.md").removesuffix(".md")
        folder = source.parent.relative_to(plain_root / "docs")
        out = target / ("" if lang == "zh-TW" else "en") / folder / stem / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
        count += 1
    return count


if __name__ == "__main__":
    import sys

    print(build_lower_bound(Path(sys.argv[1]), Path(sys.argv[2])))
