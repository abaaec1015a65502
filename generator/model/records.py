"""The content model: one typed class per record kind. Pure data, no I/O.

This module is the single schema source. The JSON Schema in `schema/` is
generated from it (`casebook schema`), and tests keep the two in sync.

Conventions:
- Text people read is a `LocalizedText`: a map from language code to text.
- Long text (`Markdown` in a field's description) is Markdown; it is rendered
  and sanitised at build time, never trusted as HTML.
- Records refer to each other by id (a slug), never by free text.
- Every claim carries `sources` (citations of entries in `content/sources.yml`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

# -- limits: generous for real records, small enough to stop abuse --------------
MAX_SHORT_TEXT = 300  # titles, names, labels
MAX_LONG_TEXT = 20_000  # Markdown stories
MAX_LIST = 200

# -- scalar types -----------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANG_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"

Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        min_length=1,
        max_length=80,
        description="Lower-case id: letters a-z, digits and single hyphens, e.g. `kouhu-tilapia`.",
    ),
]
LangCode = Annotated[str, Field(pattern=LANG_PATTERN, description="Language code, e.g. `zh-TW` or `en`.")]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank-text", "text is empty or only spaces")
    return value


ShortText = Annotated[str, Field(min_length=1, max_length=MAX_SHORT_TEXT), AfterValidator(_not_blank)]
LongText = Annotated[str, Field(min_length=1, max_length=MAX_LONG_TEXT), AfterValidator(_not_blank)]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_partial_date(value: str) -> str:
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise PydanticCustomError(
            "bad-date", "'{value}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD", {"value": value}
        )
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("bad-date", "'{value}' is not a real calendar date", {"value": value}) from None
    return value


def _year_as_text(value: object) -> object:
    # YAML reads an unquoted `2019` as a number; a year alone is a valid partial date.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


PartialDate = Annotated[
    str,
    Field(
        description="A date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD.",
        examples=["2019-11", "2018-11-14"],
    ),
    BeforeValidator(_year_as_text),
    AfterValidator(_check_partial_date),
]


def _check_review_date(value: object) -> object:
    # Only a written date: pydantic would otherwise read a number as seconds since 1970.
    if not isinstance(value, (str, dt.date)) or (
        isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    ):
        shown = f"text '{value[:40]}'" if isinstance(value, str) else f"'{value}'"
        raise PydanticCustomError("bad-date", "expected a date as YYYY-MM-DD, got {shown}", {"shown": shown})
    return value


def _not_in_future(value: dt.date) -> dt.date:
    if value > dt.date.today():
        raise PydanticCustomError("bad-date", "{value} is in the future", {"value": value.isoformat()})
    return value


ReviewDate = Annotated[dt.date, BeforeValidator(_check_review_date), AfterValidator(_not_in_future)]
Number = Annotated[float, Field(allow_inf_nan=False)]

_ALLOWED_SCHEMES = ("https://", "http://", "mailto:")


def _check_url(value: str) -> str:
    if not value.lower().startswith(_ALLOWED_SCHEMES) or any(c.isspace() for c in value):
        raise PydanticCustomError("bad-url", "'{value}' is not an http, https or mailto link", {"value": value[:80]})
    return value


Url = Annotated[str, Field(max_length=2000, description="An http, https or mailto link."), AfterValidator(_check_url)]
HexColour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="A colour as #rrggbb.")]


class _LocalizedMarker:
    """Marks a field type as text per language, so checks can find every such field."""

    def __repr__(self) -> str:
        return "LOCALIZED"


LOCALIZED = _LocalizedMarker()

LocalizedText = Annotated[
    dict[LangCode, ShortText],
    Field(
        description="Short text per language, e.g. `{zh-TW: 口湖智能養殖, en: Smart aquaculture in Kouhu}`.",
        min_length=1,
    ),
    LOCALIZED,
]
LocalizedMarkdown = Annotated[
    dict[LangCode, LongText],
    Field(description="Markdown per language. Raw HTML is removed when the site is built.", min_length=1),
    LOCALIZED,
]


class Model(BaseModel):
    """Base of every record part: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# -- shared parts -------------------------------------------------------------------


