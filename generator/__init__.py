"""casebook: turns YAML case records into a bilingual site and exhibition kit."""

from generator.build.pipeline import load_collection
from generator.load.project import load_project
from generator.model.settings import Project, SiteConfig

__all__ = ["Project", "SiteConfig", "load_project", "load_collection", "build_exhibit", "find_theme_dir"]

THEME_DIR = "theme"  # beside casebook.yml


def build_exhibit(config_path, request, *, theme_dir=None, mkdocs_file=None, on_file=lambda item: None):
    """Write an exhibition kit (generator/build/exhibit_kit.py) with the site engine wired in for its kiosk.

    `request` is a generator.exhibit.plan.ExhibitRequest; raises ContentError
    for content or option problems, BuildFailed when the kiosk's site build fails.
    """
    from pathlib import Path

    from generator.build.exhibit_kit import build_exhibit as run

    config_path = Path(config_path).resolve()
    mkdocs_file = Path(mkdocs_file).resolve() if mkdocs_file else config_path.parent / "mkdocs.yml"
    if theme_dir is None:
        theme_dir = find_theme_dir(config_path, mkdocs_file)
    site_builder = None
    if request.kiosk is not None:
        from generator.engine.mkdocs.kiosk import build_kiosk_site as site_builder
    return run(
        config_path, Path(theme_dir), request, site_builder=site_builder, mkdocs_file=mkdocs_file, on_file=on_file
    )


def find_theme_dir(config_path, mkdocs_file):
    """The theme the kit prints with: the site's (theme.custom_dir of mkdocs.yml), else theme/ beside casebook.yml."""
    from pathlib import Path

    return _theme_dir(Path(mkdocs_file)) or Path(config_path).resolve().parent / THEME_DIR


def _theme_dir(mkdocs_file):
    """theme.custom_dir of mkdocs.yml (the site's theme is the kit's too), or None."""
    import yaml

    try:
        data = yaml.safe_load(mkdocs_file.read_text(encoding="utf-8"))
        custom_dir = data["theme"]["custom_dir"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None
    return (mkdocs_file.parent / custom_dir).resolve() if isinstance(custom_dir, str) else None
