"""The home page of each language."""
from __future__ import annotations

from dataclasses import dataclass

from .base import CaseCard, Page, ViewContext


@dataclass(frozen=True)
class HomeView:
    """What theme/casebook/home.html receives as `view`."""

    cases: list[CaseCard]


def home_pages(ctx: ViewContext, lang: str) -> list[Page]:
    view = HomeView(cases=[ctx.card(case, lang) for case in ctx.published_cases])
    title = ctx.text(ctx.config.site_name, lang)
    return [ctx.page("", lang, title, ctx.t("home.description", lang), "home.html", view, nav_order=0)]
