"""Uploaded files: what they are is decided by their content, and they go back out inert.

Every app that takes a file (photos of cases, hazards and Safety Day activities, scanned pledge
sheets, Excel lists and imports) asks this module what the bytes are. The name and the type the
browser sends are never trusted: a page saved as "photo.jpg" must not be stored, and a stored file
must never be rendered by a browser as anything but what we checked it to be.
"""

import io
import struct
import zipfile

from django.core.files.base import ContentFile
from django.http import FileResponse
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow names the format it parsed; only these three are accepted, and only their parsers run.
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
# A phone photo is at most ~50 megapixels; beyond that the header is lying or it is a pixel bomb.
MAX_IMAGE_PIXELS = 50_000_000
PDF_TYPE = ("application/pdf", "pdf")
# A PDF ends with %%EOF, possibly followed by a line end or a little padding.
PDF_TAIL = 1024
# An .xlsx unpacks to many times its size; a zip bomb of a few KB would unpack to gigabytes.
MAX_XLSX_UNPACKED = 100 * 1024 * 1024
MAX_XLSX_MEMBERS = 2000
XLSX_REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")

# Pillow reports a broken or hostile file with any of these, depending on the format.
PILLOW_REFUSALS = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    TypeError,
    struct.error,
)

# The answer to a direct request for a stored file: nothing in it may run, whatever it holds.
FILE_CSP = "default-src 'none'; sandbox"


def image_type(upload) -> tuple[str, str] | None:
    """(content type, extension) of a JPEG, PNG or WebP whose structure Pillow accepts, else
    None. Reads the whole file from the start and leaves it at the start."""
    upload.seek(0)
    try:
        with Image.open(upload, formats=list(IMAGE_FORMATS)) as image:
            kind = IMAGE_FORMATS.get(image.format)
            if kind is None or image.width * image.height > MAX_IMAGE_PIXELS:
                return None
            image.verify()
    except PILLOW_REFUSALS:
        return None
    finally:
        upload.seek(0)
    return kind


def without_metadata(upload, extension: str) -> ContentFile | None:
    """The image of an upload that image_type() accepted, without its metadata.

    A phone photo carries EXIF: where it was taken (GPS), when, and with which device; a
    resident's photo of a noisy building site would otherwise publish where they live to
    everyone who may open the case. The pixels are written anew by Pillow with nothing but
    the image (and its ICC colour profile, so colours stay true); the EXIF orientation is
    applied to the pixels first, so a photo taken upright stays upright. JPEG and WebP are
    re-encoded at quality 90 (visually the same; a phone's own quality is 85–95). None when
    the pixels cannot be decoded after all (a file whose structure verified but whose data is
    cut short)."""
    upload.seek(0)
    try:
        with Image.open(upload, formats=list(IMAGE_FORMATS)) as original:
            icc_profile = original.info.get("icc_profile")
            image = ImageOps.exif_transpose(original)
            if extension == "jpg" and image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
            options = {"icc_profile": icc_profile} if icc_profile else {}
            if extension in ("jpg", "webp"):
                options["quality"] = 90
            out = io.BytesIO()
            image.save(
                out, format={"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[extension], **options
            )
    except PILLOW_REFUSALS:
        return None
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue(), name=f"image.{extension}")


def is_pdf(upload, size: int) -> bool:
    """A PDF by its header and its end-of-file marker (a page that starts "%PDF-" and goes on as
    HTML is not one). Leaves the file at the start."""
    if size < 16:
        return False
    upload.seek(0)
    head = upload.read(5)
    upload.seek(max(0, size - PDF_TAIL))
    tail = upload.read(PDF_TAIL)
    upload.seek(0)
    return head == b"%PDF-" and b"%%EOF" in tail


def xlsx_problem(content: bytes) -> str | None:
    """None for a well-formed .xlsx package that is safe to hand to openpyxl, else a short
    English reason (for logs and tests; callers show their own message)."""
    if not content.startswith(b"PK\x03\x04"):
        return "not a zip archive"
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return "damaged zip archive"
    if len(members) > MAX_XLSX_MEMBERS:
        return "too many parts"
    names = {member.filename for member in members}
    if not all(required in names for required in XLSX_REQUIRED):
        return "not an Excel workbook"
    if any(member.flag_bits & 0x1 for member in members):
        return "encrypted parts"
    if sum(member.file_size for member in members) > MAX_XLSX_UNPACKED:
        return "unpacks too large"
    return None


def file_response(
    file, *, content_type: str, download_name: str, cache_seconds: int = 0
) -> FileResponse:
    """Serve a stored upload: with the type we checked, never sniffed, never run as a page.
    Images open inline; anything else (PDF) is downloaded rather than rendered in our origin."""
    inline = content_type.startswith("image/")
    response = FileResponse(
        file, content_type=content_type, as_attachment=not inline, filename=download_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = (
        f"private, max-age={cache_seconds}" if cache_seconds else "private, no-store"
    )
    return response
