"""Social cards: a 1200x630 JPEG per case and brand page and language, and one per language for the rest.

Drawn with Pillow and Noto Sans CJK (Debian's fonts-noto-cjk), never fetched:
Material's social plugin downloads fonts, so it is not used. The bytes depend
only on the card's text, the font files and the drawing code, so a rebuild
gives the same files, and the cache (one file per content hash) means an
unchanged rebuild draws nothing.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

import PIL

from generator.core.atomic import write_atomically
from generator.graphics import motifs
from generator.graphics.drawing import SIZE, CardText, find_font
from generator.graphics.visuals import draw_visual

# Bump when the drawing changes, so cached cards are drawn again.
DRAWING_VERSION = "8"  # 8: JPEG; 7: record pictures from motifs (graphics/motifs.py); 6: titles break between phrases


@dataclass(frozen=True)
class Card:
    uri: str  # where the card goes in the site, e.g. assets/social/en/cases/kouhu.jpg
    text: CardText


# -- drawing ----------------------------------------------------------------------------


def draw_card(text: CardText) -> bytes:
    """The card as JPEG bytes; the same text always gives the same bytes.

    A card is drawn by generator/graphics/visuals.py: the record's motifs (which
    are also the SVG header of a case or brand page without photos) beside its text.
    """
    return draw_visual(text)


# -- cache ------------------------------------------------------------------------------


@lru_cache(maxsize=16_384)  # asked by the views, the pictures and the cards of each build
def card_digest(text: CardText) -> str:
    """The hash of everything a card's bytes depend on (fonts as found once per process, like find_font)."""
    fonts = [find_font(text.lang, style) for style in ("Regular", "Bold")]
    inputs = {
        "text": asdict(text),
        "fonts": [(f.path, f.index, os.path.getsize(f.path)) for f in fonts],
        "drawing": DRAWING_VERSION,
        "pillow": PIL.__version__,
        "size": SIZE,
        "map data": motifs.data_digest(),  # the county outlines the pictures draw
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass
class CacheReport:
    drawn: int = 0
    reused: int = 0
    missing: dict[Path, CardText] = field(default_factory=dict)  # cards left to draw later (draw=False)


def cached_cards(cards: list[Card], cache_dir: Path, draw: bool = True) -> tuple[dict[str, Path], CacheReport]:
    """Site URI -> JPEG file in the cache, drawing only cards not drawn before.

    The cache holds one file per content hash (`<sha256>.jpg`), so a card is
    drawn again only when something it depends on changed. Old cards are not
    removed: another build (a `mkdocs serve` beside a test run) may still be
    copying them; the folder is git-ignored and can be deleted at any time.
    Many new cards (a first build) are drawn in one worker process per core.
    `draw=False` draws none: only the cards already drawn are given, and the
    others are in the report's `missing` (for `draw_cards` later).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    report = CacheReport()
    files: dict[str, Path] = {}
    drawn = {entry.name for entry in os.scandir(cache_dir)}  # one listing, not a stat per card
    for card in cards:
        name = f"{card_digest(card.text)}.jpg"
        path = cache_dir / name
        if name in drawn:
            report.reused += 1
        else:
            report.missing[path] = card.text
            if not draw:
                continue
        files[card.uri] = path
    if draw:
        draw_cards(report.missing)
        report.drawn, report.missing = len(report.missing), {}
    return files, report


# Below this many cards, starting worker processes costs more than it saves.
PARALLEL_FROM = 16


def draw_cards(cards: dict[Path, CardText], workers: int | None = None) -> None:
    """Draw each card into its file: in this process, or in worker processes when there are many."""
    for folder in {path.parent for path in cards}:
        folder.mkdir(parents=True, exist_ok=True)
    workers = min(workers or os.cpu_count() or 1, len(cards))
    if workers <= 1 or len(cards) < PARALLEL_FROM:
        for path, text in cards.items():
            _draw_to(path, text)
        return
    # A record's cards in every language side by side, so one worker draws them and their motifs once.
    ordered = sorted(cards.items(), key=lambda item: (_motifs_key(item[1]), item[1].lang))
    # forkserver: forking a process that runs threads (mkdocs serve does) can deadlock.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver")) as pool:
        for _ in pool.map(_draw_to, [path for path, _ in ordered], [text for _, text in ordered], chunksize=8):
            pass


def _motifs_key(text: CardText) -> str:
    return text.motifs.key if text.motifs else ""


def _draw_to(path: Path, text: CardText) -> None:
    write_atomically(path, draw_card(text))
