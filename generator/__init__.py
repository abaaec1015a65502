"""casebook: turns YAML case records into a bilingual site and exhibition kit."""
from .config import Project, SiteConfig, load_project
from .pipeline import load_collection

__all__ = ["Project", "SiteConfig", "load_project", "load_collection", "build_exhibit"]

THEME_DIR = "theme"   # beside casebook.yml


def build_exhibit(config_path, request, *, theme_dir=None, mkdocs_file=None, on_file=lambda item: None):
    """Write an exhibition kit (generator/stages/exhibit.py) with the site engine wired in for its kiosk.

    `request` is a generator.exhibit.plan.ExhibitRequest; raises ContentError
    for content or option problems, BuildFailed when the kiosk's site build fails.
    """
    from pathlib import Path

    from .stages.exhibit import build_exhibit as run

    config_path = Path(config_path).resolve()
    site_builder = None
    if request.kiosk is not None:
        from .mkdocs_plugin.kiosk import build_kiosk_site as site_builder
    return run(config_path, Path(theme_dir) if theme_dir else config_path.parent / THEME_DIR, request,
               site_builder=site_builder, mkdocs_file=Path(mkdocs_file) if mkdocs_file else None, on_file=on_file)
