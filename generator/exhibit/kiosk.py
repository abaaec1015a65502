"""The kiosk: the whole site, working from a folder with no network at all.

The site engine builds it (the caller hands in `site_builder`, the MkDocs
adapter's generator.engine.mkdocs.kiosk.build_kiosk_site) with file URLs
(`page.html`, not `page/`), so links resolve when it is opened from disk.
Then this module does what Material's own `offline` plugin would, in a way
that suits this site:

- Material's search fetches search/search_index.json, which a page opened
  from file:// may not do; on file:// it loads search/search_index.js
  (`var __index = …`) instead, and our search worker fetches its shards,
  which it may not do either: the script carries them all. The site has one index per language (see
  generator/publish/search.py), so every index gets its script, not only the root's
  as the offline plugin writes.
- Search runs in a Web Worker, which file:// pages may not start either: the
  iframe-worker shim (theme/kiosk/iframe-worker.js, vendored) stands in. The
  offline plugin would load it from a CDN, which a kiosk cannot reach.

- Material fetches sitemap.xml beside every <link rel="alternate"> (the
  Atom feed here), which fails from file://: theme/kiosk/kiosk-head.js drops
  those links before Material's bundle looks for them.

And adds the kiosk's own script and style (theme/kiosk/kiosk.js, kiosk.css):
large type, back to the home page when idle, no links out. It leaves out the
social cards, pictures for link previews on the web.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.exhibit.plan import KioskOptions
from generator.exhibit.posters import WrittenFile
from generator.publish.search_shards import inline_index
from generator.render.urls import SOCIAL_CARDS_DIR, SUBMIT_PATH

KIOSK_DIR = "kiosk"
ASSETS = "assets/kiosk"  # in the kiosk site
THEME_KIOSK_DIR = "kiosk"  # under theme/
SHIM = "iframe-worker.js"
HEAD_SCRIPT = "kiosk-head.js"
SETTINGS = "kiosk-settings.js"
COPIED = ("kiosk.js", "kiosk.css", HEAD_SCRIPT, SHIM, "LICENSE-iframe-worker.txt")
SEARCH_INDEX = "search_index.json"
LEFT_OUT_KEY = "casebook_left_out"  # in the kiosk build's config.extra: the page keys the plugin leaves out


@dataclass(frozen=True)
class KioskSite:
    """What the site build must add to every page of the kiosk copy (paths inside the site)."""

    stylesheets: list[str]
    scripts: list[str]  # after Material's bundle, in this order
    polyfills: list[str]  # in the head, before Material's bundle starts search
    # Pages left out of the kiosk in every language (their links are hidden by kiosk.js):
    # the submit form, which writes a file for GitHub, a network and an account a visitor lacks.
    left_out: tuple[str, ...] = (SUBMIT_PATH,)


SiteBuilder = Callable[[Path, Path, KioskSite], None]


def kiosk_site() -> KioskSite:
    return KioskSite(
        stylesheets=[f"{ASSETS}/kiosk.css"],
        scripts=[f"{ASSETS}/{SETTINGS}", f"{ASSETS}/kiosk.js"],
        polyfills=[f"{ASSETS}/{HEAD_SCRIPT}", f"{ASSETS}/{SHIM}"],
    )


def write_kiosk(
    mkdocs_file: Path,
    out: Path,
    options: KioskOptions,
    site_builder: SiteBuilder,
    theme_dir: Path,
    labels: dict[str, dict[str, str]],
    default_language: str,
    on_file: Callable[[WrittenFile], None],
) -> WrittenFile:
    """Build the site into out/kiosk and make it work offline; one progress line for the whole folder."""
    started = time.perf_counter()
    target = out / KIOSK_DIR
    site_builder(mkdocs_file, target, kiosk_site())
    # Social cards are pictures for link previews on the web; a kiosk shows none (2,000 files at 1000 cases).
    shutil.rmtree(target / SOCIAL_CARDS_DIR, ignore_errors=True)
    _copy_assets(theme_dir / THEME_KIOSK_DIR, target / ASSETS)
    _write_settings(target / ASSETS / SETTINGS, options, labels, default_language)
    write_search_scripts(target)
    files = [p for p in target.rglob("*") if p.is_file()]
    item = WrittenFile(Path(KIOSK_DIR), sum(p.stat().st_size for p in files), time.perf_counter() - started, len(files))
    on_file(item)
    return item


def _copy_assets(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copyfile(source / name, target / name)


def _write_settings(path: Path, options: KioskOptions, labels: dict, default_language: str) -> None:
    settings = {
        "idleSeconds": options.idle_seconds,
        "largeType": options.large_type,
        "defaultLanguage": default_language.lower(),
        "labels": labels,
    }
    path.write_text(
        "window.casebookKiosk = " + json.dumps(settings, ensure_ascii=False, sort_keys=True) + ";\n", encoding="utf-8"
    )


def write_search_scripts(site: Path) -> list[Path]:
    """search_index.js beside every search_index.json: what Material loads from file://.

    A page opened from file:// can fetch nothing, so the script carries the
    language's whole sharded index (search/index/) in the config that
    Material hands to the search worker (`config.casebook.inline`).
    """
    written = []
    for index in sorted(site.rglob(f"search/{SEARCH_INDEX}")):
        script = index.with_name("search_index.js")
        data = json.loads(index.read_text(encoding="utf-8"))  # a broken index fails the kit here, not at the exhibition
        shards = index.parent / "index"
        if shards.is_dir():
            files = {path.name: path.read_text(encoding="utf-8") for path in sorted(shards.glob("*.json"))}
            data.setdefault("config", {}).setdefault("casebook", {})["inline"] = inline_index(files)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        script.write_text(f"var __index = {text};\n", encoding="utf-8")
        written.append(script)
    return written


LABEL_KEYS = (
    "large_type",
    "offline",
    "attract",
    "attract_hint",
    "suggestions",
    "keyboard",
    "backspace",
    "space",
    "close",
)


def kiosk_labels(
    t, languages: list[str], suggestions: dict[str, list[str]] | None = None
) -> dict[str, dict[str, object]]:
    """The kiosk script's words per language (keyed by lower-case code), with the names search suggests.

    `suggestions`: per language, the case titles and place names a visitor can
    tap to search without typing (a touch screen has no keyboard).
    """
    labels: dict[str, dict[str, object]] = {}
    for lang in languages:
        labels[lang.lower()] = {key: t(f"kiosk.{key}", lang) for key in LABEL_KEYS}
        labels[lang.lower()]["names"] = (suggestions or {}).get(lang, [])
    return labels
