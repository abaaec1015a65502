"""The site's Han font: Noto Sans TC cut to the characters the site shows, in a few files.

Self-hosted Noto Sans TC in fontsource's 100-odd slices cost a Chinese page
1.1-1.3 MB of fonts. Here, after the pages are written, the build reads the
characters every page shows that our Latin fonts do not draw (Han,
full-width punctuation, and in Chinese text the dashes, ellipses and quotes
Chinese sets full width), and cuts Noto Sans CJK TC (Debian's
fonts-noto-cjk: the same design as Noto Sans TC, SIL Open Font License)
down to them with fontTools, as WOFF2, in a few files a page downloads only
when it shows one of their characters (`unicode-range`):

- `en`: the Han characters English pages show (names in Chinese, the
  language switcher), so an English page downloads one small file;
- `common`: the characters on at least half of the Chinese pages (the
  navigation, header and footer, frequent words);
- `more`: the others shown in more than one section of the site (cases,
  policy, counties…: a page's first path segment);
- `more-<section>`: the others shown in one section only, so that a case page
  does not download the long policy explainers' characters, nor they the
  cases'.

Bold is cut to the characters of headings, card titles and strong text only
(`bold-en`, `bold`, `bold-<section>` the same way): the browser makes other
bold Han text from the regular files. `assets/fonts/fonts.css` then holds the Latin faces
(theme/assets/fonts/latin.css, from scripts/vendor_fonts.py) and these.

Every file is cached by what it is made from (the font file, the characters,
the cutting options), so a build whose pages show no new character cuts
nothing. Readers whose systems have a CJK font (every phone and computer
sold in Taiwan) never download any of it: the stylesheet lists their fonts
first (theme/assets/stylesheets/casebook.css).

Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from generator.core.atomic import write_atomically
from generator.core.json_cache import JsonCache

FAMILY = "Noto Sans TC"
TEXT_FAMILY = "Noto Sans TC text"  # the regular files again, for bold text outside the bold files
SOURCES = {
    400: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    700: "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
SOURCE_FACE = "Noto Sans CJK TC"
LOCAL_NAMES = {400: ("Noto Sans TC Regular", "NotoSansTC-Regular"), 700: ("Noto Sans TC Bold", "NotoSansTC-Bold")}
# OpenType features kept: composition, the Taiwan forms, kerning, and the half-width
# punctuation forms CSS text-spacing-trim asks for. Vertical forms are left out.
FEATURES = ["ccmp", "locl", "kern", "palt", "halt", "chws"]
CUT_VERSION = "2"  # 2: bounds of the whole font kept (recalcBBoxes=False)
COMMON_SHARE = 0.5  # on at least this share of Chinese pages: the `common` file
# A section's own characters get their own file only when there are this many:
# a request costs about as much as a few dozen characters (about 360 bytes each).
SECTION_FILE_MIN_CHARS = 16
BOLD_TAGS = re.compile(r"<(h[1-6]|strong|b|th|dt|summary|legend)\b[^>]*>(.*?)</\1>", re.S | re.I)
CARD_TITLES = re.compile(
    r'<[^>]+class="[^"]*\b(?:cb-card__title|md-header__topic|md-nav__title)\b[^"]*"[^>]*>(.*?)</', re.S
)
TAG = re.compile(r"<[^>]*>")
HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
FONTS_DIR = "assets/fonts"


class FontProblem(RuntimeError):
    """The font the site's Han text is cut from is missing or unreadable."""


@dataclass
class PageChars:
    """The characters of one page the Han font must draw: in all its text, and in its bold text."""

    lang: str
    regular: set[str] = field(default_factory=set)
    bold: set[str] = field(default_factory=set)
    section: str = "home"  # the first segment of the page's path (a folder name), or "home"


def page_section(relative_path: str) -> str:
    """`cases/x/index.html` -> "cases"; pages at the top (home, 404) -> "home"; the
    English pages' sections are the same words after `en/`."""
    parts = relative_path.split("/")
    if parts[0] == "en":
        parts = parts[1:]
    section = parts[0] if len(parts) > 1 else "home"
    return re.sub(r"[^a-z0-9-]", "-", section.lower())


# -- which characters ------------------------------------------------------------------


def parse_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in text.split(","):
        part = part.strip().upper().removeprefix("U+")
        low, _, high = part.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return ranges


