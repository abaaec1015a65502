"""`casebook build`: a MkDocs build written atomically into the site folder."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator.build.site import CACHE_DIR
from generator.core.atomic import atomic_directory


def _log_to_stderr() -> None:
    """Show MkDocs' and our messages as the mkdocs command would (it sets this up itself)."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


class BuildFailed(Exception):
    """The build stopped; the message says why (content errors were logged already)."""


def build_site(config_file: Path, site_dir: Path | None = None, *, strict: bool = True, for_disk: bool = False) -> Path:
    """Build the site described by mkdocs.yml; the old site stays until the new one is complete.
    `for_disk`: links to page.html files, so the site works opened from disk."""
    _log_to_stderr()
    try:
        extra = {"use_directory_urls": False} if for_disk else {}
        config = load_config(str(config_file), strict=strict, **extra)
    except ConfigurationError as exc:
        raise BuildFailed(f"{config_file}: {exc}") from None
    target = Path(site_dir) if site_dir else Path(config.site_dir)
    # The site it replaces goes to the build cache and is removed while the next build works.
    with atomic_directory(target, trash=Path(config.config_file_path).parent / CACHE_DIR / "old-sites") as work:
        config.site_dir = str(work)
        try:
            build(config)
        except Abort as exc:
            raise BuildFailed(str(exc)) from None
    return target
