"""What a kit holds: the exhibition record, overridden by the command's options, checked.

`resolve_plan` turns an ExhibitRequest (what the person asked for) into an
ExhibitPlan (what will be made), or into diagnostics: an unknown exhibition,
case, brand or language in an option, a missing site URL, and every text a
poster needs but a record lacks (check/records.py lets a draft lack a
language; a draft exhibition may list draft cases).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from generator.core.errors import Diagnostic
from generator.exhibit.colour import CMYK_PACKAGE, CMYK_PROFILE
from generator.model.collection import Collection
from generator.model.records import Brand, Case, Exhibition
from generator.model.settings import SiteConfig

# Paper sizes in millimetres, portrait (ISO 216).
PAPER_MM: dict[str, tuple[float, float]] = {
    "A1": (594, 841),
    "A2": (420, 594),
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
}
POSTER_PAPERS = ("A1", "A2", "A3", "A4")
CATALOGUE_PAPERS = ("A4", "A5")
Layout = Literal["bilingual", "per-language"]
Marks = Literal["bleed", "slug"]
# What WeasyPrint 70 writes (weasyprint/pdf/pdfx.py): PDF/X-1a and PDF/X-4 with a
# CMYK output intent; "rgb" is the plain PDF for digital printers.
PDF_VARIANTS = ("rgb", "pdf/x-4", "pdf/x-1a")


@dataclass(frozen=True)
class KioskOptions:
    idle_seconds: int = 120  # back to the home page after this long untouched; 0: never
    large_type: bool = False  # start in large type (a button on screen switches it)


@dataclass(frozen=True)
class ExhibitRequest:
    """What the person asked for; None means: as the exhibition record says."""

    exhibition: str
    out: Path
    paper: str | None = None
    languages: tuple[str, ...] | None = None
    cases: tuple[str, ...] | None = None
    brands: tuple[str, ...] | None = None
    site_url: str | None = None
    layout: Layout = "bilingual"
    marks: Marks = "bleed"
    catalogue_paper: str = "A5"
    catalogue_marks: bool = False  # the catalogue with 3 mm bleed and crop marks, like the posters
    pdf_variant: str = "rgb"  # one of PDF_VARIANTS
    review_notice: bool = False  # print "not yet reviewed" on posters (the catalogue's colophon always says it)
    allow_local_url: bool = False  # let QR codes lead to localhost or a private address (for trying a kit)
    posters: bool = True
    catalogue: bool = True
    kiosk: KioskOptions | None = field(default_factory=KioskOptions)  # None: no kiosk
    zip: bool = True


@dataclass(frozen=True)
class ExhibitPlan:
    """What will be made, every choice resolved."""

    exhibition: Exhibition
    record_path: str
    paper: str
    languages: list[str]
    cases: list[Case]
    brands: list[Brand]
    site_url: str
    request: ExhibitRequest


def resolve_plan(
    collection: Collection, config: SiteConfig, request: ExhibitRequest
) -> tuple[ExhibitPlan | None, list[Diagnostic]]:
    exhibition = collection.exhibitions.get(request.exhibition)
    if exhibition is None:
        return None, [
            _option_error(
                "EXHIBITION",
                "unknown-exhibition",
                f"no exhibition '{request.exhibition}' in content/exhibitions/",
                f"one of: {', '.join(sorted(collection.exhibitions)) or '(none)'}",
            )
        ]
    record_path = collection.raw[("exhibition", exhibition.id)].source.display
    problems: list[Diagnostic] = []
    languages = _languages(request, exhibition, config, problems)
    cases = _cases(request, exhibition, collection, problems)
    brands = _brands(request, cases, collection, problems)
    site_url = request.site_url or config.site_url
    if not site_url:
        problems.append(
            _option_error(
                "--site-url",
                "no-site-url",
                "the QR codes need the site's public address, and none is set",
                "pass --site-url https://… or set site_url in casebook.yml",
            )
        )
    elif not site_url.startswith(("https://", "http://")) or not urlsplit(site_url).hostname:
        problems.append(
            _option_error(
                "--site-url",
                "bad-site-url",
                f"'{site_url}' is not an http(s) address",
                "give the full address, e.g. https://example.org/casebook/",
            )
        )
    elif not request.allow_local_url and is_local_address(site_url):
        problems.append(
            _option_error(
                "--site-url",
                "local-site-url",
                f"'{site_url}' is a local or private address: printed QR codes would lead nowhere for visitors",
                "give the public address, e.g. https://example.org/casebook/ (or --allow-local-url to try a kit)",
            )
        )
    if request.pdf_variant not in PDF_VARIANTS:
        problems.append(
            _option_error(
                "--pdf-variant",
                "bad-pdf-variant",
                f"'{request.pdf_variant}' is not a PDF variant the kit writes",
                f"one of: {', '.join(PDF_VARIANTS)}",
            )
        )
    elif request.pdf_variant != "rgb" and not CMYK_PROFILE.is_file():
        problems.append(
            _option_error(
                "--pdf-variant",
                "no-cmyk-profile",
                f"{request.pdf_variant} needs a CMYK profile, and {CMYK_PROFILE} is missing",
                f"install Debian's {CMYK_PACKAGE} (scripts/install-system.sh does), or use --pdf-variant rgb",
            )
        )
    blocker = _file_in_the_way(request.out)
    if blocker is not None:
        problems.append(
            _option_error(
                "--out",
                "out-below-file",
                f"'{blocker}' is a file, so '{request.out}' cannot be a folder",
                "choose a folder that is not inside a file",
            )
        )
    paper = request.paper or exhibition.kit.paper
    if paper not in POSTER_PAPERS:
        problems.append(
            _option_error(
                "--paper", "bad-paper", f"'{paper}' is not a poster size", f"one of: {', '.join(POSTER_PAPERS)}"
            )
        )
    if request.catalogue_paper not in CATALOGUE_PAPERS:
        problems.append(
            _option_error(
                "--catalogue-paper",
                "bad-paper",
                f"'{request.catalogue_paper}' is not a catalogue size",
                f"one of: {', '.join(CATALOGUE_PAPERS)}",
            )
        )
    if problems:
        return None, problems
    return ExhibitPlan(exhibition, record_path, paper, languages, cases, brands, site_url, request), []


LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


def is_local_address(url: str) -> bool:
    """True for localhost, loopback, private, link-local and unspecified addresses, and local-only names."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES) or "." not in host and ":" not in host:
        return True  # a single-label name (http://kiosk/) only resolves on a local network
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def _file_in_the_way(out: Path) -> Path | None:
    """`out` itself or a folder above it that exists as a file (the kit could not be written there)."""
    for candidate in (out, *out.parents):
        if candidate.exists():
            return candidate if not candidate.is_dir() else None
    return None


