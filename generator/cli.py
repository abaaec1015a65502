"""The `casebook` command. No logic here: each command calls the stages."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

import click

from generator.core.errors import Diagnostic, count_errors, format_diagnostics, summary_line
from generator.load.project import load_project
from generator.model.settings import CONFIG_FILE, Project


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    default=CONFIG_FILE,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The project's casebook.yml.",
)
@click.option("--debug", is_flag=True, help="Show the Python traceback of internal errors.")
@click.pass_context
def cli(ctx: click.Context, config_path: Path, debug: bool) -> None:
    """casebook: regional-revitalisation case records to a bilingual site and exhibition kit."""
    ctx.obj = {"config_path": config_path, "debug": debug}


def _project(ctx: click.Context, fmt: str = "text") -> Project:
    project, problems = load_project(ctx.obj["config_path"])
    if project is None:
        _print_and_exit(problems, fmt)
    return project


def _print_and_exit(
    diagnostics: list[Diagnostic], fmt: str, strict: bool = False, lang: str = "en", status: int | None = None
) -> None:
    from generator.model.messages import catalogue

    if diagnostics or fmt == "json":  # tools parse json output, so a clean run prints []
        click.echo(format_diagnostics(diagnostics, fmt, lang, catalogue()))
    failed = count_errors(diagnostics) > 0 or (strict and diagnostics)
    if fmt == "text":
        click.echo(summary_line(diagnostics, strict, lang, catalogue()), err=True)
    sys.exit(status if status is not None else 1 if failed else 0)


def default_language(environ: dict | None = None) -> str:
    """zh-TW when the locale is Chinese (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else English."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(name, "")
        if value:
            return "zh-TW" if value.lower().startswith("zh") else "en"
    return "en"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for workflow annotations, json for tools.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--fix",
    is_flag=True,
    help="First fix what can be fixed safely: spaces at line ends, the final "
    "newline, Windows line endings, a full-width colon after a key, tabs in the indentation.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh-TW", "en"]),
    default=None,
    help="Language of the messages (default: from the locale; github annotations carry English too).",
)
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str, strict: bool, fix: bool, lang: str | None) -> None:
    """Check records; report every problem as path:line:col.

    With PATHs, report only problems in those files or folders (checked
    against the whole project, so references still resolve).
    """
    from generator.build.pipeline import load_collection
    from generator.model.messages import diag

    lang = lang or default_language()
    missing = [
        diag(path.as_posix(), 0, 0, "path-not-found", hint_key="path-not-found") for path in paths if not path.exists()
    ]
    if missing:  # a usage error: exit 2, as click does for bad options
        _print_and_exit(missing, fmt, strict, lang, status=2)
    project = _project(ctx, fmt)
    if fix:
        _fix_files(project, paths, lang)
    _, diagnostics = load_collection(project)
    if paths:
        diagnostics = _only_under(diagnostics, paths, project) + _outside_content(paths, project)
    _print_and_exit(diagnostics, fmt, strict, lang)


def _fix_files(project: Project, paths: tuple[Path, ...], lang: str) -> None:
    from generator.core.atomic import write_atomically
    from generator.load.style import fix_text
    from generator.model.messages import catalogue

    targets = []
    for path in paths or (project.content_dir,):
        targets += sorted(path.rglob("*.yml")) if path.is_dir() else [path]
    for path in targets:
        if "media" in path.parts:
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # validate reports it
        bom = text.startswith("\ufeff")
        fixed, done = fix_text(text.removeprefix("\ufeff"))
        if done:
            write_atomically(path, (("\ufeff" if bom else "") + fixed).encode("utf-8"))
            what = ", ".join(done)
            click.echo(
                catalogue().text("summary", "fixed", lang, {"path": path.as_posix(), "what": what})
                or f"fixed {path.as_posix()}: {what}",
                err=True,
            )


def _outside_content(paths: tuple[Path, ...], project: Project) -> list[Diagnostic]:
    """A .yml file given by path outside content/ is never read as a record: say where it belongs."""
    from generator.model.messages import diag

    content = project.content_dir.resolve()
    problems = []
    for path in paths:
        if (
            path.is_file()
            and path.suffix in (".yml", ".yaml")
            and not path.resolve().is_relative_to(content)
            and path.resolve() != (project.root / CONFIG_FILE).resolve()
        ):
            expected = f"{Path(project.config.content_dir).as_posix()}/cases/"
            problems.append(
                diag(
                    path.as_posix(),
                    0,
                    0,
                    "not-a-record",
                    expected=expected,
                    hint_key="move-record",
                    hint_args={"expected": expected},
                )
            )
    return problems


