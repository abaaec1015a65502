"""The files a build hands MkDocs besides the theme's: our pages, open data, pictures and cards;
and the Han font, cut once the pages are written.

Called from the plugin's on_files; under `mkdocs serve` it also removes what
the last build made and this one does not, and skips what is unchanged.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from generator.build import outputs as publish
from generator.build.deferred import DeferredWork
from generator.build.memo import RebuildMemo
from generator.build.site import CACHE_DIR, STRINGS_DIR, Site
from generator.build.site_images import image_files
from generator.core.errors import ContentError
from generator.core.memo import Memo
from generator.engine.mkdocs.cached_files import CachedPages, LinkedFile
from generator.graphics.drawing import FontMissing
from generator.publish.fonts import FontProblem

log = logging.getLogger("mkdocs.plugins.casebook")

# Folders of theme/ that are data for a build, never copied into the site:
# interface strings, the exhibition kit's print templates and its kiosk files
# (generator/exhibit/kiosk.py adds those to the kiosk copy only), the kit builder's pages (generator/web/).
THEME_DATA_DIRS = (f"{STRINGS_DIR}/", "print/", "kiosk/", "kit/")


def remove_theme_data(files: Files, config) -> None:
    """Drop theme/'s data folders (strings, print templates, kiosk files, kit builder) from the site's files."""
    theme_dir = Path(config.theme.custom_dir).resolve()
    for file in list(files):
        if file.src_uri.startswith(THEME_DATA_DIRS) and Path(file.src_dir or "").resolve() == theme_dir:
            files.remove(file)


def add_site_files(
    files: Files,
    config,
    site: Site,
    pages: CachedPages,
    cache: Path,
    memo: Memo,
    serve_memo: RebuildMemo | None,
    keeps_site: bool,
    deferred: DeferredWork | None = None,
) -> None:
    """Our pages, the open data, social cards and pictures, added to MkDocs' files.

    With `deferred` (the first build under serve), social cards not drawn before
    are left out and left to it."""
    add_pages(files, config, site, pages)
    links = {**social_cards(site, cache, deferred), **pictures(site, memo)}  # site path -> cache file
    kept = publish.kept_data_files(site, cache)  # a build from the same inputs made these
    data = publish.data_files(site, memo) if kept is None else {}  # site path -> bytes
    if serve_memo is not None:
        data, links = compare_with_last_build(serve_memo, files, data, links, config.site_dir, keeps_site)
    for uri, content in data.items():
        put(files, File.generated(config, uri, content=content))
    for uri, path in (kept or {}).items():
        put(files, LinkedFile.generated(config, uri, abs_src_path=str(path)))
    for uri, path in links.items():  # pictures and cards: no theme file is at their paths
        files.append(LinkedFile.generated(config, uri, abs_src_path=str(path)))


def compare_with_last_build(
    memo: RebuildMemo, files: Files, data: dict, links: dict, site_dir: str, keeps_site: bool
) -> tuple[dict, dict]:
    """Under serve: remove what the last build made and this one does not; keep what is unchanged.

    Returns the data files and links to hand MkDocs. When the site
    folder is kept, that is only the new or changed ones: MkDocs would
    otherwise write 1,000 open-data files and visit 14,000 pictures and
    cards each build.
    """
    made = {file.abs_dest_path: file.abs_src_path if isinstance(file, LinkedFile) else None for file in files}
    targets = {uri: os.path.normpath(os.path.join(site_dir, uri)) for uri in [*data, *links]}
    made.update((targets[uri], content) for uri, content in data.items())
    made.update((targets[uri], str(path)) for uri, path in links.items())
    stale, unchanged = memo.site_files(made)
    for path in stale:
        Path(path).unlink(missing_ok=True)
    for file in files:
        if isinstance(file, LinkedFile) and file.abs_dest_path in unchanged:
            file.linked_before = True  # a page from the page cache, as last build
    if not keeps_site:
        return data, links
    return (
        {uri: content for uri, content in data.items() if targets[uri] not in unchanged},
        {uri: path for uri, path in links.items() if targets[uri] not in unchanged},
    )


def add_pages(files: Files, config, site: Site, pages: CachedPages) -> None:
    """One page per rendered source; from the page cache when nothing it is made from changed."""
    for src_uri, rendered in site.rendered.items():
        page = site.page(src_uri)
        if site.error_page(page.url) is page:
            continue  # rendered into the theme's 404.html instead: see on_template_context
        files.append(pages.file(config, page, rendered.front_matter))


def pictures(site: Site, memo: Memo) -> dict:
    """Photo and visual derivatives, from the image cache (made there when missing)."""
    try:
        pictures, report = image_files(site, memo=memo)
    except FontMissing as exc:
        raise Abort(str(exc)) from None
    if report.problems:
        for diagnostic in report.problems:
            log.error(diagnostic.format_text())
        raise Abort(str(ContentError(report.problems)))
    log.info(
        f"pictures: {report.made} made, {report.reused} from the cache, "
        f"{report.decoded} decoded in {report.seconds:.1f} s"
    )
    return pictures


def social_cards(site: Site, cache: Path, deferred: DeferredWork | None = None) -> dict:
    try:
        cards, report = publish.social_card_files(site, cache, draw=deferred is None)
    except FontMissing as exc:
        raise Abort(str(exc)) from None
    if deferred is not None:
        deferred.cards = report.missing
    log.info(f"social cards: {report.drawn} drawn, {report.reused} unchanged, {len(report.missing)} left for later")
    return cards


def put(files: Files, file: File) -> None:
    """Add a file, replacing one at the same path (the theme's sitemap.xml template is one)."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def write_fonts(config, deferred: DeferredWork | None = None) -> None:
    """The Han font cut to the characters the written pages show (generator/publish/fonts.py);
    with `deferred`, only the files cut before, the others left to it."""
    root = Path(config.config_file_path).parent
    try:
        report = publish.site_fonts(
            Path(config.site_dir), Path(config.theme.custom_dir), root / CACHE_DIR, cut=deferred is None
        )
    except FontProblem as exc:
        raise Abort(str(exc)) from None
    if deferred is not None:
        deferred.fonts = report.deferred
    kilobytes = sum(report.files.values()) / 1024
    log.info(
        f"fonts: {len(report.files)} Han font files ({kilobytes:.0f} KB), {report.cut} cut, "
        f"{report.reused} from the cache; {report.pages_read} pages read"
    )
