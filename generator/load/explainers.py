"""Policy explainers: Markdown files `content/policy/<slug>.<lang>.md`, found and checked.

An explainer is plain Markdown: its first line is its title (`# ...`), and
there is no front matter and no raw HTML (the text is sanitised when
rendered as well, but an author should learn at once that HTML is not kept).
Figures and charts are not typed into the prose: directives insert them from
content/policy/data.yml, with their sources, so a number on the page is always
the number in the data:

    {{figure:priority-townships}}          a figure, e.g. "134處", with its source
    {{cite:ndc-policy-outlook|壹、前言}}      cite a source (section in the page language)
    {{chart:series}}                       every series (observed vs projected)
    {{chart:timeline}}                     the demographic timeline
    {{chart:funding}}                      the funding parts and their total
    {{chart:share:PART-ID:WHOLE-ID}}       PART of WHOLE as a grid of squares
    {{chart:bars:ID,ID,...}}               figures as bars on one scale
    {{chart:...|Title}}                    any chart, with a title of the author's (else a generic one)
    {{list:vision}} {{list:process}} {{list:arrows}} {{list:milestones}} {{list:figures:ID,ID,...}}

Charts and lists stand alone on their line; figures and citations sit in the text.
`summary.<lang>.md` is not a page: it is the short summary the home page and
the policy overview show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import Diagnostic
from generator.model.raw import display_path
from generator.model.records import Figure, PolicyData

EXPLAINER_DIR = "policy"  # under content/
SUMMARY_SLUG = "summary"
MAX_BYTES = 256 * 1024
FILE_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$")
DIRECTIVE = re.compile(r"\{\{(?P<inner>[^{}]*)\}\}")
# An HTML tag, comment or declaration; Markdown autolinks (<https://...>) are not HTML.
RAW_HTML = re.compile(r"<(?:!--|!?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|/[A-Za-z][A-Za-z0-9-]*\s*>)")
CODE_SPAN = re.compile(r"`[^`]*`")

# (kind, name) -> how many ':'-separated arguments follow the name
BLOCK_DIRECTIVES = {
    ("chart", "series"): 0,
    ("chart", "timeline"): 0,
    ("chart", "funding"): 0,
    ("chart", "share"): 2,
    ("chart", "bars"): 1,
    ("list", "vision"): 0,
    ("list", "process"): 0,
    ("list", "arrows"): 0,
    ("list", "figures"): 1,
    ("list", "milestones"): 0,
}
INLINE_KINDS = ("figure", "cite")
MAX_SHARE_WHOLE = 2000  # a grid of squares larger than this would not be readable


@dataclass(frozen=True)
class Directive:
    kind: str  # chart | list | figure | cite
    name: str  # chart or list name, figure id, or source id
    args: tuple[str, ...]  # chart/list arguments, or (section,) for cite
    line: int  # 1-based position in the file
    col: int
    alone: bool  # the only thing on its line
    title: str = ""  # a chart's title after '|', in the page language

    @property
    def is_block(self) -> bool:
        return self.kind in ("chart", "list")


@dataclass(frozen=True)
class Explainer:
    """One language version of one explainer."""

    slug: str
    lang: str
    title: str
    body: str  # Markdown after the title line
    path: str  # shown to people, relative to the project root
    directives: tuple[Directive, ...]


Explainers = dict[str, dict[str, Explainer]]  # slug -> lang -> explainer


# -- discover and read -----------------------------------------------------------------------


def load_explainers(content_dir: Path, project_root: Path, languages: list[str]) -> tuple[Explainers, list[Diagnostic]]:
    """Every explainer file under content/policy/, read and checked on its own."""
    found: Explainers = {}
    problems: list[Diagnostic] = []
    folder = content_dir / EXPLAINER_DIR
    if not folder.is_dir():
        return found, problems
    for path in sorted(folder.glob("*.md")):
        display = display_path(path, project_root)
        explainer, file_problems = read_explainer(path, display, languages)
        problems += file_problems
        if explainer is not None:
            found.setdefault(explainer.slug, {})[explainer.lang] = explainer
    return found, problems


def read_explainer(path: Path, display: str, languages: list[str]) -> tuple[Explainer | None, list[Diagnostic]]:
    match = FILE_NAME.match(path.name)
    if not match:
        return None, [
            Diagnostic(
                display,
                0,
                0,
                "bad-file-name",
                f"'{path.name}' is not named <slug>.<language>.md",
                hint="name explainers like why.zh-TW.md and why.en.md",
            )
        ]
    if match["lang"] not in languages:
        return None, [
            Diagnostic(
                display,
                0,
                0,
                "unknown-language",
                f"'{match['lang']}' is not a language of this site",
                hint=f"use one of {', '.join(languages)}, or add the language to casebook.yml",
            )
        ]
    text, problem = _read_text(path, display)
    if text is None:
        return None, [problem]
    return _parse(match["slug"], match["lang"], text, display)


def _read_text(path: Path, display: str) -> tuple[str | None, Diagnostic | None]:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        return None, Diagnostic(
            display,
            0,
            0,
            "file-too-large",
            f"the file is over {MAX_BYTES // 1024} KiB",
            hint="split the explainer into shorter ones",
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, Diagnostic(display, 0, 0, "not-utf8", "the file is not UTF-8 text", hint="save the file as UTF-8")


def _parse(slug: str, lang: str, text: str, display: str) -> tuple[Explainer | None, list[Diagnostic]]:
    lines = text.lstrip("\ufeff").splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].strip() == "---":
        return None, [
            Diagnostic(
                display,
                first + 1,
                1,
                "front-matter",
                "explainers have no front matter",
                hint="remove the --- block; the first line '# Title' is the title",
            )
        ]
    if first is None or not re.match(r"^# \S", lines[first]):
        return None, [
            Diagnostic(display, (first or 0) + 1, 1, "missing-title", "the first line must be the title, as '# Title'")
        ]
    problems = _raw_html(lines, display)
    directives, directive_problems = _directives(lines, display)
    problems += directive_problems
    body = "\n".join(lines[first + 1 :]).strip() + "\n"
    # Returned even with problems, so its references are checked in the same run.
    return Explainer(slug, lang, lines[first][2:].strip(), body, display, tuple(directives)), problems


def _raw_html(lines: list[str], display: str) -> list[Diagnostic]:
    problems = []
    fenced = False
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        match = RAW_HTML.search(CODE_SPAN.sub(lambda m: " " * len(m.group()), line))
        if match:
            problems.append(
                Diagnostic(
                    display,
                    number,
                    match.start() + 1,
                    "raw-html",
                    "raw HTML is not allowed in an explainer",
                    hint="write Markdown only; charts and figures come from {{chart:...}} and {{figure:...}}",
                )
            )
    return problems


# -- directives ----------------------------------------------------------------------------


def _directives(lines: list[str], display: str) -> tuple[list[Directive], list[Diagnostic]]:
    directives, problems = [], []
    for number, line in enumerate(lines, 1):
        for match in DIRECTIVE.finditer(line):
            alone = line.strip() == match.group()
            directive, message = parse_directive(match["inner"], number, match.start() + 1, alone)
            if directive is None:
                problems.append(
                    Diagnostic(
                        display,
                        number,
                        match.start() + 1,
                        "bad-directive",
                        message,
                        hint="see generator/load/explainers.py for the directives",
                    )
                )
            else:
                directives.append(directive)
    return directives, problems


def parse_directive(inner: str, line: int = 0, col: int = 0, alone: bool = False) -> tuple[Directive | None, str]:
    """'chart:share:a:b' -> Directive('chart', 'share', ('a', 'b')); or None and why not."""
    kind, _, rest = inner.strip().partition(":")
    if kind in INLINE_KINDS:
        name, _, section = rest.partition("|")
        if not name.strip():
            return None, f"'{{{{{inner}}}}}' names no {kind}"
        args = (section.strip(),) if section.strip() else ()
        return Directive(kind, name.strip(), args, line, col, alone), ""
    rest, _, title = rest.partition("|")
    name, *args = [part.strip() for part in rest.split(":")] if rest else [""]
    expected = BLOCK_DIRECTIVES.get((kind, name))
    if expected is None:
        known = sorted({f"{k}:{n}" for k, n in BLOCK_DIRECTIVES} | {f"{k}:..." for k in INLINE_KINDS})
        return None, f"unknown directive '{{{{{inner}}}}}'; known: {', '.join(known)}"
    if len(args) != expected or not all(args):
        return None, f"'{{{{{inner}}}}}' needs {expected} argument(s) after '{kind}:{name}'"
    if not alone:
        return None, f"'{{{{{inner}}}}}' must stand alone on its line"
    return Directive(kind, name, tuple(args), line, col, alone, title.strip()), ""


# -- checks against the data -----------------------------------------------------------------


def policy_figures(policy: PolicyData | None) -> dict[str, Figure]:
    """Every figure of the policy data by id: vision, key figures and progress."""
    if policy is None:
        return {}
    return {f.id: f for f in (*policy.vision, *policy.key_figures, *policy.progress.figures)}


def check_explainers(
    explainers: Explainers, policy: PolicyData | None, source_ids: set[str] | None, has_arrows: bool
) -> list[Diagnostic]:
    """References from explainers to figures, sources and data that must exist.

    A file that failed validation (policy None, source_ids None) has been
    reported already: references into it are not reported again.
    """
    figures = policy_figures(policy)
    problems = []
    for by_lang in explainers.values():
        for explainer in by_lang.values():
            for directive in explainer.directives:
                if (source_ids is None and directive.kind == "cite") or (policy is None and directive.kind != "cite"):
                    continue
                message = _missing_reference(directive, figures, policy, source_ids or set(), has_arrows)
                if message:
                    problems.append(
                        Diagnostic(
                            explainer.path,
                            directive.line,
                            directive.col,
                            "unknown-reference",
                            message,
                            hint="names come from content/policy/data.yml and content/sources.yml",
                        )
                    )
    return problems


def _missing_reference(
    d: Directive, figures: dict[str, Figure], policy: PolicyData | None, source_ids: set[str], has_arrows: bool
) -> str:
    if d.kind == "cite":
        return "" if d.name in source_ids else f"no source '{d.name}' in content/sources.yml"
    ids = _figure_ids(d)
    missing = [i for i in ids if i not in figures]
    if missing:
        return f"no figure '{missing[0]}' in content/policy/data.yml"
    wordless = [i for i in ids if figures[i].value is None]
    if wordless:
        return f"figure '{wordless[0]}' has no number (the source states it in words): use {{{{list:vision}}}}"
    if (d.kind, d.name) == ("chart", "share"):
        part, whole = (figures[i].value for i in ids)
        if not (0 <= part <= whole <= MAX_SHARE_WHOLE and float(part).is_integer() and float(whole).is_integer()):
            return f"'{ids[0]}' must be a whole number no larger than '{ids[1]}' (at most {MAX_SHARE_WHOLE})"
    needs = {
        ("chart", "series"): bool(policy and policy.series),
        ("chart", "timeline"): bool(policy and policy.timeline),
        ("list", "process"): bool(policy and policy.process),
        ("list", "arrows"): has_arrows,
        ("list", "milestones"): bool(policy and policy.milestones),
    }
    if not needs.get((d.kind, d.name), True):
        return f"'{d.kind}:{d.name}' has no data to show"
    return ""


def _figure_ids(d: Directive) -> list[str]:
    if d.kind == "figure":
        return [d.name]
    if d.name == "share":
        return list(d.args)
    if d.name in ("bars", "figures"):
        return [i.strip() for i in d.args[0].split(",")]
    return []


def project_explainers(project, collection) -> tuple[dict, list[Diagnostic]]:
    """The project's explainers (slug -> language -> Explainer); every problem with them, files and references."""
    explainers, problems = load_explainers(project.content_dir, project.root, project.config.language_codes)
    source_ids = {s.id for s in collection.sources.sources} if collection.sources else None
    has_arrows = collection.taxonomy is not None or ("taxonomy", "taxonomy") in collection.invalid_ids
    return explainers, problems + check_explainers(explainers, collection.policy, source_ids, has_arrows)
