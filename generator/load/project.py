"""Reads casebook.yml into a Project, or the problems with it."""
from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.core.errors import Diagnostic
from generator.model.settings import CONFIG_FILE, Project, SiteConfig


def load_project(config_path: Path) -> tuple[Project | None, list[Diagnostic]]:
    """Read casebook.yml; returns the project or the problems with it."""
    from generator.load.yaml_loader import load_file
    from generator.model.raw import SourceRef, display_path
    from generator.model.validation_errors import diagnostics_from_validation_error

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
