"""The bottom layer: diagnostics, atomic writes, caches and text helpers, on the standard library only."""

from pathlib import Path

# The generator package's folder: its code is part of what cached output depends on.
PACKAGE_DIR = Path(__file__).resolve().parents[1]
