"""`casebook new case --from-issue FILE`: the body of a "new case" issue form -> a case record.

People who cannot make a pull request fill in the bilingual issue form
`.github/ISSUE_TEMPLATE/new-case.yml`. GitHub writes the submission into the
issue body as Markdown: one `### <label>` heading per field, `_No response_`
for an empty answer, `- [X] <option>` for a ticked checkbox. This module
reads that body into the same answers `casebook new case` uses
(scaffold.CaseAnswers) plus what only the form asks (the story, where in the
source, what the case is looking for), and writes a draft record that passes
`casebook validate`, or says which answers are missing or invalid.

Answers are only ever data: they go into the record through PyYAML's emitter
(see issue_form_yaml), never into a template, a shell or an eval. Markdown in
the story is sanitised at build time like all Markdown.

FIELDS must match the form; tests/unit/test_issue_form.py reads the form and
checks that every field id, label and option is handled here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.authoring.answers import MAX_ID, CaseAnswers, Choice, ScaffoldContext, is_valid_id
from generator.authoring.issue_form_yaml import IssueRecord, record_yaml
from generator.authoring.scaffold import (
    check_case_text,
    derive_id,
    missing_answers,
    resolve,
    resolve_answers,
)
from generator.core.atomic import write_atomically
from generator.core.errors import Diagnostic, count_errors
from generator.model.raw import display_path
from generator.model.records import MAX_LONG_TEXT, MAX_SHORT_TEXT

FORM_FILE = ".github/ISSUE_TEMPLATE/new-case.yml"
NO_RESPONSE = "_No response_"
MAX_BODY = 256 * 1024  # GitHub caps an issue body at 65,536 characters; a file may be anything
MAX_PAGE = 40  # models.Citation.page


@dataclass(frozen=True)
class FormField:
    id: str  # the field's id in the form
    label: str  # its label: GitHub writes it as the `### ` heading in the issue body
    kind: str  # input | textarea | dropdown | checkboxes
    required: bool = False
    limit: int = MAX_SHORT_TEXT


# In the order of the form, which is also the order of the headings in the body.
FIELDS: tuple[FormField, ...] = (
    FormField("title_zh", "標題（正體中文）/ Title in Chinese", "input", required=True),
    FormField("title_en", "標題（英文）/ Title in English", "input", required=True),
    FormField("id", "代號（選填）/ Id (optional)", "input", limit=MAX_ID),
    FormField("summary_zh", "摘要（正體中文）/ Summary in Chinese", "textarea", required=True),
    FormField("summary_en", "摘要（英文）/ Summary in English", "textarea", required=True),
    FormField("story_zh", "案例故事（正體中文）/ Story in Chinese", "textarea", required=True, limit=MAX_LONG_TEXT),
    FormField("story_en", "案例故事（英文，選填）/ Story in English (optional)", "textarea", limit=MAX_LONG_TEXT),
    FormField("place", "地點 / Place", "input", required=True),
    FormField("arrows", "五支箭 / The five arrows", "checkboxes", required=True),
    FormField("technologies", "科技（選填）/ Technologies (optional)", "checkboxes"),
    FormField("industries", "產業（選填）/ Industries (optional)", "checkboxes"),
    FormField("source", "出處 / Source", "dropdown", required=True),
    FormField("section_zh", "出處的章節（正體中文）/ Section of the source, in Chinese", "input"),
    FormField("section_en", "出處的章節（英文）/ Section of the source, in English", "input"),
    FormField("page", "頁碼（選填）/ Page (optional)", "input", limit=MAX_PAGE),
    FormField("looking_for_kind", "正在尋找（選填）/ Looking for (optional)", "dropdown"),
    FormField("looking_for_zh", "需求說明（正體中文）/ What is needed, in Chinese", "textarea"),
    FormField("looking_for_en", "需求說明（英文）/ What is needed, in English", "textarea"),
    FormField(
        "notes",
        "給審稿人的備註（選填，不會寫入紀錄）/ Notes for the reviewers (optional, not put in the record)",
        "textarea",
        limit=MAX_LONG_TEXT,
    ),
    FormField("confirm", "確認 / Confirmation", "checkboxes", required=True),
)
FIELD_BY_ID = {f.id: f for f in FIELDS}

# Options of the `looking_for_kind` dropdown -> models.NeedKind ("" for none).
NEED_KINDS = {
    "無 / Nothing": "",
    "投資 / Investment": "investment",
    "人才 / Talent": "talent",
    "合作夥伴 / Partners": "partners",
}
# The dropdown's last source option: a publication that content/sources.yml does not list yet.
OTHER_SOURCE = "其他（請在備註中說明）/ Other (say which in the notes)"
CONFIRMATION = "每一項事實都出自上面的出處 / Every fact comes from the source above"

# A scaffolder question (scaffold.Question.field) -> the form field that answers it, where they differ.
# The id is made from the English title, so an English title that makes no id is reported there.
_QUESTION_FIELDS = {"id": "title_en"}


@dataclass(frozen=True)
class Problem:
    """One missing or invalid answer, shown to the person who filled in the form."""

    kind: str  # missing | invalid
    field: str  # a FormField id, or "" for the record as a whole
    message: str = ""

    def text(self) -> str:
        label = FIELD_BY_ID[self.field].label if self.field else "紀錄 / Record"
        return f"{self.kind}: {label}" + (f": {self.message}" if self.message else "")


@dataclass(frozen=True)
class IssueResult:
    problems: list[Problem]
    diagnostics: list[Diagnostic]  # warnings of the written record, for the log
    display: str = ""  # the written file, relative to the project root
    written: bool = False


# -- the body -----------------------------------------------------------------------------


def parse_body(body: str) -> dict[str, str | None]:
    """Field id -> the answer as written (None for no answer or no heading).

    GitHub writes each label once, in the form's order, but an answer may hold
    a `### ` line that copies a label. So the headings are chosen from the end:
    each field's heading is the last copy of its label before the next field's.
    A copied label inside an answer then stays part of that answer.
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    at: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if line.startswith("### "):
            at.setdefault(line[4:].strip(), []).append(number)
    starts: dict[str, int] = {}
    limit = len(lines)
    for field in reversed(FIELDS):
        earlier = [number for number in at.get(field.label, []) if number < limit]
        if earlier:
            starts[field.id] = limit = earlier[-1]
    ends = dict(zip(sorted(starts, key=starts.get), sorted(starts.values())[1:] + [len(lines)]))
    return {f.id: _answer("\n".join(lines[starts[f.id] + 1 : ends[f.id]])) if f.id in starts else None for f in FIELDS}