def _languages(
    request: ExhibitRequest, exhibition: Exhibition, config: SiteConfig, problems: list[Diagnostic]
) -> list[str]:
    languages = list(request.languages) if request.languages else list(exhibition.kit.languages)
    for lang in languages:
        if lang not in config.language_codes:
            problems.append(
                _option_error(
                    "--languages",
                    "unknown-language",
                    f"'{lang}' is not a language of this site",
                    f"one of: {', '.join(config.language_codes)}",
                )
            )
    if len(set(languages)) != len(languages):
        problems.append(_option_error("--languages", "duplicate-language", "a language is named twice"))
    return languages


def _cases(
    request: ExhibitRequest, exhibition: Exhibition, collection: Collection, problems: list[Diagnostic]
) -> list[Case]:
    ids = list(request.cases) if request.cases else list(exhibition.kit.cases)
    if not ids:
        problems.append(
            _option_error(
                "--cases",
                "no-cases",
                f"exhibition '{exhibition.id}' lists no cases",
                "add ids under `cases:` in the record, or pass --cases id,id",
            )
        )
    cases = []
    for case_id in ids:
        case = collection.cases.get(case_id)
        if case is None:
            problems.append(
                _option_error(
                    "--cases",
                    "unknown-case",
                    f"no case '{case_id}' in content/cases/",
                    f"one of: {', '.join(sorted(collection.cases))}",
                )
            )
        else:
            cases.append(case)
    return cases


def _brands(
    request: ExhibitRequest, cases: list[Case], collection: Collection, problems: list[Diagnostic]
) -> list[Brand]:
    """The brands of the chosen cases (each once, in case order), or those --brands names."""
    if request.brands is None:
        ids = list(dict.fromkeys(c.brand for c in cases if c.brand))
    else:
        ids = list(request.brands)
    brands = []
    for brand_id in ids:
        brand = collection.brands.get(brand_id)
        if brand is None:
            problems.append(
                _option_error(
                    "--brands",
                    "unknown-brand",
                    f"no brand '{brand_id}' in content/brands/",
                    f"one of: {', '.join(sorted(collection.brands))}",
                )
            )
        else:
            brands.append(brand)
    return brands


def _option_error(option: str, code: str, message: str, hint: str = "") -> Diagnostic:
    # Not a record's problem: the "path" names the option, as a person typed it.
    return Diagnostic(option, 0, 0, code, message, hint=hint)
