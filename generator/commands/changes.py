"""`casebook changes BASE_REF`: the records a branch adds, changes or removes, and the pages they touch.

Used by the pull-request workflow for its job summary, and by contributors to
see what their change will publish. The files come from git (the merge base
of BASE_REF and HEAD against the work tree, plus untracked files under
content/), so a pull request lists only its own changes even when the base
branch moved on.

Each record's pages are its own pages in every language, from generator.render.urls.
Records that every page draws on (places, taxonomy, sources, policy data) and
the site's code and theme are reported as changing "all pages": working out
exactly which index pages they touch would be a guess.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from generator.load.explainers import EXPLAINER_DIR, FILE_NAME, SUMMARY_SLUG
from generator.load.yaml_loader import load_bytes
from generator.model.raw import FILE_KINDS, FOLDER_KINDS, SourceRef
from generator.model.settings import Project
from generator.render.urls import EXHIBITIONS_PATH, POLICY_PATH, UrlScheme, brand_path, case_path, explainer_path

# git --name-status letters -> what happened to the file (renames are split into delete + add)
STATUS = {"A": "added", "M": "changed", "T": "changed", "D": "removed"}
# Outside content/: files whose change can alter every page.
SITE_WIDE = ("generator/", "theme/", "mkdocs.yml", "casebook.yml", "pyproject.toml")


class ChangesError(Exception):
    """git could not answer: not a repository, an unknown ref, or git is missing."""


@dataclass(frozen=True)
class Change:
    change: str  # added | changed | removed
    kind: str  # a record kind (case, brand, ...), explainer, content or site
    id: str  # the record's id; the file's path for other files
    path: str  # relative to the project root
    pages: dict[str, list[str]] = field(default_factory=dict)  # language -> site-relative URLs
    all_pages: bool = False
    note: str = ""


# -- git ------------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise ChangesError("git is not installed") from None
    if result.returncode != 0:
        raise ChangesError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout.decode("utf-8", "surrogateescape")


def changed_files(root: Path, base_ref: str) -> tuple[str, list[tuple[str, str]]]:
    """The merge base of base_ref and HEAD, and (status letter, path relative to root) of every file
    changed since then."""
    try:
        _git(root, "rev-parse", "--is-inside-work-tree")
    except ChangesError:
        raise ChangesError(f"{root} is not in a git repository") from None
    try:
        base = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{base_ref}^{{commit}}").strip()
    except ChangesError:
        raise ChangesError(f"unknown git ref '{base_ref}'; fetch it first (e.g. `git fetch origin main`)") from None
    try:  # changes of this branch only, even if the base branch moved on
        base = _git(root, "merge-base", base, "HEAD").strip()
    except ChangesError:
        pass  # unrelated histories (or no HEAD yet): compare with the ref itself
    diff = _git(root, "diff", "--name-status", "--no-renames", "--relative", "-z", base, "--")
    fields = diff.split("\0")[:-1]
    files = list(zip(fields[0::2], fields[1::2]))
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--").split("\0")[:-1]
    return base, sorted(set(files) | {("A", path) for path in untracked}, key=lambda item: item[1])


def _old_bytes(root: Path, base: str, path: str) -> bytes | None:
    try:  # `./` makes the path relative to root, which need not be the repository's top
        result = subprocess.run(["git", "show", f"{base}:./{path}"], cwd=root, capture_output=True, timeout=60)
    except FileNotFoundError:
        return None
    return result.stdout if result.returncode == 0 else None


# -- files -> changes -------------------------------------------------------------------------


def changes_since(project: Project, base_ref: str) -> list[Change]:
    """Every changed record and other file that affects pages, sorted by kind and id."""
    urls = UrlScheme(project.config)
    found = []
    base, files = changed_files(project.root, base_ref)
    for letter, path in files:
        change = _classify(project, urls, base, STATUS.get(letter[:1], "changed"), path)
        if change is not None:
            found.append(change)
    found = [c for c in found if c.kind != "site"] + _site_change([c.path for c in found if c.kind == "site"])
    return sorted(found, key=lambda c: (_KIND_ORDER.get(c.kind, 99), c.id, c.path))


def _site_change(paths: list[str]) -> list[Change]:
    """Changed code, theme or configuration as one entry: any of it may change every page."""
    if not paths:
        return []
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    return [
        Change(
            "changed",
            "site",
            "site",
            shown,
            all_pages=True,
            note=f"{len(paths)} file{'s' if len(paths) != 1 else ''} of code, theme or configuration",
        )
    ]


_KIND_ORDER = {
    kind: i
    for i, kind in enumerate(
        (
            "case",
            "brand",
            "exhibition",
            "explainer",
            "places",
            "taxonomy",
            "sources",
            "policy",
            "glossary",
            "content",
            "site",
        )
    )
}


def _classify(project: Project, urls: UrlScheme, base: str, change: str, path: str) -> Change | None:
    content = PurePosixPath(project.config.content_dir)
    pure = PurePosixPath(path)
    if content not in pure.parents:
        if any(path == name or path.startswith(name) for name in SITE_WIDE):
            return Change(change, "site", path, path, all_pages=True)
        return None  # tests, documentation, workflows: no page changes
    inner = pure.relative_to(content)
    if inner.as_posix() in FILE_KINDS:
        kind = FILE_KINDS[inner.as_posix()]
        return Change(change, kind, kind, path, all_pages=True, note="every page may draw on it")
    folder_kind = FOLDER_KINDS.get(inner.parts[0]) if len(inner.parts) == 2 else None
    if folder_kind and pure.suffix == ".yml":
        return _record_change(project, urls, base, change, folder_kind, path)
    explainer = FILE_NAME.match(inner.name) if inner.parts[0] == EXPLAINER_DIR and len(inner.parts) == 2 else None
    if explainer:
        return _explainer_change(urls, change, path, explainer["slug"], explainer["lang"], project)
    return Change(change, "content", path, path, all_pages=True, note="not a record: its pages are not known")


def _record_change(project: Project, urls: UrlScheme, base: str, change: str, kind: str, path: str) -> Change:
    record_id = PurePosixPath(path).stem
    new = (project.root / path).read_bytes() if change != "removed" else None
    old = _old_bytes(project.root, base, path) if change != "added" else None
    statuses = {_status_in(project, path, kind, new), _status_in(project, path, kind, old)}
    statuses.discard(None)
    if statuses == {"draft"}:
        return Change(change, kind, record_id, path, note="draft: not on the site")
    page = {"case": case_path(record_id), "brand": brand_path(record_id), "exhibition": EXHIBITIONS_PATH}[kind]
    pages = {lang: [urls.url(page, lang)] for lang in project.config.language_codes}
    note = "removed from the site" if change == "removed" else ""
    if "unreadable" in statuses:
        note = "the file does not load; run `casebook validate`"
    return Change(change, kind, record_id, path, pages=pages, note=note)


def _status_in(project: Project, path: str, kind: str, data: bytes | None) -> str | None:
    """'published', 'draft', 'unreadable', or None when there is no such version of the file."""
    if data is None:
        return None
    raw, _ = load_bytes(SourceRef(path, project.root / path, kind), data)
    status = raw.data.get("status") if raw is not None and isinstance(raw.data, dict) else None
    return status if status in ("published", "draft") else "unreadable"


def _explainer_change(urls: UrlScheme, change: str, path: str, slug: str, lang: str, project: Project) -> Change:
    if lang not in project.config.language_codes:
        return Change(change, "explainer", slug, path, note=f"'{lang}' is not a language of this site")
    if slug == SUMMARY_SLUG:  # shown on the home page and the policy overview, not a page of its own
        return Change(change, "explainer", slug, path, pages={lang: [urls.url("", lang), urls.url(POLICY_PATH, lang)]})
    return Change(change, "explainer", slug, path, pages={lang: [urls.url(explainer_path(slug), lang)]})


# -- output -------------------------------------------------------------------------------------


def format_changes(changes: list[Change], base_ref: str, fmt: str) -> str:
    if fmt == "json":
        return json.dumps([asdict(c) for c in changes], ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return _markdown(changes, base_ref)
    return _text(changes, base_ref)


def _pages_text(change: Change, sep: str, code: bool = False) -> str:
    if change.all_pages:
        return "all pages"
    quote = "`" if code else ""
    return sep.join(f"{quote}{url}{quote}" for urls in change.pages.values() for url in urls)


def _text(changes: list[Change], base_ref: str) -> str:
    if not changes:
        return f"No records or pages changed since {base_ref}."
    lines = []
    for c in changes:
        lines.append(f"{c.change:<8} {c.kind:<10} {c.id}  ({c.path})")
        detail = _pages_text(c, ", ")
        if detail:
            lines.append(f"         pages: {detail}")
        if c.note:
            lines.append(f"         note: {c.note}")
    return "\n".join(lines)


_CHANGE_ZH = {"added": "新增", "changed": "修改", "removed": "刪除"}
_KIND_ZH = {
    "case": "案例",
    "brand": "品牌",
    "exhibition": "展覽",
    "explainer": "政策說明",
    "places": "地點",
    "taxonomy": "分類",
    "sources": "出處",
    "policy": "政策資料",
    "glossary": "術語表",
    "content": "其他內容",
    "site": "程式與版型",
}


def _markdown(changes: list[Change], base_ref: str) -> str:
    lines = ["## 這個 pull request 變更的紀錄與頁面 / Records and pages this pull request changes", ""]
    if not changes:
        lines.append(f"沒有紀錄或頁面變更（與 `{base_ref}` 相比）。/ No records or pages changed since `{base_ref}`.")
        return "\n".join(lines) + "\n"
    lines += ["| 變更 / Change | 種類 / Kind | 代號 / Id | 頁面 / Pages | 說明 / Note |", "|---|---|---|---|---|"]
    for c in changes:
        pages = "全部頁面 / all pages" if c.all_pages else (_pages_text(c, "<br>", code=True) or "—")
        lines.append(
            f"| {_CHANGE_ZH[c.change]} / {c.change} | {_KIND_ZH.get(c.kind, c.kind)} / {c.kind} "
            f"| `{_cell(c.id)}` | {pages} | {_cell(c.note)} |"
        )
    lines += [
        "",
        "頁面網址相對於網站根目錄；英文頁面在 `en/` 之下。建置好的網站可從本次執行的 artifact 下載預覽。",
        "Page addresses are relative to the site's root; English pages are under `en/`. "
        "Download the built site from this run's artifacts to preview it.",
    ]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text in a Markdown table cell: no pipes or line breaks to break the table, no backticks to break code."""
    return text.replace("|", "\\|").replace("\n", " ").replace("`", "'")
