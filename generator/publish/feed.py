"""An Atom feed of the published cases, one per language, at the language's root.

Entries are ordered by `last_reviewed` (newest first, then by id) and dated
by it; the feed's own date is the newest entry's. Nothing depends on the
time of the build, so the same records give the same bytes. Entry ids are
name-based UUIDs, so they survive a move of the site to another address.
Links are absolute when `site_url` is set, else relative to the feed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from xml.sax.saxutils import escape, quoteattr

from generator.model.records import Case
from generator.render.seo import feed_title
from generator.render.urls import case_path, feed_url, relative_url
from generator.render.views.base import ViewContext

ATOM_NS = "http://www.w3.org/2005/Atom"
_EPOCH = dt.date(1970, 1, 1)


def feed_id(lang: str, key: str) -> str:
    """A stable Atom id for a page (by key) in a language."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"casebook:{lang}:{key}").urn


def atom_feed(ctx: ViewContext, lang: str) -> bytes:
    cases = sorted(ctx.published_cases, key=lambda case: (-case.last_reviewed.toordinal(), case.id))
    here = feed_url(ctx.urls.prefix(lang))
    site_name = ctx.text(ctx.config.site_name, lang)
    updated = max((case.last_reviewed for case in cases), default=_EPOCH)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f"<feed xmlns={quoteattr(ATOM_NS)} xml:lang={quoteattr(lang)}>\n",
        f"  <title>{escape(feed_title(ctx.strings, site_name, lang))}</title>\n",
        f"  <id>{feed_id(lang, 'feed')}</id>\n",
        f"  <updated>{_timestamp(updated)}</updated>\n",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(_href(ctx, here, here))}/>\n',
        f'  <link rel="alternate" type="text/html" href={quoteattr(_href(ctx, here, ctx.urls.url("", lang)))}/>\n',
        f"  <author><name>{escape(site_name)}</name></author>\n",
        f"  <rights>{escape(ctx.t('opendata.licence_short', lang))}</rights>\n",
    ]
    parts += [
        ctx.kept(("feed entry", case.id, lang), (case,), lambda case=case: _entry(ctx, case, lang, here))
        for case in cases
    ]
    parts.append("</feed>\n")
    return "".join(parts).encode("utf-8")


def _entry(ctx: ViewContext, case: Case, lang: str, here: str) -> str:
    page_url = ctx.urls.url(case_path(case.id), lang)
    return (
        "  <entry>\n"
        f"    <title>{escape(ctx.text(case.title, lang))}</title>\n"
        f"    <id>{feed_id(lang, case_path(case.id))}</id>\n"
        f"    <updated>{_timestamp(case.last_reviewed)}</updated>\n"
        f'    <link rel="alternate" type="text/html" href={quoteattr(_href(ctx, here, page_url))}/>\n'
        f"    <summary>{escape(ctx.text(case.summary, lang))}</summary>\n"
        "  </entry>\n"
    )


def _href(ctx: ViewContext, here: str, url: str) -> str:
    return ctx.urls.absolute(url) or relative_url(here, url)


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
