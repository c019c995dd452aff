"""Checking uploaded photos by what they contain, not by the name or type the browser claims.

Pillow parses the file (only its JPEG, PNG and WebP readers run, see pingan/core/uploads.py):
a page or script renamed to .jpg, or bytes that merely start like an image, are refused.
"""

import secrets
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pingan.cases.models import CasePhoto
from pingan.core.errors import DomainError
from pingan.core.uploads import image_type, without_metadata


@dataclass(frozen=True)
class CheckedPhoto:
    upload: object
    content_type: str
    extension: str
    size: int


def check_photos(uploads, *, already: int = 0) -> list[CheckedPhoto]:
    """Validate every upload before anything is stored: JPEG, PNG or WebP, each ≤ 5 MB, at
    most 6 per case counting those it already has. Raises DomainError naming the problem."""
    uploads = [u for u in (uploads or ()) if u is not None]
    if already + len(uploads) > CasePhoto.MAX_PER_CASE:
        raise DomainError(
            "too_many_photos",
            _("每个工单最多 %(n)s 张照片") % {"n": CasePhoto.MAX_PER_CASE},
            status=422,
        )
    checked = []
    for upload in uploads:
        size = getattr(upload, "size", None)
        if size is None:
            raise DomainError("invalid_photo", _("无法读取上传的照片"), status=422)
        if size > CasePhoto.MAX_BYTES:
            raise DomainError(
                "photo_too_large",
                _("照片「%(name)s」超过 5 MB") % {"name": getattr(upload, "name", "")},
                status=422,
            )
        sniffed = image_type(upload) if size else None
        clean = without_metadata(upload, sniffed[1]) if sniffed else None
        if clean is None:
            raise DomainError(
                "invalid_photo_type",
                _("「%(name)s」不是 JPEG、PNG 或 WebP 图片")
                % {"name": getattr(upload, "name", "")},
                status=422,
            )
        checked.append(CheckedPhoto(clean, sniffed[0], sniffed[1], clean.size))
    return checked


def stored_name(photo: CheckedPhoto) -> str:
    return f"{secrets.token_hex(12)}.{photo.extension}"
