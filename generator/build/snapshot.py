"""The prepared site kept between builds, for a build in which none of its inputs changed.

Loading, validating and rendering 1000 cases takes about 2.4 s; reading back
the result takes 0.3 s. The pages' views are left out: they only render the
page bodies, which the snapshot holds rendered. The snapshot
(CACHE_DIR/site.pickle) is used only when every input is as it was:
casebook.yml, each file under the content folder and the theme's page-body
templates and strings (by size and modification time), our code and the
versions of the libraries that render. The rest of the theme (the page frame,
styles, scripts) is the site engine's: a change there keeps the snapshot. Any change prepares the site again and replaces the snapshot. It is a
local build cache like the others under CACHE_DIR, read only by casebook from
the project's own folder.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

from generator.build.site import CACHE_DIR, STRINGS_DIR, Site, prepare_site, qr_code_cache
from generator.core import PACKAGE_DIR
from generator.core.atomic import write_atomically
from generator.core.errors import ContentError
from generator.core.memo import NO_MEMO, Memo
from generator.load.project import ENVIRONMENT, load_project
from generator.render.templates import TEMPLATE_DIR

FORMAT = "2"
SNAPSHOT = "site.pickle"
_LIBRARIES = ("pydantic", "jinja2", "markdown", "nh3", "segno", "mkdocs-material")


def cached_site(config_path: Path, theme_dir: Path, *, directory_urls: bool = True, memo: Memo = NO_MEMO) -> Site:
    """prepare_site, or the site a build with the same inputs prepared; raises ContentError likewise.

    With a `memo` (`mkdocs serve`) the site is always prepared, reusing what
    the memo kept from the last build: serve's first build fills the memo
    that each edit after it needs, which a site read back would not. Without
    one, the snapshot is read back, or written for the next build.
    """
    if memo is not NO_MEMO:
        return prepare_site(config_path, theme_dir, directory_urls=directory_urls, memo=memo)
    project, problems = load_project(config_path)
    if project is None:
        raise ContentError(problems)
    key = inputs_digest(config_path, project.content_dir, theme_dir, directory_urls)
    path = project.root / CACHE_DIR / SNAPSHOT
    site = _read(path, key)
    if site is None:
        site = prepare_site(config_path, theme_dir, directory_urls=directory_urls)
        _write(path, key, site)
    return replace(site, inputs_key=key)


def inputs_digest(config_path: Path, content_dir: Path, theme_dir: Path, directory_urls: bool) -> str:
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {directory_urls}".encode())
    for library in _LIBRARIES:
        digest.update(f"{library} {version(library)}\n".encode())
    digest.update(Path(config_path).read_bytes())
    for name in ENVIRONMENT:  # settings a deploy gives through the environment
        digest.update(f"{name}={os.environ.get(name, '')}\n".encode())
    for folder in (content_dir, theme_dir / TEMPLATE_DIR, theme_dir / STRINGS_DIR, PACKAGE_DIR):
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                stat = os.stat(os.path.join(root, name))
                digest.update(f"{os.path.join(root, name)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _read(path: Path, key: str) -> Site | None:
    try:
        with path.open("rb") as handle:
            if pickle.load(handle) != key:  # the key is read first: a stale site is never unpickled
                return None
            site = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, half-written or from another version: prepare again
        return None
    if not isinstance(site, Site):
        return None
    return replace(site, qr_codes=qr_code_cache(site.project))


def _write(path: Path, key: str, site: Site) -> None:
    # Without the pages' views: they only render the bodies, which are kept
    # rendered (and they were most of the time it took to write).
    kept = replace(site, pages=[replace(page, view=None) for page in site.pages], qr_codes=None)
    key_pickle = pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL)
    site_pickle = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
    write_atomically(path, key_pickle + site_pickle)
