"""Stage 7, exhibit: posters, a catalogue and an offline kiosk from the same records.

    load + validate (as for the site) -> plan (record + options, checked)
    -> posters -> catalogue -> kiosk -> README -> manifest.json -> zip

Everything is written into a temporary folder that replaces --out only when
the whole kit is complete (generator/core/atomic.py), so a failed run leaves the
previous kit as it was. A content problem is a ContentError carrying
diagnostics (file:line:col, field); nothing here prints or exits.

The kiosk needs the site engine. Business logic does not import MkDocs, so
the caller hands in `site_builder` (generator/__init__.py passes the MkDocs
adapter's generator.engine.mkdocs.kiosk.build_kiosk_site).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.build.pipeline import load_collection
from generator.build.site import STRINGS_DIR
from generator.core.atomic import atomic_directory
from generator.core.errors import ContentError, Diagnostic, count_errors
from generator.exhibit import catalogue, kiosk, manifest, posters
from generator.exhibit.colour import Inks
from generator.exhibit.plan import ExhibitPlan, ExhibitRequest, resolve_plan
from generator.exhibit.posters import WrittenFile
from generator.exhibit.printing import PdfWriter, load_print_strings, make_print_environment
from generator.exhibit.printviews import PrintContext
from generator.exhibit.requirements import check_plan
from generator.load.project import load_project
from generator.load.strings import load_strings
from generator.render.phrasing import print_filter, site_phrases
from generator.render.urls import UrlScheme
from generator.render.views.base import ViewContext

OnFile = Callable[[WrittenFile], None]


@dataclass
class ExhibitResult:
    out: Path
    files: list[WrittenFile] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    zip: WrittenFile | None = None
    seconds: float = 0.0


def build_exhibit(
    config_path: Path,
    theme_dir: Path,
    request: ExhibitRequest,
    *,
    site_builder: kiosk.SiteBuilder | None = None,
    mkdocs_file: Path | None = None,
    on_file: OnFile = lambda item: None,
) -> ExhibitResult:
    """Write the kit into request.out; raises ContentError for any content or option problem."""
    started = time.perf_counter()
    project, collection = _load(config_path)
    plan, problems = resolve_plan(collection, project.config, request)
    if plan is None:
        raise ContentError(problems)
    site_strings = load_strings(theme_dir / STRINGS_DIR, project.config)
    ctx = ViewContext(collection, project.config, site_strings, UrlScheme(project.config))
    problems = check_plan(collection, plan, {lang.code: lang.name for lang in project.config.languages})
    if count_errors(problems):
        raise ContentError(problems)
    if request.kiosk is not None and site_builder is None:
        raise ValueError("a kiosk needs a site_builder")
    result = ExhibitResult(request.out, warnings=problems)

    def written(item: WrittenFile) -> None:
        result.files.append(item)
        on_file(item)

    print_strings = load_print_strings(theme_dir, project.config, site_strings)
    inks = Inks(request.pdf_variant)
    pc = PrintContext(ctx, print_strings.t, plan.site_url, plan.languages, inks=inks)
    with atomic_directory(request.out) as work:
        _write_kit(
            work,
            plan,
            pc,
            theme_dir,
            collection,
            site_builder,
            mkdocs_file or project.root / "mkdocs.yml",
            written,
            result,
        )
    result.seconds = time.perf_counter() - started
    return result


def _load(config_path: Path):
    project, problems = load_project(config_path)
    if project is None:
        raise ContentError(problems)
    collection, diagnostics = load_collection(project)
    if count_errors(diagnostics):
        raise ContentError(diagnostics)
    return project, collection


def _write_kit(
    work: Path,
    plan: ExhibitPlan,
    pc: PrintContext,
    theme_dir: Path,
    collection,
    site_builder,
    mkdocs_file: Path,
    written: OnFile,
    result: ExhibitResult,
) -> None:
    request = plan.request
    env = make_print_environment(theme_dir, pc.inks)
    env.filters["phrases"] = print_filter(site_phrases(collection))
    writer = PdfWriter(theme_dir, stamp=_stamp(plan))
    record_paths = {case.id: collection.raw[("case", case.id)].source.display for case in plan.cases}
    try:
        if request.posters:
            posters.write_posters(plan, pc, env, writer, work, record_paths, written)
        if request.catalogue:
            catalogue.write_catalogue(plan, pc, env, writer, work, written, pc.inks, theme_dir)
    except posters.DoesNotFit as exc:
        raise ContentError([exc.diagnostic]) from None
    if request.kiosk is not None:
        labels = kiosk.kiosk_labels(pc.t, pc.ctx.config.language_codes, _search_names(plan, pc))
        kiosk.write_kiosk(mkdocs_file, work, request.kiosk, site_builder, theme_dir, labels, pc.ctx.default, written)
    written(manifest.write_readme(work, plan, pc))
    written(manifest.write_manifest(work))
    if request.zip:
        result.zip = manifest.write_zip(work, plan.exhibition.id)


def _stamp(plan: ExhibitPlan) -> str:
    """The date a PDF/X file says it was made: the newest review date of what it prints (the same every run)."""
    dates = [case.last_reviewed for case in plan.cases] + [plan.exhibition.last_reviewed]
    return f"{max(d for d in dates if d is not None).isoformat()}T00:00:00+00:00"


def _search_names(plan: ExhibitPlan, pc: PrintContext) -> dict[str, list[str]]:
    """Per language, what the kiosk offers to tap instead of typing: the kit's places, then its case titles."""
    ctx = pc.ctx
    names: dict[str, list[str]] = {}
    for lang in ctx.config.language_codes:
        places, titles = [], []
        for case in plan.cases:
            county, township = ctx.place_links(case.place, lang)
            places += [link.label for link in (township, county) if link]
            if lang in case.title:
                titles.append(case.title[lang])
        names[lang] = list(dict.fromkeys(places + titles))
    return names
