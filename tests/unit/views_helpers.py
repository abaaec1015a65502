"""Helpers for the view tests: pages of one builder from a fixture project, rendered or not."""

from __future__ import annotations

from pathlib import Path

from generator.build.pipeline import load_collection
from generator.core.errors import count_errors
from generator.load.project import load_project
from generator.load.strings import load_strings
from generator.render.templates import make_environment, render_page
from generator.render.urls import UrlScheme
from generator.render.views.base import Page, ViewContext

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme"


def view_context(root: Path) -> ViewContext:
    """The records of the project at `root`, validated, as views receive them."""
    project, problems = load_project(root / "casebook.yml")
    assert project is not None, problems
    collection, diagnostics = load_collection(project)
    assert count_errors(diagnostics) == 0, [d.format_text() for d in diagnostics]
    strings = load_strings(THEME / "strings", project.config)
    return ViewContext(collection, project.config, strings, UrlScheme(project.config))


def by_url(pages: list[Page]) -> dict[str, Page]:
    return {page.url: page for page in pages}


def render(ctx: ViewContext, page: Page) -> str:
    """The page's body HTML, as the site shows it."""
    return render_page(make_environment(THEME), ctx.strings, page).body
