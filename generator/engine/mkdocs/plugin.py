"""The MkDocs adapter: event methods only, each delegating to generator.build.site.

MkDocs gets one generated page per case per language, a navigation per
language, and on each page a `casebook` context (language, alternates) that
the theme overrides in theme/ use.
"""
from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation
from watchdog.observers.polling import PollingObserver

from generator.build import outputs as publish
from generator.build.memo import RebuildMemo
from generator.build.page_cache import PageCache
from generator.build.search_index import SearchIndexer
from generator.build.site import CACHE_DIR, STRINGS_DIR, Site
from generator.build.site_images import image_files
from generator.build.snapshot import cached_site
from generator.core.errors import ContentError
from generator.core.memo import NO_MEMO, Memo
from generator.engine.mkdocs.cached_files import CachedPages, LinkedFile, engine_scope
from generator.engine.mkdocs.material import SEARCH_PARSER_VERSION, Fragments, search_sections, search_settings
from generator.graphics.drawing import FontMissing

log = logging.getLogger("mkdocs.plugins.casebook")

# Folders of theme/ that are data for a build, never copied into the site:
# interface strings, the exhibition kit's print templates and its kiosk files
# (generator/exhibit/kiosk.py adds those to the kiosk copy only).
THEME_DATA_DIRS = (f"{STRINGS_DIR}/", "print/", "kiosk/")
SERVE_POLLING = 0.25   # seconds between two looks for changed files under `mkdocs serve`


class CasebookPluginConfig(Config):
    config_file = c.Type(str, default="casebook.yml")


