"""Navigation per language, and what the theme templates get to know about our pages.

MkDocs makes one navigation and links every page to its neighbours in file
order; each language of ours has its own, which the theme shows on its pages.
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.structure.nav import Link, Navigation

from generator.build.site import Site


def language_navigations(nav: Navigation, site: Site) -> dict[str, Navigation]:
    """A navigation per language, with previous/next links within the language."""
    navs = {}
    by_src = {page.file.src_uri: page for page in nav.pages}
    for page in nav.pages:  # MkDocs linked every page in file order; ours follow their language's nav
        page.previous_page = page.next_page = None
    for lang in site.project.config.language_codes:
        pages = [by_src[src] for src in site.nav_sources(lang) if src in by_src]
        for before, page, after in zip([None, *pages], pages, [*pages[1:], None]):
            page.previous_page, page.next_page = before, after
        navs[lang] = Navigation([_nav_item(site, page, lang) for page in pages], pages)
        navs[lang].homepage = pages[0] if pages else None
    return navs


def _nav_item(site: Site, page, lang: str):
    """The page, or for the home page a link named Home: it is titled with the
    site's name, which the navigation already shows above its items."""
    if site.page(page.file.src_uri).key != "":
        return page
    return Link(site.strings.t("nav.home", lang), page.url)


def page_context(context: dict, page, nav: Navigation, site: Site, navs: dict[str, Navigation]) -> dict:
    """The theme's context for one of our pages: its `casebook` context, its language's navigation."""
    ours = site.page(page.file.src_uri)
    if ours is None:
        return context
    context["casebook"] = site.context(ours)
    context["nav"] = navs.get(ours.lang, nav)
    context["nav_fragment"] = site.shared_nav_key(ours)
    context["search_fragment"] = ("search", context["casebook"].theme_language)  # only its strings vary
    # Material's config script: its language's strings, and addresses relative to the page's depth.
    meta = context["casebook"].meta
    context["config_fragment"] = (
        "config",
        context["casebook"].theme_language,
        context.get("base_url"),
        meta.language_root if meta else None,
    )
    page.edit_url = site.edit_url(ours)
    return context


def error_page_context(context: dict, template_name: str, site: Site) -> dict:
    """The root 404.html: MkDocs builds it from the theme with root-absolute URLs;
    theme/404.html shows our page's body in it (generator/render/views/notfound.py)."""
    ours = site.error_page(template_name)
    if ours is not None:
        context["casebook"] = site.context(ours)
        context["casebook_page"] = {"title": ours.title, "body": Markup(site.rendered[ours.src_uri].body)}
    return context