class Citation(Model):
    """Where a claim comes from: an entry of content/sources.yml and where in it."""

    source: Slug = Field(description="Id of an entry in content/sources.yml.")
    section: LocalizedText | None = Field(None, description="Chapter, section or figure of the source.")
    page: str | None = Field(None, max_length=40, description="Page number or range in the source, if it has pages.")


Sources = Annotated[
    list[Citation], Field(min_length=1, max_length=MAX_LIST, description="At least one citation for every claim.")
]


class TranslationStatus(Model):
    """Whether a person has checked the text in one language against the original."""

    reviewed: StrictBool = Field(description="true once a person has checked this language against the original.")
    note: str | None = Field(None, max_length=MAX_SHORT_TEXT, description="Who reviewed it, or what is left to check.")


class RecordBase(Model):
    id: Slug = Field(description="The record's id; must equal the file name without `.yml`.")
    status: Literal["published", "draft"] = Field(
        description="`published` records appear on the site and must be complete in every language."
    )
    last_reviewed: ReviewDate = Field(
        description="When a person last checked this record against its sources (YYYY-MM-DD)."
    )
    translations: dict[LangCode, TranslationStatus] = Field(
        description="For each language other than the original, whether a person reviewed the translation."
    )


class Image(Model):
    """A picture the record publishes: a file under content/media/<record-id>/.

    The file itself (that it stays inside content/, is really a JPEG, PNG or
    WebP, and is within the size limits) is checked by check/media.py.
    """

    file: str = Field(
        min_length=1,
        max_length=200,
        description="Path relative to content/media/<record-id>/, e.g. `harvest.jpg`; a JPEG, PNG or WebP file.",
    )
    alt: LocalizedText = Field(
        description="What the picture shows, for people who cannot see it; required in every published language."
    )
    caption: LocalizedText | None = Field(None, description="A caption shown under the picture.")
    credit: LocalizedText = Field(
        description="Who took or owns the picture, as they want to be credited, "
        "e.g. `{zh-TW: 福灣巧克力, en: Fu Wan Chocolate}`."
    )
    licence: ShortText = Field(
        description="What allows us to publish it, e.g. `CC BY 4.0` or `used with permission of the photographer`."
    )
    identifiable_people: StrictBool = Field(
        description="true if a person can be recognised in the picture; then `consent` is required."
    )
    consent: ShortText | None = Field(
        None, description="How the people shown agreed to publication (who, when, in what form)."
    )

    @model_validator(mode="after")
    def _consent_for_people(self) -> Image:
        if self.identifiable_people and self.consent is None:
            raise PydanticCustomError(
                "missing-consent", "a picture of identifiable people needs a `consent` statement", {}
            )
        return self


Images = Annotated[
    list[Image], Field(max_length=30, description="Pictures published with the record; the first is the page's header.")
]


# -- cases ------------------------------------------------------------------------


class Outcome(Model):
    text: LocalizedText = Field(description="What was achieved, as the source states it.")
    as_of: PartialDate = Field(description="When the outcome was true, as precise as the source gives it.")
    sources: Sources


NeedKind = Literal["investment", "talent", "partners"]


NeedStatement = Literal["aim", "call"]


class Contact(Model):
    """Where to offer what a need asks for, published only because the community agreed to it.

    Never taken from anywhere else: a contact is written only when the people it
    reaches asked for it to be published, and `consent` says who agreed and how.
    """

    url: Url | None = Field(None, description="A web page or mailto: link the community agreed to publish.")
    address: LocalizedText | None = Field(None, description="A postal address the community agreed to publish.")
    consent: ShortText = Field(
        description="Who agreed to publish this contact, when and in what form, "
        "e.g. `township office, by e-mail, with its date`."
    )

    @model_validator(mode="after")
    def _url_or_address(self) -> Contact:
        if self.url is None and self.address is None:
            raise PydanticCustomError("missing-contact", "a contact needs a `url` or an `address`", {})
        return self


class Need(Model):
    """Something the case is looking for, so enterprises and people can offer it.

    `statement` says what kind of statement the source makes: an aim it hopes
    for (期…, 期望) is not an open call for offers, and pages say which it is.
    """

    kind: NeedKind
    statement: NeedStatement = Field(
        description="`aim`: the source states it as an aim or hope (期…); "
        "`call`: the source asks for offers (an open call)."
    )
    stated: PartialDate = Field(description="When the source states it, as precise as the source allows.")
    stated_circa: StrictBool = Field(
        False, description="true when `stated` is only approximate, e.g. the source gives no date of its own."
    )
    text: LocalizedText
    sources: Sources
    contact: Contact | None = Field(
        None,
        description="How to offer it, if the community agreed to publish a "
        "contact; without one the page links to a prefilled issue.",
    )


