"""The site configuration, `casebook.yml` at the project root.

Languages are data: the first one is the default and is served at `/`, every
other at `/<code>/`. Adding a language is an entry here plus translations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, StrictBool

from generator.model.records import LangCode, LocalizedText, Model, ShortText, Url

CONFIG_FILE = "casebook.yml"


class Language(Model):
    code: LangCode
    name: ShortText = Field(description="The language's own name, shown in the language switcher.")
    theme_language: str = Field(description="Material's interface language (its partials/languages/<name>.html).")


class ImageSettings(Model):
    """How photos become site images (generator/graphics/photos.py) and which files are accepted."""

    widths: list[int] = Field(
        [480, 960, 1600],
        min_length=1,
        max_length=8,
        description="Widths in pixels of the derivatives; a photo is never enlarged.",
    )
    avif: StrictBool = Field(
        True,
        description=(
            "Also write AVIF where Pillow supports it: about 20-40% smaller than WebP, but it roughly "
            "doubles the first build's image time (later builds reuse the cache)."
        ),
    )
    webp_quality: int = Field(80, ge=1, le=100)
    avif_quality: int = Field(55, ge=1, le=100)
    jpeg_quality: int = Field(82, ge=1, le=100, description="Of the JPEG fallback for browsers without WebP.")
    max_megabytes: float = Field(25, gt=0, le=200, description="Largest accepted file.")
    max_megapixels: float = Field(50, gt=0, le=400, description="Largest accepted picture (width x height).")
    workers: int | None = Field(None, ge=1, le=64, description="Processes making derivatives; default: one per core.")
    cache_dir: str = Field(
        ".cache/casebook/images", description="Derivative cache, relative to this file (git-ignored)."
    )


class Publisher(Model):
    """Who publishes the site: named in the footer and on About, with how to reach them."""

    name: LocalizedText = Field(description="The publisher's name, in each language.")
    contact: ShortText | None = Field(
        None,
        description=(
            "How to reach the publisher: an e-mail address or a web address (https://...). "
            "A deploy build (`casebook build --deploy`) needs it."
        ),
    )
    corrections: LocalizedText | None = Field(
        None, description=("The corrections policy: how the publisher corrects a page, shown on About.")
    )


class SiteConfig(Model):
    """Everything about the site that is not content."""

    site_name: LocalizedText
    languages: list[Language] = Field(min_length=1, description="The first language is the default, served at /.")
    content_dir: str = Field("content", description="Folder of the records, relative to this file.")
    repo_url: Url | None = Field(None, description="Repository on GitHub, for 'edit this page' links.")
    edit_branch: str = "main"
    site_url: Url | None = Field(None, description="Public address of the site, for canonical links and QR codes.")
    publisher: Publisher | None = Field(None, description="Who publishes the site (footer, About).")
    images: ImageSettings = Field(default_factory=ImageSettings, description="Photo derivatives and limits.")

    @property
    def default_language(self) -> str:
        return self.languages[0].code

    @property
    def language_codes(self) -> list[str]:
        return [lang.code for lang in self.languages]


@dataclass(frozen=True)
class Project:
    """Where a project lives on disk, and its configuration."""

    root: Path
    config: SiteConfig

    @property
    def content_dir(self) -> Path:
        return self.root / self.config.content_dir
