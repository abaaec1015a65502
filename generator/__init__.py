"""casebook: turns YAML case records into a bilingual site and exhibition kit."""
from .config import Project, SiteConfig, load_project
from .pipeline import load_collection

__all__ = ["Project", "SiteConfig", "load_project", "load_collection"]
