"""Photos lose their metadata before they are stored: no GPS position, time or device in a
case photo, a hazard photo, an activity photo or a scanned pledge sheet; a photo taken upright
stays upright."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from pingan.cases.photos import check_photos
from pingan.core.uploads import without_metadata
from pingan.pledges.sheets import check_sheet
from pingan.safety.photos import check_photos as check_activity_photos

GPS_IFD = 0x8825
ORIENTATION = 0x0112
# What Pillow reports about any image (density, animation), not about the photo or its taker.
HARMLESS = {"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "loop", "background"}
HARMLESS |= {"duration", "timestamp"}
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>GPSLatitude 30.63</rdf:RDF></x:xmpmeta>'


def _exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (30.0, 37.0, 48.0), 3: "E", 4: (120.0, 33.0, 0.0)})
    return exif


def _photo(fmt: str, *, size=(40, 20), orientation: int = 1) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if fmt == "PNG":
        info = PngInfo()
        info.add_text("Location", "桐乡市梧桐街道庆丰社区3幢")
        image.save(out, "PNG", pnginfo=info, exif=_exif(orientation))
    else:
        image.save(out, fmt, exif=_exif(orientation), xmp=XMP)
    return out.getvalue()


def _upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _metadata(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        exif = image.getexif()
        return {
            "exif": dict(exif),
            "gps": dict(exif.get_ifd(GPS_IFD)),
            "info": {k: v for k, v in image.info.items() if k not in HARMLESS},
            "size": image.size,
        }


@pytest.mark.parametrize(("fmt", "ext"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_exif_gps_xmp_and_text_are_gone(fmt, ext):
    original = _photo(fmt)
    before = _metadata(original)
    assert before["gps"] and before["exif"]  # the fixture does carry them

    clean = without_metadata(_upload(original, f"p.{ext}"), ext)

    data = clean.read()
    after = _metadata(data)
    assert after["exif"] == {} and after["gps"] == {}
    assert after["info"] == {}
    assert b"PhoneMaker" not in data and b"GPSLatitude" not in data
    assert "庆丰社区".encode() not in data
    assert after["size"] == (40, 20)


def test_a_sideways_phone_photo_is_turned_upright():
    # Orientation 6: the sensor's picture must be turned 90° clockwise to be seen upright.
    clean = without_metadata(_upload(_photo("JPEG", size=(40, 20), orientation=6), "p.jpg"), "jpg")
    assert _metadata(clean.read())["size"] == (20, 40)


def test_every_photo_surface_stores_the_clean_image():
    jpeg = _photo("JPEG")
    for checked in (
        check_photos([_upload(jpeg, "case.jpg")])[0],
        check_activity_photos([_upload(jpeg, "activity.jpg")])[0],
        check_sheet(_upload(jpeg, "sheet.jpg")),
    ):
        stored = checked.upload.read()
        assert checked.size == len(stored)
        assert _metadata(stored)["gps"] == {}
        assert b"PhoneMaker" not in stored


def test_a_truncated_image_is_refused_not_a_server_error():
    jpeg = _photo("JPEG", size=(400, 300))
    assert without_metadata(_upload(jpeg[: len(jpeg) // 2], "cut.jpg"), "jpg") is None