def _only_under(diagnostics: list[Diagnostic], paths: tuple[Path, ...], project: Project) -> list[Diagnostic]:
    wanted = [p.resolve() for p in paths]
    kept = []
    for diagnostic in diagnostics:
        location = (project.root / diagnostic.path).resolve()
        if any(location == p or p in location.parents for p in wanted):
            kept.append(diagnostic)
    return kept


@cli.command()
@click.option("--check", is_flag=True, help="Only report whether schema/ is up to date.")
@click.pass_context
def schema(ctx: click.Context, check: bool) -> None:
    """Write the JSON Schema of every record kind into schema/."""
    from generator.model.schema import SCHEMA_DIR, stale_schemas, write_schemas

    project = _project(ctx)
    target = project.root / SCHEMA_DIR
    if check:
        stale = stale_schemas(target)
        for name in stale:
            click.echo(f"{SCHEMA_DIR}/{name}: out of date; run `casebook schema`")
        sys.exit(1 if stale else 0)
    for path in write_schemas(target):
        click.echo(f"wrote {path.relative_to(project.root)}")


@cli.group()
def new() -> None:
    """Scaffold a new record that passes `casebook validate` as written."""


@new.command("case")
@click.option("--id", "case_id", help="Id and file name (content/cases/<id>.yml); made from --title-en if left out.")
@click.option("--title-zh", help="Title in 正體中文.")
@click.option("--title-en", help="Title in English.")
@click.option("--summary-zh", help="One or two sentences in 正體中文, for cards and search results.")
@click.option("--summary-en", help="One or two sentences in English.")
@click.option("--place", help="A county or township of content/places.yml: its id, name or alias (口湖, Kouhu).")
@click.option("--arrow", "arrows", multiple=True, help="An arrow of content/taxonomy.yml (id or name); repeatable.")
@click.option("--technology", "technologies", multiple=True, help="A technology of content/taxonomy.yml; repeatable.")
@click.option("--industry", "industries", multiple=True, help="An industry of content/taxonomy.yml; repeatable.")
@click.option("--source", help="The id of the source in content/sources.yml the case rests on.")
@click.option("--status", type=click.Choice(["draft", "published"]), default="draft", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite content/cases/<id>.yml if it exists.")
@click.option("--yes", "-y", "no_input", is_flag=True, help="Never prompt: fail if an answer is missing.")
@click.option("--interactive", is_flag=True, help="Prompt for missing answers even when input is not a terminal.")
@click.option(
    "--from-issue",
    "issue_file",
    type=click.File("rb"),
    help="Take every answer from the body of a 'new case' issue form (a file, or - for stdin).",
)
@click.pass_context
def new_case(
    ctx: click.Context,
    case_id,
    title_zh,
    title_en,
    summary_zh,
    summary_en,
    place,
    arrows,
    technologies,
    industries,
    source,
    status,
    force,
    no_input,
    interactive,
    issue_file,
) -> None:
    """Write content/cases/<id>.yml, a draft case; asks for what the options leave out."""
    from generator.authoring import scaffold

    if no_input and interactive:
        raise click.UsageError("--yes and --interactive cannot be used together")
    context, problems = scaffold.load_context(_project(ctx))
    if context is None:
        _print_and_exit(problems, "text")
    if issue_file is not None:
        _new_case_from_issue(
            context,
            issue_file,
            force,
            answered=[
                case_id,
                title_zh,
                title_en,
                summary_zh,
                summary_en,
                place,
                source,
                *arrows,
                *technologies,
                *industries,
            ],
        )
    answers = scaffold.CaseAnswers(
        case_id, title_zh, title_en, summary_zh, summary_en, place, arrows, technologies, industries, source, status
    )
    if interactive or (not no_input and sys.stdin.isatty()):
        answers = scaffold.ask_missing(answers, context, _ask)
    missing = scaffold.missing_answers(answers, context)
    for question in missing:
        click.echo(f"error: missing {question.flag}: {question.prompt}", err=True)
    if missing:
        click.echo("hint: pass the options above, or run the command in a terminal to be asked", err=True)
        sys.exit(1)
    result = scaffold.create_case(context, answers, dt.date.today(), force=force)
    if result.diagnostics:
        # a file that was not written is never cited: each problem names the answer to change
        shown = (
            result.diagnostics
            if result.written
            else [_as_answer(d) if d.path == result.display else d for d in result.diagnostics]
        )
        click.echo(format_diagnostics(shown))
    if not result.written:
        click.echo(f"{summary_line(result.diagnostics)} Nothing was written.", err=True)
        sys.exit(1)
    click.echo(f"wrote {result.display}")
    click.echo("next: replace the TODO story with the case as its sources tell it, then run `casebook validate`")


_ANSWER_FLAGS = {
    "id": "--id",
    "place": "--place",
    "arrows": "--arrow",
    "technologies": "--technology",
    "industries": "--industry",
    "sources": "--source",
    "title.zh-TW": "--title-zh",
    "title.en": "--title-en",
    "summary.zh-TW": "--summary-zh",
    "summary.en": "--summary-en",
    "status": "--status",
}


def _as_answer(diagnostic: Diagnostic) -> Diagnostic:
    """A problem of a record that was not written, located at the answer (an option) that caused it."""
    from dataclasses import replace

    if diagnostic.line == 0 and diagnostic.code != "placeholder-id":
        return diagnostic  # a refusal before any file: it names the folder, or a file that does exist
    field = diagnostic.field
    flag = next(
        (flag for name, flag in _ANSWER_FLAGS.items() if field == name or field.startswith((name + "[", name + "."))),
        "",
    )
    return replace(diagnostic, path=f"answer {flag}" if flag else "answers", line=0, col=0)


def _new_case_from_issue(context, issue_file, force: bool, answered: list) -> None:
    """`new case --from-issue`: one line per missing or invalid answer, exit 1; never a traceback."""
    from generator.authoring import issue_form

    if any(value is not None for value in answered):
        raise click.UsageError("--from-issue takes every answer from the issue; leave out the other answers")
    try:
        body = issue_file.read().decode("utf-8")
    except UnicodeDecodeError:
        click.echo("invalid: the issue body is not UTF-8 text", err=True)
        sys.exit(1)
    result = issue_form.create_from_issue(context, body, dt.date.today(), force=force)
    for problem in result.problems:
        click.echo(problem.text(), err=True)
    if not result.written:
        click.echo(f"Nothing was written: {len(result.problems)} answer(s) to add or fix in the issue.", err=True)
        sys.exit(1)
    if result.diagnostics:
        click.echo(format_diagnostics(result.diagnostics))
    click.echo(f"wrote {result.display}")
    sys.exit(0)


def _ask(question, parse):
    """One scaffold question at the terminal: the valid choices, then a prompt that repeats until parse accepts."""
    from generator.authoring.scaffold import AnswerError

    def value_proc(text: str):
        try:
            return parse(text)
        except AnswerError as exc:
            raise click.BadParameter(str(exc)) from None

    for line in question.choice_lines():
        click.echo(line)
    return click.prompt(
        question.prompt, default=question.default, show_default=bool(question.default), value_proc=value_proc
    )


@cli.command()
@click.argument("base_ref")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for people, markdown for a job summary, json for tools.",
)
@click.pass_context
def changes(ctx: click.Context, base_ref: str, fmt: str) -> None:
    """List the records added, changed or removed since BASE_REF, and their pages in every language.

    Compares the merge base of BASE_REF and HEAD with the work tree, so a
    pull request shows only its own changes (e.g. `casebook changes origin/main`).
    """
    from generator.commands.changes import ChangesError, changes_since, format_changes

    project = _project(ctx)
    try:
        found = changes_since(project, base_ref)
    except ChangesError as exc:
        click.echo(f"casebook changes: {exc}", err=True)
        sys.exit(1)
    click.echo(format_changes(found, base_ref, fmt))


