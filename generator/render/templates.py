"""Stage 5: page objects -> page sources, through Jinja templates in theme/casebook/.

Each page is YAML front matter (title, description) and a body of HTML,
already rendered and sanitised. Together they form a Markdown file any
MkDocs-compatible engine can build; the casebook plugin hands MkDocs the
front matter only and puts the body in place afterwards, which saves
Python-Markdown from re-parsing our HTML (half the build time at 1000 cases).
The engine wraps the body in the theme (Material's base.html through
theme/main.html), so our templates render only what is inside the article.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import escape

from generator.core.langmark import mark_han, marks_han
from generator.load.strings import Strings
from generator.render.phrasing import add_to_environment
from generator.render.urls import relative_url
from generator.render.views.base import Page

TEMPLATE_DIR = "casebook"   # under theme/


def make_environment(theme_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme_dir / TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    add_to_environment(env)   # `phrases` filter, `han` test; prepare_site gives it the records' words
    return env


@dataclass(frozen=True)
class RenderedPage:
    front_matter: str   # YAML front matter: title, description
    body: str           # the page body as HTML, rendered and sanitised

    @property
    def source(self) -> str:
        """The page as a Markdown file any MkDocs-compatible engine can build."""
        return self.front_matter + self.body


def render_page(env: jinja2.Environment, strings: Strings, page: Page) -> RenderedPage:
    """Front matter plus the rendered body of one page."""
    body = env.get_template(page.template).render(
        view=page.view,
        page=page,
        lang=page.lang,
        t=partial(strings.t, lang=page.lang),
        rel=partial(relative_url, page.url),
    )
    if marks_han(page.lang):
        body = mark_han(body)   # Chinese names in other languages' pages carry lang="zh-TW"
    return RenderedPage(_front_matter(page), body.strip() + "\n")


def _front_matter(page: Page) -> str:
    # MkDocs' theme templates print page.title and page.meta unescaped (its
    # Jinja environment does not autoescape: titles usually come from Markdown
    # as HTML), so our plain-text values go in as HTML-escaped text. JSON is
    # valid YAML, and json.dumps quotes anything a title could hold.
    meta = {"title": str(escape(page.title)), "description": str(escape(page.description))}
    # Material's search plugin skips every page of ours: generator/publish/search.py indexes
    # the listed ones from their rendered bodies, with the segmentation cached.
    meta["search"] = {"exclude": True}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
