"""The kit builder's pages: choose an exhibition (or record a planned one), choose, preview, build, download.

Every build goes through generator.build_exhibit with an ExhibitRequest made by
generator/exhibit/options.py, as `casebook exhibit` does. Pages are Jinja
templates in theme/kit/ with the site's interface strings (theme/strings/).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from generator import build_exhibit
from generator.authoring.exhibition import write_planned_exhibition
from generator.build.pipeline import load_collection
from generator.build.site import CACHE_DIR, STRINGS_DIR
from generator.core.errors import ContentError, Diagnostic, count_errors
from generator.engine.mkdocs.build import BuildFailed
from generator.exhibit.options import BY_NAME, OPTIONS, request_from_values
from generator.exhibit.plan import CATALOGUE_PAPERS, POSTER_PAPERS, resolve_plan
from generator.load.project import load_project
from generator.load.strings import load_strings, pick
from generator.model.messages import catalogue as message_catalogue
from generator.render.views.figures import date_text
from generator.web import previews
from generator.web.form import BRANDS_OF_CASES, Problem, kit_choices, parse_body, planned_exhibition
from generator.web.guards import HostGuard, origin_is_allowed, token_matches
from generator.web.jobs import Busy, Job, JobRunner, new_job_id

KIT_TEMPLATES = "kit"  # theme/kit/
STATIC = {"kit.css": "text/css", "kit.js": "text/javascript"}  # the only files served from theme/kit/
KIT_OUT = "build/exhibit"  # the kit goes to build/exhibit/<id>/, as `make exhibit` writes it


@dataclass(frozen=True)
class KitSettings:
    config_path: Path
    mkdocs_file: Path
    theme_dir: Path
    port: int
    token: str


def create_app(settings: KitSettings) -> HostGuard:
    pages = KitPages(settings)
    routes = [
        Route("/", pages.index),
        Route("/new", pages.new_form, methods=["GET"]),
        Route("/new", pages.new_submit, methods=["POST"]),
        Route("/exhibition/{exhibition}", pages.kit_form, methods=["GET"]),
        Route("/exhibition/{exhibition}", pages.kit_submit, methods=["POST"]),
        Route("/job/{job}", pages.job_page),
        Route("/job/{job}/status", pages.job_status),
        Route("/job/{job}/poster/{number:int}", pages.job_poster),
        Route("/job/{job}/download", pages.job_download),
        Route("/job/{job}/build", pages.job_build, methods=["POST"]),
        Route("/static/{name}", pages.static),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
    ]
    app = Starlette(routes=routes, exception_handlers={ContentError: _project_broken})
    app.add_middleware(_SecurityHeaders)
    return HostGuard(app, settings.port)


async def _project_broken(request: Request, exc: ContentError) -> Response:
    """casebook.yml stopped being valid while the kit builder runs: one line to fix it by, not a traceback."""
    lines = "\n".join(d.format_text() for d in exc.diagnostics)
    return Response(
        f"casebook.yml cannot be read; fix it, then reload this page.\n{lines}\n", 500, media_type="text/plain"
    )


class _SecurityHeaders:
    """No page, script or style from anywhere else; never inside another site's frame."""

    HEADERS = [
        (b"content-security-policy", b"default-src 'self'; img-src 'self'; frame-ancestors 'none'; form-action 'self'"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),  # no-referrer would make the browser send `Origin: null` on our own forms
        (b"cache-control", b"no-store"),
    ]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class KitPages:
    def __init__(self, settings: KitSettings):
        self.settings = settings
        self.jobs = JobRunner()
        self.env = Environment(
            loader=FileSystemLoader(settings.theme_dir / KIT_TEMPLATES),
            autoescape=select_autoescape(default=True),
            undefined=StrictUndefined,
        )

    # -- what every page needs ------------------------------------------------------------

    def _world(self):
        """The project and its records as they are on disk now (staff may have edited them)."""
        project, problems = load_project(self.settings.config_path)
        if project is None:
            raise ContentError(problems)
        collection, diagnostics = load_collection(project)
        return project, collection, [d for d in diagnostics if d.severity == "error"]

    def _render(self, request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        project, _ = load_project(self.settings.config_path)
        languages = project.config.language_codes
        lang = request.query_params.get("lang", "")
        lang = lang if lang in languages else project.config.default_language
        strings = load_strings(self.settings.theme_dir / STRINGS_DIR, project.config)
        context.setdefault("problems", [])
        page = self.env.get_template(template).render(
            lang=lang,
            languages=[(language.code, language.name) for language in project.config.languages],
            t=lambda key, **args: strings.t(key, lang).format(**args),
            text=lambda value: pick(value, lang, project.config.default_language)[0],
            # 2019年11月 / November 2019: date_text asks its context only for `t`, which the strings have
            date=lambda value: date_text(strings, str(value), lang),
            token=self.settings.token,
            path=request.url.path,
            **context,
        )
        return HTMLResponse(page, status_code=status)

    def _refused(self, request: Request, form: dict[str, list[str]]) -> Response | None:
        """A POST without this session's token, or sent from another site's page, is refused."""
        if token_matches(form.get("token", [None])[0], self.settings.token) and origin_is_allowed(
            request.headers.get("origin"), self.settings.port
        ):
            return None
        # Also what a tab left open across a restart of `casebook kit` meets: its token is the old one.
        return self._render(request, "refused.html", 403)

    def _lang(self, request: Request, form: dict[str, list[str]] | None = None) -> str:
        return (form or {}).get("lang", [""])[0] or request.query_params.get("lang", "")

    # -- choosing an exhibition ------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        _, collection, problems = self._world()
        exhibitions = sorted(collection.exhibitions.values(), key=lambda e: e.start, reverse=True)
        return self._render(request, "index.html", exhibitions=exhibitions, problems=self._lines(problems, request))

    async def new_form(self, request: Request) -> Response:
        _, collection, _ = self._world()
        return self._render(request, "new.html", collection=collection, form={}, problems=[], papers=POSTER_PAPERS)

    async def new_submit(self, request: Request) -> Response:
        form = parse_body(await request.body())
        refused = self._refused(request, form)
        if refused:
            return refused
        project, collection, _ = self._world()
        planned, problems = planned_exhibition(form, collection, project.config.language_codes)
        lines = self._problem_lines(problems, request, form)
        if planned is not None:
            result = write_planned_exhibition(project, collection, planned, dt.date.today())
            if result.written:
                return RedirectResponse(
                    f"/exhibition/{planned.id}?lang={self._lang(request, form)}&created=1", status_code=303
                )
            # The file does not exist yet, so a line and column in it would lead nowhere: the field says where.
            lines = self._diagnostic_lines(result.diagnostics, self._lang(request, form) or "zh-TW", at_field=True)
        return self._render(
            request, "new.html", 400, collection=collection, form=form, problems=lines, papers=POSTER_PAPERS
        )

    # -- choosing what the kit holds ---------------------------------------------------------

    async def kit_form(self, request: Request) -> Response:
        project, collection, _ = self._world()
        exhibition = collection.exhibitions.get(request.path_params["exhibition"])
        if exhibition is None:
            return self._render(request, "missing.html", 404)
        earlier = self.jobs.get(request.query_params.get("from", ""))  # back from a preview: its choices again
        if earlier is not None and earlier.exhibition == exhibition.id:
            chosen = earlier.choices
        else:
            chosen = self._record_choices(exhibition)
        return self._kit_page(request, project, collection, exhibition, chosen, [])

    async def kit_submit(self, request: Request) -> Response:
        form = parse_body(await request.body())
        refused = self._refused(request, form)
        if refused:
            return refused
        project, collection, _ = self._world()
        exhibition = collection.exhibitions.get(request.path_params["exhibition"])
        if exhibition is None:
            return self._render(request, "missing.html", 404)
        choices = kit_choices(form, collection, project.config.language_codes)
        lines = self._problem_lines(choices.problems, request, form)
        if not lines:
            action = form.get("action", ["build"])[0]
            out = project.root / KIT_OUT / exhibition.id
            kit_request = request_from_values(exhibition.id, out, choices.values)
            # What the build would refuse at once (no site address, a local one...) is said here, beside the choices.
            _, refused = resolve_plan(collection, project.config, kit_request)
            lines = self._diagnostic_lines(refused, self._lang(request, form) or "zh-TW", at_field=True)
        if not lines:
            chosen = {**choices.values, "brands_mode": form.get("brands_mode", [BRANDS_OF_CASES])[0]}
            try:
                job = self._start(action, kit_request, project, self._lang(request, form), chosen)
            except Busy:
                lines = [self._t(request, form, "kit.problem.busy")]
            else:
                return RedirectResponse(f"/job/{job.id}?lang={job.lang}", status_code=303)
        chosen = {**choices.values, "brands_mode": form.get("brands_mode", [BRANDS_OF_CASES])[0]}
        return self._kit_page(request, project, collection, exhibition, chosen, lines, status=400)

    def _record_choices(self, exhibition) -> dict[str, object]:
        """What the form shows first: the record's kit settings, the options' own defaults for the rest."""
        values = {option.name: option.default if option.kind != "flag" else False for option in OPTIONS}
        values.update(
            paper=exhibition.kit.paper,
            languages=tuple(exhibition.kit.languages),
            cases=tuple(exhibition.kit.cases),
            brands=(),
            site_url="",
            brands_mode=BRANDS_OF_CASES,
        )
        return values

    def _kit_page(self, request, project, collection, exhibition, chosen, problems, status=200) -> Response:
        return self._render(
            request,
            "kit.html",
            status,
            exhibition=exhibition,
            collection=collection,
            cases=_cases_in_order(collection, exhibition),
            chosen=chosen,
            options=BY_NAME,
            problems=problems,
            default_site_url=project.config.site_url or "",
            created=request.query_params.get("created") == "1",
            catalogue_papers=CATALOGUE_PAPERS,
        )

    # -- building ------------------------------------------------------------------------------

    def _start(self, action: str, kit_request, project, lang: str, chosen: dict) -> Job:
        """Start a preview or a build job; raises Busy while another runs."""
        per_case = len(kit_request.languages or ()) if kit_request.layout == "per-language" else 1
        posters = len(kit_request.cases or ()) * max(per_case, 1)
        if action == "preview":
            job = Job(
                new_job_id(), "preview", kit_request.exhibition, lang, posters, choices=chosen, request=kit_request
            )
            return self.jobs.start(job, lambda job: self._preview(job, kit_request, project.root))
        expected = (posters if kit_request.posters else 0) + (2 if kit_request.catalogue else 0)  # print and PDF/UA
        expected += (1 if kit_request.kiosk else 0) + 3  # README, manifest, zip
        job = Job(new_job_id(), "build", kit_request.exhibition, lang, expected, choices=chosen, request=kit_request)
        return self.jobs.start(job, lambda job: self._build_kit(job, kit_request))

    def _preview(self, job: Job, kit_request, root: Path) -> None:
        """The posters only, into the preview cache (unless made before), page 1 of each as PNG, in case order."""
        folder = root / CACHE_DIR / "kit-previews" / previews.cache_key(kit_request, root)
        made = previews.cached_previews(folder)
        if made is None:
            if self._build(job, previews.preview_request(kit_request, folder)) is None:
                return
            made = previews.render_previews(folder)
        order = {case_id: n for n, case_id in enumerate(kit_request.cases or ())}
        job.previews = sorted(made, key=lambda item: order.get(item[0].split(".")[0], len(order)))

    def _build_kit(self, job: Job, kit_request) -> None:
        result = self._build(job, kit_request)
        if result is not None and result.zip is not None:
            job.zip_path = result.out / result.zip.path
            job.written.append(result.zip.path.as_posix())

    def _build(self, job: Job, kit_request):
        """build_exhibit, as `casebook exhibit` calls it; problems become the job's lines."""
        started = time.perf_counter()
        try:
            result = build_exhibit(
                self.settings.config_path,
                kit_request,
                theme_dir=self.settings.theme_dir,
                mkdocs_file=self.settings.mkdocs_file,
                on_file=lambda item: job.written.append(item.path.as_posix()),
            )
        except ContentError as exc:
            job.problems = self._diagnostic_lines(exc.diagnostics, job.lang)
            return None
        except BuildFailed as exc:
            job.problems = [f"{exc}"]
            return None
        finally:
            job.seconds = time.perf_counter() - started
        return result

    # -- a job's page, status, previews and zip ----------------------------------------------------

    def _job(self, request: Request) -> Job | None:
        return self.jobs.get(request.path_params["job"])

    async def job_page(self, request: Request) -> Response:
        job = self._job(request)
        if job is None:
            return self._render(request, "missing.html", 404)
        return self._render(request, "job.html", job=job, titles=self._poster_titles(job, request))

    def _poster_titles(self, job: Job, request: Request) -> dict[str, str]:
        """Poster file name -> the case's title in the page's language (staff know cases by title, not by id)."""
        if not job.previews:
            return {}
        project, collection, _ = self._world()
        lang = (
            self._lang(request)
            if self._lang(request) in project.config.language_codes
            else project.config.default_language
        )
        titles = {}
        for name, _png in job.previews:
            case = collection.cases.get(name.split(".")[0])
            if case is not None:
                titles[name] = pick(case.title, lang, project.config.default_language)[0]
        return titles

    async def job_status(self, request: Request) -> Response:
        job = self._job(request)
        if job is None:
            return JSONResponse({"missing": True}, status_code=404)
        return JSONResponse(job.status())

    async def job_poster(self, request: Request) -> Response:
        job = self._job(request)
        number = request.path_params["number"]
        if job is None or not job.done or not 0 <= number < len(job.previews):
            return Response(status_code=404)
        return FileResponse(job.previews[number][1], media_type="image/png")

    async def job_build(self, request: Request) -> Response:
        """Build the kit a preview showed, with the same choices."""
        form = parse_body(await request.body())
        refused = self._refused(request, form)
        if refused:
            return refused
        earlier = self._job(request)
        if earlier is None or earlier.request is None:
            return self._render(request, "missing.html", 404)
        project, _ = load_project(self.settings.config_path)
        try:
            job = self._start("build", earlier.request, project, earlier.lang, earlier.choices)
        except Busy:
            return self._render(
                request, "job.html", 409, job=earlier, problems=[self._t(request, form, "kit.problem.busy")]
            )
        return RedirectResponse(f"/job/{job.id}?lang={job.lang}", status_code=303)

    async def job_download(self, request: Request) -> Response:
        job = self._job(request)
        if job is None or job.zip_path is None or not job.zip_path.is_file():
            return self._render(request, "missing.html", 404)
        return FileResponse(job.zip_path, media_type="application/zip", filename=job.zip_path.name)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return Response(status_code=404)
        return FileResponse(self.settings.theme_dir / KIT_TEMPLATES / name, media_type=STATIC[name])

    # -- one line per problem, in the page's language ---------------------------------------------

    def _t(self, request, form, key: str, **args) -> str:
        project, _ = load_project(self.settings.config_path)
        lang = self._lang(request, form)
        lang = lang if lang in project.config.language_codes else project.config.default_language
        strings = load_strings(self.settings.theme_dir / STRINGS_DIR, project.config)
        return strings.t(key, lang).format(**args)

    def _problem_lines(self, problems: list[Problem], request, form) -> list[str]:
        return [self._t(request, form, problem.key, value=problem.value) for problem in problems]

    def _lines(self, diagnostics: list[Diagnostic], request, form=None) -> list[str]:
        lang = self._lang(request, form) or "zh-TW"
        return self._diagnostic_lines(diagnostics, lang) if count_errors(diagnostics) else []

    def _diagnostic_lines(self, diagnostics: list[Diagnostic], lang: str, at_field: bool = False) -> list[str]:
        """Each error as one line: where, what, and what to do, in the page's language when the catalogue has it.

        Where is file:line:col, or (for a record not written yet) the form's label
        of the field, or the page's own label for an option (whose hint names a
        command-line flag, left out here).
        """
        project, _ = load_project(self.settings.config_path)
        strings = load_strings(self.settings.theme_dir / STRINGS_DIR, project.config)

        def label(key: str, fallback: str) -> str:
            text = strings.t(key, lang)
            return strings.t("punct.label", lang).format(label=text if text != key else fallback)

        lines = []
        for diagnostic in diagnostics:
            if diagnostic.severity != "error":
                continue
            message, hint = diagnostic.localized(lang, message_catalogue())
            option = diagnostic.path.removeprefix("--").replace("-", "_")
            if diagnostic.path.startswith("--") and option in BY_NAME:
                where, hint = label(f"kit.option.{option}", option), ""
                plain = strings.t(f"kit.plan.{diagnostic.code}", lang)  # staff's words for what they meet most
                message = plain if plain != f"kit.plan.{diagnostic.code}" else message
            elif at_field:
                field = re.split(r"[.\[]", diagnostic.field)[0]
                where = label(f"kit.field.{field}", diagnostic.field) if field else ""  # the record as a whole
            else:
                where = f"{diagnostic.location()}: "
            text = strings.t("punct.aside", lang).format(text=message, aside=hint) if hint else message
            lines.append(where + text)
        return lines


def _cases_in_order(collection, exhibition) -> list:
    """The exhibition's own cases first, in its order (the kit prints them in the order they are sent), then the rest by id."""
    own = [collection.cases[case_id] for case_id in exhibition.kit.cases if case_id in collection.cases]
    return own + sorted((c for c in collection.cases.values() if c not in own), key=lambda c: c.id)
