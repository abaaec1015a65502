"""Stage 3b, media: the picture files records refer to, checked with exact codes and positions.

Every picture is made by tests/picture_factory.py; nothing is taken from anywhere.
"""

from __future__ import annotations

import os

import picture_factory as pf
import pytest
from diagnostic_text import headline
from picture_factory import add_images

from generator.build.pipeline import load_collection
from generator.load.project import load_project

CASE = "content/cases/example-case.yml"
BRAND = "content/brands/example-brand.yml"
CASE_MEDIA = "content/media/example-case"
CASE_LINES = 37  # lines in the fixture case: `images:` is appended after them
ENTRY_LINES = 5  # lines per image entry that add_images appends
FILE_COL = 11  # column of the value in `  - file: x.jpg`


def at(index: int) -> str:
    """`path:line:col` of the `file:` value of the index-th appended image of the case."""
    return f"{CASE}:{CASE_LINES + 2 + index * ENTRY_LINES}:{FILE_COL}"


def collection_of(project):
    loaded, problems = load_project(project.root / "casebook.yml")
    return load_collection(loaded)


# -- files that pass ----------------------------------------------------------------------


def test_good_pictures_pass_and_are_measured_as_shown(project):
    project.write(f"{CASE_MEDIA}/photo.jpg", pf.jpeg(pf.picture(640, 480)))
    project.write(f"{CASE_MEDIA}/turned.jpg", pf.rotated(640, 480))
    project.write(f"{CASE_MEDIA}/drawing.png", pf.transparent(300, 200))
    project.write(f"{CASE_MEDIA}/sub/still.webp", pf.webp(pf.picture(200, 100)))
    add_images(project, ["photo.jpg", "turned.jpg", "drawing.png", "sub/still.webp"])
    collection, diagnostics = collection_of(project)
    assert diagnostics == []
    media = {index: found for (_, _, index), found in collection.media.items()}
    assert [(m.format, m.width, m.height, m.has_alpha) for m in media.values()] == [
        ("JPEG", 640, 480, False),
        ("JPEG", 480, 640, False),
        ("PNG", 300, 200, True),
        ("WEBP", 200, 100, False),
    ]
    assert media[0].display == f"{CASE_MEDIA}/photo.jpg"


def test_brand_pictures_are_checked_too(project):
    project.write("content/media/example-brand/logo.png", pf.png())
    add_images(project, ["logo.png", "missing.png"], record=BRAND)
    assert project.headlines() == [
        f"{BRAND}:31:11: error[missing-image]: images[1].file: content/media/example-brand/missing.png not found"
    ]


# -- paths ----------------------------------------------------------------------------------


def test_path_with_dot_dot_is_refused(project):
    project.write("content/media/other/photo.jpg", pf.jpeg())
    add_images(project, ["../other/photo.jpg"])
    assert project.headlines() == [
        f"{at(0)}: error[unsafe-path]: images[0].file: '../other/photo.jpg' goes up a folder with '..'"
    ]


def test_absolute_path_is_refused(project):
    add_images(project, ["/etc/passwd"])
    assert project.headlines() == [f"{at(0)}: error[unsafe-path]: images[0].file: '/etc/passwd' is an absolute path"]


def test_symlink_out_of_content_is_refused(project, tmp_path):
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(pf.jpeg())
    (project.path(CASE_MEDIA)).mkdir(parents=True)
    os.symlink(outside, project.path(f"{CASE_MEDIA}/linked.jpg"))
    add_images(project, ["linked.jpg"])
    assert project.headlines() == [
        f"{at(0)}: error[unsafe-path]: images[0].file: 'linked.jpg' leads outside content/ (through a symbolic link)"
    ]


def test_symlink_inside_content_is_allowed(project):
    project.write("content/media/shared/photo.jpg", pf.jpeg())
    project.path(CASE_MEDIA).mkdir(parents=True)
    os.symlink("../shared/photo.jpg", project.path(f"{CASE_MEDIA}/photo.jpg"))
    add_images(project, ["photo.jpg"])
    assert project.headlines() == []


