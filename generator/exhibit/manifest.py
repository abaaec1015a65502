"""The kit's README, its manifest (every file, size and SHA-256) and a zip of it all.

Both are deterministic: the manifest lists files sorted by path, and the zip
has its entries in that order, a fixed timestamp (SOURCE_DATE_EPOCH when set,
else 1980-01-01, the earliest a zip can hold), fixed permissions and the same
compression, so the same kit gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import zipfile
from pathlib import Path

from generator.exhibit.plan import ExhibitPlan
from generator.exhibit.posters import WrittenFile
from generator.exhibit.printviews import PrintContext

MANIFEST = "manifest.json"
README = "README.txt"
CHUNK = 1 << 20


def zip_name(exhibition_id: str) -> str:
    return f"{exhibition_id}-kit.zip"


def kit_files(root: Path) -> list[Path]:
    """Every file of the kit, relative and sorted, without the manifest and the zip."""
    skip = {MANIFEST}
    files = []
    for path in root.rglob("*"):
        if path.is_file() and path.name not in skip and not path.name.endswith("-kit.zip"):
            files.append(path.relative_to(root))
    return sorted(files, key=lambda p: p.as_posix())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_manifest(root: Path) -> WrittenFile:
    started = time.perf_counter()
    entries = [
        {"path": rel.as_posix(), "size": (root / rel).stat().st_size, "sha256": sha256(root / rel)}
        for rel in kit_files(root)
    ]
    data = {"files": entries, "count": len(entries), "total_size": sum(e["size"] for e in entries)}
    target = root / MANIFEST
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return WrittenFile(Path(MANIFEST), target.stat().st_size, time.perf_counter() - started)


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = dt.datetime(1980, 1, 1)
    if epoch.isdigit():
        moment = max(moment, dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None))
    return moment.timetuple()[:6]


def write_zip(root: Path, exhibition_id: str) -> WrittenFile:
    """Every file of the kit (manifest included) under one folder named after the kit."""
    started = time.perf_counter()
    name = zip_name(exhibition_id)
    folder = name.removesuffix(".zip")
    stamp = zip_timestamp()
    files = kit_files(root) + [Path(MANIFEST)]
    target = root / name
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for rel in sorted(files, key=lambda p: p.as_posix()):
            info = zipfile.ZipInfo(f"{folder}/{rel.as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever system builds it
            with (root / rel).open("rb") as source, archive.open(info, "w") as sink:
                while chunk := source.read(CHUNK):
                    sink.write(chunk)
    return WrittenFile(Path(name), target.stat().st_size, time.perf_counter() - started)


def write_readme(root: Path, plan: ExhibitPlan, pc: PrintContext) -> WrittenFile:
    """A plain-text note on what is in the kit and how to use it: 正體中文 first, then English."""
    started = time.perf_counter()
    request = plan.request
    per_language = request.layout == "per-language"
    slug = request.marks == "slug"
    cmyk = request.pdf_variant != "rgb"
    catalogue = f"{plan.exhibition.id}-catalogue-{request.catalogue_paper.lower()}"
    cases = ", ".join(case.id for case in plan.cases)
    zh = [
        f"展覽資料包：{pc.ctx.text(plan.exhibition.name, 'zh-TW')}（{plan.exhibition.id}）",
        "",
        f"posters/     每個案例{'每種語言' if per_language else ''}一份 PDF 海報，{plan.paper} 直式，"
        f"含 3 公釐出血與裁切標記{'（標記在出血外 10 公釐的版外區）' if slug else ''}；TrimBox 即成品尺寸。",
        f"catalogue/   {catalogue}.pdf：展覽手冊（{request.catalogue_paper}），頁數為 4 的倍數（騎馬釘），"
        f"{'含 3 公釐出血與裁切標記' if request.catalogue_marks else '無出血'}。",
        f"             {catalogue}-ua.pdf：同一本手冊的無障礙版（PDF/UA-1，有標籤），供螢幕閱讀器使用。",
        f"             色彩：{'CMYK，' + request.pdf_variant.upper() + '，附輸出意圖（平版印刷）' if cmyk else 'RGB（數位印刷）'}。",
        "kiosk/       無網路的展場觸控螢幕用網站：以瀏覽器開啟 kiosk/index.html，或以任何靜態檔案伺服器提供此資料夾。",
        f"{MANIFEST}  每個檔案的大小與 SHA-256。",
        "",
        f"語言：{', '.join(plan.languages)}。QR 碼連到 {plan.site_url}",
        f"案例：{cases}",
    ]
    en = [
        f"Exhibition kit: {pc.ctx.text(plan.exhibition.name, 'en')} ({plan.exhibition.id})",
        "",
        f"posters/     one PDF per case{' and language' if per_language else ''}, "
        f"{plan.paper} portrait with 3 mm bleed and crop marks{' in a 10 mm slug' if slug else ''}; "
        "TrimBox is the paper.",
        f"catalogue/   {catalogue}.pdf: the catalogue ({request.catalogue_paper}), its page count a multiple of 4 "
        f"(saddle stitching), {'with 3 mm bleed and crop marks' if request.catalogue_marks else 'no bleed'}.",
        f"             {catalogue}-ua.pdf: the same catalogue as a tagged, accessible PDF/UA-1 for screen readers.",
        f"             Colour: {'CMYK, ' + request.pdf_variant.upper() + ' with an output intent (offset)' if cmyk else 'RGB (digital printing)'}.",
        "kiosk/       the site for a screen without network: open kiosk/index.html in a browser,",
        "             or serve the kiosk folder with any static file server.",
        f"{MANIFEST}  every file with its size and SHA-256.",
        "",
        f"Languages: {', '.join(plan.languages)}. QR codes lead to {plan.site_url}",
        f"Cases: {cases}",
    ]
    target = root / README
    target.write_text("\n".join(zh + ["", "-" * 40, ""] + en) + "\n", encoding="utf-8")
    return WrittenFile(Path(README), target.stat().st_size, time.perf_counter() - started)
