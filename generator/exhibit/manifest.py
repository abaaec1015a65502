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
    entries = [{"path": rel.as_posix(), "size": (root / rel).stat().st_size, "sha256": sha256(root / rel)}
               for rel in kit_files(root)]
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
            info.create_system = 3          # unix, whatever system builds it
            with (root / rel).open("rb") as source, archive.open(info, "w") as sink:
                while chunk := source.read(CHUNK):
                    sink.write(chunk)
    return WrittenFile(Path(name), target.stat().st_size, time.perf_counter() - started)


def write_readme(root: Path, plan: ExhibitPlan, pc: PrintContext) -> WrittenFile:
    """A plain-text note on what is in the kit and how to use it, in English."""
    started = time.perf_counter()
    name = pc.ctx.text(plan.exhibition.name, "en")
    lines = [
        f"Exhibition kit: {name} ({plan.exhibition.id})",
        "",
        f"posters/     one PDF per case{' and language' if plan.request.layout == 'per-language' else ''}, "
        f"{plan.paper} portrait with 3 mm bleed and crop marks"
        f"{' in a 10 mm slug' if plan.request.marks == 'slug' else ''}; TrimBox is the paper.",
        f"catalogue/   the catalogue ({plan.request.catalogue_paper}), a booklet with page numbers.",
        "kiosk/       the site for a screen without network: open kiosk/index.html in a browser,",
        "             or serve the kiosk folder with any static file server.",
        f"{MANIFEST}  every file with its size and SHA-256.",
        "",
        f"Languages: {', '.join(plan.languages)}. QR codes lead to {plan.site_url}",
        f"Cases: {', '.join(case.id for case in plan.cases)}",
    ]
    target = root / README
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return WrittenFile(Path(README), target.stat().st_size, time.perf_counter() - started)
