"""`casebook new case`: turns typed answers into the YAML text of a new case record.

The record must pass `casebook validate` as written, so before anything is
written its text is read back with the same loader, checked with the same
model (generator.model.records.Case) and the same cross-record rules, against the
project as it is on disk. Nothing here talks to a terminal: the CLI passes in
the answers it parsed and, when it may prompt, a function that asks one
question.

The text of the file itself is made in scaffold_yaml.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.authoring.answers import MAX_ID, CaseAnswers, Choice, ScaffoldContext, is_valid_id
from generator.authoring.scaffold_yaml import case_yaml
from generator.build.pipeline import load_collection
from generator.check.collection import check_collection
from generator.check.records import validate_record
from generator.check.references import check_references, reference_entries
from generator.core.atomic import write_atomically
from generator.core.errors import Diagnostic, count_errors
from generator.load.yaml_loader import load_bytes
from generator.model.collection import Collection
from generator.model.raw import SourceRef, display_path
from generator.model.settings import Project

REFERENCE_FILES = ("places.yml", "taxonomy.yml", "sources.yml")


class AnswerError(ValueError):
    """An answer typed at a prompt that cannot be used; the prompt asks again."""


@dataclass(frozen=True)
class Question:
    field: str  # the CaseAnswers attribute it fills
    flag: str  # the CLI option that answers it
    prompt: str
    choices: tuple[Choice, ...] = ()
    many: bool = False  # a comma-separated list
    required: bool = True
    default: str | None = None

    def choice_lines(self) -> list[str]:
        """The valid answers, one per line, shown before the prompt."""
        width = max((len(c.id) for c in self.choices), default=0)
        return [f"  {c.id:<{width}}  {c.label}" for c in self.choices]


# -- the project ------------------------------------------------------------------------


def load_context(project: Project) -> tuple[ScaffoldContext | None, list[Diagnostic]]:
    """Read the project; a case can only be scaffolded when places, taxonomy and sources are valid."""
    collection, diagnostics = load_collection(project)
    places, taxonomy, sources = collection.places, collection.taxonomy, collection.sources
    if places is None or taxonomy is None or sources is None:
        return None, _reference_problems(project, diagnostics)
    return ScaffoldContext(
        project,
        collection,
        places=tuple(_choice(p.id, p.name, p.aliases) for c in places.counties for p in (c, *c.townships)),
        arrows=tuple(_choice(t.id, t.label) for t in taxonomy.arrows),
        technologies=tuple(_choice(t.id, t.label) for t in taxonomy.technologies),
        industries=tuple(_choice(t.id, t.label) for t in taxonomy.industries),
        sources=tuple(_choice(s.id, s.title) for s in sources.sources),
    ), []


def _reference_problems(project: Project, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    wanted = {(Path(project.config.content_dir) / name).as_posix() for name in REFERENCE_FILES}
    found = [d for d in diagnostics if d.path in wanted and d.severity == "error"]
    return found or [
        Diagnostic(
            project.config.content_dir,
            0,
            0,
            "missing-reference",
            "places.yml, taxonomy.yml and sources.yml must be valid to scaffold a case",
            hint="run `casebook validate` and fix them first",
        )
    ]


def _choice(choice_id: str, names: dict[str, str], aliases: Iterable[str] = ()) -> Choice:
    label = " / ".join(names.values())
    return Choice(choice_id, label, frozenset(n.casefold() for n in (choice_id, *names.values(), *aliases)))


def _questions(context: ScaffoldContext) -> tuple[Question, ...]:
    # Asked in this order; the id comes after the English title it is derived from.
    return (
        Question("title_zh", "--title-zh", "標題（正體中文）/ Title in Chinese"),
        Question("title_en", "--title-en", "英文標題 / Title in English"),
        Question("id", "--id", "代號（檔名）/ Id, the file name"),
        Question("summary_zh", "--summary-zh", "摘要，一兩句（正體中文）/ Summary in Chinese, one or two sentences"),
        Question("summary_en", "--summary-en", "英文摘要 / Summary in English"),
        Question("place", "--place", "地點（名稱或代號）/ Place, a name or id", context.places),
        Question("arrows", "--arrow", "五支箭，以逗號分隔 / Arrows, comma-separated", context.arrows, many=True),
        Question(
            "technologies",
            "--technology",
            "科技，可留空 / Technologies, may be empty",
            context.technologies,
            many=True,
            required=False,
        ),
        Question(
            "industries",
            "--industry",
            "產業，可留空 / Industries, may be empty",
            context.industries,
            many=True,
            required=False,
        ),
        Question("source", "--source", "出處 / Source (id in content/sources.yml)", context.sources),
    )


# -- answers ----------------------------------------------------------------------------


def missing_answers(answers: CaseAnswers, context: ScaffoldContext) -> list[Question]:
    """Required questions with no answer. The id is missing only when the English title gives none."""
    missing = []
    for question in _questions(context):
        if not question.required or _answered(answers, question.field):
            continue
        if question.field == "id" and (answers.title_en is None or derive_id(answers.title_en)):
            continue
        missing.append(question)
    return missing


def ask_missing(
    answers: CaseAnswers, context: ScaffoldContext, ask: Callable[[Question, Callable[[str], Any]], Any]
) -> CaseAnswers:
    """Fill every unanswered question with `ask(question, parse)`; parse raises AnswerError to ask again."""
    for question in _questions(context):
        if _answered(answers, question.field):
            continue
        if question.field == "id":
            question = replace(question, default=derive_id(answers.title_en or "") or None)
        elif not question.required:
            question = replace(question, default="")
        answer = ask(question, lambda text, q=question: parse_answer(q, text, context))
        answers = replace(answers, **{question.field: answer})
    return answers


def parse_answer(question: Question, text: str, context: ScaffoldContext) -> Any:
    """One typed answer -> its value; unknown names raise AnswerError so the prompt asks again."""
    if question.many:
        values = tuple(_resolve_or_raise(question, item) for item in split_list(text))
        if question.required and not values:
            raise AnswerError("give at least one")
        return values
    if question.field == "id":
        return _check_new_id(text.strip(), context)
    if question.choices:
        return _resolve_or_raise(question, text.strip())
    return text


def split_list(text: str) -> list[str]:
    """Items of a list typed on one line; the Chinese commas count too."""
    return [item.strip() for item in re.split(r"[,，、]", text) if item.strip()]


def resolve_answers(answers: CaseAnswers, context: ScaffoldContext) -> CaseAnswers:
    """Names and aliases -> ids, and the id from the English title when none was given.

    What cannot be resolved is kept as typed, so the validator reports it with a suggestion.
    """

    def many(values: tuple[str, ...], choices: tuple[Choice, ...]) -> tuple[str, ...]:
        return tuple(resolve(item, choices) for value in values for item in split_list(value))

    return replace(
        answers,
        id=answers.id if answers.id is not None else derive_id(answers.title_en or ""),
        place=resolve(answers.place, context.places) if answers.place is not None else None,
        arrows=many(answers.arrows, context.arrows),
        technologies=many(answers.technologies, context.technologies),
        industries=many(answers.industries, context.industries),
        source=resolve(answers.source, context.sources) if answers.source is not None else None,
    )


def resolve(value: str, choices: tuple[Choice, ...]) -> str:
    """The id a name, alias or id stands for; the value itself when none or several match."""
    if any(c.id == value for c in choices):
        return value
    matches = [c.id for c in choices if value.strip().casefold() in c.names]
    return matches[0] if len(matches) == 1 else value


def derive_id(title: str) -> str:
    """A slug from an English title: 'Kouhu: smart fish farming' -> 'kouhu-smart-fish-farming'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    while len(slug) > MAX_ID:  # cut at a word, not inside one
        slug = slug.rsplit("-", 1)[0] if "-" in slug else slug[:MAX_ID]
    return slug


