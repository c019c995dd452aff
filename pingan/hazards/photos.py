"""Hazard photos: the same content checks as work-order photos (JPEG, PNG or WebP as parsed by
Pillow, each ≤ 5 MB, see pingan/cases/photos.py), with the hazard's own limit on how many."""

from django.utils.translation import gettext_lazy as _

from pingan.cases import photos as case_photos
from pingan.core.errors import DomainError
from pingan.hazards.models import HazardPhoto


def check_photos(uploads, *, already: int = 0) -> list:
    """Validate every upload before anything is stored; DomainError names the problem."""
    uploads = [u for u in (uploads or ()) if u is not None]
    if already + len(uploads) > HazardPhoto.MAX_PER_HAZARD:
        raise DomainError(
            "too_many_photos",
            _("每条隐患最多 %(n)s 张照片") % {"n": HazardPhoto.MAX_PER_HAZARD},
            status=422,
        )
    # Counted above; one upload per call so the shared checker's per-case count never applies.
    return [photo for upload in uploads for photo in case_photos.check_photos([upload])]


def store(hazard, checked, *, stage: str, actor, now) -> list[HazardPhoto]:
    stored = []
    for photo in checked:
        row = HazardPhoto(
            hazard=hazard,
            stage=stage,
            stored_name=case_photos.stored_name(photo),
            content_type=photo.content_type,
            size=photo.size,
            uploaded_by=actor,
            created_at=now,
        )
        row.file.save(row.stored_name, photo.upload, save=False)
        row.save()
        stored.append(row)
    return stored
