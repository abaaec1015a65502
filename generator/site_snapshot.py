"""The prepared site kept between builds, for a build in which none of its inputs changed.

Loading, validating and rendering 1000 cases takes about 2.8 s; reading back
the result takes 0.7 s. The snapshot (CACHE_DIR/site.pickle) is used only when
every input is as it was: casebook.yml, each file under the content folder and
the theme folder (by size and modification time), our code and the versions
of the libraries that render. Any change prepares the site again and replaces
the snapshot. It is a local build cache like the others under CACHE_DIR, read
only by casebook from the project's own folder.

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

from .atomic import write_atomically
from .config import load_project
from .errors import ContentError
from .site import CACHE_DIR, Site, prepare_site, qr_code_cache

FORMAT = "1"
SNAPSHOT = "site.pickle"
_LIBRARIES = ("pydantic", "jinja2", "markdown", "nh3", "segno", "mkdocs-material")


def cached_site(config_path: Path, theme_dir: Path, *, directory_urls: bool = True, keep: bool = True) -> Site:
    """prepare_site, or the site a build with the same inputs prepared; raises ContentError likewise.

    `keep`: write the snapshot for the next build (0.4 s at 1000 cases). Not
    worth it under `mkdocs serve`, where the next build follows an edit.
    """
    project, problems = load_project(config_path)
    if project is None:
        raise ContentError(problems)
    key = inputs_digest(config_path, project.content_dir, theme_dir, directory_urls)
    path = project.root / CACHE_DIR / SNAPSHOT
    site = _read(path, key)
    if site is None:
        site = prepare_site(config_path, theme_dir, directory_urls=directory_urls)
        if keep:
            _write(path, key, site)
    return site


def inputs_digest(config_path: Path, content_dir: Path, theme_dir: Path, directory_urls: bool) -> str:
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {directory_urls}".encode())
    for library in _LIBRARIES:
        digest.update(f"{library} {version(library)}\n".encode())
    digest.update(Path(config_path).read_bytes())
    code = Path(__file__).resolve().parent
    for folder in (content_dir, theme_dir, code):
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                stat = os.stat(os.path.join(root, name))
                digest.update(f"{os.path.join(root, name)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _read(path: Path, key: str) -> Site | None:
    try:
        with path.open("rb") as handle:
            stored_key, site = pickle.load(handle)
    except Exception:   # noqa: BLE001 - missing, half-written or from another version: prepare again
        return None
    if stored_key != key or not isinstance(site, Site):
        return None
    return replace(site, qr_codes=qr_code_cache(site.project))


def _write(path: Path, key: str, site: Site) -> None:
    write_atomically(path, pickle.dumps((key, replace(site, qr_codes=None)), protocol=pickle.HIGHEST_PROTOCOL))
