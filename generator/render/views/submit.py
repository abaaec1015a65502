"""The "Submit a case" page: a form that writes the file `casebook new case` would write.

Everything the form offers comes from what the build already has: the case
model's JSON Schema (generator/model/schema.py, the file `casebook schema`
writes) for its limits and for the browser's validator (ajv, vendored in
theme/assets/javascripts/vendor/), and the reference records for its choices
(every county and township of places.yml, the arrows, technologies and
industries of taxonomy.yml, the sources). The page's scripts
(theme/assets/javascripts/submit-yaml.js, submit-form.js) turn the answers
into the scaffold's text; a browser test compares the two byte for byte.

Without JavaScript the form stays hidden and the page links to the issue form
and CONTRIBUTING.md instead. The kiosk leaves the page out (exhibit/kiosk.py).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markupsafe import Markup

from generator.core.fill import fill
from generator.core.json_text import inert_json
from generator.model.raw import KIND_FOLDERS
from generator.model.records import LocalizedText
from generator.model.schema import SCHEMA_DIR, render_schemas, schema_filename
from generator.render.chrome import NEW_CASE_FORM, repo_form_url
from generator.render.urls import SUBMIT_PATH
from generator.render.views.base import Page, ViewContext

SCRIPTS = (
    "assets/javascripts/vendor/ajv2020.min.js",
    "assets/javascripts/submit-yaml.js",
    "assets/javascripts/submit-form.js",
)
# GitHub's servers refuse a request whose address is longer than about 8 KB
# (they answer "URL too long"); past this the page offers copy and download.
MAX_EDITOR_URL = 8000
# The texts the form asks for: (form field, schema property, language).
TEXT_FIELDS = (
    ("title_zh", "title", "zh-TW"),
    ("title_en", "title", "en"),
    ("summary_zh", "summary", "zh-TW"),
    ("summary_en", "summary", "en"),
)
# Messages the script shows, per page language: theme/strings/*.yml under submit.error.* and submit.out.*.
SCRIPT_MESSAGES = (
    "error.required",
    "error.too_long",
    "error.id_pattern",
    "error.id_taken",
    "error.arrows_min",
    "error.too_many",
    "error.control",
    "error.choice",
    "error.summary",
    "error.separator",
    "out.copied",
    "out.copy_failed",
    "out.too_long",
)


@dataclass(frozen=True)
class Choice:
    id: str
    label: str  # in the page's language


@dataclass(frozen=True)
class ChoiceGroup:
    label: str  # a county
    choices: list[Choice]  # the county itself, then its townships


@dataclass(frozen=True)
class TextField:
    name: str  # the form field, e.g. title_zh
    lang: str  # the language of its text
    max_length: int
    multiline: bool


@dataclass(frozen=True)
class SubmitView:
    texts: list[TextField]
    id_max: int
    places: list[ChoiceGroup]
    arrows: list[Choice]
    technologies: list[Choice]
    industries: list[Choice]
    sources: list[Choice]
    issue_form_url: str | None  # the repository's new-case issue form, for readers without JavaScript
    contributing_url: str | None  # CONTRIBUTING.md in the repository
    has_repository: bool
    scripts: tuple[str, ...] = SCRIPTS
    # What submit-form.js reads (one JSON script element): the schema, the names behind ids, messages.
    script_data: dict[str, Any] = field(default_factory=dict)

    @property
    def script_json(self) -> Markup:
        """script_data (but its messages) for a <script type="application/json">: `<`, `>` and `&`
        escaped so no text can end the element, and every other non-ASCII character as a \\u
        escape: the build cuts the Han font to the characters a page holds (publish/fonts.py),
        and an English page holding every place's Chinese name would grow every English page's part."""
        data = {key: value for key, value in self.script_data.items() if key != "messages"}
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
        return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))

    @property
    def messages_json(self) -> Markup:
        """The script's messages, in the page's language, with their Han characters as they are,
        so that the font cut includes them."""
        return Markup(inert_json(self.script_data["messages"], compact=True))


def submit_pages(ctx: ViewContext, lang: str) -> list[Page]:
    if ctx.collection.places is None or ctx.collection.taxonomy is None or ctx.collection.sources is None:
        return []  # nothing to choose from; `casebook validate` reports why
    return [
        ctx.page(
            SUBMIT_PATH,
            lang,
            ctx.t("submit.title", lang),
            ctx.t("submit.description", lang),
            "submit.html",
            submit_view(ctx, lang),
        )
    ]


def submit_view(ctx: ViewContext, lang: str) -> SubmitView:
    schema = case_schema()
    taxonomy = ctx.collection.taxonomy
    repo = ctx.config.repo_url.rstrip("/") if ctx.config.repo_url else None
    return SubmitView(
        texts=[
            TextField(name, text_lang, text_limit(schema, prop), prop == "summary")
            for name, prop, text_lang in TEXT_FIELDS
        ],
        id_max=schema["properties"]["id"]["maxLength"],
        places=place_groups(ctx, lang),
        arrows=[Choice(t.id, ctx.text(t.label, lang)) for t in taxonomy.arrows],
        technologies=[Choice(t.id, ctx.text(t.label, lang)) for t in taxonomy.technologies],
        industries=[Choice(t.id, ctx.text(t.label, lang)) for t in taxonomy.industries],
        sources=[Choice(s.id, ctx.text(s.title, lang)) for s in ctx.collection.sources.sources],
        issue_form_url=repo_form_url(ctx.config, NEW_CASE_FORM),
        contributing_url=f"{repo}/blob/{ctx.config.edit_branch}/CONTRIBUTING.md" if repo else None,
        has_repository=repo is not None,
        script_data=_script_data(ctx, lang, schema, repo),
    )


def place_groups(ctx: ViewContext, lang: str) -> list[ChoiceGroup]:
    """Every county with its townships, in places.yml's order: a county's own id comes first.

    A township is named with its county: a closed select shows only the chosen
    option, and names such as 東區 belong to several cities.
    """
    groups = []
    for county in ctx.collection.places.counties:
        name = ctx.text(county.name, lang)
        whole = Choice(county.id, fill(ctx.t("submit.county_itself", lang), county=name))
        townships = [
            Choice(t.id, fill(ctx.t("submit.township", lang), township=ctx.text(t.name, lang), county=name))
            for t in county.townships
        ]
        groups.append(ChoiceGroup(name, [whole, *townships]))
    return groups


@cache  # one schema a process, as generator/model/schema.py makes it
def case_schema() -> dict[str, Any]:
    return json.loads(render_schemas()[schema_filename("case")])


def text_limit(schema: dict[str, Any], prop: str) -> int:
    """The longest text the schema allows in one language of `prop`."""
    (per_language,) = schema["properties"][prop]["patternProperties"].values()
    return per_language["maxLength"]


def comment_label(names: LocalizedText) -> str:
    """The note `casebook new case` writes after an id: every language's name
    ("口湖鄉 / Kouhu Township"), spaces collapsed, as generator/authoring/scaffold.py does."""
    return " ".join(" / ".join(names.values()).split())


def _script_data(ctx: ViewContext, lang: str, schema: dict[str, Any], repo: str | None) -> dict[str, Any]:
    taxonomy = ctx.collection.taxonomy
    places = [p for county in ctx.collection.places.counties for p in (county, *county.townships)]
    cases_folder = posixpath.join(ctx.config.content_dir, KIND_FOLDERS["case"])
    return {
        "schema": schema,
        # The record file's first line points editors to the schema, relative to the file.
        "schemaPath": posixpath.relpath(posixpath.join(SCHEMA_DIR, schema_filename("case")), cases_folder),
        "casesFolder": cases_folder,
        "labels": {
            "places": {p.id: comment_label(p.name) for p in places},
            "arrows": {t.id: comment_label(t.label) for t in taxonomy.arrows},
            "technologies": {t.id: comment_label(t.label) for t in taxonomy.technologies},
            "industries": {t.id: comment_label(t.label) for t in taxonomy.industries},
            "sources": {s.id: comment_label(s.title) for s in ctx.collection.sources.sources},
        },
        "takenIds": sorted(ctx.collection.cases),
        "newFileUrl": f"{repo}/new/{ctx.config.edit_branch}" if repo else None,
        "maxUrl": MAX_EDITOR_URL,
        "messages": {key: ctx.t(f"submit.{key}", lang) for key in SCRIPT_MESSAGES},
    }
