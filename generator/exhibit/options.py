"""The kit's options, defined once: `casebook exhibit` makes its flags from them, the kit builder page its form.

Both turn what the person gave into an ExhibitRequest through `request_from_values`,
so the command and the page cannot drift apart: an option added here appears in
both, with the same choices and the same default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.exhibit.plan import CATALOGUE_PAPERS, PDF_VARIANTS, POSTER_PAPERS, ExhibitRequest, KioskOptions

# choice: one of `choices`; flag: on when given; toggle: on by default, --no-<name> turns it off;
# text: free text; ids: a list of record ids (comma-separated on the command line); seconds: a whole number >= 0.
Kind = Literal["choice", "flag", "toggle", "text", "ids", "seconds"]


@dataclass(frozen=True)
class KitOption:
    name: str  # the ExhibitRequest field (or kiosk setting) it fills, and the page's form field
    kind: Kind
    help: str
    choices: tuple[str, ...] = ()
    default: str | int | bool | None = None  # None: as the exhibition record says
    on_page: bool = True  # offered on the kit builder page (the page always zips: staff download the zip)

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


OPTIONS: tuple[KitOption, ...] = (
    KitOption("paper", "choice", "Poster size (default: the record's).", POSTER_PAPERS),
    KitOption("languages", "ids", "Languages of the printed matter, e.g. zh-TW,en (default: the record's)."),
    KitOption("cases", "ids", "Only these cases, e.g. pingtung-cocoa,kouhu-smart-tilapia (default: the record's)."),
    KitOption("brands", "ids", "Brand sheets in the catalogue (default: the brands of the cases)."),
    KitOption("site_url", "text", "The public site the QR codes lead to (default: site_url of casebook.yml)."),
    KitOption(
        "layout",
        "choice",
        "Every language on one poster, or one poster per language.",
        ("bilingual", "per-language"),
        "bilingual",
    ),
    KitOption(
        "marks",
        "choice",
        "Crop marks in the 3 mm bleed (page = paper + bleed), or in a 10 mm slug outside it.",
        ("bleed", "slug"),
        "bleed",
    ),
    KitOption("catalogue_paper", "choice", "The catalogue's paper size.", CATALOGUE_PAPERS, "A4"),
    KitOption(
        "catalogue_marks",
        "flag",
        "The catalogue with 3 mm bleed and crop marks (page = paper + bleed), like the posters.",
    ),
    KitOption(
        "pdf_variant",
        "choice",
        "rgb: for digital printing; pdf/x-4 or pdf/x-1a: CMYK with an output intent, for offset printing.",
        PDF_VARIANTS,
        "rgb",
    ),
    KitOption(
        "review_notice",
        "flag",
        "Print 'translation not yet reviewed' on posters too (the catalogue's colophon always says it).",
    ),
    KitOption(
        "allow_local_url", "flag", "Accept a localhost or private --site-url (QR codes that only work on this network)."
    ),
    KitOption("posters", "toggle", "Posters, one per case.", default=True),
    KitOption("catalogue", "toggle", "The printed catalogue and its accessible twin.", default=True),
    KitOption("kiosk", "toggle", "The offline copy of the site.", default=True),
    KitOption(
        "kiosk_idle", "seconds", "Seconds untouched before the kiosk goes back to its home page; 0: never.", default=120
    ),
    KitOption("kiosk_large_type", "flag", "Start the kiosk in large type."),
    KitOption("zip", "toggle", "A zip of the whole kit.", default=True, on_page=False),
)

BY_NAME = {option.name: option for option in OPTIONS}


def defaults() -> dict[str, object]:
    """Every option's value when the person gives none (flags off, toggles on)."""
    return {option.name: False if option.kind == "flag" else option.default for option in OPTIONS}


def request_from_values(exhibition: str, out: Path, values: dict[str, object]) -> ExhibitRequest:
    """The ExhibitRequest for these option values; a missing value takes its default.

    Lists come as a tuple (the page) or as 'a, b' (the command line); checking
    them against the records is resolve_plan's work, for both.
    """
    given = {**defaults(), **values}
    kiosk = KioskOptions(int(given["kiosk_idle"]), bool(given["kiosk_large_type"])) if given["kiosk"] else None
    return ExhibitRequest(
        exhibition=exhibition,
        out=out,
        paper=given["paper"] or None,
        languages=_ids(given["languages"]),
        cases=_ids(given["cases"]),
        brands=_ids(given["brands"]),
        site_url=given["site_url"] or None,
        layout=given["layout"],
        marks=given["marks"],
        catalogue_paper=given["catalogue_paper"],
        catalogue_marks=bool(given["catalogue_marks"]),
        pdf_variant=given["pdf_variant"],
        review_notice=bool(given["review_notice"]),
        allow_local_url=bool(given["allow_local_url"]),
        posters=bool(given["posters"]),
        catalogue=bool(given["catalogue"]),
        zip=bool(given["zip"]),
        kiosk=kiosk,
    )


def _ids(value: object) -> tuple[str, ...] | None:
    """'a, b' or ('a', 'b') -> ('a', 'b'); None stays None (the record decides)."""
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else value
    return tuple(part.strip() for part in parts if part.strip())
