"""About, credits and licence: what the site is, where its facts come from,
under which licence its texts may be reused, and whose data and software it uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.data_dictionary import LICENCE
from generator.render.chrome import UPDATE_FORM, contact_link, repo_form_url
from generator.render.urls import ABOUT_PATH, TRANSLATION_STATUS_PATH, data_dictionary_path, open_data_page_path
from generator.render.views.base import Link, Page, ViewContext

NAV_ORDER = 95

# Our texts (the same licence the open data states); media keep their own.
CONTENT_LICENCE = Link("CC BY 4.0", LICENCE["url"])


@dataclass(frozen=True)
class Software:
    name: str
    licence: str  # SPDX id, as the package's own metadata gives it
    url: str
    role: str  # interface-string key: what we use it for


# What builds and serves the site. Licences checked against each package's metadata.
SOFTWARE = (
    Software("MkDocs", "BSD-2-Clause", "https://www.mkdocs.org/", "about.role.engine"),
    Software("Material for MkDocs", "MIT", "https://squidfunk.github.io/mkdocs-material/", "about.role.theme"),
    Software("PyMdown Extensions", "MIT", "https://github.com/facelessuser/pymdown-extensions", "about.role.markdown"),
    Software("Python-Markdown", "BSD-3-Clause", "https://python-markdown.github.io/", "about.role.markdown"),
    Software("Jinja", "BSD-3-Clause", "https://jinja.palletsprojects.com/", "about.role.templates"),
    Software("nh3", "MIT", "https://github.com/messense/nh3", "about.role.sanitise"),
    Software("pydantic", "MIT", "https://github.com/pydantic/pydantic", "about.role.model"),
    Software("PyYAML", "MIT", "https://pyyaml.org/", "about.role.yaml"),
    Software("Pillow", "MIT-CMU", "https://python-pillow.github.io/", "about.role.images"),
    Software("segno", "BSD-3-Clause", "https://github.com/heuer/segno", "about.role.qr"),
    Software("Noto Sans TC, Noto Sans, Noto Sans Mono", "OFL-1.1", "https://fonts.google.com/noto", "about.role.fonts"),
)


@dataclass(frozen=True)
class SourceEntry:
    publisher: str
    title: str
    occasion: str
    date: str
    note: str
    url: str | None


@dataclass(frozen=True)
class ReferenceEntry:
    name: str
    licence: str
    url: str | None


@dataclass(frozen=True)
class SoftwareEntry:
    name: str
    licence: str
    url: str
    role: str


@dataclass(frozen=True)
class PublisherView:
    name: str
    contact: Link | None  # mailto: or a web address
    corrections: str  # the corrections policy, from casebook.yml
    update_form: str | None  # the repository's "suggest an update" form


@dataclass(frozen=True)
class AboutView:
    """What theme/casebook/about.html receives."""

    site_name: str
    sources: list[SourceEntry]
    licence: Link
    credit_line: str
    references: list[ReferenceEntry]
    software: list[SoftwareEntry]
    status: Link
    publisher: PublisherView
    data_links: list[Link]  # open data, data dictionary, translation status, source code


def about_pages(ctx: ViewContext, lang: str) -> list[Page]:
    site_name = ctx.text(ctx.config.site_name, lang)
    view = AboutView(
        site_name=site_name,
        sources=[
            SourceEntry(
                ctx.text(s.publisher, lang),
                ctx.text(s.title, lang),
                ctx.text(s.occasion, lang),
                s.date or "",
                ctx.text(s.note, lang),
                s.url,
            )
            for s in ctx.sources.values()
        ],
        licence=CONTENT_LICENCE,
        credit_line=credit_line(ctx, lang),
        references=[
            ReferenceEntry(r.name, r.licence, r.url)
            for r in (ctx.collection.places.reference if ctx.collection.places else [])
        ],
        software=[SoftwareEntry(s.name, s.licence, s.url, ctx.t(s.role, lang)) for s in SOFTWARE],
        status=Link(ctx.t("status.title", lang), ctx.urls.url(TRANSLATION_STATUS_PATH, lang)),
        publisher=publisher_view(ctx, lang),
        data_links=data_links(ctx, lang),
    )
    return [
        ctx.page(
            ABOUT_PATH,
            lang,
            ctx.t("about.title", lang),
            ctx.t("about.description", lang),
            "about.html",
            view,
            nav_order=NAV_ORDER,
        )
    ]


def credit_line(ctx: ViewContext, lang: str) -> str:
    """The line to print under reused text: site name, where it is, licence."""
    where = ctx.config.site_url or ctx.config.repo_url
    key = "about.credit_line_url" if where else "about.credit_line"
    return ctx.t(key, lang).format(
        site=ctx.text(ctx.config.site_name, lang), url=where or "", licence=CONTENT_LICENCE.label
    )


def publisher_view(ctx: ViewContext, lang: str) -> PublisherView:
    publisher = ctx.config.publisher
    if publisher is None:
        return PublisherView("", None, "", repo_form_url(ctx.config, UPDATE_FORM))
    contact = contact_link(publisher.contact, ctx.t("footer.contact", lang))
    return PublisherView(
        ctx.text(publisher.name, lang),
        Link(contact.label, contact.url) if contact else None,
        ctx.text(publisher.corrections, lang) if publisher.corrections else "",
        repo_form_url(ctx.config, UPDATE_FORM),
    )


def data_links(ctx: ViewContext, lang: str) -> list[Link]:
    links = [
        Link(ctx.t("opendata.title", lang), ctx.urls.url(open_data_page_path(), lang)),
        Link(ctx.t("opendata.dictionary_title", lang), ctx.urls.url(data_dictionary_path(), lang)),
        Link(ctx.t("status.title", lang), ctx.urls.url(TRANSLATION_STATUS_PATH, lang)),
    ]
    if ctx.config.repo_url:
        links.append(Link(ctx.t("footer.source", lang), ctx.config.repo_url))
    return links
