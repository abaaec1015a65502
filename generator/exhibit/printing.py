"""HTML to PDF: the print templates in theme/print/ (Jinja) and WeasyPrint.

Templates autoescape and use StrictUndefined, like the site's. WeasyPrint
reads only files and data: URLs (no network at build time), sets type from
fontconfig (Noto Sans CJK TC / Noto Serif CJK TC from fonts-noto-cjk, Noto
Sans from fonts-noto-core) and embeds a subset of every font it uses. The
same input gives the same bytes: WeasyPrint writes no date unless asked, and
the PDF identifier is fixed from the file's name.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.core.phrases import Phrases
from generator.exhibit.colour import PALETTE as PALETTE  # the site's palette, re-exported for tests
from generator.exhibit.colour import Inks
from generator.load.strings import Strings, load_strings
from generator.model.settings import SiteConfig
from generator.render.phrasing import budoux_parse, print_filter

PRINT_DIR = "print"  # under theme/
PRINT_STRINGS_DIR = "strings"  # under theme/print/


class PrintStrings:
    """theme/print/strings/<lang>.yml first, then the site's strings, then the key."""

    def __init__(self, own: Strings, site: Strings):
        self.own = own
        self.site = site

    def t(self, key: str, lang: str) -> str:
        value = self.own.t(key, lang)
        return value if value != key else self.site.t(key, lang)


def load_print_strings(theme_dir: Path, config: SiteConfig, site: Strings) -> PrintStrings:
    return PrintStrings(load_strings(theme_dir / PRINT_DIR / PRINT_STRINGS_DIR, config), site)


def make_print_environment(theme_dir: Path, inks: Inks | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme_dir / PRINT_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    inks = inks or Inks()
    env.globals["palette"] = inks.palette()
    env.globals["ink_css"] = Markup(inks.stylesheet())
    env.filters["ink"] = inks
    env.filters["no_widow"] = no_widow
    # Headings break between phrases (core/phrases.py); the kit gives the records' words (build/exhibit_kit.py).
    env.filters["phrases"] = print_filter(Phrases(budoux_parse()))
    return env


HAN_TAIL = 3  # characters kept together at the end of a Han paragraph


def no_widow(text: str, lang: str) -> Markup:
    """Han text whose last line never holds a single character (單字成行): its tail cannot break.

    Latin text is left alone (its last word already stays whole).
    """
    if not lang.startswith("zh") or len(text) <= HAN_TAIL * 2:
        return escape(text)
    head, tail = text[:-HAN_TAIL], text[-HAN_TAIL:]
    return escape(head) + Markup('<span class="cb-keep">') + escape(tail) + Markup("</span>")


def boxes_with_class(page, name: str) -> list:
    """The layout boxes on a laid-out page whose element has the class `name`."""
    found = []
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if (
            element is not None
            and name in (element.get("class") or "").split()
            and getattr(box, "element_tag", "") == element.tag
        ):
            found.append(box)
    return found


@dataclass(frozen=True)
class PdfResult:
    pages: int
    size: int  # bytes


class PdfWriter:
    """Renders HTML to PDF files; keeps one font configuration for every document of a kit.

    `variant` is a WeasyPrint pdf_variant or None (a plain PDF); `stamp` the
    ISO date PDF/X's required CreationDate and ModDate say (WeasyPrint would
    write the clock's time, and the same kit would differ from run to run).
    """

    def __init__(self, theme_dir: Path, stamp: str = "2000-01-01T00:00:00+00:00"):
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher

        self.base_url = (theme_dir / PRINT_DIR).resolve().as_uri() + "/"
        self.fonts = FontConfiguration()
        self.stamp = stamp
        # Files and data: URLs only: a print build never reaches the network.
        self.fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
        # WeasyPrint logs every CSS property it ignores; our stylesheets are tested, so only errors show.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def layout(self, html: str, variant: str | None = None):
        _tag_languages()
        """The laid-out document (pages and boxes), before it is written."""
        from weasyprint import HTML

        return HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher).render(
            font_config=self.fonts, pdf_variant=variant
        )

    def write(self, document, target: Path, finisher=None, variant: str | None = None) -> PdfResult:
        target.parent.mkdir(parents=True, exist_ok=True)
        # A fixed identifier (from the file's name) keeps the bytes the same from build to build.
        identifier = hashlib.md5(target.name.encode("utf-8")).hexdigest().encode("ascii")
        if variant:
            document.metadata.created = document.metadata.modified = self.stamp

        def finish(document, pdf) -> None:
            if finisher is not None:
                finisher(document, pdf)
            _fixed_document_id(pdf, identifier.decode("ascii"))

        document.write_pdf(target, finisher=finish, pdf_identifier=identifier, pdf_variant=variant)
        return PdfResult(len(document.pages), target.stat().st_size)


_RANDOM_DOCUMENT_ID = re.compile(r"xmp\.did:[0-9a-f-]{36}")


def _fixed_document_id(pdf, identifier: str) -> None:
    """PDF/X-4's XMP DocumentID from the file's name: WeasyPrint writes a random UUID there."""
    import pydyf

    fixed = f"xmp.did:{uuid.UUID(identifier)}"
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream):
            obj.stream = [
                _RANDOM_DOCUMENT_ID.sub(fixed, part)
                if isinstance(part, str)
                else _RANDOM_DOCUMENT_ID.sub(fixed, part.decode("latin-1")).encode("latin-1")
                if isinstance(part, bytes) and b"xmp.did:" in part
                else part
                for part in obj.stream
            ]


def _tag_languages() -> None:
    """Tagged PDFs with the language of every part, not only the document's.

    WeasyPrint 70 writes /Lang on the catalog only, so a screen reader would
    read the English pages of a catalogue with a Chinese voice. Its structure
    tree is built by weasyprint.pdf.tags._build_box_tree, one call per box,
    which yields the structure elements of that box; wrapped here, each gets
    the `lang` of its HTML element as /Lang (descendants inherit it in the
    structure tree). Pinned to WeasyPrint 70 (pyproject.toml); a test reads
    /Lang (en) back from the accessible catalogue.
    """
    import pydyf
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "_casebook_lang", False):
        return
    original = tags._build_box_tree

    def build_box_tree(box, parent, pdf, *args):
        source = getattr(box, "_box", box)
        element = getattr(source, "element", None)
        lang = element.get("lang") if element is not None and hasattr(element, "get") else None
        for structure in original(box, parent, pdf, *args):
            if lang and "Lang" not in structure:
                structure["Lang"] = pydyf.String(lang)
            yield structure

    build_box_tree._casebook_lang = True
    tags._build_box_tree = build_box_tree