@cli.group()
def cache() -> None:
    """The build's caches (pictures, social cards, pages, search entries, the prepared site)."""


@cache.command("clear")
@click.pass_context
def cache_clear(ctx: click.Context) -> None:
    """Empty the build's caches: the next build makes everything again."""
    from generator.build.site import CACHE_DIR
    from generator.core.image_cache import clear_cache

    project = _project(ctx)
    for folder in (project.root / project.config.images.cache_dir, project.root / CACHE_DIR):
        removed = clear_cache(folder)
        click.echo(
            f"removed {removed} file{'s' if removed != 1 else ''} from {folder.relative_to(project.root)}"
            if folder.is_relative_to(project.root)
            else f"removed {removed} files from {folder}"
        )


@cli.command()
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Also check the links in this built site.",
)
@click.option("--no-records", is_flag=True, help="Check only the built site, not the records.")
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 120),
    default=15.0,
    show_default=True,
    help="Seconds to wait for each answer.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.pass_context
def links(ctx: click.Context, site_dir: Path | None, no_records: bool, timeout: float, fmt: str) -> None:
    """Check the external (http, https) links of the records and the built site; exit 1 if any is broken."""
    from generator.build.pipeline import load_collection
    from generator.commands import links as linkcheck

    project = _project(ctx)
    groups = []
    if not no_records:
        collection, _ = load_collection(project)
        groups.append(linkcheck.links_in_records(collection.raw.values()))
    if site_dir is not None:
        groups.append(linkcheck.links_in_site(site_dir, project.config.site_url))
    results = linkcheck.check_links(linkcheck.merge(*groups), timeout=timeout)
    click.echo(linkcheck.format_results(results, fmt))
    sys.exit(1 if any(not r.ok for r in results) else 0)