class CasebookPlugin(BasePlugin[CasebookPluginConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.navs: dict[str, Navigation] = {}
        self.pages: CachedPages | None = None
        self.indexer: SearchIndexer | None = None
        self.env = None                        # this build's template environment (on_env)
        self.memo: RebuildMemo | None = None   # under `mkdocs serve`: what one build keeps for the next
        self.keeps_site = False                # the site folder is kept between builds (`serve --dirty`)

    @property
    def _memo(self) -> Memo:
        """What the build stages keep between builds: under serve the RebuildMemo, else nothing."""
        return self.memo if self.memo is not None else NO_MEMO

    def on_startup(self, *, command, dirty):
        # Having this hook keeps one plugin object, and so one memo, for all of `mkdocs serve`'s builds.
        if command == "serve":
            self.memo = RebuildMemo()
            self.keeps_site = dirty

    def on_config(self, config):
        # A build allocates millions of objects and leaves few cycles: the youngest
        # generation collected every 100,000 allocations instead of 700 takes
        # 0.5-0.9 s off a 1000-case build (8 %) for 12 MB more memory.
        gc.set_threshold(100_000, 50, 100)
        root = Path(config.config_file_path).parent
        theme_dir = Path(config.theme.custom_dir)
        try:
            self.site = cached_site(root / self.config.config_file, theme_dir,
                                    directory_urls=config.use_directory_urls, memo=self._memo)
        except ContentError as exc:
            for diagnostic in exc.diagnostics:
                log.error(diagnostic.format_text())
            raise Abort(str(exc)) from None
        except FontMissing as exc:   # the pages' designed headers need the CJK font too
            raise Abort(str(exc)) from None
        # Material shows its language switcher only when this is set; our
        # partials/alternate.html then fills it with the page's own alternates.
        config.extra["alternate"] = [vars(home) for home in self.site.language_homes()]
        # Search: our pages are indexed by generator/publish/search.py (on_post_build), which
        # teaches jieba our place and product names only when it has text to cut.
        # We write the sitemap ourselves, with each page's language versions.
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_files(self, files: Files, config) -> Files:
        theme_dir = Path(config.theme.custom_dir).resolve()
        for file in list(files):
            if file.src_uri.startswith(THEME_DATA_DIRS) and Path(file.src_dir or "").resolve() == theme_dir:
                files.remove(file)   # data for builds (strings, print templates, kiosk files), not site files
        cache = Path(config.config_file_path).parent / CACHE_DIR
        # Our pages' search entries are parsed in worker processes while MkDocs renders.
        self.indexer = SearchIndexer(self.site, search_sections, cache / "search", SEARCH_PARSER_VERSION)
        self.pages = CachedPages(self.site, PageCache(cache / "pages", engine_scope(config)), self._memo)
        self._add_pages(files, config)
        data = publish.data_files(self.site, self._memo)              # site path -> bytes
        links = {**self._social_cards(cache), **self._pictures()}    # site path -> cache file
        if self.memo is not None:
            data, links = self._compare_with_last_build(files, data, links, config.site_dir)
        for uri, content in data.items():
            _put(files, File.generated(config, uri, content=content))
        for uri, path in links.items():   # pictures and cards: no theme file is at their paths
            files.append(LinkedFile.generated(config, uri, abs_src_path=str(path)))
        return files

    def _compare_with_last_build(self, files: Files, data: dict, links: dict, site_dir: str) -> tuple[dict, dict]:
        """Under serve: remove what the last build made and this one does not; keep what is unchanged.

        Returns the data files and links to hand MkDocs. When the site
        folder is kept, that is only the new or changed ones: MkDocs would
        otherwise write 1,000 open-data files and visit 14,000 pictures and
        cards each build (0.4 s at 1000 cases).
        """
        made = {file.abs_dest_path: file.abs_src_path if isinstance(file, LinkedFile) else None for file in files}
        targets = {uri: os.path.normpath(os.path.join(site_dir, uri)) for uri in [*data, *links]}
        made.update((targets[uri], content) for uri, content in data.items())
        made.update((targets[uri], str(path)) for uri, path in links.items())
        stale, unchanged = self.memo.site_files(made)
        for path in stale:
            Path(path).unlink(missing_ok=True)
        for file in files:
            if isinstance(file, LinkedFile) and file.abs_dest_path in unchanged:
                file.linked_before = True   # a page from the page cache, as last build
        if not self.keeps_site:
            return data, links
        return ({uri: content for uri, content in data.items() if targets[uri] not in unchanged},
                {uri: path for uri, path in links.items() if targets[uri] not in unchanged})

    def _add_pages(self, files: Files, config) -> None:
        """One page per rendered source; from the page cache when nothing it is made from changed."""
        for src_uri, rendered in self.site.rendered.items():
            page = self.site.page(src_uri)
            if self.site.error_page(page.url) is page:
                continue   # rendered into the theme's 404.html instead: see on_template_context
            files.append(self.pages.file(config, page, rendered.front_matter))

    def _pictures(self) -> dict:
        """Photo and visual derivatives, from the image cache (made there when missing)."""
        try:
            pictures, report = image_files(self.site, memo=self._memo)
        except FontMissing as exc:
            raise Abort(str(exc)) from None
        if report.problems:
            for diagnostic in report.problems:
                log.error(diagnostic.format_text())
            raise Abort(str(ContentError(report.problems)))
        log.info(f"pictures: {report.made} made, {report.reused} from the cache, "
                 f"{report.decoded} decoded in {report.seconds:.1f} s")
        return pictures

    def _social_cards(self, cache: Path) -> dict:
        try:
            cards, report = publish.social_card_files(self.site, cache)
        except FontMissing as exc:
            raise Abort(str(exc)) from None
        log.info(f"social cards: {report.drawn} drawn, {report.reused} unchanged")
        return cards

    def on_nav(self, nav: Navigation, config, files: Files) -> Navigation:
        by_src = {page.file.src_uri: page for page in nav.pages}
        for page in nav.pages:   # MkDocs linked every page in file order; ours follow their language's nav
            page.previous_page = page.next_page = None
        for lang in self.site.project.config.language_codes:
            pages = [by_src[src] for src in self.site.nav_sources(lang) if src in by_src]
            for before, page, after in zip([None, *pages], pages, [*pages[1:], None]):
                page.previous_page, page.next_page = before, after
            self.navs[lang] = Navigation([self._nav_item(page, lang) for page in pages], pages)
            self.navs[lang].homepage = pages[0] if pages else None
        return self.navs[self.site.project.config.default_language]

    def _nav_item(self, page, lang: str):
        """The page, or for the home page a link named Home: it is titled with the
        site's name, which the navigation already shows above its items."""
        if self.site.page(page.file.src_uri).key != "":
            return page
        return Link(self.site.strings.t("nav.home", lang), page.url)

    def on_page_content(self, html, page, config, files):
        rendered = self.site.rendered.get(page.file.src_uri)
        return rendered.body if rendered else html

    def on_template_context(self, context, template_name, config):
        # The root 404.html: MkDocs builds it from the theme with root-absolute URLs;
        # theme/404.html shows our page's body in it (generator/render/views/notfound.py).
        ours = self.site.error_page(template_name)
        if ours is not None:
            context["casebook"] = self.site.context(ours)
            context["casebook_page"] = {"title": ours.title, "body": Markup(self.site.rendered[ours.src_uri].body)}
        return context

    def on_env(self, env, config, files):
        env.globals["fragment"] = Fragments()   # one per build
        self.env = env
        # MkDocs makes a new environment each build, which compiles every template again
        # (0.15 s a serve build); Jinja keeps the compiled code, checked against each template's source.
        templates = Path(config.config_file_path).parent / CACHE_DIR / "templates"
        templates.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(templates))
        return env

    def on_page_context(self, context, page, config, nav):
        ours = self.site.page(page.file.src_uri)
        if ours is None:
            return context
        context["casebook"] = self.site.context(ours)
        context["nav"] = self.navs.get(ours.lang, nav)
        context["nav_fragment"] = self.site.shared_nav_key(ours)
        context["search_fragment"] = ("search", context["casebook"].theme_language)   # only its strings vary
        # Material's config script: its language's strings, and addresses relative to the page's depth.
        meta = context["casebook"].meta
        context["config_fragment"] = ("config", context["casebook"].theme_language, context.get("base_url"),
                                      meta.language_root if meta else None)
        page.edit_url = self.site.edit_url(ours)
        return context

    @event_priority(-100)   # just before MkDocs writes the page
    def on_post_page(self, output, page, config):
        self.pages.before_write(page)
        return output

    @event_priority(-100)   # after Material's search plugin has written its (config-only) index
    def on_post_build(self, config):
        if self.memo is not None:
            self.memo.build_ended(succeeded=True)
            log.info(f"kept from the last build: {self.memo.files_reused} records, {self.memo.views_reused} views, "
                     f"{self.memo.pages_reused} page bodies")
        self.pages.keep_rendered(Path(config.site_dir))
        self.site.qr_codes.save(prune=True)
        log.info(f"pages: {self.pages.cache.rendered} rendered, {self.pages.cache.reused} from the cache")
        settings = {lang.code: search_settings(config, lang.theme_language, self.env)
                    for lang in self.site.project.config.languages}
        written, report = publish.write_search_indexes(self.site, Path(config.site_dir), settings, self.indexer)
        if self.memo is None:   # under serve the caches stay in memory until it stops (on_shutdown)
            self.indexer.save()
        if report.problem:
            log.warning(report.problem)
        if written:
            log.info(f"search: {report.pages_reused} pages from the cache, "
                     f"{report.cut} texts segmented, {report.reused} from the cache")

    def on_shutdown(self):
        if self.indexer is not None:
            self.indexer.save()   # what serve's builds added to the search caches (0.1 s a build)

    def on_build_error(self, error):
        if self.indexer is not None:
            self.indexer.close()
        if self.memo is not None:
            self.memo.build_ended(succeeded=False)

    def on_serve(self, server, config, builder):
        _poll_more_often(server, [config.docs_dir, config.config_file_path, *config.theme.dirs])
        root = Path(config.config_file_path).parent
        server.watch(str(root / self.config.config_file))
        server.watch(str(self.site.project.content_dir))
        server.watch(str(Path(config.theme.custom_dir)))
        return server


def _poll_more_often(server, watched: list[str]) -> None:
    """Look for changed files every SERVE_POLLING seconds instead of MkDocs' 0.5.

    An edit waits for the next look, 0.25 s on average at 0.5 s, a sixth of
    an edit build at 1000 cases. Still polling, as MkDocs chose, so changes
    in folders that send no file events (Docker and WSL mounts, network drives)
    are seen too; looking at 1,100 files takes about 20 ms. MkDocs watched
    some paths before this hook: they move to the new observer (it starts
    when serving starts).
    """
    moved = []
    for path in watched:
        try:
            server.unwatch(path)
            moved.append(path)
        except KeyError:   # not watched (the theme's folders without --watch-theme)
            pass
    server.observer = PollingObserver(timeout=SERVE_POLLING)
    for path in moved:
        server.watch(path)


def _put(files: Files, file: File) -> None:
    """Add a file, replacing one at the same path (the theme's sitemap.xml template is one)."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