def _answered(answers: CaseAnswers, name: str) -> bool:
    value = getattr(answers, name)
    return value is not None and value != ()


def _resolve_or_raise(question: Question, value: str) -> str:
    resolved = resolve(value, question.choices)
    if resolved not in {c.id for c in question.choices}:
        raise AnswerError(f"'{value}' is not one of the choices listed above; type a name or id from the list")
    return resolved


def _check_new_id(value: str, context: ScaffoldContext) -> str:
    if not is_valid_id(value):
        raise AnswerError(f"'{value}' is not a valid id: use lower-case letters a-z, digits and hyphens")
    if value in context.collection.cases or (context.cases_dir / f"{value}.yml").exists():
        raise AnswerError(f"a case with id '{value}' already exists; choose another id")
    return value


# -- check and write ----------------------------------------------------------------------


@dataclass(frozen=True)
class ScaffoldResult:
    path: Path  # where the record is (or would have been) written
    display: str  # that path relative to the project root
    diagnostics: list[Diagnostic]
    written: bool


def create_case(
    context: ScaffoldContext, answers: CaseAnswers, today: dt.date, *, force: bool = False
) -> ScaffoldResult:
    """Resolve the answers, build the record, check it like `casebook validate`; write it only if clean."""
    resolved = resolve_answers(answers, context)
    refused = placeholder_id_problem(answers, resolved.id or "", context) or _refuse_id(
        resolved.id or "", context, force
    )
    answers = resolved
    if refused:
        return ScaffoldResult(context.cases_dir, refused[0].path, refused, written=False)
    target = context.cases_dir / f"{answers.id}.yml"
    display = display_path(target, context.project.root)
    text = case_yaml(answers, context, today)
    problems = check_case_text(text, target, context)
    if count_errors(problems):
        return ScaffoldResult(target, display, problems, written=False)
    write_atomically(target, text)
    return ScaffoldResult(target, display, problems, written=True)