@cli.command()
@click.option(
    "--days",
    type=click.IntRange(1),
    default=365,
    show_default=True,
    help="A record is stale when its last review is older than this.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.pass_context
def stale(ctx: click.Context, days: int, fmt: str) -> None:
    """List the records whose last_reviewed is more than a year ago; exit 1 if there are any."""
    from generator.build.pipeline import load_collection
    from generator.commands.stale import format_stale, stale_records

    collection, _ = load_collection(_project(ctx))
    found = stale_records(collection, dt.date.today(), days)
    click.echo(format_stale(found, days, fmt))
    sys.exit(1 if found else 0)


@cli.command()
@click.option(
    "-f",
    "--config-file",
    "mkdocs_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The site engine's configuration.",
)
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site (default: site_dir of mkdocs.yml).",
)
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on warnings.")
@click.option(
    "--for-disk",
    is_flag=True,
    help="Links to page.html files, so the site works opened from disk "
    "(use_directory_urls: false, as the kiosk): for a pull request's preview.",
)
@click.option(
    "--deploy",
    is_flag=True,
    help=("The published site: stop unless site_url (or CASEBOOK_SITE_URL) and publisher.contact are set."),
)
def build(mkdocs_file: Path, site_dir: Path | None, strict: bool, for_disk: bool, deploy: bool) -> None:
    """Build the site; the previous site is replaced only when the build succeeded."""
    from generator.engine.mkdocs.build import BuildFailed, build_site

    if deploy:
        _check_deploy(mkdocs_file)
    try:
        target = build_site(mkdocs_file, site_dir, strict=strict, for_disk=for_disk)
    except BuildFailed as exc:
        click.echo(f"casebook: build failed, the previous site is unchanged: {exc}", err=True)
        sys.exit(1)
    click.echo(f"built {target}")
    return FAST_EXIT


def _check_deploy(mkdocs_file: Path) -> None:
    """Exit 1 with one line when casebook.yml lacks what a published site needs."""
    from generator.load.project import deploy_problems

    project, problems = load_project(mkdocs_file.resolve().parent / CONFIG_FILE)
    if project is not None:
        problems = deploy_problems(project.config)
    for problem in problems:
        click.echo(problem.format_text(), err=True)
    if problems:
        sys.exit(1)


def _exhibit_options(command):
    """The kit's options (generator/exhibit/options.py, shared with the kit builder page) as click flags."""
    from generator.exhibit.options import OPTIONS

    for option in reversed(OPTIONS):  # click lists them in decorator order, top first
        if option.kind == "choice":
            decorator = click.option(
                option.flag,
                option.name,
                type=click.Choice(option.choices),
                default=option.default,
                show_default=option.default is not None,
                help=option.help,
            )
        elif option.kind == "flag":
            decorator = click.option(option.flag, option.name, is_flag=True, help=option.help)
        elif option.kind == "toggle":
            decorator = click.option(
                f"{option.flag}/--no-{option.flag[2:]}",
                option.name,
                default=option.default,
                show_default=True,
                help=option.help,
            )
        elif option.kind == "seconds":
            decorator = click.option(
                option.flag,
                option.name,
                type=click.IntRange(min=0),
                default=option.default,
                show_default=True,
                help=option.help,
            )
        else:  # text, and ids (comma-separated)
            decorator = click.option(option.flag, option.name, help=option.help)
        command = decorator(command)
    return command


