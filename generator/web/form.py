"""The kit builder's forms -> what the rest of casebook takes: option values, a planned exhibition.

The kit form's fields are the kit's options (generator/exhibit/options.py), so
the page offers what `casebook exhibit` does. Every id that comes back is
checked against the records; nothing in a form names a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs

from generator.authoring.exhibition import PlannedExhibition
from generator.authoring.scaffold import derive_id
from generator.exhibit.options import OPTIONS, defaults
from generator.exhibit.plan import POSTER_PAPERS
from generator.model.collection import Collection

# The page always makes the zip (staff download it); the brand sheets follow the cases unless chosen.
BRANDS_OF_CASES = "of-cases"


@dataclass(frozen=True)
class Problem:
    """One line for the page: a key of theme/strings and what it names."""

    key: str
    value: str = ""


@dataclass
class KitChoices:
    values: dict[str, object] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def parse_body(body: bytes) -> dict[str, list[str]]:
    """application/x-www-form-urlencoded -> field -> values (blank ones kept: an empty site address means the default)."""
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=1000)


def kit_choices(form: dict[str, list[str]], collection: Collection, languages: tuple[str, ...]) -> KitChoices:
    """The option values the form gives; unknown ids, choices or numbers are problems, not values."""
    known_ids = {"cases": set(collection.cases), "brands": set(collection.brands), "languages": set(languages)}
    choices = KitChoices(values=defaults())
    for option in OPTIONS:
        if not option.on_page:
            continue
        given = form.get(option.name, [])
        if option.kind == "ids":
            choices.values[option.name] = _ids(option.name, given, known_ids[option.name], choices.problems)
        elif option.kind in ("flag", "toggle"):
            choices.values[option.name] = bool(given) and given[0] == "on"
        elif option.kind == "choice":
            value = given[0] if given else ""
            if value not in option.choices:
                choices.problems.append(Problem(f"kit.problem.{option.name}", value))
                value = option.default
            choices.values[option.name] = value
        elif option.kind == "seconds":
            choices.values[option.name] = _seconds(given, option.default, choices.problems)
        else:  # text
            choices.values[option.name] = given[0].strip() if given else ""
    if form.get("brands_mode", [BRANDS_OF_CASES])[0] == BRANDS_OF_CASES:
        choices.values["brands"] = None
    if not choices.values["cases"]:
        choices.problems.append(Problem("kit.problem.no_cases"))
    if not choices.values["languages"]:
        choices.problems.append(Problem("kit.problem.no_languages"))
    return choices


def planned_exhibition(
    form: dict[str, list[str]], collection: Collection, languages: tuple[str, ...]
) -> tuple[PlannedExhibition | None, list[Problem]]:
    """The new-exhibition form -> what authoring writes; the record's own checks come after."""
    problems: list[Problem] = []

    def one(name: str) -> str:
        values = form.get(name, [""])
        return values[0].strip() if values else ""

    paper = one("paper")
    if paper not in POSTER_PAPERS:
        problems.append(Problem("kit.problem.paper", paper))
    planned = PlannedExhibition(
        id=one("id") or exhibition_id(one("name.en"), one("start")),
        name={lang: one(f"name.{lang}") for lang in languages},
        venue={lang: one(f"venue.{lang}") for lang in languages},
        start=one("start"),
        end=one("end"),
        languages=_ids("languages", form.get("languages", []), set(languages), problems),
        paper=paper,
        cases=_ids("cases", form.get("cases", []), set(collection.cases), problems),
    )
    return (None if problems else planned), problems


def exhibition_id(english_name: str, start: str) -> str:
    """An id when staff leave it empty: the English name and the year, 'Tainan fair', '2027-03' -> 'tainan-fair-2027'."""
    slug = derive_id(english_name)
    year = start[:4] if start[:4].isdigit() else ""
    return "-".join(part for part in (slug, year if year not in slug else "") if part)


def _ids(name: str, given: list[str], known: set[str], problems: list[Problem]) -> tuple[str, ...]:
    for value in given:
        if value not in known:
            problems.append(Problem(f"kit.problem.unknown_{name}", value))
    return tuple(dict.fromkeys(value for value in given if value in known))


def _seconds(given: list[str], default, problems: list[Problem]) -> int:
    text = given[0].strip() if given else ""
    if not text:
        return default
    if not text.isdigit():
        problems.append(Problem("kit.problem.kiosk_idle", text))
        return default
    return int(text)