class SourcePhoto(Model):
    """A photo printed in a cited source: credited here, not reproduced."""

    caption: LocalizedText
    credit: LocalizedText = Field(description="The credit line exactly as the source prints it.")
    source: Citation


class Case(RecordBase):
    """One case study: content/cases/<id>.yml."""

    title: LocalizedText
    summary: LocalizedText = Field(description="One or two sentences shown on cards and in search results.")
    story: LocalizedMarkdown = Field(description="The case told in Markdown, every fact from the cited sources.")
    place: Slug = Field(description="Id of a county or township in content/places.yml.")
    arrows: list[Slug] = Field(
        min_length=1, max_length=5, description="Ids of the five arrows (content/taxonomy.yml) this case shows."
    )
    technologies: list[Slug] = Field(
        default_factory=list, max_length=5, description="Ids of the ABCDE technologies (content/taxonomy.yml) it uses."
    )
    industries: list[Slug] = Field(
        default_factory=list, max_length=10, description="Ids of industries in content/taxonomy.yml."
    )
    brand: Slug | None = Field(None, description="Id of the place brand in content/brands/ this case belongs to.")
    outcomes: list[Outcome] = Field(default_factory=list, max_length=MAX_LIST)
    looking_for: list[Need] = Field(default_factory=list, max_length=20)
    related: list[Slug] = Field(default_factory=list, max_length=20, description="Ids of related cases.")
    source_photos: list[SourcePhoto] = Field(default_factory=list, max_length=20)
    images: Images = Field(default_factory=list)
    sources: Sources


# -- brands -----------------------------------------------------------------------


class Colour(Model):
    name: LocalizedText
    hex: HexColour
    sources: Sources


NameOrigin = Literal["own", "cited", "site"]


class Brand(RecordBase):
    """A place brand: content/brands/<id>.yml. Its cases are those whose `brand` names it."""

    name: LocalizedText
    name_origin: NameOrigin = Field(
        description="Where the name comes from: `own`, the brand's own name as a source shows it; `cited`, "
        "the name a source gives it; `site`, a description this site wrote because no source "
        "names the brand. Every output marks a `site` name as this site's description."
    )
    place: Slug = Field(description="Id of a county or township in content/places.yml.")
    aliases: list[ShortText] = Field(
        default_factory=list, max_length=20, description="Other names and romanisations people search for."
    )
    story: LocalizedMarkdown
    values: list[LocalizedText] = Field(default_factory=list, max_length=20)
    colours: list[Colour] = Field(
        default_factory=list, max_length=8, description="The brand's own colours, only when a source gives them."
    )
    products: list[LocalizedText] = Field(default_factory=list, max_length=50)
    images: Images = Field(default_factory=list)
    sources: Sources


# -- exhibitions --------------------------------------------------------------------

Paper = Literal["A1", "A2", "A3", "A4"]


class KitSettings(Model):
    """This site's own settings for printing an exhibition kit: what we print, not facts about the event."""

    languages: list[LangCode] = Field(min_length=1, description="Languages of our printed materials.")
    paper: Paper = Field("A2", description="Our poster paper size.")
    cases: list[Slug] = Field(
        default_factory=list,
        max_length=MAX_LIST,
        description="Ids of the cases our exhibition kit presents (not the cases the "
        "exhibition itself showed, unless a source says so).",
    )


class SourceCaption(Model):
    """A photo caption printed in a source, quoted with its own citation and what it does not say."""

    text: LocalizedText = Field(description="The caption as the source prints it (translated in other languages).")
    note: LocalizedText | None = Field(None, description="What the caption does not establish.")
    source: Citation


