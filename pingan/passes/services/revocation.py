"""Appending to the revocation list (versions handed out under one row lock, see the model)."""

from django.db import transaction

from pingan.passes.models import RevocationCounter, RevocationEntry


@transaction.atomic
def revocation_append(
    *, rid: bytes, code_type: str, min_seq: int, reason: str, actor=None
) -> RevocationEntry | None:
    """Codes of this holder and type with a seq below `min_seq` stop verifying. Nothing is
    appended when the list already says as much (a renewal that kept the seq)."""
    counter, _created = RevocationCounter.objects.get_or_create(pk=1)
    counter = RevocationCounter.objects.select_for_update().get(pk=1)
    latest = (
        RevocationEntry.objects.filter(rid=rid.hex(), code_type=code_type)
        .order_by("-min_seq")
        .values_list("min_seq", flat=True)
        .first()
    )
    if latest is not None and latest >= min_seq:
        return None
    counter.value += 1
    counter.save(update_fields=["value"])
    return RevocationEntry.objects.create(
        version=counter.value,
        rid=rid.hex(),
        code_type=code_type,
        min_seq=min_seq,
        reason=reason,
        actor=actor,
    )