def check_case_text(text: str, target: Path, context: ScaffoldContext) -> list[Diagnostic]:
    """The problems `casebook validate` would report because of this file, were it written to `target`.

    Besides the file's own problems these include new ones elsewhere, such as an
    exhibition that lists a published case which --force replaces with a draft.
    """
    source = SourceRef(display_path(target, context.project.root), target, "case")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # e.g. undecodable bytes on the command line
        return [
            Diagnostic(
                source.display,
                0,
                0,
                "not-utf8",
                f"an answer holds a character that is not valid text ({exc.object[exc.start]!r})",
                hint="type the answer again",
            )
        ]
    raw, problems = load_bytes(source, data)
    if raw is None:
        return problems
    record, problems = validate_record(raw)
    if record is None:
        # the references too, so a name that matches nothing gets the nearest ids
        references = check_references(raw, reference_entries(context.collection))
        unknown = {d.field for d in references}
        problems = [d for d in problems if not (d.code == "invalid-value" and d.field in unknown)]
        return [_with_choices_hint(d, context) for d in problems] + references
    config = context.project.config
    before = set(check_collection(context.collection, config))
    after = check_collection(_with_case(context.collection, raw, record), config)
    caused = [d for d in after if d.path == source.display or d not in before]
    return problems + caused + _placeholder_warning(raw, record)


def _with_choices_hint(diagnostic: Diagnostic, context: ScaffoldContext) -> Diagnostic:
    """An unknown name reaches the model as 'not a valid id'; say what would be valid."""
    choices = {
        "place": context.places,
        "arrows": context.arrows,
        "technologies": context.technologies,
        "industries": context.industries,
        "sources[0].source": context.sources,
    }
    field_name = re.sub(r"\[\d+\]$", "", diagnostic.field)
    if diagnostic.code != "invalid-value" or diagnostic.hint or field_name not in choices:
        return diagnostic
    ids = [c.id for c in choices[field_name]]
    if len(ids) > 12:  # the places: too many for one line
        return replace(diagnostic, hint="give a name, alias or id from content/places.yml")
    return replace(diagnostic, hint=f"give a name or id; the ids are: {', '.join(ids)}")


def _placeholder_warning(raw, record) -> list[Diagnostic]:
    """A published case goes on the site at once, with the placeholder story: say so."""
    if record.status != "published":
        return []
    line, col = raw.position(("story",), key=True)
    return [
        Diagnostic(
            raw.source.display,
            line,
            col,
            "placeholder-story",
            "the story is still the TODO placeholder and the case is published",
            field="story",
            hint="replace the story before this is merged, or use --status draft",
            severity="warning",
        )
    ]


# Ids that say nothing about a case: a title such as "TEST 萬巒" would give `test`.
PLACEHOLDER_IDS = {
    "test",
    "tests",
    "testing",
    "case",
    "new",
    "new-case",
    "example",
    "sample",
    "draft",
    "todo",
    "tmp",
    "temp",
    "untitled",
    "xxx",
    "abc",
    "foo",
    "demo",
}


def placeholder_id_problem(answers: CaseAnswers, derived: str, context: ScaffoldContext) -> list[Diagnostic]:
    """An id made from the English title that would name nothing: refused, with --id to choose one."""
    if answers.id is not None or (derived not in PLACEHOLDER_IDS and len(derived) >= 3):
        return []
    return [
        Diagnostic(
            display_path(context.cases_dir, context.project.root),
            0,
            0,
            "placeholder-id",
            f"the English title gives the id '{derived}', which does not say what the case is",
            field="id",
            hint="pass --id with the place and the topic, e.g. --id kouhu-smart-tilapia, "
            "or give the English title of the case",
        )
    ]


def _refuse_id(case_id: str, context: ScaffoldContext, force: bool) -> list[Diagnostic]:
    """An id that is not a slug, belongs to another case, or names a file that exists (without --force)."""
    root = context.project.root
    target = context.cases_dir / f"{case_id}.yml"

    def refusal(path: Path, code: str, message: str, hint: str) -> list[Diagnostic]:
        return [Diagnostic(display_path(path, root), 0, 0, code, message, field="id", hint=hint)]

    if not is_valid_id(case_id):
        return refusal(
            context.cases_dir,
            "invalid-value",
            f"'{case_id}' is not a valid id: use lower-case letters a-z, digits and hyphens",
            "pass --id, e.g. --id kouhu-smart-aquaculture",
        )
    owner = context.collection.raw.get(("case", case_id))
    if owner is not None and owner.source.path.resolve() != target.resolve():
        return refusal(
            owner.source.path,
            "duplicate-id",
            f"another case already has id '{case_id}'",
            f"it is {owner.source.display}; choose another --id",
        )
    if target.exists() and not force:
        return refusal(
            target, "file-exists", "the file already exists", "choose another --id, or pass --force to overwrite it"
        )
    return []


def _with_case(collection: Collection, raw, record) -> Collection:
    """A copy of the collection with the new record in place of whatever the target file held."""
    target = raw.source.path.resolve()
    kept = {key: r for key, r in collection.raw.items() if r.source.path.resolve() != target}
    cases = {key: case for key, case in collection.cases.items() if ("case", key) in kept}
    return replace(collection, raw={**kept, ("case", record.id): raw}, cases={**cases, record.id: record})
