"""Reads casebook.yml into a Project, or the problems with it."""

from __future__ import annotations

import os
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
        return None, [
            Diagnostic(
                ref.display,
                0,
                0,
                "no-config",
                f"{CONFIG_FILE} not found",
                hint="run casebook from the project folder, or pass --config",
            )
        ]
    raw, problems = load_file(ref)
    if raw is None:
        return None, problems
    try:
        config = SiteConfig.model_validate(raw.data)
    except ValidationError as exc:
        return None, diagnostics_from_validation_error(exc, raw, SiteConfig)
    config, problems = _with_environment(config, ref.display)
    if problems:
        return None, problems
    return Project(root, config), []


# The addresses a deploy knows and the repository does not (.github/workflows/deploy.yml):
# each variable, when set, overrides its setting of casebook.yml.
ENVIRONMENT = {"CASEBOOK_SITE_URL": "site_url", "CASEBOOK_REPO_URL": "repo_url"}


def _with_environment(config: SiteConfig, display: str) -> tuple[SiteConfig, list[Diagnostic]]:
    given = {name: os.environ[name].strip() for name in ENVIRONMENT if os.environ.get(name, "").strip()}
    problems = [
        Diagnostic(
            display,
            0,
            0,
            "bad-address",
            f"{name}={value!r} is not an http(s) address",
            hint="give the full address, e.g. https://example.org/casebook/",
        )
        for name, value in given.items()
        if not value.startswith(("https://", "http://"))
    ]
    if problems or not given:
        return config, problems
    return config.model_copy(update={ENVIRONMENT[name]: value for name, value in given.items()}), []


def deploy_problems(config: SiteConfig, display: str = CONFIG_FILE) -> list[Diagnostic]:
    """What a published site needs that a preview does not: its public address and the publisher's contact.

    One line names everything missing, so a failed deploy says it at once.
    """
    missing = []
    if not config.site_url:
        missing.append("site_url (or CASEBOOK_SITE_URL)")
    if not (config.publisher and config.publisher.contact):
        missing.append("publisher.contact")
    if not missing:
        return []
    return [
        Diagnostic(display, 0, 0, "deploy-incomplete", f"a deploy build needs {' and '.join(missing)} in {CONFIG_FILE}")
    ]
