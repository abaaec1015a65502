"""Files MkDocs takes from our caches: pictures, social cards and whole rendered pages.

They are put in the site as hard links to the cache files (copies when the
cache is on another file system): 5,000 files took 0.1 s linked, 1.4 s copied.
Every cache file is written under a new name or replaced with a rename, never
rewritten in place, so a link in an older site keeps its bytes.
"""

from __future__ import annotations

import json
import os
from importlib.metadata import version
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.build.page_cache import PageCache, tree_digest
from generator.build.site import Site
from generator.core import PACKAGE_DIR
from generator.core.json_cache import JsonCache, text_key
from generator.core.memo import NO_MEMO, Memo

# Settings that change where or how a build runs, not what a page shows.
_NOT_ON_PAGES = {
    "config_file_path",
    "docs_dir",
    "site_dir",
    "dev_addr",
    "strict",
    "watch",
    "remote_branch",
    "remote_name",
    "validation",
    "plugins",
    "theme",
}


PAGE_DIGESTS = "page-digests.json"  # beside the page cache's folder


class LinkedFile(File):
    """A site file from one of our caches, linked rather than copied."""

    # Set when the last build of this process (serve) made the same link: a
    # build that keeps the site folder then skips it without asking the disk.
    linked_before = False

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and (self.linked_before or not self.is_modified()):
            return
        target = self.abs_dest_path
        if os.path.lexists(target):
            os.unlink(target)  # never write through a link into the cache
        try:
            try:
                os.link(self.abs_src_path, target)
            except FileNotFoundError:  # its folder is not made yet (asking first costs 14,000 calls)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(self.abs_src_path, target)
        except OSError:  # another file system, or links not allowed
            super().copy_file(dirty=False)


class BodyPage(Page):
    """One of our pages as MkDocs sees it: front matter only, its body rendered by us.

    MkDocs would convert its Markdown (there is none) with a Markdown converter made
    for each page: 0.3 s of every build at 1,000 cases. It gets what that gives
    for an empty text instead; the plugin's on_page_content and on_page_context
    hand it our body.
    """

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


class CachedPages:
    """Which of our pages MkDocs renders and which come from the page cache (generator/build/page_cache.py)."""

    def __init__(self, site: Site, cache: PageCache, memo: Memo = NO_MEMO):
        self.site = site
        self.cache = cache
        self.memo = memo  # under serve: each page's digest kept while what it is made from is the same
        # Outside serve: each page's digest kept with the inputs of the site (build/snapshot.py).
        # Everything a page is made from but the engine's scope comes from them; making the digests
        # again took 0.3 s of each build at 1,000 cases.
        self.digests = (
            JsonCache(cache.folder.parent / PAGE_DIGESTS, site.inputs_key) if site.inputs_key is not None else None
        )
        self.rendering: dict[str, tuple[str, str]] = {}  # src_uri -> (key, dest_uri) of pages MkDocs renders
        self._navs = {lang: site.nav_signature(lang) for lang in site.project.config.language_codes}

    def file(self, config, page, front_matter: str) -> File:
        """The page's file: from the cache when nothing it is made from changed, else one to render.

        Pages in a navigation are always rendered: MkDocs builds the
        navigation the other pages show from them.
        """
        dest_uri = page_dest_uri(page)
        if page.nav_order is None:
            key = self._key(page, dest_uri)
            cached = self.cache.lookup(key)
            if cached is not None:
                return LinkedFile.generated(config, dest_uri, abs_src_path=str(cached))
            self.rendering[page.src_uri] = (key, dest_uri)
        file = File.generated(config, page.src_uri, content=front_matter)
        file.dest_uri = dest_uri
        BodyPage(None, file, config)
        return file

    def _key(self, page, dest_uri: str) -> str:
        rendered = self.site.rendered[page.src_uri]
        nav = self._navs[page.lang]

        def make() -> str:
            return text_key(
                nav,
                page.src_uri,
                dest_uri,
                rendered.front_matter,
                rendered.body,
                repr(self.site.context(page)),
                repr(self.site.edit_url(page)),
            )

        if self.digests is not None:  # outside serve: kept with the site's inputs
            return self.cache.key(self.digests.get_or_make(page.src_uri, make))
        # Under serve: the context is made from the page, the settings and strings (the memo's
        # world) and whether the page has a social card of its own.
        inputs = (page, rendered, nav, dest_uri, page.key in self.site.card_keys)
        return self.cache.key(self.memo.view(("page digest", page.src_uri), inputs, make))

    def before_write(self, page) -> None:
        """Called just before MkDocs writes a page it rendered."""
        if page.file.src_uri in self.rendering and os.path.lexists(page.file.abs_dest_path):
            # a link into the cache, from an earlier --dirty build: MkDocs must write a new file
            os.unlink(page.file.abs_dest_path)

    def keep_rendered(self, site_dir: Path) -> None:
        """Keep the pages MkDocs rendered in this build (as links to its files); forget old ones."""
        for key, dest_uri in self.rendering.values():
            self.cache.adopt(key, site_dir / dest_uri)
        self.cache.prune()
        if self.digests is not None:
            self.digests.save(prune=True)


def page_dest_uri(page) -> str:
    """Where a page's HTML goes in the site: its URL, or the index.html of its folder URL."""
    return page.url if page.url.endswith(".html") else f"{page.url}index.html"


def engine_scope(config) -> str:
    """What every page's HTML depends on besides its own data and its navigation.

    MkDocs' and Material's versions, the settings pages can show (site name and
    URL, theme options, extra, plugin options), our theme folder's files and our
    code. A change to any of them renders every page again.
    """
    settings = {key: value for key, value in config.items() if key not in _NOT_ON_PAGES}
    settings["theme"] = {"name": config.theme.name, "dirs": config.theme.dirs, **dict(config.theme)}
    settings["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    code = PACKAGE_DIR
    return "\n".join(
        [
            f"mkdocs {version('mkdocs')} mkdocs-material {version('mkdocs-material')}",
            json.dumps(settings, sort_keys=True, ensure_ascii=False, default=repr),
            tree_digest(Path(config.theme.custom_dir)),
            tree_digest(code, pattern="*.py"),
        ]
    )