def _answer(text: str) -> str | None:
    text = text.strip("\n").rstrip()
    return None if not text.strip() or text.strip() == NO_RESPONSE else text


def ticked(text: str | None) -> list[str]:
    """The options ticked in a checkboxes answer (`- [X] option`)."""
    return re.findall(r"^\s*[-*] \[[xX]\] (.+?)\s*$", text or "", flags=re.MULTILINE)


# -- answers --------------------------------------------------------------------------------


def issue_record(fields: dict[str, str | None], context: ScaffoldContext) -> tuple[IssueRecord, list[Problem]]:
    """The parsed body -> the record's answers, and every answer that is missing or cannot be used."""
    problems = _too_long(fields) + _missing_fields(fields)
    single = {
        name: _one_line(fields[name])
        for name in ("title_zh", "title_en", "id", "place", "section_zh", "section_en", "page")
    }
    arrows, arrow_problems = _choices("arrows", ticked(fields["arrows"]), context.arrows)
    technologies, tech_problems = _choices("technologies", ticked(fields["technologies"]), context.technologies)
    industries, industry_problems = _choices("industries", ticked(fields["industries"]), context.industries)
    source, source_problems = _source(fields["source"], context)
    place, place_problems = _place(single["place"], context)
    need_kind, need_problems = _need(fields)
    problems += arrow_problems + tech_problems + industry_problems + source_problems + place_problems + need_problems
    answers = CaseAnswers(
        id=single["id"],
        title_zh=single["title_zh"],
        title_en=single["title_en"],
        summary_zh=_one_line(fields["summary_zh"]),
        summary_en=_one_line(fields["summary_en"]),
        place=place,
        arrows=arrows,
        technologies=technologies,
        industries=industries,
        source=source,
        status="draft",
    )
    problems += _id_problems(answers, context)
    record = IssueRecord(
        answers,
        story={"zh-TW": fields["story_zh"], "en": fields["story_en"]},
        section={"zh-TW": single["section_zh"], "en": single["section_en"]},
        page=single["page"],
        need_kind=need_kind,
        need={"zh-TW": _one_line(fields["looking_for_zh"]), "en": _one_line(fields["looking_for_en"])},
    )
    return record, problems + _scaffold_missing(answers, context, problems)