class Exhibition(RecordBase):
    """An exhibition, past or planned: content/exhibitions/<id>.yml.

    Everything but `kit` is what the sources say about the event; `kit` is this
    site's own settings for printing an exhibition kit for it. `status: planned`
    is a fair this site prepares a kit for before any publication reports it:
    it may have no sources yet, is not listed as held on the site, and its
    printed dates say "planned".
    """

    status: Literal["published", "draft", "planned"] = Field(
        description="`published`: a held exhibition, with sources; `planned`: one being prepared, "
        "sources may be empty until a publication reports it; `draft`: not shown."
    )

    name: LocalizedText = Field(description="The name the sentence that describes the exhibition gives it.")
    organiser: LocalizedText | None = Field(None, description="Who held it, as the source says.")
    venue: LocalizedText
    start: PartialDate
    end: PartialDate | None = None
    purpose: LocalizedText | None = Field(None, description="Why it was held, in the source's words.")
    source_captions: list[SourceCaption] = Field(default_factory=list, max_length=20)
    sources: list[Citation] = Field(
        default_factory=list,
        max_length=MAX_LIST,
        description="Where the exhibition is reported; at least one unless `status: planned`.",
    )
    kit: KitSettings

    @model_validator(mode="after")
    def _sourced_unless_planned(self) -> Exhibition:
        if not self.sources and self.status != "planned":
            raise PydanticCustomError(
                "missing-source",
                "a {status} exhibition needs at least one source under `sources:`; "
                "set `status: planned` for one no publication reports yet",
                {"status": self.status},
            )
        return self

    @model_validator(mode="after")
    def _ends_after_start(self) -> Exhibition:
        # Partial dates compare as text at the precision of the less precise one.
        if self.end is not None and self.end < self.start[: len(self.end)]:
            raise PydanticCustomError(
                "bad-date",
                "the exhibition ends ({end}) before it starts ({start})",
                {"end": self.end, "start": self.start},
            )
        return self


# -- reference files: places, taxonomy, sources ------------------------------------


class ReferenceData(Model):
    """Where general reference data (names, positions) comes from, and its licence."""

    name: ShortText
    licence: ShortText
    url: Url | None = None
    used_for: list[Literal["boundaries", "positions", "chinese-names", "english-names", "codes"]] = Field(
        default_factory=list, max_length=5, description="What of places.yml comes from it."
    )
    note: ShortText | None = None


class Position(Model):
    lat: float = Field(ge=21.5, le=26.5, description="Latitude (WGS 84).")
    lon: float = Field(ge=118.0, le=122.5, description="Longitude (WGS 84).")


PLACE_CODE = r"^[0-9]{5}([0-9]{3})?$"


class Township(Model):
    """A township, city or district."""

    id: Slug
    code: str | None = Field(
        default=None,
        pattern=PLACE_CODE,
        description="The Ministry of the Interior's code: 8 digits for a township, 5 for a county.",
    )
    name: LocalizedText
    aliases: list[ShortText] = Field(default_factory=list, max_length=20)
    position: Position | None = None


class County(Township):  # a township's fields, and its townships
    townships: list[Township] = Field(default_factory=list, max_length=100)


class Places(Model):
    """content/places.yml: the counties and townships records refer to."""

    reference: list[ReferenceData] = Field(min_length=1, description="Sources of the names and positions.")
    counties: list[County] = Field(min_length=1, max_length=30)


class Term(Model):
    id: Slug
    label: LocalizedText
    description: LocalizedText | None = None
    sources: list[Citation] = Field(default_factory=list, max_length=MAX_LIST)


class Technology(Term):
    letter: Literal["A", "B", "C", "D", "E"] = Field(description="Its letter in the ABCDE technologies.")


class Taxonomy(Model):
    """content/taxonomy.yml: every term records refer to."""

    arrows: list[Term] = Field(min_length=5, max_length=5, description="The five arrows (五支箭).")
    technologies: list[Technology] = Field(min_length=1, max_length=5)
    industries: list[Term] = Field(min_length=1, max_length=100)


class Source(Model):
    id: Slug
    publisher: LocalizedText
    title: LocalizedText
    occasion: LocalizedText | None = Field(None, description="Where it was presented, e.g. a committee meeting.")
    date: PartialDate | None = Field(None, description="Publication date, only as the source states it.")
    url: Url | None = None
    note: LocalizedText | None = None


class SourceList(Model):
    """content/sources.yml: every publication the site cites."""

    sources: list[Source] = Field(min_length=1, max_length=1000)


# -- policy data ----------------------------------------------------------------------

Qualifier = Literal["exact", "at-least", "more-than", "about", "nearly"]


