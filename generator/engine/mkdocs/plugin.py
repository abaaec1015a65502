"""The MkDocs adapter: event methods only, each delegating to generator.build.site.

MkDocs gets one generated page per case per language, a navigation per
language, and on each page a `casebook` context (language, alternates) that
the theme overrides in theme/ use.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from generator.build.deferred import AfterBuild, DeferredWork
from generator.build.memo import RebuildMemo
from generator.build.outputs import search_indexes_kept
from generator.build.page_cache import PageCache
from generator.build.search_index import SearchIndexer
from generator.build.site import CACHE_DIR, Site
from generator.build.snapshot import cached_site
from generator.core.errors import ContentError
from generator.core.memo import NO_MEMO, Memo
from generator.engine.mkdocs.cached_files import CachedPages, engine_scope
from generator.engine.mkdocs.material import (
    SEARCH_PARSER_VERSION,
    Fragments,
    search_sections,
    valid_toggles,
    write_search,
)
from generator.engine.mkdocs.navigation import error_page_context, language_navigations, page_context
from generator.engine.mkdocs.parallel_pages import SecondRenderer, can_fork
from generator.engine.mkdocs.serve import poll_more_often, request_rebuild
from generator.engine.mkdocs.site_files import add_site_files, remove_theme_data, write_fonts
from generator.exhibit.kiosk import LEFT_OUT_KEY
from generator.graphics.drawing import FontMissing

log = logging.getLogger("mkdocs.plugins.casebook")


class CasebookPluginConfig(Config):
    config_file = c.Type(str, default="casebook.yml")


class CasebookPlugin(BasePlugin[CasebookPluginConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.navs: dict[str, Navigation] = {}
        self.pages: CachedPages | None = None
        self.indexer: SearchIndexer | None = None
        self.env = None  # this build's template environment (on_env)
        self.memo: RebuildMemo | None = None  # under `mkdocs serve`: what one build keeps for the next
        self.keeps_site = False  # the site folder is kept between builds (`serve --dirty`)
        # Under serve: what the first build leaves until the site is served (build/deferred.py).
        self.deferred: DeferredWork | None = None
        self.first_build = False
        # Under serve, once serving: the search index and font cut of each build after an edit.
        self.serving = False
        self.after_build = AfterBuild()
        self.second_renderer = SecondRenderer()  # a build's pages rendered on a second core

    @property
    def _memo(self) -> Memo:
        """What the build stages keep between builds: under serve the RebuildMemo, else nothing."""
        return self.memo if self.memo is not None else NO_MEMO

    def on_startup(self, *, command, dirty):
        # Having this hook keeps one plugin object, and so one memo, for all of `mkdocs serve`'s builds.
        if command == "serve":
            self.memo = RebuildMemo()
            self.keeps_site = dirty
            self.first_build = True

    def on_config(self, config):
        self.after_build.wait()  # the last build's search index and font cut
        if self.deferred is not None:  # a build after an edit: the first build's work is being done
            self.deferred.wait()
            self.deferred = None
        if self.first_build:
            self.deferred = DeferredWork()
        # A build allocates millions of objects and leaves few cycles: collecting the
        # youngest generation every 100,000 allocations instead of 700 saves time for little memory.
        gc.set_threshold(100_000, 50, 100)
        root = Path(config.config_file_path).parent
        theme_dir = Path(config.theme.custom_dir)
        try:
            self.site = cached_site(
                root / self.config.config_file, theme_dir, directory_urls=config.use_directory_urls, memo=self._memo
            )
        except ContentError as exc:
            for diagnostic in exc.diagnostics:
                log.error(diagnostic.format_text())
            raise Abort(str(exc)) from None
        except FontMissing as exc:  # the pages' designed headers need the CJK font too
            raise Abort(str(exc)) from None
        # The kiosk's build (engine/mkdocs/kiosk.py) names pages a visitor at an exhibition cannot use.
        self.site = self.site.without(frozenset(config.extra.get(LEFT_OUT_KEY, ())))
        # Material shows its language switcher only when this is set; our
        # partials/alternate.html then fills it with the page's own alternates.
        config.extra["alternate"] = [vars(home) for home in self.site.language_homes()]
        # We write the sitemap ourselves, with each page's language versions.
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_files(self, files: Files, config) -> Files:
        remove_theme_data(files, config)  # data for builds (strings, print templates, kiosk files)
        cache = Path(config.config_file_path).parent / CACHE_DIR
        # Our pages' search entries are parsed in worker processes while MkDocs renders,
        # unless the search index of the same pages is kept from a build before.
        self.indexer = SearchIndexer(self.site, search_sections, cache / "search", SEARCH_PARSER_VERSION)
        if not search_indexes_kept(self.site, self.indexer):
            self.indexer.start()
        self.pages = CachedPages(self.site, PageCache(cache / "pages", engine_scope(config)), self._memo)
        add_site_files(
            files, config, self.site, self.pages, cache, self._memo, self.memo, self.keeps_site, self.deferred
        )
        return files

    def on_nav(self, nav: Navigation, config, files: Files) -> Navigation:
        self.navs = language_navigations(nav, self.site)
        return self.navs[self.site.project.config.default_language]

    def on_page_content(self, html, page, config, files):
        # Our pages get their body after Material's search plugin has seen them (on_page_context):
        # it rescans each page's HTML to drop data-search-* attributes, which it uses only for the
        # pages it indexes (ours are left out of its index), and that was 0.3 s of a build at 1,000 cases.
        return "" if page.file.src_uri in self.site.rendered else html

    def on_template_context(self, context, template_name, config):
        return error_page_context(context, template_name, self.site)

    @event_priority(-100)  # last: the second renderer forks a build whose environment is complete
    def on_env(self, env, config, files):
        env.globals["fragment"] = Fragments()  # one per build
        self.env = env
        # MkDocs makes a new environment each build, which would compile every template
        # again; Jinja keeps the compiled code, checked against each template's source.
        templates = Path(config.config_file_path).parent / CACHE_DIR / "templates"
        templates.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(templates))
        # MkDocs makes this environment for one build: its templates cannot change during it,
        # so Jinja need not look at a template's file time on each of 40,000 includes.
        env.auto_reload = False
        if self.memo is None and can_fork():  # not under serve (engine/mkdocs/parallel_pages.py)
            nav = self.navs[self.site.project.config.default_language]
            self.second_renderer.start(files, set(self.pages.rendering), config, nav, env)
        return env

    @event_priority(-100)  # after Material's search plugin: see on_page_content
    def on_page_context(self, context, page, config, nav):
        rendered = self.site.rendered.get(page.file.src_uri)
        if rendered is not None:
            page.content = rendered.body
        return page_context(context, page, nav, self.site, self.navs)

    @event_priority(-100)  # just before MkDocs writes the page
    def on_post_page(self, output, page, config):
        self.pages.before_write(page)
        return valid_toggles(output)

    def on_post_template(self, output_content, template_name, config):
        return valid_toggles(output_content)  # the root 404.html

    @event_priority(-100)  # after Material's search plugin has written its (config-only) index
    def on_post_build(self, config):
        if self.memo is not None:
            self.memo.build_ended(succeeded=True)
            log.info(
                f"kept from the last build: {self.memo.files_reused} records, {self.memo.views_reused} views, "
                f"{self.memo.pages_reused} page bodies"
            )
        self.second_renderer.finish()
        self.pages.keep_rendered(Path(config.site_dir))
        self.site.save_qr_codes()
        log.info(f"pages: {self.pages.cache.rendered} rendered, {self.pages.cache.reused} from the cache")
        site, env, indexer, deferred = self.site, self.env, self.indexer, self.deferred

        def fonts_and_search() -> None:
            write_fonts(config, deferred)
            write_search(config, site, env, indexer, save_caches=self.memo is None)

        if self.serving and not self.first_build:  # an edit's page is served while these are written
            self.after_build.start(fonts_and_search, lambda error: log.error(f"after the build: {error}"))
        else:
            fonts_and_search()
        self.first_build = False

    def on_shutdown(self):
        self.after_build.wait()
        if self.indexer is not None:
            self.indexer.save()  # what serve's builds added to the search caches

    def on_build_error(self, error):
        self.second_renderer.abandon()
        if self.indexer is not None:
            self.indexer.close()
        if self.memo is not None:
            self.memo.build_ended(succeeded=False)

    def on_serve(self, server, config, builder):
        self.serving = True
        poll_more_often(server, [config.docs_dir, config.config_file_path, *config.theme.dirs])
        if self.deferred:
            log.info(f"served; making {self.deferred.describe()} now, then building again")
            self.deferred.start(lambda: request_rebuild(server))
        else:
            self.deferred = None
        for path in (
            Path(config.config_file_path).parent / self.config.config_file,
            self.site.project.content_dir,
            Path(config.theme.custom_dir),
        ):
            server.watch(str(path))
        return server
