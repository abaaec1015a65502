"""What printed matter needs from the records, checked before anything is drawn.

check/records.py already makes every published record complete in every
site language. A draft (a draft exhibition may list draft cases) can lack a
language, and places and taxonomy labels are shared data. A poster or a
catalogue page in a language needs its texts in that language: a missing one
is an error at the record's file:line:col, never a fallback printed silently.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.core.errors import Diagnostic
from generator.exhibit.plan import ExhibitPlan
from generator.model.collection import Collection
from generator.model.fields import format_field_path
from generator.model.raw import RawRecord

NEEDS_TEXT = "print-needs-text"


def check_plan(collection: Collection, plan: ExhibitPlan, names: dict[str, str]) -> list[Diagnostic]:
    """Every text the kit would print but a record lacks, and drafts whose QR code leads nowhere yet."""
    problems: list[Diagnostic] = []
    for lang in plan.languages:
        for case in plan.cases:
            raw = collection.raw[("case", case.id)]
            texts = [(("title",), case.title), (("summary",), case.summary), (("story",), case.story)]
            texts += [(("outcomes", i, "text"), o.text) for i, o in enumerate(case.outcomes)]
            texts += [(("looking_for", i, "text"), n.text) for i, n in enumerate(case.looking_for)]
            problems += _missing(raw, texts, lang, names, f"case '{case.id}'")
            problems += _place_names(collection, case.place, lang, names)
            problems += _arrow_labels(collection, lang, names)
        for brand in plan.brands:
            raw = collection.raw[("brand", brand.id)]
            problems += _missing(
                raw, [(("name",), brand.name), (("story",), brand.story)], lang, names, f"brand '{brand.id}'"
            )
    problems += _drafts(collection, plan)
    return sorted(set(problems))


def _missing(
    raw: RawRecord, texts: Iterable[tuple[tuple, dict]], lang: str, names: dict[str, str], what: str
) -> list[Diagnostic]:
    problems = []
    for path, text in texts:
        if lang in text:
            continue
        line, col = raw.position(path)
        problems.append(
            Diagnostic(
                raw.source.display,
                line,
                col,
                NEEDS_TEXT,
                f"no text in '{lang}', which the exhibition kit prints {what} in",
                field=format_field_path(path),
                hint=f"add `{lang}:` here, or leave {names.get(lang, lang)} out with --languages",
            )
        )
    return problems


def _place_names(collection: Collection, place_id: str, lang: str, names: dict[str, str]) -> list[Diagnostic]:
    raw = collection.raw.get(("places", "places"))
    if raw is None or collection.places is None:
        return []
    for c, county in enumerate(collection.places.counties):
        if county.id == place_id:
            return _missing(raw, [(("counties", c, "name"), county.name)], lang, names, f"place '{place_id}'")
        for t, township in enumerate(county.townships):
            if township.id == place_id:
                texts = [
                    (("counties", c, "name"), county.name),
                    (("counties", c, "townships", t, "name"), township.name),
                ]
                return _missing(raw, texts, lang, names, f"place '{place_id}'")
    return []


def _arrow_labels(collection: Collection, lang: str, names: dict[str, str]) -> list[Diagnostic]:
    raw = collection.raw.get(("taxonomy", "taxonomy"))
    if raw is None or collection.taxonomy is None:
        return []
    # Every poster shows all five arrows, the case's own highlighted.
    texts = [(("arrows", i, "label"), arrow.label) for i, arrow in enumerate(collection.taxonomy.arrows)]
    return _missing(raw, texts, lang, names, "every poster's five arrows")


def _drafts(collection: Collection, plan: ExhibitPlan) -> list[Diagnostic]:
    problems = []
    exhibition_raw = collection.raw[("exhibition", plan.exhibition.id)]
    for case in plan.cases:
        if case.status != "draft":
            continue
        chosen = plan.exhibition.kit.cases
        index = chosen.index(case.id) if case.id in chosen else None
        line, col = exhibition_raw.position(("kit", "cases", index) if index is not None else ("kit", "cases"))
        problems.append(
            Diagnostic(
                exhibition_raw.source.display,
                line,
                col,
                "draft-case",
                f"case '{case.id}' is a draft: its page is not on the site, so its QR code leads nowhere "
                "until the case is published",
                field="kit.cases",
                severity="warning",
                hint="publish the case before the posters are printed",
            )
        )
    return problems
