"""Policy pages: an overview in the navigation, and one page per explainer.

An explainer's Markdown (content/policy/<slug>.<lang>.md, read by
load/explainers.py) becomes a list of blocks: prose rendered and sanitised
like every Markdown field, and the charts and lists its directives ask for.
Figures and citations in the prose become numbered references to the page's
source list. A language without its own text shows the default language's,
with a notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import nh3
from markupsafe import Markup

from generator.load.explainers import DIRECTIVE, SUMMARY_SLUG, Explainer, parse_directive, policy_figures
from generator.render.markdown import render_markdown
from generator.render.urls import POLICY_PATH, explainer_path
from generator.render.views.base import Link, Page, ViewContext
from generator.render.views.figures import figure_text
from generator.render.views.policy_charts import ChartView, build_chart
from generator.render.views.policy_lists import ListView, build_list
from generator.render.views.policy_refs import Ref, References

# The reading order of the explainers we know; any other follows in name order.
EXPLAINER_ORDER = ("why", "launch", "arrows", "resources", "participation", "vision", "timeline", "process", "progress")
POLICY_NAV_ORDER = 30
EXPLAINER_HEADINGS = frozenset({"h2"})  # an explainer's text is the page: its sections are h2
DESCRIPTION_LENGTH = 160


@dataclass(frozen=True)
class Block:
    """One part of an explainer: prose, a chart or a list."""

    html: Markup = Markup("")
    chart: ChartView | None = None
    list: ListView | None = None


@dataclass(frozen=True)
class Body:
    blocks: list[Block]
    refs: list[Ref]
    text_lang: str  # the language the text is written in
    fallback: bool  # True when that is not the page's language


@dataclass(frozen=True)
class ExplainerView:
    """What theme/casebook/policy.html receives."""

    body: Body
    fallback_name: str  # the name of the language shown, for the notice
    overview: Link
    previous: Link | None
    next: Link | None


@dataclass(frozen=True)
class ExplainerCard:
    title: str
    description: str
    url: str


@dataclass(frozen=True)
class OverviewView:
    """What theme/casebook/policy-index.html receives."""

    summary: Body | None
    explainers: list[ExplainerCard] = field(default_factory=list)


# -- pages --------------------------------------------------------------------------------------


def policy_pages(ctx: ViewContext, lang: str) -> list[Page]:
    slugs = ordered_slugs(ctx.collection.explainers)
    pages = [explainer_page(ctx, slugs, i, lang) for i in range(len(slugs))]
    cards = [ExplainerCard(p.title, p.description, p.url) for p in pages]
    summary = summary_body(ctx, lang)
    title = ctx.t("policy.title", lang)
    overview = ctx.page(
        POLICY_PATH,
        lang,
        title,
        ctx.t("policy.description", lang),
        "policy-index.html",
        OverviewView(summary, cards),
        nav_order=POLICY_NAV_ORDER,
    )
    return [overview, *pages]


def explainer_page(ctx: ViewContext, slugs: list[str], index: int, lang: str) -> Page:
    explainer = pick_explainer(ctx, ctx.collection.explainers[slugs[index]], lang)
    body = explainer_body(ctx, explainer, lang)
    names = {language.code: language.name for language in ctx.config.languages}
    view = ExplainerView(
        body,
        names.get(explainer.lang, explainer.lang),
        Link(ctx.t("policy.title", lang), ctx.urls.url(POLICY_PATH, lang)),
        _neighbour(ctx, slugs, index - 1, lang),
        _neighbour(ctx, slugs, index + 1, lang),
    )
    return ctx.page(
        explainer_path(explainer.slug),
        lang,
        explainer.title,
        describe(body),
        "policy.html",
        view,
        record_path=explainer.path,
    )


def summary_body(ctx: ViewContext, lang: str) -> Body | None:
    """The short summary of the policy (summary.<lang>.md) for the home page and the overview."""
    by_lang = ctx.collection.explainers.get(SUMMARY_SLUG)
    if not by_lang:
        return None
    return explainer_body(ctx, pick_explainer(ctx, by_lang, lang), lang, chart_prefix="summary-chart")


def ordered_slugs(explainers: dict) -> list[str]:
    known = [slug for slug in EXPLAINER_ORDER if slug in explainers]
    others = sorted(slug for slug in explainers if slug not in EXPLAINER_ORDER and slug != SUMMARY_SLUG)
    return known + others


def pick_explainer(ctx: ViewContext, by_lang: dict[str, Explainer], lang: str) -> Explainer:
    """The page language's text, else the default language's, else any."""
    return by_lang.get(lang) or by_lang.get(ctx.default) or next(iter(by_lang.values()))


def _neighbour(ctx: ViewContext, slugs: list[str], index: int, lang: str) -> Link | None:
    if not 0 <= index < len(slugs):
        return None
    explainer = pick_explainer(ctx, ctx.collection.explainers[slugs[index]], lang)
    return Link(explainer.title, ctx.urls.url(explainer_path(explainer.slug), lang))


# -- the body: prose, charts, lists ---------------------------------------------------------------


def explainer_body(
    ctx: ViewContext, explainer: Explainer, lang: str, chart_prefix: str = "chart", refs: References | None = None
) -> Body:
    """The blocks of an explainer; refs numbers its sources (pass one to share a page's list)."""
    refs = refs or References(ctx, lang)
    blocks: list[Block] = []
    prose: list[str] = []
    for line in explainer.body.splitlines():
        directive = _block_directive(line)
        if directive is None:
            prose.append(line)
            continue
        blocks += _prose_blocks(ctx, prose, lang, refs)
        prose = []
        blocks.append(_data_block(ctx, directive, lang, refs, f"{chart_prefix}-{len(blocks) + 1}"))
    blocks += _prose_blocks(ctx, prose, lang, refs)
    return Body(blocks, refs.all(), explainer.lang, explainer.lang != lang)


def _block_directive(line: str):
    match = DIRECTIVE.fullmatch(line.strip())
    if not match:
        return None
    directive, _ = parse_directive(match["inner"], alone=True)
    return directive if directive is not None and directive.is_block else None


def _data_block(ctx: ViewContext, directive, lang: str, refs: References, chart_id: str) -> Block:
    if directive.kind == "chart":
        return Block(chart=build_chart(ctx, ctx.collection.policy, directive, lang, refs, chart_id))
    return Block(list=build_list(ctx, ctx.collection.policy, directive, lang, refs))


def _prose_blocks(ctx: ViewContext, lines: list[str], lang: str, refs: References) -> list[Block]:
    text = "\n".join(lines).strip()
    if not text:
        return []
    return [Block(html=prose_html(ctx, text, lang, refs))]


def prose_html(ctx: ViewContext, text: str, lang: str, refs: References) -> Markup:
    """Markdown with inline figures and citations -> sanitised HTML with numbered references.

    Directives are swapped for plain tokens before Markdown runs, and our own
    (escaped) HTML replaces the tokens after sanitising, so authors can never
    smuggle HTML in and our markup is never stripped.
    """
    inserts: list[Markup] = []
    paragraphs = [_tokenise(ctx, paragraph, lang, refs, inserts) for paragraph in re.split(r"\n\s*\n", text)]
    html = render_markdown("\n\n".join(paragraphs), EXPLAINER_HEADINGS)
    return Markup(re.sub(r"CBINSERT(\d+)Z", lambda m: str(inserts[int(m[1])]), str(html)))


def _tokenise(ctx: ViewContext, paragraph: str, lang: str, refs: References, inserts: list[Markup]) -> str:
    """One paragraph with each directive replaced by a token for its HTML.

    A reference mark that the next mark in the same paragraph repeats is left
    out, so a sentence of figures from one source ends with one mark, not five.
    """
    matches = list(DIRECTIVE.finditer(paragraph))
    parts = [_inline_parts(ctx, parse_directive(m["inner"])[0], lang, refs) for m in matches]
    pieces, last = [], 0
    for i, (match, (value, own)) in enumerate(zip(matches, parts)):
        later = {r.number for r in parts[i + 1][1]} if i + 1 < len(parts) else set()
        shown = [] if {r.number for r in own} <= later else own
        inserts.append(value + (ref_marks(shown) if shown else Markup("")))
        pieces.append(paragraph[last : match.start()] + f"CBINSERT{len(inserts) - 1}Z")
        last = match.end()
    return "".join(pieces) + paragraph[last:]


def _inline_parts(ctx: ViewContext, directive, lang: str, refs: References) -> tuple[Markup, list[Ref]]:
    """The HTML a figure or citation puts in the text, and the references it cites."""
    if directive.kind == "cite":
        section = directive.args[0] if directive.args else ""
        return Markup(""), [refs.cite_section(directive.name, section)]
    figure = policy_figures(ctx.collection.policy)[directive.name]
    value = Markup('<span class="cb-figure">{}</span>').format(figure_text(ctx, figure, lang))
    return value, refs.cite(figure.sources)


def ref_marks(refs: list[Ref]) -> Markup:
    """Superscript links to the page's numbered sources: [1][2].

    After a word joiner (U+2060), as in theme/casebook/partials/policy-list.html:
    a line never starts with a reference mark.
    """
    links = Markup("").join(Markup('<a href="#{}">[{}]</a>').format(r.anchor, r.number) for r in refs)
    return Markup('\u2060<sup class="cb-refs">{}</sup>').format(links)


def describe(body: Body) -> str:
    """The first paragraph as plain text (without reference marks), for the page's description."""
    first = next((str(b.html) for b in body.blocks if b.html), "")
    paragraph = re.search(r"<p>(.*?)</p>", first, re.S)
    html = re.sub(r'\u2060?<sup class="cb-refs">.*?</sup>', "", paragraph[1] if paragraph else "")
    text = " ".join(nh3.clean(html, tags=set()).split())
    text = str(Markup(text).unescape())
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1] + "…"
