"""The kiosk's site build: casebook's own site build with a few settings changed.

generator/exhibit/kiosk.py (no MkDocs there) says what to add; this adapter
loads mkdocs.yml as `casebook build` does, with file URLs (page.html, so the
copy works opened from disk) and the kiosk's style, scripts and polyfill on
every page, and builds it. No second configuration file, no subprocess.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator.engine.mkdocs.build import BuildFailed
from generator.exhibit.kiosk import LEFT_OUT_KEY, KioskSite


def build_kiosk_site(config_file: Path, site_dir: Path, kiosk: KioskSite) -> None:
    """Build the site into site_dir for offline use; raises BuildFailed with MkDocs' reason."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)  # the kit prints a line per file; MkDocs' INFO lines would drown it
    try:
        config = load_config(str(config_file), strict=True, use_directory_urls=False, site_dir=str(site_dir))
        config.extra_css.extend(kiosk.stylesheets)
        config.extra_javascript.extend(kiosk.scripts)
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), *kiosk.polyfills]
        config.extra[LEFT_OUT_KEY] = list(kiosk.left_out)
        build(config)
    except (ConfigurationError, Abort) as exc:
        raise BuildFailed(f"kiosk site: {exc}") from None
    finally:
        logger.setLevel(level)
