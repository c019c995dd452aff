"""Activity photos: checked by content like the photos of a case (JPEG, PNG or WebP as parsed by
Pillow, each ≤ 5 MB, at most 6 per report), before anything is stored."""

import secrets
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.uploads import image_type, without_metadata
from pingan.safety.models import ActivityPhoto


@dataclass(frozen=True)
class CheckedPhoto:
    upload: object
    content_type: str
    extension: str
    size: int


def check_photos(uploads) -> list[CheckedPhoto]:
    uploads = [u for u in (uploads or ()) if u is not None]
    if len(uploads) > ActivityPhoto.MAX_PER_ACTIVITY:
        raise DomainError(
            "too_many_photos",
            _("每份活动报告最多 %(n)s 张照片") % {"n": ActivityPhoto.MAX_PER_ACTIVITY},
            status=422,
        )
    checked = []
    for upload in uploads:
        name = getattr(upload, "name", "")
        size = getattr(upload, "size", None)
        if size is None:
            raise DomainError("invalid_photo", _("无法读取上传的照片"), status=422)
        if size > ActivityPhoto.MAX_BYTES:
            raise DomainError(
                "photo_too_large", _("照片「%(name)s」超过 5 MB") % {"name": name}, status=422
            )
        sniffed = image_type(upload) if size else None
        clean = without_metadata(upload, sniffed[1]) if sniffed else None
        if clean is None:
            raise DomainError(
                "invalid_photo_type",
                _("「%(name)s」不是 JPEG、PNG 或 WebP 图片") % {"name": name},
                status=422,
            )
        checked.append(CheckedPhoto(clean, sniffed[0], sniffed[1], clean.size))
    return checked


def stored_name(photo: CheckedPhoto) -> str:
    return f"{secrets.token_hex(12)}.{photo.extension}"
