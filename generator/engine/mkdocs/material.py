"""What the adapter needs to know about Material for MkDocs, in one place."""

from __future__ import annotations

import logging
from importlib.metadata import version
from pathlib import Path

from material.plugins.search.plugin import Parser

from generator.build import outputs as publish
from generator.publish.search import language_settings

# What search_sections depends on besides a page's body: cached sections are
# made again when Material (and so its parser) changes.
SEARCH_PARSER_VERSION = f"mkdocs-material {version('mkdocs-material')}"

log = logging.getLogger("mkdocs.plugins.casebook")


def search_settings(config, theme_language: str, env) -> dict:
    """Material's search settings (lang, separator, pipeline) for one interface language.

    Read the way Material's search plugin reads them (its `_translate`), from
    the theme's language partial; ours (theme/partials/language.html) picks
    the language from a page's `casebook` context, so one is given here.
    `env` is the build's template environment.
    """
    template = env.get_template("partials/language.html")
    # make_module, not .module: that one is made once per template, with the first language's context
    module = template.make_module({"config": config, "casebook": {"theme_language": theme_language}})
    strings = {key: str(module.t(f"search.config.{key}")) for key in ("lang", "separator", "pipeline")}
    return language_settings(strings["lang"], strings["separator"], strings["pipeline"])


def search_sections(html: str) -> list:
    """A page body split into sections by Material's own search parser.

    Our search index is written from our pages (generator/publish/search.py) but must
    read exactly like Material's, so the adapter hands it Material's parser
    rather than the business logic importing Material (and so MkDocs).
    """
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


class Fragments:
    """Template fragments rendered once per key: `{% call fragment(key) %}...{% endcall %}`.

    Material renders the whole navigation into every page, the same HTML for
    every page outside the navigation at one depth of one language (no item is
    active), about a third of the template's time. theme/partials/nav.html
    keeps it under a key the adapter gives such pages (None: always render).
    """

    def __init__(self) -> None:
        self._rendered: dict = {}

    def __call__(self, key, caller):
        if key is None:
            return caller()
        if key not in self._rendered:
            self._rendered[key] = caller()
        return self._rendered[key]


def write_search(config, site, env, indexer, *, save_caches: bool) -> None:
    """Our search index per language, in Material's format, after Material wrote its own.

    `save_caches` is false under serve: the caches stay in memory until it
    stops (the plugin's on_shutdown saves them).
    """
    settings = {lang.code: search_settings(config, lang.theme_language, env) for lang in site.project.config.languages}
    written, report = publish.write_search_indexes(site, Path(config.site_dir), settings, indexer, keep=save_caches)
    if save_caches:
        indexer.save()
    if report.problem:
        log.warning(report.problem)
    if written:
        log.info(
            f"search: {report.pages_reused} pages from the cache, "
            f"{report.indexes_reused} of {len(written)} language indexes"
        )


# Material's base.html puts autocomplete="off" on its two toggles (the drawer's and search's
# checkboxes), to stop Firefox restoring them; HTML allows autocomplete on text-like inputs only,
# so each page would carry two errors. They are left out here; assets/javascripts/keyboard.js
# closes both when a page is shown again. The toggles are outside every block of base.html,
# so no template override reaches them.
_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
)


def valid_toggles(output: str) -> str:
    """The page without autocomplete on Material's checkbox toggles."""
    for toggle in _TOGGLES:
        output = output.replace(toggle, toggle.replace(' autocomplete="off"', ""), 1)
    return output
