"""The exhibition kit's PDFs, opened with poppler and zbar as a print shop or a phone would.

Small kits are made once for the module (A4 posters, two cases): the
default (both languages on a sheet, marks in the bleed, an A5 catalogue and
its tagged PDF/UA twin), one sheet per language with marks in a slug, made
twice to compare bytes, and a PDF/X-1a kit with a catalogue in bleed with
crop marks.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from exhibit_helpers import CASES, SITE_URL, THEME, TITLES, kit_project

from generator import build_exhibit
from generator.exhibit.plan import ExhibitRequest

PT_PER_MM = 72 / 25.4
A4 = (210 * PT_PER_MM, 297 * PT_PER_MM)
A5 = (148 * PT_PER_MM, 210 * PT_PER_MM)
BLEED = 3 * PT_PER_MM
SLUG = 10 * PT_PER_MM
TOLERANCE = 0.5  # pt


def _kit(root: Path, out: str, **options) -> Path:
    options = {"cases": CASES, **options}
    request = ExhibitRequest(
        exhibition="example-exhibition", out=root / out, paper="A4", site_url=SITE_URL, kiosk=None, **options
    )
    build_exhibit(root / "casebook.yml", request, theme_dir=THEME)
    return root / out


@pytest.fixture(scope="module")
def kits(tmp_path_factory):
    root = kit_project(tmp_path_factory.mktemp("exhibit") / "project")
    default = _kit(root, "kit", catalogue_paper="A5")
    separate = [
        _kit(root, f"slug-{n}", layout="per-language", marks="slug", catalogue=False, zip=False, cases=CASES[:1])
        for n in (1, 2)
    ]
    return default, separate


@pytest.fixture(scope="module")
def offset_kit(tmp_path_factory):
    root = kit_project(tmp_path_factory.mktemp("offset") / "project")
    return _kit(root, "kit", catalogue_paper="A5", catalogue_marks=True, pdf_variant="pdf/x-1a", zip=False)


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _boxes(pdf: Path) -> dict[str, tuple[float, float]]:
    """Page size and the width and height of every PDF box of page 1, in points."""
    info = _run("pdfinfo", "-box", str(pdf))
    sizes = {"page": tuple(map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()))}
    for name, x0, y0, x1, y1 in re.findall(r"(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", info):
        sizes[name] = (float(x1) - float(x0), float(y1) - float(y0))
    return sizes


def _close(size, expected) -> bool:
    return all(abs(a - b) <= TOLERANCE for a, b in zip(size, expected))


def _outset(paper, by):
    return (paper[0] + 2 * by, paper[1] + 2 * by)


def _pdfs(kits) -> list[Path]:
    default, separate = kits
    return sorted(default.rglob("*.pdf")) + sorted(separate[0].rglob("*.pdf"))


def test_one_poster_per_case_and_a_catalogue(kits):
    default, separate = kits
    assert sorted(p.relative_to(default).as_posix() for p in default.rglob("*.pdf")) == [
        "catalogue/example-exhibition-catalogue-a5-ua.pdf",
        "catalogue/example-exhibition-catalogue-a5.pdf",
        "posters/example-case.pdf",
        "posters/third-example-case.pdf",
    ]
    assert sorted(p.name for p in separate[0].rglob("*.pdf")) == ["example-case.en.pdf", "example-case.zh-TW.pdf"]


def test_poster_page_is_the_paper_plus_bleed_and_the_trim_is_the_paper(kits):
    for pdf in sorted((kits[0] / "posters").glob("*.pdf")):
        boxes = _boxes(pdf)
        assert _close(boxes["page"], _outset(A4, BLEED)), (pdf.name, boxes)
        assert _close(boxes["TrimBox"], A4) and _close(boxes["BleedBox"], _outset(A4, BLEED)), boxes
        assert "Pages:           1" in _run("pdfinfo", str(pdf))


def test_with_a_slug_the_marks_sit_outside_the_bleed(kits):
    for pdf in sorted(kits[1][0].rglob("*.pdf")):
        boxes = _boxes(pdf)
        assert _close(boxes["page"], _outset(A4, BLEED + SLUG)), boxes
        assert _close(boxes["TrimBox"], A4) and _close(boxes["BleedBox"], _outset(A4, BLEED)), boxes


def test_catalogue_is_a5_with_page_numbers(kits):
    pdf = kits[0] / "catalogue/example-exhibition-catalogue-a5.pdf"
    assert _close(_boxes(pdf)["page"], A5)
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    contents = _run("pdftotext", "-layout", "-f", "3", "-l", "3", str(pdf), "-")
    for case_id, titles in TITLES.items():
        number = int(re.search(re.escape(titles["zh-TW"]) + r" +(\d+)\n", contents).group(1))
        assert 3 < number <= pages
        target = _run("pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-")
        assert titles["zh-TW"] in target, f"contents send {case_id} to page {number}"
        assert f"\n{number}\n" in target  # its footer shows the same number
        facing = _run("pdftotext", "-f", str(number + 1), "-l", str(number + 1), str(pdf), "-")
        assert titles["en"] in facing and number % 2 == 0  # a spread: zh-TW on the left, English facing


def test_every_font_is_embedded_and_cjk_is_noto_cjk(kits):
    for pdf in _pdfs(kits):
        rows = _run("pdffonts", str(pdf)).splitlines()[2:]
        assert rows, pdf
        embedded = [row.split()[-5] for row in rows]
        assert set(embedded) == {"yes"}, (pdf.name, rows)
        names = " ".join(row.split()[0] for row in rows)
        assert re.search(r"\+Noto-Sans(-Bold)? ", names + " "), names
        if not pdf.name.endswith(".en.pdf"):  # a sheet in English only has no Han text
            assert "Noto-Sans-CJK-TC" in names, names


def test_titles_in_both_languages(kits):
    default, separate = kits
    for case_id in CASES:
        text = _run("pdftotext", str(default / f"posters/{case_id}.pdf"), "-")
        assert TITLES[case_id]["zh-TW"] in text and TITLES[case_id]["en"] in text
    catalogue = _run("pdftotext", str(default / "catalogue/example-exhibition-catalogue-a5.pdf"), "-")
    assert all(title in catalogue for titles in TITLES.values() for title in titles.values())
    english = _run("pdftotext", str(separate[0] / "posters/example-case.en.pdf"), "-")
    assert "Example case" in english and "範例案例" not in english


def _qr_codes(pdf: Path, tmp_path: Path) -> set[str]:
    image = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(image)], check=True)
    found = subprocess.run(["zbarimg", "--quiet", "--raw", f"{image}.png"], capture_output=True, text=True)
    return set(found.stdout.split())


def test_qr_codes_decode_to_the_case_page_in_each_language(kits, tmp_path):
    default, separate = kits
    assert _qr_codes(default / "posters/example-case.pdf", tmp_path) == {
        f"{SITE_URL}cases/example-case/",
        f"{SITE_URL}en/cases/example-case/",
    }
    assert _qr_codes(separate[0] / "posters/example-case.en.pdf", tmp_path) == {f"{SITE_URL}en/cases/example-case/"}


def test_qr_codes_are_vectors(kits):
    listing = _run("pdfimages", "-list", str(kits[0] / "posters/example-case.pdf")).splitlines()
    assert listing[2:] == []  # no raster image on the poster at all


def test_the_same_records_give_the_same_bytes(kits):
    first, second = kits[1]
    assert (first / "manifest.json").read_bytes() == (second / "manifest.json").read_bytes()


def test_manifest_lists_every_file_with_size_and_sha256(kits):
    default = kits[0]
    manifest = json.loads((default / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {p.relative_to(default).as_posix() for p in default.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"manifest.json", "example-exhibition-kit.zip"}
    assert [e["path"] for e in manifest["files"]] == sorted(listed)
    for path, entry in listed.items():
        data = (default / path).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_zip_holds_the_kit_in_order_with_fixed_dates(kits):
    default = kits[0]
    with zipfile.ZipFile(default / "example-exhibition-kit.zip") as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert "example-exhibition-kit/manifest.json" in names
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert (
            archive.read("example-exhibition-kit/posters/example-case.pdf")
            == (default / "posters/example-case.pdf").read_bytes()
        )


def _pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))


def test_catalogue_pages_are_whole_folded_sheets_with_notes_then_the_colophon(kits, offset_kit):
    for pdf in (
        kits[0] / "catalogue/example-exhibition-catalogue-a5.pdf",
        offset_kit / "catalogue/example-exhibition-catalogue-a5.pdf",
    ):
        pages = _pages(pdf)
        assert pages % 4 == 0, (pdf, pages)
        last = _run("pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-")
        assert "關於本手冊" in last and "About this catalogue" in last
        text = _run("pdftotext", str(pdf), "-")
        blank = [n for n, page in enumerate(text.split("\f")[:pages], 1) if not page.strip()]
        assert blank == [], blank  # every page says something: padding pages say 筆記 · Notes


def test_catalogue_with_marks_has_bleed_trim_and_bleed_boxes(offset_kit):
    boxes = _boxes(offset_kit / "catalogue/example-exhibition-catalogue-a5.pdf")
    assert _close(boxes["page"], _outset(A5, BLEED)) and _close(boxes["MediaBox"], _outset(A5, BLEED))
    assert _close(boxes["TrimBox"], A5) and _close(boxes["BleedBox"], _outset(A5, BLEED))


def _streams(pdf: Path) -> list[bytes]:
    import zlib

    data = pdf.read_bytes()
    found = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        raw = data[match.end() : data.find(b"endstream", match.end())]
        try:
            found.append(zlib.decompress(raw))
        except zlib.error:
            found.append(raw)
    return found


def test_pdf_x1a_is_cmyk_with_an_output_intent(offset_kit):
    for pdf in sorted(offset_kit.rglob("*.pdf")):
        if pdf.name.endswith("-ua.pdf"):
            continue
        streams = _streams(pdf)
        assert any(b"/OutputIntents" in s for s in streams), pdf
        assert any(b"/GTS_PDFX" in s for s in streams), pdf
        assert any(b"PDF/X-1a:2003" in s for s in streams), pdf
        assert not any(b"/DeviceRGB" in s for s in streams), pdf
        rgb = [m for s in streams for m in re.findall(rb"(?:^|\s)[\d.]+ [\d.]+ [\d.]+ (?:rg|RG)(?=\s)", s)]
        assert rgb == [], (pdf, rgb[:3])
        assert "PDF version:     1.4" in _run("pdfinfo", str(pdf))


def test_the_accessible_catalogue_is_tagged_pdf_ua(kits, offset_kit):
    for kit in (kits[0], offset_kit):
        pdf = kit / "catalogue/example-exhibition-catalogue-a5-ua.pdf"
        info = _run("pdfinfo", str(pdf))
        assert "Tagged:          yes" in info and "Title:           範例展覽" in info
        streams = _streams(pdf)
        assert any(b"pdfuaid:part" in s for s in streams)
        assert any(b"/StructTreeRoot" in s for s in streams)
        assert any(b"/Lang (en)" in s or b"/Lang(en)" in s for s in streams)


def test_no_japanese_korean_or_simplified_face_in_any_pdf(kits, offset_kit):
    for pdf in _pdfs(kits) + sorted(offset_kit.rglob("*.pdf")):
        names = _run("pdffonts", str(pdf))
        assert not re.search(r"CJK-(JP|KR|SC|HK)", names), (pdf.name, names)


def test_dates_with_days_and_the_review_notice_off_on_posters(kits):
    poster = _run("pdftotext", str(kits[0] / "posters/example-case.pdf"), "-")
    catalogue = _run("pdftotext", str(kits[0] / "catalogue/example-exhibition-catalogue-a5.pdf"), "-")
    assert "2024年3月1日至31日" in catalogue and "1–31 March 2024" in catalogue
    assert "not yet reviewed" not in poster
    assert "KEY POINTS" in poster and "K EY" not in poster  # letter-spaced labels extract as words


def test_the_kit_readme_is_in_chinese_first_then_english(kits):
    text = (kits[0] / "README.txt").read_text(encoding="utf-8")
    assert text.startswith("展覽資料包：範例展覽（example-exhibition）")
    assert text.index("展覽手冊") < text.index("Exhibition kit: Example exhibition")
    assert "-ua.pdf" in text and "PDF/UA-1" in text


def _largest_blank_band(pdf: Path, tmp_path: Path) -> float:
    """The tallest run of full-width blank rows inside the trim, as a share of the trim height."""
    from PIL import Image

    dpi = 20
    image = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(image)], check=True)
    picture = Image.open(image.with_suffix(".png")).convert("L")
    bleed = round(3 / 25.4 * dpi)
    picture = picture.crop((bleed, bleed, picture.width - bleed, picture.height - bleed))
    pixels = picture.load()
    best = run = 0
    for y in range(picture.height):
        run = run + 1 if all(pixels[x, y] >= 249 for x in range(picture.width)) else 0
        best = max(best, run)
    return best / picture.height


def test_every_real_poster_fills_its_sheet(tmp_path):
    """The real cases (content/), A2 as the record says: the printed area covers at least 75 % of the trim height."""
    root = Path(__file__).resolve().parents[2]
    request = ExhibitRequest(
        exhibition="taipei-2019", out=tmp_path / "kit", site_url=SITE_URL, catalogue=False, kiosk=None, zip=False
    )
    build_exhibit(root / "casebook.yml", request, theme_dir=THEME)
    posters = sorted((tmp_path / "kit/posters").glob("*.pdf"))
    assert len(posters) == 6
    for pdf in posters:
        assert 1 - _largest_blank_band(pdf, tmp_path) >= 0.75, pdf.name
        assert not re.search(r"CJK-(JP|KR|SC|HK)", _run("pdffonts", str(pdf))), pdf.name


def test_the_designed_visual_goes_on_a_poster_only_when_the_text_fits_at_nearly_its_design_size():
    from generator.exhibit.posters import VISUAL_MIN_FIT, _fit

    def layout_needing(room: float):
        return lambda fit: (f"laid out at {fit}", room)  # `room`: the largest size at which the text fits

    assert _fit(layout_needing(1.2), VISUAL_MIN_FIT) is not None  # a short case: visual, and grown type
    assert _fit(layout_needing(0.93), VISUAL_MIN_FIT) == "laid out at 0.925"
    assert _fit(layout_needing(0.85), VISUAL_MIN_FIT) is None  # no room: the poster is set without it


def test_the_designed_visual_is_drawn_in_the_documents_colours():
    from generator.exhibit.colour import Inks

    svg = '<svg viewBox="0 0 10 10"><rect fill="#e8e9e1"/><path stroke="#1A5C4C"/></svg>'
    assert Inks().recolour_svg(svg) == svg
    cmyk = Inks(variant="pdf/x-1a").recolour_svg(svg)
    assert not re.search(r"#[0-9a-fA-F]{6}", cmyk) and cmyk.count("device-cmyk(") == 2