def test_missing_file_names_the_files_that_are_there(project):
    project.write(f"{CASE_MEDIA}/harvest.jpg", pf.jpeg())
    add_images(project, ["harvest.jpeg"])
    [problem] = project.diagnostics()
    assert headline(problem) == (f"{at(0)}: error[missing-image]: images[0].file: {CASE_MEDIA}/harvest.jpeg not found")
    assert problem.hint == f"files in {CASE_MEDIA}/: harvest.jpg"


# -- what the bytes are ---------------------------------------------------------------------


def test_png_named_jpg_is_a_warning_and_published_as_png(project):
    project.write(f"{CASE_MEDIA}/photo.jpg", pf.png())
    add_images(project, ["photo.jpg"])
    [problem] = project.diagnostics()
    assert headline(problem) == (
        f"{at(0)}: warning[image-type-mismatch]: images[0].file: 'photo.jpg' is a PNG file, but its name says JPEG"
    )
    assert problem.hint == "rename it to photo.png"
    collection, _ = collection_of(project)
    assert [m.format for m in collection.media.values()] == ["PNG"]


@pytest.mark.parametrize(
    "data, found",
    [
        (b"GIF89a" + b"\x00" * 40, "a GIF file"),
        (b"%PDF-1.7\n" + b"\x00" * 40, "a PDF file"),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40, "a HEIC file"),
        (b"just some text, not a picture", "not a picture Casebook can read"),
    ],
)
def test_other_types_are_not_images_whatever_their_name(project, data, found):
    project.write(f"{CASE_MEDIA}/photo.jpg", data)
    add_images(project, ["photo.jpg"])
    assert project.headlines() == [
        f"{at(0)}: error[not-an-image]: images[0].file: {CASE_MEDIA}/photo.jpg is {found}; "
        "only JPEG, PNG and WebP are accepted"
    ]


def test_decompression_bomb_is_refused_from_its_header(project):
    data = pf.bomb(100_000, 100_000)
    assert len(data) < 200
    project.write(f"{CASE_MEDIA}/bomb.png", data)
    add_images(project, ["bomb.png"])
    assert project.headlines() == [
        f"{at(0)}: error[image-too-many-pixels]: images[0].file: {CASE_MEDIA}/bomb.png declares more than 50 megapixels"
    ]


def test_bomb_beyond_pillows_own_limit_is_the_same_clean_error(project):
    project.replace("casebook.yml", "content_dir: content\n", "content_dir: content\nimages: {max_megapixels: 1}\n")
    project.write(f"{CASE_MEDIA}/bomb.png", pf.bomb(3000, 3000))  # 9 MP: Pillow itself refuses above 2 MP
    add_images(project, ["bomb.png"])
    assert project.headlines() == [
        f"{at(0)}: error[image-too-many-pixels]: images[0].file: {CASE_MEDIA}/bomb.png declares more than 1 megapixels"
    ]


def test_truncated_jpeg_is_a_clean_error(project):
    project.write(f"{CASE_MEDIA}/cut.jpg", pf.truncated())
    add_images(project, ["cut.jpg"])
    assert project.headlines() == [
        f"{at(0)}: error[truncated-image]: images[0].file: {CASE_MEDIA}/cut.jpg is cut short: "
        "the picture's data ends too early"
    ]


