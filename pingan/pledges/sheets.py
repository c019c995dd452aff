"""Checking a scanned signature sheet by its content, not the name or type the browser claims.

Images are parsed by Pillow and a PDF needs its header and end-of-file marker (see
pingan/core/uploads.py): a page or script renamed to .jpg or .pdf is refused.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pingan.core import uploads
from pingan.core.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class CheckedSheet:
    upload: object
    content_type: str
    extension: str
    size: int


def check_sheet(upload) -> CheckedSheet:
    """A JPEG, PNG or PDF of at most 5 MB, else DomainError (422) naming the problem."""
    if upload is None:
        raise DomainError("sheet_required", _("纸质签署请上传签字页扫描件或手印照片"), status=422)
    name = getattr(upload, "name", "")
    size = getattr(upload, "size", None) or 0
    if size > MAX_BYTES:
        raise DomainError(
            "sheet_too_large", _("文件「%(name)s」超过 5 MB") % {"name": name}, status=422
        )
    kind = None
    if size:
        kind = uploads.PDF_TYPE if uploads.is_pdf(upload, size) else uploads.image_type(upload)
    # A WebP scan is not offered on the form; only the types the sheet page promises are kept.
    if kind is None or kind[1] not in {"jpg", "png", "pdf"}:
        raise DomainError(
            "sheet_type",
            _("文件「%(name)s」不是 JPEG、PNG 图片或 PDF 文件") % {"name": name},
            status=422,
        )
    if kind != uploads.PDF_TYPE:
        # A photographed sheet carries where and when it was taken; keep only the picture.
        upload = uploads.without_metadata(upload, kind[1])
        if upload is None:
            raise DomainError(
                "sheet_type", _("文件「%(name)s」无法读取") % {"name": name}, status=422
            )
        size = upload.size
    return CheckedSheet(upload, kind[0], kind[1], size)
