"""Markdown fields to safe HTML: render with Python-Markdown, then sanitise.

Content comes from strangers' pull requests, so raw HTML in Markdown is never
trusted: nh3 (a maintained allowlist sanitiser) keeps only the tags and
attributes below, and links only with http, https or mailto (relative links
to our own pages stay allowed).
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "sup",
    "sub",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


_MD = _markdown()


# A pure function of its text: remembered, so that the builds of one process
# (`mkdocs serve` after each edit) convert only texts they have not seen.
@lru_cache(maxsize=16_384)
def render_markdown(text: str, extra_tags: frozenset[str] = frozenset()) -> Markup:
    """Markdown -> sanitised HTML, ready to insert in a template.

    extra_tags lets a page whose text is its main content (a policy explainer)
    keep `h2` headings; fields shown under our own headings stay at h3.
    """
    _MD.reset()
    html = _MD.convert(text)
    return Markup(sanitise_html(html, extra_tags))


def sanitise_html(html: str, extra_tags: frozenset[str] = frozenset()) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | extra_tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
