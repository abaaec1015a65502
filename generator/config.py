"""The site configuration, `casebook.yml` at the project root.

Languages are data: the first one is the default and is served at `/`, every
other at `/<code>/`. Adding a language is an entry here plus translations.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationError

from .errors import Diagnostic
from .models import LangCode, LocalizedText, Model, ShortText, Url

CONFIG_FILE = "casebook.yml"


class Language(Model):
    code: LangCode
    name: ShortText = Field(description="The language's own name, shown in the language switcher.")
    theme_language: str = Field(description="Material's interface language (its partials/languages/<name>.html).")


class SiteConfig(Model):
    """Everything about the site that is not content."""

    site_name: LocalizedText
    languages: list[Language] = Field(min_length=1, description="The first language is the default, served at /.")
    content_dir: str = Field("content", description="Folder of the records, relative to this file.")
    repo_url: Url | None = Field(None, description="Repository on GitHub, for 'edit this page' links.")
    edit_branch: str = "main"
    site_url: Url | None = Field(None, description="Public address of the site, for canonical links and QR codes.")

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


def load_project(config_path: Path) -> tuple[Project | None, list[Diagnostic]]:
    """Read casebook.yml; returns the project or the problems with it."""
    from .stages.discover import SourceRef, display_path
    from .stages.load import load_file
    from .stages.validate import diagnostics_from_validation_error

    config_path = config_path.resolve()
    root = config_path.parent
    ref = SourceRef(display_path(config_path, Path.cwd()), config_path, "config")
    if not config_path.is_file():
        return None, [Diagnostic(ref.display, 0, 0, "no-config", f"{CONFIG_FILE} not found",
                                 hint="run casebook from the project folder, or pass --config")]
    raw, problems = load_file(ref)
    if raw is None:
        return None, problems
    try:
        config = SiteConfig.model_validate(raw.data)
    except ValidationError as exc:
        return None, diagnostics_from_validation_error(exc, raw, SiteConfig)
    return Project(root, config), []
