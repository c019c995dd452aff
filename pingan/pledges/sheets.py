"""Checking a scanned signature sheet by its content, not the name or type the browser claims.

Hand-written for the same reason as pingan/cases/photos.py: three magic-byte comparisons, where
an imaging library would decode the whole file to answer the same question.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError

SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"%PDF-", "application/pdf", "pdf"),
)
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
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for magic, content_type, extension in SIGNATURES:
        if size and head.startswith(magic):
            return CheckedSheet(upload, content_type, extension, size)
    raise DomainError(
        "sheet_type",
        _("文件「%(name)s」不是 JPEG、PNG 图片或 PDF 文件") % {"name": name},
        status=422,
    )