def format_ranges(points: list[int]) -> str:
    """Code points as a CSS unicode-range, consecutive ones joined."""
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def latin_coverage(latin_css: str) -> dict[str, set[int]]:
    """Code points each Latin family of latin.css draws (the Han font is not asked for those)."""
    covered: dict[str, set[int]] = {}
    for body in re.findall(r"@font-face\s*{([^}]*)}", latin_css):
        family = re.search(r'font-family:\s*"([^"]+)"', body).group(1)
        ranges = re.search(r"unicode-range:\s*([^;]+);", body).group(1)
        points = covered.setdefault(family, set())
        for low, high in parse_ranges(ranges):
            points.update(range(low, high + 1))
    return covered


class CharReader:
    """Reads pages' characters, drops those the page language's Latin font draws."""

    def __init__(self, latin_css: str, han_font_points: set[int]):
        coverage = latin_coverage(latin_css)
        self.latin = {"zh": coverage.get("Noto Sans in Han text", set()), "other": coverage.get("Noto Sans", set())}
        self.drawable = han_font_points

    def page(self, html: str) -> PageChars:
        match = HTML_LANG.search(html)
        lang = match.group(1) if match else ""
        latin = self.latin["zh" if lang.lower().startswith("zh") else "other"]
        regular = self._needed(set(html), latin)
        bold_text = "".join(TAG.sub("", m.group(2)) for m in BOLD_TAGS.finditer(html))
        bold_text += "".join(TAG.sub("", m.group(1)) for m in CARD_TITLES.finditer(html))
        return PageChars(lang, regular, self._needed(set(bold_text), latin))

    def _needed(self, chars: set[str], latin: set[int]) -> set[str]:
        return {c for c in chars if ord(c) > 0x7F and ord(c) not in latin and ord(c) in self.drawable}


# -- which files -----------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    name: str  # e.g. "common", "bold"
    weight: int
    chars: str  # sorted

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.weight}\0{self.chars}".encode()).hexdigest()[:16]

    @property
    def file_name(self) -> str:
        return f"noto-sans-tc-{self.name}-{self.weight}.{self.digest}.woff2"


def plan_parts(pages: list[PageChars]) -> list[Part]:
    """The files to cut, each with its characters; parts without any are left out."""
    zh = [p for p in pages if p.lang.lower().startswith("zh")]
    others = [p for p in pages if not p.lang.lower().startswith("zh")]
    en_regular = set().union(*(p.regular for p in others)) if others else set()
    en_bold = set().union(*(p.bold for p in others)) if others else set()
    counts: dict[str, int] = {}
    for page in zh:
        for char in page.regular:
            counts[char] = counts.get(char, 0) + 1
    all_regular = set(counts) | en_regular
    common = {c for c, n in counts.items() if n >= COMMON_SHARE * len(zh)} - en_regular
    more = all_regular - en_regular - common
    all_bold = set().union(*(p.bold for p in pages)) if pages else set()
    parts = [
        Part("en", 400, en_regular),
        Part("common", 400, common),
        *_by_section("more", 400, more, [(p.section, p.regular) for p in pages]),
        Part("bold-en", 700, en_bold),
        *_by_section("bold", 700, all_bold - en_bold, [(p.section, p.bold) for p in pages]),
    ]
    return [Part(p.name, p.weight, "".join(sorted(p.chars))) for p in parts if p.chars]


def _by_section(name: str, weight: int, chars: set[str], shown: list[tuple[str, set[str]]]) -> list[Part]:
    """`chars` split: the part `name` for those several sections show, and `name-<section>`
    for the characters only one section shows (when it has enough of them)."""
    seen_in: dict[str, set[str]] = {char: set() for char in chars}
    for section, page_chars_shown in shown:
        for char in page_chars_shown & chars:
            seen_in[char].add(section)
    own: dict[str, set[str]] = {}
    for char, sections in seen_in.items():
        if len(sections) == 1:
            own.setdefault(next(iter(sections)), set()).add(char)
    own = {section: mine for section, mine in own.items() if len(mine) >= SECTION_FILE_MIN_CHARS}
    shared = chars.difference(*own.values())
    return [Part(name, weight, shared)] + [Part(f"{name}-{section}", weight, own[section]) for section in sorted(own)]


# -- cutting ---------------------------------------------------------------------------


def face_number(path: str, family: str = SOURCE_FACE) -> int:
    from fontTools.ttLib import TTCollection

    collection = TTCollection(path, lazy=True)
    for number, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return number
    raise FontProblem(f"{path} has no face named {family!r}")


