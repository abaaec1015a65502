"""Rules across records: unique ids, references between records, languages and citations."""

from __future__ import annotations

from pydantic import BaseModel

from generator.check.references import check_references, reference_entries
from generator.core.errors import Diagnostic, did_you_mean
from generator.core.memo import NO_MEMO, Memo
from generator.model.collection import Collection
from generator.model.fields import format_field_path, iter_localized
from generator.model.raw import FieldPath, RawRecord
from generator.model.records import (
    Case,
    Exhibition,
)
from generator.model.settings import SiteConfig


def check_collection(collection: Collection, config: SiteConfig, memo: Memo = NO_MEMO) -> list[Diagnostic]:
    """Checks across records. `memo` (under `mkdocs serve`) gives back last build's
    problems of each unchanged record in its languages and citations."""
    checker = _CollectionChecker(collection, config, memo)
    checker.run()
    return checker.diagnostics


class _CollectionChecker:
    def __init__(self, collection: Collection, config: SiteConfig, memo: Memo = NO_MEMO):
        self.collection = collection
        self.config = config
        self.memo = memo
        self.diagnostics: list[Diagnostic] = []
        self.entries = reference_entries(collection)

    def run(self) -> None:
        for (kind, record_id), raw in sorted(self.collection.raw.items()):
            record = self._record(kind, record_id)
            if record is None:
                continue
            inputs = (
                record,
                raw,
                tuple(self.config.language_codes),
                self.collection.sources,
                self.collection.places,
                self.collection.taxonomy,
            )
            self.diagnostics += self.memo.check(
                ("record checks", kind, record_id), inputs, lambda: self._check_record(record, raw)
            )
        for case in self.collection.cases.values():
            self._check_case(case)
        for exhibition in self.collection.exhibitions.values():
            self._check_exhibition(exhibition)
        self._check_unique_term_ids()

    def _check_record(self, record: BaseModel, raw: RawRecord) -> list[Diagnostic]:
        """Checks of one record alone, against the site's languages and sources; returns what they found."""
        found = len(self.diagnostics)
        self._check_languages(record, raw)
        self.diagnostics += check_references(raw, self.entries)
        problems = self.diagnostics[found:]
        del self.diagnostics[found:]
        return problems

    # record lookup
    def _record(self, kind: str, record_id: str) -> BaseModel | None:
        table = {
            "case": self.collection.cases,
            "brand": self.collection.brands,
            "exhibition": self.collection.exhibitions,
        }
        if kind in table:
            return table[kind].get(record_id)
        return getattr(self.collection, {"sources": "sources"}.get(kind, kind), None)

    def _raw(self, kind: str, record_id: str) -> RawRecord:
        return self.collection.raw[(kind, record_id)]

    def _error(
        self, raw: RawRecord, path: FieldPath, code: str, message: str, hint: str = "", *, key: bool = False
    ) -> None:
        line, col = raw.position(path, key=key)
        self.diagnostics.append(
            Diagnostic(raw.source.display, line, col, code, message, field=format_field_path(path), hint=hint)
        )

    # languages
    def _check_languages(self, record: BaseModel, raw: RawRecord) -> None:
        languages = self.config.language_codes
        published = getattr(record, "status", "published") == "published"
        present: set[str] = set()
        for path, text in iter_localized(record):
            present.update(text)
            for lang in text:
                if lang not in languages:
                    self._error(
                        raw,
                        path + (lang,),
                        "unknown-language",
                        f"'{lang}' is not a language of this site ({', '.join(languages)})",
                        did_you_mean(lang, languages),
                        key=True,
                    )
            if published:
                for lang in languages:
                    if lang not in text:
                        self._error(
                            raw,
                            path,
                            "missing-translation",
                            f"no text in '{lang}'",
                            f"add `{lang}:` here, or set `status: draft` until it is translated",
                        )
        self._check_translation_status(record, raw, present, published)

    def _check_translation_status(self, record: BaseModel, raw: RawRecord, present: set[str], published: bool) -> None:
        statuses = getattr(record, "translations", None)
        if statuses is None:
            return
        languages = self.config.language_codes
        for lang in statuses:
            if lang not in languages:
                self._error(
                    raw,
                    ("translations", lang),
                    "unknown-language",
                    f"'{lang}' is not a language of this site ({', '.join(languages)})",
                    did_you_mean(lang, languages),
                    key=True,
                )
        needed = set(languages[1:]) if published else present & set(languages[1:])
        for lang in sorted(needed - set(statuses)):
            self._error(
                raw,
                ("translations",),
                "missing-translation-status",
                f"no review status for '{lang}'",
                f"add `{lang}: {{reviewed: false}}` under translations (true once a person checked it)",
                key=True,
            )

    # references
    def _check_case(self, case: Case) -> None:
        raw = self._raw("case", case.id)
        if case.brand is not None:
            self._check_reference(raw, ("brand",), case.brand, self.collection.brands, "brand", case.status)
        for index, other in enumerate(case.related):
            if other == case.id:
                self._error(raw, ("related", index), "self-reference", "a case cannot be related to itself")
            else:
                self._check_reference(raw, ("related", index), other, self.collection.cases, "case", case.status)

    def _check_exhibition(self, exhibition: Exhibition) -> None:
        raw = self._raw("exhibition", exhibition.id)
        for index, case_id in enumerate(exhibition.kit.cases):
            self._check_reference(
                raw, ("kit", "cases", index), case_id, self.collection.cases, "case", exhibition.status
            )
        for index, lang in enumerate(exhibition.kit.languages):
            if lang not in self.config.language_codes:
                self._error(
                    raw,
                    ("kit", "languages", index),
                    "unknown-language",
                    f"'{lang}' is not a language of this site",
                    did_you_mean(lang, self.config.language_codes),
                )
        self._check_copied_citations(exhibition, raw)

    def _check_copied_citations(self, exhibition: Exhibition, raw: RawRecord) -> None:
        """A record copied from another whose dates or place were changed but whose citations were not."""
        if not exhibition.sources:
            return
        cited = [c.model_dump() for c in exhibition.sources]
        for other in self.collection.exhibitions.values():
            if other.id == exhibition.id or [c.model_dump() for c in other.sources] != cited:
                continue
            changed = [name for name in ("start", "end", "venue") if getattr(other, name) != getattr(exhibition, name)]
            # One sentence may report two exhibitions (the NDC's outlook reports Taipei and
            # Tokyo together): a record with facts of its own beside the same citation
            # (purpose, organiser, captions) was written, not copied.
            own_facts = [
                name
                for name in ("purpose", "organiser", "source_captions")
                if getattr(other, name) != getattr(exhibition, name)
            ]
            if changed and not own_facts:
                line, col = raw.position(("sources",), key=True)
                self.diagnostics.append(
                    Diagnostic(
                        raw.source.display,
                        line,
                        col,
                        "copied-citation",
                        f"cites exactly what exhibition '{other.id}' cites, but its {' and '.join(changed)} differ: "
                        "a source reports one exhibition",
                        field="sources",
                        severity="warning",
                        hint="cite the publication that reports this exhibition, or set `status: planned` and "
                        "remove the copied sources until one does",
                    )
                )
                return

    def _check_reference(
        self, raw: RawRecord, path: FieldPath, target: str, table: dict, kind: str, status: str
    ) -> None:
        if (kind, target) in self.collection.invalid_ids:
            return
        if target not in table:
            self._error(
                raw,
                path,
                f"unknown-{kind}",
                f"no {kind} '{target}' in content/{kind}s/",
                did_you_mean(target, sorted(table)),
            )
        elif status == "published" and table[target].status != "published":
            self._error(
                raw,
                path,
                "draft-reference",
                f"{kind} '{target}' is a draft, so it has no page to link to",
                f"publish {kind} '{target}' first, or remove the reference",
            )

    def _check_unique_term_ids(self) -> None:
        """Ids inside the single-file records (places, taxonomy, sources) must be unique."""
        lists: list[tuple[str, FieldPath, list]] = []
        if self.collection.places:
            lists.append(("places", ("counties",), self.collection.places.counties))
            for i, county in enumerate(self.collection.places.counties):
                lists.append(("places", ("counties", i, "townships"), county.townships))
        if self.collection.taxonomy:
            for name in ("arrows", "technologies", "industries"):
                lists.append(("taxonomy", (name,), getattr(self.collection.taxonomy, name)))
        if self.collection.sources:
            lists.append(("sources", ("sources",), self.collection.sources.sources))
        seen: dict[str, dict[str, FieldPath]] = {}
        for kind, path, items in lists:
            raw = self.collection.raw[(kind, kind)]
            namespace = seen.setdefault(kind, {})
            for index, item in enumerate(items):
                item_path = path + (index, "id")
                if item.id in namespace:
                    first = raw.position(namespace[item.id])[0]
                    self._error(
                        raw,
                        item_path,
                        "duplicate-id",
                        f"id '{item.id}' is used twice",
                        f"it is first used on line {first}; ids must be unique",
                    )
                else:
                    namespace[item.id] = item_path
