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
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.core.langmark import mark_han, marks_han
from generator.load.strings import Strings
from generator.render.phrasing import add_to_environment
from generator.render.urls import relative_url
from generator.render.views.base import Page

TEMPLATE_DIR = "casebook"  # under theme/
# Chinese inside text in another script: Han characters with the punctuation that joins them (‧「」、（）)
HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u2027\u3000-\u303f\uff08\uff09\uff0c]+")
HAN_RUN_HTML = re.compile(HAN_RUN.pattern + r"(?:<wbr>" + HAN_RUN.pattern + ")*")
LATIN = re.compile(r"[A-Za-z]")
CHINESE = "zh-TW"


def han_in_lang(text: str, page_lang: str | None = None) -> Markup:
    """Text in a Latin script with its Chinese names marked `lang="zh-TW"` (宜蘭斑‧食育酷樂園 in an
    English title), so screen readers and fonts treat them as Chinese. Chinese text is left as it is:
    on a page in `page_lang` other than Chinese, even a name wholly in Chinese is marked."""
    html = isinstance(text, Markup)  # already HTML (the `phrases` filter's, with <wbr> between phrases)
    text = str(text)
    own = (lambda part: Markup(part)) if html else escape
    on_chinese_page = page_lang is not None and page_lang.startswith("zh")
    if on_chinese_page or (page_lang is None and not LATIN.search(re.sub(r"<[^>]*>", "", text))):
        return own(text)
    parts, end = [], 0
    for match in HAN_RUN_HTML.finditer(text) if html else HAN_RUN.finditer(text):
        parts += [
            own(text[end : match.start()]),
            Markup(f'<span lang="{CHINESE}">'),
            own(match.group(0)),
            Markup("</span>"),
        ]
        end = match.end()
    parts.append(own(text[end:]))
    return Markup("").join(parts)


def make_environment(theme_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme_dir / TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    add_to_environment(env)  # `phrases` filter, `han` test; prepare_site gives it the records' words
    env.filters["han_in_lang"] = han_in_lang
    return env


@dataclass(frozen=True)
class RenderedPage:
    front_matter: str  # YAML front matter: title, description
    body: str  # the page body as HTML, rendered and sanitised

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
        body = mark_han(body)  # Chinese names in other languages' pages carry lang="zh-TW"
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