def test_truncated_png_is_a_clean_error(project):
    data = pf.png()
    project.write(f"{CASE_MEDIA}/cut.png", data[: len(data) * 2 // 3])
    add_images(project, ["cut.png"])
    assert [d.code for d in project.diagnostics()] == ["truncated-image"]


def test_garbage_after_a_valid_header_is_unreadable_not_a_crash(project):
    data = bytearray(pf.jpeg())
    data[200:] = b"\xff" * (len(data) - 200)
    project.write(f"{CASE_MEDIA}/broken.jpg", bytes(data))
    add_images(project, ["broken.jpg"])
    assert [d.code for d in project.diagnostics()] in (["unreadable-image"], ["truncated-image"])


def test_file_over_the_byte_limit_is_refused_before_reading(project):
    project.replace("casebook.yml", "content_dir: content\n", "content_dir: content\nimages: {max_megabytes: 0.01}\n")
    project.write(f"{CASE_MEDIA}/big.jpg", pf.jpeg(pf.picture(800, 600)))
    add_images(project, ["big.jpg"])
    [problem] = project.diagnostics()
    assert problem.code == "image-too-large"
    assert problem.message.endswith("the limit is 0.01 MB")


def test_consent_is_required_for_identifiable_people(project):
    project.write(f"{CASE_MEDIA}/people.jpg", pf.jpeg())
    add_images(project, ["people.jpg"], people="true")
    assert project.headlines() == [
        f"{CASE}:43:26: error[missing-consent]: images[0].identifiable_people: "
        "a picture of identifiable people needs a `consent` statement"
    ]


def test_alt_text_is_required_in_every_language_of_a_published_record(project):
    project.write(f"{CASE_MEDIA}/photo.jpg", pf.jpeg())
    add_images(project, ["photo.jpg"])
    project.replace(CASE, "alt: {zh-TW: 合成測試圖片, en: A synthetic test picture}", "alt: {zh-TW: 合成測試圖片}")
    assert project.headlines() == [f"{CASE}:40:10: error[missing-translation]: images[0].alt: no text in 'en'"]


def test_every_problem_in_one_run_each_at_its_file_value(project):
    project.write(f"{CASE_MEDIA}/cut.jpg", pf.truncated())
    project.write(f"{CASE_MEDIA}/photo.jpg", pf.png())
    add_images(project, ["cut.jpg", "../x.jpg", "photo.jpg", "gone.jpg"])
    assert [h.split(": ")[0] + " " + h.split("[")[1].split("]")[0] for h in project.headlines()] == [
        f"{at(0)} truncated-image",
        f"{at(1)} unsafe-path",
        f"{at(2)} image-type-mismatch",
        f"{at(3)} missing-image",
    ]


# -- the cache of checks ----------------------------------------------------------------------


def test_an_unchanged_file_is_not_opened_again(project, monkeypatch):
    project.write(f"{CASE_MEDIA}/photo.jpg", pf.with_gps())
    add_images(project, ["photo.jpg"])
    assert project.diagnostics() == []
    opened = []
    import PIL.Image

    real_open = PIL.Image.open
    monkeypatch.setattr(PIL.Image, "open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    assert project.diagnostics() == []
    assert opened == []
    project.write(f"{CASE_MEDIA}/photo.jpg", pf.jpeg(pf.picture(320, 240, seed=3)))
    assert project.diagnostics() == []
    assert len(opened) == 1


def test_a_bad_file_stays_reported_when_its_check_is_cached(project):
    project.write(f"{CASE_MEDIA}/cut.jpg", pf.truncated())
    add_images(project, ["cut.jpg"])
    first = project.headlines()
    assert first == project.headlines()


def test_validate_cli_prints_the_position_and_exits_1(project):
    project.write(f"{CASE_MEDIA}/bomb.png", pf.bomb())
    add_images(project, ["bomb.png"])
    result = project.run_cli("validate")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{at(0)}: error[image-too-many-pixels]: images[0].file: ")
    assert "Traceback" not in result.stderr


def test_checks_of_files_no_record_names_are_forgotten(project):
    import json

    project.write(f"{CASE_MEDIA}/a.jpg", pf.jpeg(pf.picture(100, 80, seed=1)))
    project.write(f"{CASE_MEDIA}/b.jpg", pf.jpeg(pf.picture(100, 80, seed=2)))
    pf.add_images(project, ["a.jpg", "b.jpg"])
    project.diagnostics()
    manifest = project.path(".cache/casebook/images/manifest.json")
    assert len(json.loads(manifest.read_text(encoding="utf-8"))["probes"]) == 2
    project.replace(CASE, "  - file: b.jpg\n", "  - file: a.jpg\n")
    project.diagnostics()
    assert len(json.loads(manifest.read_text(encoding="utf-8"))["probes"]) == 1
