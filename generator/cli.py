"""The `casebook` command. No logic here: each command calls the stages."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .config import CONFIG_FILE, Project, load_project
from .errors import Diagnostic, count_errors, format_diagnostics, summary_line


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", default=CONFIG_FILE, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The project's casebook.yml.")
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


def _print_and_exit(diagnostics: list[Diagnostic], fmt: str, strict: bool = False) -> None:
    if diagnostics or fmt == "json":  # tools parse json output, so a clean run prints []
        click.echo(format_diagnostics(diagnostics, fmt))
    failed = count_errors(diagnostics) > 0 or (strict and diagnostics)
    if fmt == "text":
        click.echo(summary_line(diagnostics, strict), err=True)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text",
              show_default=True, help="text for people, github for workflow annotations, json for tools.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check records; report every problem as path:line:col.

    With PATHs, report only problems in those files or folders (checked
    against the whole project, so references still resolve).
    """
    from .pipeline import load_collection

    project = _project(ctx, fmt)
    _, diagnostics = load_collection(project)
    if paths:
        diagnostics = _only_under(diagnostics, paths, project)
    _print_and_exit(diagnostics, fmt, strict)


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
    from .stages.schema import SCHEMA_DIR, stale_schemas, write_schemas

    project = _project(ctx)
    target = project.root / SCHEMA_DIR
    if check:
        stale = stale_schemas(target)
        for name in stale:
            click.echo(f"{SCHEMA_DIR}/{name}: out of date; run `casebook schema`")
        sys.exit(1 if stale else 0)
    for path in write_schemas(target):
        click.echo(f"wrote {path.relative_to(project.root)}")


def main() -> None:
    """Entry point: bad content never shows a traceback; internal bugs show one line."""
    try:
        cli(standalone_mode=False)
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
        click.echo("hint: this is a bug in casebook, not in your content; please report it "
                   "with the output of the same command run with --debug", err=True)
        sys.exit(2)
