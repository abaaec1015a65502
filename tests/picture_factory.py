"""Synthetic pictures for tests: every one made here, none taken from anywhere.

Each helper returns bytes the way a contributor's camera or editor would
write them: with GPS EXIF, rotated by EXIF orientation, CMYK, a decompression
bomb (huge declared size, tiny file), truncated, or a PNG under a .jpg name.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image, ImageCms, ImageDraw

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="23,34.2N"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def picture(width: int = 640, height: int = 480, seed: int = 0, mode: str = "RGB") -> Image.Image:
    """A deterministic test picture: a gradient with shapes, different for each seed."""
    image = Image.linear_gradient("L").resize((width, height))
    image = Image.merge(
        "RGB",
        (image, image.transpose(Image.Transpose.FLIP_LEFT_RIGHT), Image.new("L", (width, height), (seed * 53) % 256)),
    )
    draw = ImageDraw.Draw(image)
    for i in range(6):
        x, y = (seed * 37 + i * width // 6) % width, (i * height // 5) % height
        draw.ellipse((x, y, x + width // 5, y + height // 5), fill=((i * 40) % 256, 200 - i * 20, seed % 256))
    # A marker in the top-left corner, to check which way up a derivative is.
    draw.rectangle((0, 0, width // 8, height // 8), fill=(255, 0, 0))
    return image.convert(mode) if mode != "RGB" else image


def gps_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Synthetic"
    exif[ExifTags.Base.Model] = "Test camera"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (23.0, 34.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (120.0, 18.0, 3.25)
    return exif


def jpeg(
    image: Image.Image | None = None,
    *,
    exif: Image.Exif | None = None,
    xmp: bytes | None = None,
    icc: bytes | None = None,
    quality: int = 90,
) -> bytes:
    image = image if image is not None else picture()
    options: dict = {"quality": quality}
    if exif is not None:
        options["exif"] = exif
    if xmp is not None:
        options["xmp"] = xmp
    if icc is not None:
        options["icc_profile"] = icc
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def png(image: Image.Image | None = None) -> bytes:
    buffer = io.BytesIO()
    (image if image is not None else picture()).save(buffer, "PNG")
    return buffer.getvalue()


def webp(image: Image.Image | None = None) -> bytes:
    buffer = io.BytesIO()
    (image if image is not None else picture()).save(buffer, "WEBP", quality=80)
    return buffer.getvalue()


def with_gps(width: int = 640, height: int = 480) -> bytes:
    """A photo with GPS coordinates in its EXIF, XMP and an sRGB ICC profile: all must go."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return jpeg(picture(width, height), exif=gps_exif(), xmp=XMP, icc=srgb)


def rotated(width: int = 640, height: int = 480) -> bytes:
    """Stored landscape, shown portrait: EXIF orientation 6 (turn 90 degrees clockwise)."""
    return jpeg(picture(width, height), exif=gps_exif(orientation=6))


def cmyk(width: int = 400, height: int = 300) -> bytes:
    return jpeg(picture(width, height, mode="CMYK"))


def transparent(width: int = 300, height: int = 200) -> bytes:
    image = picture(width, height).convert("RGBA")
    image.putalpha(Image.linear_gradient("L").resize((width, height)))
    return png(image)


def bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG whose header declares width x height pixels, with almost no data behind it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def truncated(width: int = 640, height: int = 480) -> bytes:
    data = jpeg(picture(width, height))
    return data[: len(data) // 2]


def add_images(
    project, files: list[str], record: str = "content/cases/example-case.yml", people: str = "false"
) -> None:
    """Append an `images:` list naming these files to a record of the fixture project (5 lines each)."""
    entries = "".join(
        f"  - file: {name}\n"
        "    alt: {zh-TW: 合成測試圖片, en: A synthetic test picture}\n"
        "    credit: {zh-TW: 測試, en: Tests}\n"
        "    licence: CC0 1.0\n"
        f"    identifiable_people: {people}\n"
        for name in files
    )
    project.write(record, project.read(record) + "images:\n" + entries)


METADATA_MARKERS = (b"Exif\x00\x00", b"GPS", b"xmpmeta", b"ICC_PROFILE", b"EXIF", b"XMP ")


def metadata_left(data: bytes) -> list[str]:
    """What metadata a picture file still holds: [] for a clean derivative."""
    image = Image.open(io.BytesIO(data))
    image.load()
    found = sorted({"exif", "xmp", "icc_profile", "XML:com.adobe.xmp", "comment"} & set(image.info))
    if dict(image.getexif()):
        found.append("exif tags")
    found += [marker.decode("latin-1") for marker in METADATA_MARKERS if marker in data]
    return found
