"""Languages: picking text for a language, and the interface strings.

Interface strings live in `theme/strings/<code>.yml` (flat `key: text`). A
missing string falls back to the default language, then to the key itself,
as Material's `partials/language.html` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model.settings import SiteConfig

try:  # libyaml: the strings files are read on every build, and it is much faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader


def pick(text: dict[str, str] | None, lang: str, default: str) -> tuple[str, str]:
    """The text in `lang`, else in the default language; returns (text, language used)."""
    if not text:
        return "", lang
    if lang in text:
        return text[lang], lang
    if default in text:
        return text[default], default
    first = next(iter(text))
    return text[first], first


@dataclass(frozen=True)
class Strings:
    """Interface strings for every language of a site."""

    tables: dict[str, dict[str, str]]
    default: str

    def t(self, key: str, lang: str) -> str:
        for code in (lang, self.default):
            value = self.tables.get(code, {}).get(key)
            if value:
                return value
        return key


def load_strings(strings_dir: Path, config: SiteConfig) -> Strings:
    tables = {}
    for code in config.language_codes:
        path = strings_dir / f"{code}.yml"
        if path.is_file():
            # Our own, trusted file in the theme: a plain flat mapping.
            tables[code] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    return Strings(tables, config.default_language)
