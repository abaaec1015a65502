"""Numbered references of one policy page: every figure and chart cites its sources.

The first citation of a (source, section) pair on a page gets the next number;
later ones reuse it. The page's source list shows them in that order, and each
figure or chart links to its numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.records import Citation
from generator.render.views.base import CitationView, ViewContext


@dataclass(frozen=True)
class Ref:
    number: int
    citation: CitationView

    @property
    def anchor(self) -> str:
        return f"ref-{self.number}"


class References:
    """Collects the references of one page while its parts are built."""

    def __init__(self, ctx: ViewContext, lang: str):
        self._ctx = ctx
        self._lang = lang
        self._refs: dict[tuple[str, str, str], Ref] = {}

    def cite(self, citations: list[Citation]) -> list[Ref]:
        """Refs for a record's citations (sections in every language)."""
        return self._unique(
            [self._ref(c.source, self._ctx.text(c.section, self._lang), c.page or "") for c in citations]
        )

    def cite_section(self, source_id: str, section: str) -> Ref:
        """A ref written in an explainer: a source and a section in the page's language."""
        return self._ref(source_id, section, "")

    def all(self) -> list[Ref]:
        return sorted(self._refs.values(), key=lambda r: r.number)

    def _ref(self, source_id: str, section: str, page: str) -> Ref:
        key = (source_id, section, page)
        if key not in self._refs:
            citation = self._ctx.citation(Citation(source=source_id, page=page or None), self._lang)
            view = CitationView(
                citation.publisher, citation.title, citation.occasion, citation.date, section, page, citation.url
            )
            self._refs[key] = Ref(len(self._refs) + 1, view)
        return self._refs[key]

    @staticmethod
    def _unique(refs: list[Ref]) -> list[Ref]:
        return list({r.number: r for r in refs}.values())