def _one_line(text: str | None) -> str | None:
    """Short text (titles, summaries, sections) on one line: a form's textarea may hold line breaks."""
    return " ".join(text.split()) if text is not None else None


def _too_long(fields: dict[str, str | None]) -> list[Problem]:
    return [
        Problem("invalid", f.id, f"longer than {f.limit} characters ({len(fields[f.id])})")
        for f in FIELDS
        if f.kind in ("input", "textarea") and fields[f.id] is not None and len(fields[f.id]) > f.limit
    ]


def _missing_fields(fields: dict[str, str | None]) -> list[Problem]:
    problems = [
        Problem("missing", f.id) for f in FIELDS if f.required and f.kind != "checkboxes" and fields[f.id] is None
    ]
    if not ticked(fields["arrows"]):
        problems.append(Problem("missing", "arrows", "tick at least one arrow"))
    if CONFIRMATION not in ticked(fields["confirm"]):
        problems.append(Problem("missing", "confirm", f"tick “{CONFIRMATION}”"))
    if not any(fields[name] for name in ("section_zh", "section_en", "page")):
        problems.append(Problem("missing", "section_zh", "give the section (or the page) where the source says it"))
    return problems


def _choices(field: str, options: list[str], choices: tuple[Choice, ...]) -> tuple[tuple[str, ...], list[Problem]]:
    ids, problems = [], []
    for option in options:
        found = resolve_option(option, choices)
        if found is None:
            problems.append(Problem("invalid", field, f"“{_shown(option)}” is not in content/taxonomy.yml"))
        elif found not in ids:
            ids.append(found)
    return tuple(ids), problems


def resolve_option(option: str, choices: tuple[Choice, ...]) -> str | None:
    """The id an option of the form stands for: its `id` in backticks, or any of its ' / '-separated names."""
    candidates = re.findall(r"`([^`]+)`", option)
    plain = re.sub(r"\s*\(`[^`]*`\)\s*$", "", option)
    candidates += [plain, *(part.strip() for part in plain.split(" / "))]
    ids = {c.id for c in choices}
    return next((found for name in candidates if (found := resolve(name, choices)) in ids), None)


def _source(answer: str | None, context: ScaffoldContext) -> tuple[str | None, list[Problem]]:
    if answer is None:
        return None, []
    if answer.strip() == OTHER_SOURCE:
        return None, [
            Problem(
                "invalid",
                "source",
                "the publication is not in content/sources.yml yet; a maintainer "
                "adds it first, then labels the issue again",
            )
        ]
    found = resolve_option(answer, context.sources)
    if found is None:
        return None, [Problem("invalid", "source", f"“{_shown(answer)}” is not in content/sources.yml")]
    return found, []


def _place(answer: str | None, context: ScaffoldContext) -> tuple[str | None, list[Problem]]:
    """A county or township by id, name or alias; '雲林縣口湖鄉' (county, then township) is understood too."""
    if answer is None:
        return None, []
    ids = {c.id for c in context.places}
    found = resolve(answer, context.places)
    if found not in ids:
        found = _place_after_county(answer, context)
    if found is None:
        return None, [
            Problem(
                "invalid",
                "place",
                f"“{_shown(answer)}” is not a county or township in "
                "content/places.yml; write its name, e.g. 口湖鄉 or Kouhu Township",
            )
        ]
    return found, []


def _place_after_county(answer: str, context: ScaffoldContext) -> str | None:
    ids = {c.id for c in context.places}
    for place in context.places:
        for name in sorted(place.names, key=len, reverse=True):
            if len(name) > 1 and answer.casefold().startswith(name):
                rest = answer[len(name) :].strip(" ,，、")
                if rest and (found := resolve(rest, context.places)) in ids:
                    return found
    return None


def _need(fields: dict[str, str | None]) -> tuple[str | None, list[Problem]]:
    answer = (fields["looking_for_kind"] or "").strip()
    kind = NEED_KINDS.get(answer) if answer else ""
    text = fields["looking_for_zh"] or fields["looking_for_en"]
    if kind is None:
        return None, [Problem("invalid", "looking_for_kind", f"“{_shown(answer)}” is not one of the choices")]
    if kind and not fields["looking_for_zh"]:
        return kind, [Problem("missing", "looking_for_zh", "say what is needed")]
    if not kind and text:
        return None, [Problem("missing", "looking_for_kind", "choose what kind of help is needed")]
    return kind or None, []