def source_identity(path: str) -> str:
    stat = os.stat(path)
    return f"{path}:{stat.st_size}:{int(stat.st_mtime)}"


def cut(source: str, chars: str, flavor: str | None) -> bytes:
    """The source font's Taiwan face with only `chars` (and what drawing them needs)."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    number = face_number(source) if source.endswith(".ttc") else -1
    # recalcBBoxes=False: the bounds of the whole font stay (a box around fewer glyphs is only
    # smaller); working them out runs every kept glyph's outline in Python, a third of a cut's time.
    font = TTFont(source, fontNumber=number, lazy=True, recalcBBoxes=False)
    options = subset.Options()
    options.layout_features = FEATURES
    options.hinting = False  # CFF hints are kept by the outlines; the TrueType kind is not used
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, version, licence
    options.notdef_outline = True
    options.flavor = flavor
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = flavor
    font.save(buffer, reorderTables=False)
    return buffer.getvalue()


def _cut_weight(source: str, parts: list[Part], cache_dir: str) -> list[str]:
    """One process's work: the weight's characters cut once from the large font, then each part
    from that small one (a few times faster than cutting each from the large one)."""
    cache = Path(cache_dir)
    made = []
    missing = [p for p in parts if not (cache / p.file_name).is_file()]
    if not missing:
        return made
    everything = "".join(sorted({c for p in parts for c in p.chars}))
    middle = cache / f"all-{parts[0].weight}.{hashlib.sha256(everything.encode()).hexdigest()[:16]}.otf"
    if not middle.is_file():
        _write(middle, cut(source, everything, None))
    for part in missing:
        _write(cache / part.file_name, cut(str(middle), part.chars, "woff2"))
        made.append(part.file_name)
    return made


def _write(path: Path, data: bytes) -> None:
    write_atomically(path, data)


# -- the site's fonts ------------------------------------------------------------------


@dataclass
class FontCuts:
    """Parts to cut from the source fonts into `files_dir`: what a first build under serve leaves for later."""

    sources: dict[int, str]  # weight -> source font file
    parts: dict[int, list[Part]]  # weight -> every part of that weight (the missing ones are cut)
    files_dir: Path

    def __bool__(self) -> bool:
        return bool(self.parts)

    def run(self) -> int:
        """Cut the parts not in `files_dir` yet, one process per weight; returns how many files were cut."""
        if len(self.parts) > 1:
            with ProcessPoolExecutor(max_workers=len(self.parts), mp_context=get_context("spawn")) as pool:
                made = [
                    pool.submit(_cut_weight, self.sources[w], ps, str(self.files_dir)) for w, ps in self.parts.items()
                ]
                return sum(len(f.result()) for f in made)
        return sum(len(_cut_weight(self.sources[w], ps, str(self.files_dir))) for w, ps in self.parts.items())


@dataclass
class FontReport:
    cut: int = 0  # files cut in this build
    reused: int = 0  # files from the cache
    pages_read: int = 0  # pages whose characters were read (others: from the cache)
    files: dict[str, int] = field(default_factory=dict)  # file name -> bytes
    deferred: FontCuts | None = None  # cuts left for later (cut=False), their files not in fonts.css yet


def page_chars(site_dir: Path, reader: CharReader, cache) -> tuple[list[PageChars], int]:
    """Every page's characters; a page whose bytes were seen before is not read for them again.

    Keyed by the page's bytes, not its file's time: `mkdocs serve` writes every
    page again after an edit, and hashing a page costs a tenth of reading its characters.
    """
    pages = []
    read = 0
    for name in _html_files(site_dir):
        with open(os.path.join(site_dir, name), "rb") as page:
            data = page.read()
        key = hashlib.blake2b(data, digest_size=16).hexdigest()

        def make(data=data):
            nonlocal read
            read += 1
            chars = reader.page(data.decode("utf-8", errors="replace"))
            return [chars.lang, "".join(sorted(chars.regular)), "".join(sorted(chars.bold))]

        lang, regular, bold = cache.get_or_make(key, make)
        section = page_section(name)
        pages.append(PageChars(lang, set(regular), set(bold), section))
    return pages, read


def _html_files(site_dir: Path) -> list[str]:
    """Every HTML file in the site, as a path relative to it with /, in the order Paths sort in
    (os.walk and strings: a third of Path.rglob's time on 7,000 files)."""
    found = []
    for folder, _, names in os.walk(site_dir):
        inside = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        prefix = "" if inside == "." else inside + "/"
        found += [prefix + name for name in names if name.endswith(".html")]
    return sorted(found, key=lambda name: name.split("/"))


def face_rules(parts: list[Part]) -> str:
    rules = []
    for part in parts:
        points = [ord(c) for c in part.chars]
        families = [FAMILY] if part.weight == 700 else [FAMILY, TEXT_FAMILY]
        local = ", ".join(f'local("{name}")' for name in LOCAL_NAMES[part.weight])
        for family in families:
            rules.append(
                "@font-face {\n"
                f'  font-family: "{family}";\n'
                "  font-style: normal;\n"
                f"  font-weight: {part.weight};\n"
                "  font-display: swap;\n"
                f'  src: {local}, url("{part.file_name}") format("woff2");\n'
                f"  unicode-range: {format_ranges(points)};\n"
                "}\n"
            )
    return "".join(rules)


def write_site_fonts(
    site_dir: Path, latin_css: str, cache_dir: Path, sources: dict[int, str] = SOURCES, cut: bool = True
) -> FontReport:
    """Cut the Han font for the site in `site_dir` and write assets/fonts/ there: the files and fonts.css.

    `cut=False` cuts nothing: fonts.css names only the files cut before, and the
    report's `deferred` cuts the others (a page then shows the reader's own
    CJK font, first in the stylesheet anyway, until the next build names them).
    """
    from fontTools import version as fonttools_version

    for path in sources.values():
        if not os.path.isfile(path):
            raise FontProblem(
                f"the Han font {path} is missing: install Debian's fonts-noto-cjk "
                "(`make setup` runs scripts/install-system.sh)"
            )
    scope = json.dumps([CUT_VERSION, fonttools_version, FEATURES, {w: source_identity(p) for w, p in sources.items()}])
    files_dir = cache_dir / hashlib.sha256(scope.encode("utf-8")).hexdigest()[:16]
    files_dir.mkdir(parents=True, exist_ok=True)
    reader = CharReader(latin_css, _font_points(sources[400], files_dir))
    chars_cache = JsonCache(cache_dir / "pages.json", scope)
    pages, read = page_chars(site_dir, reader, chars_cache)
    chars_cache.save(prune=True)
    parts = plan_parts(pages)
    report = FontReport(pages_read=read)
    by_weight = {w: [p for p in parts if p.weight == w] for w in sources}
    work = {w: ps for w, ps in by_weight.items() if ps and any(not (files_dir / p.file_name).is_file() for p in ps)}
    cuts = FontCuts(sources, work, files_dir)
    if cut:
        report.cut = cuts.run()
        report.reused = len(parts) - report.cut
    else:
        report.deferred = cuts if cuts else None
        parts = [p for p in parts if (files_dir / p.file_name).is_file()]
        report.reused = len(parts)
    target = site_dir / FONTS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        _link(files_dir / part.file_name, target / part.file_name)
        report.files[part.file_name] = (files_dir / part.file_name).stat().st_size
    # A site folder kept between builds (`mkdocs serve`) still holds the cuts of
    # other characters from earlier builds: the site is the one a clean build makes.
    for old in target.glob("noto-sans-tc-*.woff2"):
        if old.name not in report.files:
            old.unlink()
    header = (
        "/* Latin: Noto Sans and Noto Sans Mono (theme/assets/fonts/latin.css). Han: Noto Sans TC\n"
        "   (Noto Sans CJK TC, SIL Open Font License 1.1) cut to the characters this site shows\n"
        "   by generator/publish/fonts.py. */\n"
    )
    css = header + latin_css.split("*/", 1)[-1].lstrip("\n") + "\n" + face_rules(parts)
    _write(target / "fonts.css", css.encode("utf-8"))
    return report


def _font_points(source: str, files_dir: Path) -> set[int]:
    """The code points the Taiwan face draws (read once, then kept beside the cut files)."""
    kept = files_dir / "cmap.json"
    if kept.is_file():
        return set(json.loads(kept.read_text(encoding="utf-8")))
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=face_number(source), lazy=True)
    points = sorted(font.getBestCmap())
    _write(kept, json.dumps(points).encode("utf-8"))
    return set(points)


def _link(source: Path, target: Path) -> None:
    if target.exists():
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        import shutil

        shutil.copyfile(source, target)
