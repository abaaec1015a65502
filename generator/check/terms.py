"""The termbase check: English that renders a term of content/glossary.yml differently.

Where a text's Chinese uses a term of the termbase and its translation uses
neither the term's rendering nor one of its `also` forms, `casebook validate`
warns at the translation and names what the termbase says. Longer terms are
matched first and taken out of both texts, so 地方創生會報 ("the Regional
Revitalization Board") is not also checked as 地方創生 ("regional
revitalisation"). Records, policy data and explainers are checked; the
termbase itself is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.errors import Diagnostic
from generator.load.explainers import DIRECTIVE, policy_figures
from generator.model.collection import Collection
from generator.model.fields import format_field_path, iter_localized
from generator.model.records import Glossary, GlossaryTerm

CODE = "term-rendering"
SKIPPED_KINDS = ("glossary", "places")  # the termbase itself; official place names


@dataclass(frozen=True)
class TermMiss:
    term: GlossaryTerm
    lang: str
    expected: str  # the term's rendering in `lang`


def forms(term: GlossaryTerm, lang: str) -> list[str]:
    """Every accepted form of the term in `lang`: its rendering first, then the `also` forms."""
    main = term.term.get(lang)
    return ([main] if main else []) + list(term.also.get(lang, []))


def term_misses(glossary: Glossary | None, texts: dict[str, str], source_lang: str) -> list[TermMiss]:
    """The terms `texts[source_lang]` uses that another language's text in `texts` renders differently."""
    if glossary is None or source_lang not in texts:
        return []
    source = texts[source_lang]
    others = {lang: text.casefold() for lang, text in texts.items() if lang != source_lang}
    misses = []
    for term in sorted(glossary.terms, key=lambda t: -max((len(f) for f in forms(t, source_lang)), default=0)):
        used = [form for form in forms(term, source_lang) if form in source]
        if not used:
            continue
        for form in used:
            source = source.replace(form, "\0")
        for lang, text in others.items():
            wanted = sorted(forms(term, lang), key=len, reverse=True)
            found = [w for w in wanted if w.casefold() in text]
            if wanted and not found:
                misses.append(TermMiss(term, lang, forms(term, lang)[0]))
            for w in found:
                text = text.replace(w.casefold(), "\0")
            others[lang] = text
    return misses


def check_terms(collection: Collection, source_lang: str) -> list[Diagnostic]:
    """A warning for every text whose translation renders a term differently from the termbase."""
    glossary = collection.glossary
    if glossary is None:
        return []
    problems = []
    for (kind, _id), raw in sorted(collection.raw.items()):
        record = _record(collection, kind, _id)
        if record is None or kind in SKIPPED_KINDS:
            continue
        for path, texts in iter_localized(record):
            for miss in term_misses(glossary, texts, source_lang):
                line, col = raw.position(path + (miss.lang,))
                problems.append(
                    _warning(raw.source.display, line, col, format_field_path(path + (miss.lang,)), miss, source_lang)
                )
    problems += _explainer_warnings(collection, glossary, source_lang)
    return problems


def _explainer_warnings(collection: Collection, glossary: Glossary, source_lang: str) -> list[Diagnostic]:
    problems = []
    for by_lang in collection.explainers.values():
        if source_lang not in by_lang:
            continue
        texts = {lang: _with_figure_units(collection, e.title + "\n" + e.body, lang) for lang, e in by_lang.items()}
        for miss in term_misses(glossary, texts, source_lang):
            problems.append(_warning(by_lang[miss.lang].path, 1, 1, "", miss, source_lang))
    return problems


def _with_figure_units(collection: Collection, text: str, lang: str) -> str:
    """The explainer's text with each {{figure:ID}} replaced by the figure's unit, as the page will read."""
    figures = policy_figures(collection.policy)

    def unit(match) -> str:
        kind, _, name = match["inner"].partition(":")
        figure = figures.get(name.strip()) if kind.strip() == "figure" else None
        return (figure.unit or {}).get(lang, "") if figure else " "

    return DIRECTIVE.sub(unit, text)


def _warning(path: str, line: int, col: int, field: str, miss: TermMiss, source_lang: str) -> Diagnostic:
    term = miss.term.term[source_lang]
    return Diagnostic(
        path,
        line,
        col,
        CODE,
        f"the text in '{source_lang}' uses {term}, which content/glossary.yml renders as "
        f"'{miss.expected}' in '{miss.lang}'; this translation does not use it",
        field=field,
        severity="warning",
        hint=f"write '{miss.expected}' here, or add the form you need under `also` of "
        f"'{miss.term.id}' in content/glossary.yml",
    )


def _record(collection: Collection, kind: str, record_id: str):
    table = {"case": collection.cases, "brand": collection.brands, "exhibition": collection.exhibitions}
    if kind in table:
        return table[kind].get(record_id)
    return getattr(collection, kind, None)