def _id_problems(answers: CaseAnswers, context: ScaffoldContext) -> list[Problem]:
    case_id = answers.id if answers.id is not None else derive_id(answers.title_en or "")
    if not case_id:
        return []  # reported as a missing English title
    if not is_valid_id(case_id):
        return [
            Problem(
                "invalid",
                "id",
                f"“{_shown(case_id)}” is not a valid id: use lower-case letters a-z, digits and hyphens",
            )
        ]
    if (
        case_id in context.collection.cases
        or ("case", case_id) in context.collection.invalid_ids
        or (context.cases_dir / f"{case_id}.yml").exists()
    ):
        return [
            Problem(
                "invalid",
                "id" if answers.id else "title_en",
                f"a case with id “{case_id}” already exists; give another id",
            )
        ]
    return []


def _scaffold_missing(answers: CaseAnswers, context: ScaffoldContext, known: list[Problem]) -> list[Problem]:
    """What `casebook new case` itself would still ask for, unless already reported."""
    reported = {p.field for p in known}
    found = []
    for question in missing_answers(answers, context):
        field = _QUESTION_FIELDS.get(question.field, question.field)
        if field not in reported:
            found.append(Problem("missing", field))
            reported.add(field)
    return found


def _shown(text: str, limit: int = 60) -> str:
    """An answer quoted in a message: one line, short, so a comment quoting it stays readable."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# -- the record -------------------------------------------------------------------------------


def create_from_issue(context: ScaffoldContext, body: str, today: dt.date, *, force: bool = False) -> IssueResult:
    """Parse the issue body, write content/cases/<id>.yml if every answer is usable and it validates."""
    if len(body) > MAX_BODY:
        return IssueResult([Problem("invalid", "", f"the issue body is over {MAX_BODY // 1024} KiB")], [])
    record, problems = issue_record(parse_body(body), context)
    if force:  # --force overwrites a case of the same id, as `casebook new case --force` does
        problems = [p for p in problems if not p.message.startswith("a case with id")]
    if problems:
        return IssueResult(_unique(problems), [])
    record = replace(record, answers=resolve_answers(record.answers, context))
    target = context.cases_dir / f"{record.answers.id}.yml"
    text = record_yaml(record, context, today)
    diagnostics = check_case_text(text, target, context)
    if count_errors(diagnostics):
        return IssueResult(_unique(problems_from_diagnostics(diagnostics)), diagnostics)
    write_atomically(target, text)
    return IssueResult([], diagnostics, display_path(target, context.project.root), written=True)


# field path of a diagnostic (generator.model.fields.format_field_path) -> form field
_DIAGNOSTIC_FIELDS = (
    (r"^id$", "id"),
    (r"^title\.zh-TW$", "title_zh"),
    (r"^title\.en$", "title_en"),
    (r"^title$", "title_zh"),
    (r"^summary\.zh-TW$", "summary_zh"),
    (r"^summary\.en$", "summary_en"),
    (r"^summary$", "summary_zh"),
    (r"^story\.en$", "story_en"),
    (r"^story", "story_zh"),
    (r"^place$", "place"),
    (r"^arrows", "arrows"),
    (r"^technologies", "technologies"),
    (r"^industries", "industries"),
    (r"^looking_for\[\d+\]\.text\.en$", "looking_for_en"),
    (r"^looking_for\[\d+\]\.kind", "looking_for_kind"),
    (r"^looking_for", "looking_for_zh"),
    (r"^sources\[\d+\]\.section\.en$", "section_en"),
    (r"^sources\[\d+\]\.section", "section_zh"),
    (r"^sources\[\d+\]\.page", "page"),
    (r"^sources", "source"),
)


def problems_from_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Problem]:
    """The validator's errors about the would-be record, as problems with the answers they come from."""
    problems = []
    for diagnostic in diagnostics:
        if diagnostic.severity != "error":
            continue
        field = next((name for pattern, name in _DIAGNOSTIC_FIELDS if re.search(pattern, diagnostic.field)), "")
        hint = f" ({diagnostic.hint})" if diagnostic.hint else ""
        problems.append(Problem("invalid", field, f"{diagnostic.message}{hint}"))
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    """In form order, each once."""
    order = {f.id: i for i, f in enumerate(FIELDS)}
    seen = dict.fromkeys(problems)
    return sorted(seen, key=lambda p: (order.get(p.field, -1), p.kind != "missing"))