class Figure(Model):
    """A number from a source, with its label and unit; a target the source states only in words has no value."""

    id: Slug
    label: LocalizedText
    value: Number | None = Field(
        None, description="The number, as the source gives it; none when the source states the target in words only."
    )
    unit: LocalizedText | None = None
    year: int | None = Field(None, ge=1900, le=2200)
    qualifier: Qualifier = Field(
        "exact", description="`nearly` for 近, `about` for 約, `more-than` for 超過, `at-least` for 不低於."
    )
    sources: Sources

    @model_validator(mode="after")
    def _words_have_no_number_words(self) -> Figure:
        if self.value is None and (self.unit is not None or self.qualifier != "exact"):
            raise PydanticCustomError("inconsistent-figures", "a figure without a value has no unit or qualifier", {})
        return self


class SeriesPoint(Model):
    year: int = Field(ge=1900, le=2200)
    value: Number
    projected: StrictBool = Field(description="true for a projection, false for an observed value.")
    qualifier: Qualifier = "exact"


class Series(Model):
    id: Slug
    label: LocalizedText
    unit: LocalizedText
    points: list[SeriesPoint] = Field(min_length=1, max_length=200)
    sources: Sources


class TimelineEvent(Model):
    year: int = Field(ge=1900, le=2200)
    text: LocalizedText
    projected: StrictBool
    sources: Sources


class Milestone(Model):
    """A dated step of the policy, as its source states it."""

    date: PartialDate
    text: LocalizedText
    sources: Sources


class MoneyUnit(Model):
    """The unit money figures are recorded in, and what it is in NT dollars (declared, never guessed)."""

    label: LocalizedText
    nt_dollars: int = Field(gt=0, description="How many NT dollars one unit is, e.g. 100000000 for 億元.")


class ProcessStep(Model):
    id: Slug
    label: LocalizedText
    text: LocalizedText
    sources: Sources


class FundingPart(Model):
    id: Slug
    label: LocalizedText
    amount: Number = Field(ge=0, description="In units of NT$100 million (億元).")


class Progress(Model):
    as_of: PartialDate
    figures: list[Figure] = Field(min_length=1, max_length=50)
    funding: list[FundingPart] = Field(min_length=1, max_length=20)
    funding_total: Number = Field(ge=0, description="In units of NT$100 million (億元), as the source states it.")
    funding_unit: MoneyUnit = Field(description="The unit of the amounts and its value in NT dollars.")
    sources: Sources

    @model_validator(mode="after")
    def _funding_adds_up(self) -> Progress:
        total = sum(part.amount for part in self.funding)
        if abs(total - self.funding_total) > 0.005:
            raise PydanticCustomError(
                "inconsistent-figures",
                "the funding parts add up to {total}, not funding_total {stated}",
                {"total": round(total, 2), "stated": self.funding_total},
            )
        return self


class PolicyData(Model):
    """content/policy/data.yml: the figures the policy explainers chart and cite."""

    vision: list[Figure] = Field(min_length=1, max_length=20)
    key_figures: list[Figure] = Field(default_factory=list, max_length=50)
    series: list[Series] = Field(default_factory=list, max_length=20)
    timeline: list[TimelineEvent] = Field(default_factory=list, max_length=100)
    milestones: list[Milestone] = Field(default_factory=list, max_length=100)
    process: list[ProcessStep] = Field(default_factory=list, max_length=30)
    progress: Progress


# -- the termbase ----------------------------------------------------------------------


class GlossaryTerm(Model):
    """A recurring term and its one rendering per language."""

    id: Slug
    term: LocalizedText = Field(
        description="The term in each language, e.g. `{zh-TW: 工作會議, en: working meetings}`."
    )
    also: dict[LangCode, list[ShortText]] = Field(
        default_factory=dict, description="Other accepted forms per language (a singular, a spelling variant)."
    )
    note: LocalizedText | None = Field(None, description="When and why the rendering applies.")


class Glossary(Model):
    """content/glossary.yml: the termbase."""

    terms: list[GlossaryTerm] = Field(min_length=1, max_length=1000)


# kind (as named by stages.discover) -> model class
RECORD_MODELS: dict[str, type[Model]] = {
    "case": Case,
    "brand": Brand,
    "exhibition": Exhibition,
    "places": Places,
    "taxonomy": Taxonomy,
    "sources": SourceList,
    "policy": PolicyData,
    "glossary": Glossary,
}
