"""Stage 6, images: derivatives without metadata, the right way up, in sRGB; the content-hash cache.

Pictures are made by tests/picture_factory.py. Checks read sizes, modes and
metadata back, not pixels (except one corner marker for orientation).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import picture_factory as pf
import PIL.Image
import pytest
from click.testing import CliRunner
from PIL import Image

from generator.build.site import prepare_site
from generator.build.site_images import image_files, site_picture_plans
from generator.cli import cli
from generator.core.image_cache import MANIFEST
from generator.graphics.photos import make_derivatives, plan_picture, target_widths
from generator.model.settings import ImageSettings

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme"
MEDIA = "content/media/example-case"
CACHE = ".cache/casebook/images"
SMALL = ImageSettings(widths=[160, 320, 640])


def derive(tmp_path: Path, data: bytes, settings: ImageSettings = SMALL, name: str = "photo", workers: int = 1):
    """Probe bytes like the media stage, then make their derivatives in a cache under tmp_path."""
    import hashlib

    from generator.check.media import probe

    source = tmp_path / f"{name}.src"
    source.write_bytes(data)
    facts = probe(data, 50_000_000)
    plan = plan_picture(
        digest=hashlib.sha256(data).hexdigest(),
        source=source,
        width=facts["width"],
        height=facts["height"],
        has_alpha=facts["has_alpha"],
        settings=settings,
        folder="t",
        name=name,
    )
    files, report = make_derivatives([plan], settings, tmp_path / "cache", workers=workers, progress=lambda _: None)
    return plan, files, report


def opened(path: Path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


def assert_no_metadata(path: Path) -> None:
    assert pf.metadata_left(path.read_bytes()) == [], path


# -- planning --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "width, widths", [(3000, [480, 960, 1600]), (1200, [480, 960, 1200]), (960, [480, 960]), (300, [300])]
)
def test_widths_never_enlarge_a_picture(width, widths):
    assert target_widths(width, [480, 960, 1600]) == widths


def test_a_plan_names_every_format_and_width(tmp_path):
    plan, files, _ = derive(tmp_path, pf.jpeg(pf.picture(500, 250)))
    assert [(f.format, f.width, f.height) for f in plan.files] == [
        ("avif", 160, 80),
        ("webp", 160, 80),
        ("jpeg", 160, 80),
        ("avif", 320, 160),
        ("webp", 320, 160),
        ("jpeg", 320, 160),
        ("avif", 500, 250),
        ("webp", 500, 250),
        ("jpeg", 500, 250),
    ]
    assert sorted(files) == sorted(f.uri for f in plan.files)
    assert all(uri.startswith("assets/images/t/photo-") for uri in files)


# -- what a derivative is -------------------------------------------------------------------------


def test_gps_exif_xmp_and_icc_are_all_gone(tmp_path):
    data = pf.with_gps(640, 480)
    assert b"GPS" in data or Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    plan, files, _ = derive(tmp_path, data)
    for path in files.values():
        assert_no_metadata(path)
        assert opened(path).mode == "RGB"


def test_exif_orientation_is_applied_to_the_pixels(tmp_path):
    plan, files, _ = derive(tmp_path, pf.rotated(640, 480))  # stored landscape, shown portrait
    assert (plan.width, plan.height) == (480, 640)
    largest = opened(next(p for uri, p in files.items() if uri.endswith("480w." + plan.key[:10] + ".jpg")))
    assert largest.size == (480, 640)
    # The red marker of the stored top-left corner is at the top-right once turned 90 degrees clockwise.
    red, green, blue = largest.getpixel((largest.width - 5, 5))
    assert red > 200 and green < 60 and blue < 60


def test_cmyk_becomes_srgb_rgb(tmp_path):
    _, files, _ = derive(tmp_path, pf.cmyk(400, 300))
    assert {opened(path).mode for path in files.values()} == {"RGB"}


def test_transparency_keeps_alpha_and_falls_back_to_png(tmp_path):
    plan, files, _ = derive(tmp_path, pf.transparent(300, 200))
    assert plan.fallback_format == "png"
    assert {Path(uri).suffix for uri in files} == {".avif", ".webp", ".png"}
    assert {opened(path).mode for path in files.values()} == {"RGBA"}


def test_the_same_picture_gives_the_same_bytes(tmp_path):
    data = pf.with_gps(640, 480)
    _, first, _ = derive(tmp_path / "a", data) if (tmp_path / "a").mkdir() is None else None
    _, second, _ = derive(tmp_path / "b", data) if (tmp_path / "b").mkdir() is None else None
    assert {uri: p.read_bytes() for uri, p in first.items()} == {uri: p.read_bytes() for uri, p in second.items()}


def test_avif_can_be_switched_off(tmp_path):
    plan, files, _ = derive(tmp_path, pf.jpeg(), ImageSettings(widths=[320], avif=False))
    assert {f.format for f in plan.files} == {"webp", "jpeg"}


def test_two_workers_make_the_same_files(tmp_path):
    pictures = [pf.jpeg(pf.picture(400, 300, seed=i)) for i in range(3)]
    import hashlib

    plans = []
    for index, data in enumerate(pictures):
        (tmp_path / f"{index}.jpg").write_bytes(data)
        plans.append(
            plan_picture(
                digest=hashlib.sha256(data).hexdigest(),
                source=tmp_path / f"{index}.jpg",
                width=400,
                height=300,
                has_alpha=False,
                settings=SMALL,
                folder="t",
                name=str(index),
            )
        )
    files, report = make_derivatives(plans, SMALL, tmp_path / "cache", workers=2, progress=lambda _: None)
    assert (report.made, report.decoded, report.problems) == (3, 3, [])
    assert len(files) == 3 * 3 * 3


# -- the site's pictures and the cache ---------------------------------------------------------------


@pytest.fixture
def photo_project(project):
    project.write(f"{MEDIA}/gps.jpg", pf.with_gps(800, 600))
    project.write(f"{MEDIA}/turned.jpg", pf.rotated(640, 480))
    pf.add_images(project, ["gps.jpg", "turned.jpg"])
    project.replace("casebook.yml", "content_dir: content\n", "content_dir: content\nimages: {widths: [160, 320]}\n")
    return project


def site_of(project):
    return prepare_site(project.root / "casebook.yml", THEME)


def test_a_case_with_photos_and_a_brand_without(photo_project):
    site = site_of(photo_project)
    plans, visuals = site_picture_plans(site)
    photos = [p for p in plans if p.source and p.source.suffix == ".jpg"]
    assert len({p.key for p in photos}) == 2
    # The brand has no photo: its designed header, one SVG for every language (it carries no text).
    assert [uri.rsplit("/", 1)[0] for uri, _ in visuals] == ["assets/images/brands/example-brand"]
    assert all(uri.rsplit("/", 1)[1].startswith("visual.") and uri.endswith(".svg") for uri, _ in visuals)


def test_an_unchanged_rebuild_decodes_no_picture(photo_project, monkeypatch):
    files, report = image_files(site_of(photo_project), progress=lambda _: None)
    assert report.made == report.pictures == 2  # 2 photos; the brand's header is SVG, nothing to decode
    assert report.decoded == 2
    headers = [uri for uri in files if uri.endswith(".svg")]
    assert len(headers) == 1 and files[headers[0]].read_bytes().startswith(b"<svg")

    def refuse(*args, **kwargs):
        raise AssertionError("an unchanged rebuild opened a picture")

    monkeypatch.setattr(PIL.Image, "open", refuse)
    again, report = image_files(site_of(photo_project), progress=lambda _: None)
    assert (report.made, report.reused, report.decoded) == (0, 2, 0)
    assert again == files


def test_a_changed_photo_redoes_only_its_own_derivatives(photo_project):
    first, _ = image_files(site_of(photo_project), progress=lambda _: None)
    photo_project.write(f"{MEDIA}/gps.jpg", pf.with_gps(700, 500))
    second, report = image_files(site_of(photo_project), progress=lambda _: None)
    assert (report.made, report.reused, report.decoded) == (1, 1, 1)
    changed = {uri for uri in set(first) | set(second) if first.get(uri) != second.get(uri)}
    assert changed and all("/gps-" in uri for uri in changed)
    assert not any(path.exists() for uri, path in first.items() if uri not in second)  # old files removed


def test_a_corrupt_manifest_is_reported_once_and_rebuilt(photo_project, capsys):
    image_files(site_of(photo_project), progress=lambda _: None)
    manifest = photo_project.path(f"{CACHE}/{MANIFEST}")
    manifest.write_text("{not json", encoding="utf-8")
    capsys.readouterr()
    _, report = image_files(site_of(photo_project))
    err = capsys.readouterr().err
    assert err.count("is unreadable (not JSON") == 1
    assert report.made == 2  # the two photos
    assert json.loads(manifest.read_text(encoding="utf-8"))["format"] == 1
    image_files(site_of(photo_project))
    assert "unreadable" not in capsys.readouterr().err


def test_progress_is_shown_while_pictures_are_made(photo_project):
    lines = []
    image_files(site_of(photo_project), progress=lines.append)
    assert lines[0].startswith("images: 2 of 2 pictures to process (0 from the cache)")
    assert lines[-1] == "images: 2/2 processed"
    lines.clear()
    image_files(site_of(photo_project), progress=lines.append)
    assert lines == []  # all cached: nothing to say


def test_cache_clear_empties_the_cache(photo_project):
    image_files(site_of(photo_project), progress=lambda _: None)
    assert photo_project.path(CACHE).is_dir()
    result = CliRunner().invoke(cli, ["cache", "clear"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("removed ")
    assert not photo_project.path(CACHE).exists()


def test_a_picture_that_fails_to_decode_is_a_diagnostic_at_its_record(tmp_path):
    import hashlib

    from generator.core.errors import Diagnostic

    source = tmp_path / "photo.jpg"
    data = pf.jpeg(pf.picture(320, 240))
    source.write_bytes(data)
    origin = Diagnostic("content/cases/x.yml", 39, 11, "", "", field="images[0].file")
    plan = plan_picture(
        digest=hashlib.sha256(data).hexdigest(),
        source=source,
        width=320,
        height=240,
        has_alpha=False,
        settings=SMALL,
        folder="t",
        name="photo",
        origin=origin,
    )
    source.write_bytes(data[:20] + b"\x00" * 200)  # changed after the checks: only decoding finds out
    files, report = make_derivatives([plan], SMALL, tmp_path / "cache", workers=1, progress=lambda _: None)
    assert files == {}
    [problem] = report.problems
    assert problem.format_text().startswith(
        "content/cases/x.yml:39:11: error[unreadable-image]: images[0].file: photo.jpg could not be made into "
        "site images: "
    )


def test_a_worker_that_dies_is_a_diagnostic_not_a_traceback(tmp_path, monkeypatch):
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from generator.graphics import photos as images

    class DyingPool:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def submit(self, *args):
            future = Future()
            future.set_exception(BrokenProcessPool("killed"))
            return future

    monkeypatch.setattr(images, "ProcessPoolExecutor", DyingPool)
    pictures = []
    for index in range(2):
        data = pf.jpeg(pf.picture(200, 100, seed=index))
        (tmp_path / f"{index}.jpg").write_bytes(data)
        import hashlib

        pictures.append(
            plan_picture(
                digest=hashlib.sha256(data).hexdigest(),
                source=tmp_path / f"{index}.jpg",
                width=200,
                height=100,
                has_alpha=False,
                settings=SMALL,
                folder="t",
                name=str(index),
            )
        )
    files, report = make_derivatives(pictures, SMALL, tmp_path / "cache", workers=2, progress=lambda _: None)
    assert files == {} and report.made == 0
    assert [p.code for p in report.problems] == ["unreadable-image"] * 2
    assert "the process making it stopped" in report.problems[0].message