@cli.command()
@click.argument("exhibition")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the kit; replaced only when the whole kit was written.",
)
@_exhibit_options
@click.option(
    "-f",
    "--config-file",
    "mkdocs_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The site engine's configuration (kiosk).",
)
@click.pass_context
def exhibit(ctx: click.Context, exhibition: str, out: Path, mkdocs_file: Path, **values) -> None:
    """Write an exhibition kit: posters, catalogue, offline kiosk, manifest and zip.

    EXHIBITION is the id of a record in content/exhibitions/; the options
    override what it says.
    """
    from generator import build_exhibit
    from generator.core.errors import ContentError
    from generator.engine.mkdocs.build import BuildFailed
    from generator.exhibit.options import request_from_values

    request = request_from_values(exhibition, out, values)
    try:
        result = build_exhibit(ctx.obj["config_path"], request, mkdocs_file=mkdocs_file, on_file=_echo_written)
    except ContentError as exc:
        click.echo(format_diagnostics(exc.diagnostics))
        click.echo(f"{summary_line(exc.diagnostics)} Nothing was written.", err=True)
        sys.exit(1)
    except BuildFailed as exc:
        click.echo(f"casebook: the kiosk's site build failed, nothing was written: {exc}", err=True)
        sys.exit(1)
    if result.warnings:
        click.echo(format_diagnostics(result.warnings), err=True)
    if result.zip:
        _echo_written(result.zip)
    click.echo(f"kit written to {result.out} in {result.seconds:.1f} s")


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port on 127.0.0.1.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option(
    "-f",
    "--config-file",
    "mkdocs_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The site engine's configuration (kiosk).",
)
@click.pass_context
def kit(ctx: click.Context, port: int, open_browser: bool, mkdocs_file: Path) -> None:
    """The kit builder: a page on this computer for building exhibition kits without a terminal.

    Serves http://127.0.0.1:PORT/ (this computer only) until Ctrl+C.
    """
    from generator import find_theme_dir
    from generator.web.server import PortInUse, bind, serve

    config_path = Path(ctx.obj["config_path"]).resolve()
    _project(ctx)  # a broken casebook.yml is one line here, not an error page
    try:
        sock = bind(port)
    except PortInUse:
        click.echo(
            f"casebook: port {port} is in use (is the kit builder already running?); try --port {port + 1}", err=True
        )
        sys.exit(1)

    def announce(url: str) -> None:
        click.echo(f"The kit builder is at {url}  (open it in a web browser on this computer; Ctrl+C stops it)")

    serve(
        sock,
        config_path,
        mkdocs_file.resolve(),
        find_theme_dir(config_path, mkdocs_file.resolve()),
        open_browser=open_browser,
        announce=announce,
    )


def _echo_written(item) -> None:
    """One line per written file (the kiosk is one line for its folder)."""
    size = f"{item.size / 1024:,.0f} KB" if item.size < 10 * 1024 * 1024 else f"{item.size / 1024 / 1024:,.1f} MB"
    detail = (
        f", {item.pages} page{'s' if item.pages != 1 else ''}"
        if item.path.suffix == ".pdf"
        else (f", {item.pages} files" if item.pages else "")
    )
    click.echo(f"wrote {item.path.as_posix()}  ({size}{detail}, {item.seconds:.1f} s)")


# A command that returns this has nothing left to clean up: the process ends
# without freeing its objects one by one, as mypy's --fast-exit does.
FAST_EXIT = "fast exit"


def main() -> None:
    """Entry point: bad content never shows a traceback; internal bugs show one line."""
    try:
        if cli(standalone_mode=False) == FAST_EXIT:
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # an internal bug, not a content problem
        if "--debug" in sys.argv:
            raise
        click.echo(f"casebook: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo(
            "hint: this is a bug in casebook, not in your content; please report it "
            "with the output of the same command run with --debug",
            err=True,
        )
        sys.exit(2)
