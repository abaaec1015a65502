"""Every stage runs, in its fixed order (generator.build.pipeline.STAGE_ORDER)."""

from __future__ import annotations

from pathlib import Path

import generator.build.pipeline as pipeline
import generator.build.site as site
from generator.build.pipeline import STAGE_ORDER

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "project"


def test_stages_run_in_order(monkeypatch):
    calls: list[str] = []

    def spy(module, name, stage):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            if not calls or calls[-1] != stage:
                calls.append(stage)
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    spy(pipeline, "discover", "discover")
    spy(pipeline, "load_file", "load")
    spy(pipeline, "validate_record", "validate")
    spy(pipeline, "check_collection", "check")
    spy(pipeline, "check_media", "media")
    spy(pipeline, "project_explainers", "explainers")
    spy(site, "build_pages", "pages")
    spy(site, "render_page", "render")

    site.prepare_site(FIXTURE / "casebook.yml", ROOT / "theme")

    assert tuple(dict.fromkeys(calls)) == STAGE_ORDER
