"""Writes of the notify app: queue a message, retry a failed one, register an opt-out.

sms_enqueue is called by other apps' services inside their own transaction, so the message is
committed (or rolled back) with the change that causes it. See delivery.py for how it is sent.
"""

import uuid
from collections import Counter
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import audit
from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for
from pingan.core.masking import mask_phone
from pingan.core.pii import is_mobile, normalize_phone
from pingan.notify import templates
from pingan.notify.delivery import NOT_MOBILE_REASON, OPTED_OUT_REASON, count_on_batches
from pingan.notify.models import OptOut, OutboxMessage


def sms_enqueue(
    *,
    phone: str,
    template: str,
    context: dict,
    related: models.Model | None = None,
    idempotency_key: str | None = None,
) -> OutboxMessage | None:
    """Queue an SMS in the caller's transaction; it is sent after the commit.

    Returns None for an empty phone (many records have none), the existing message when
    `idempotency_key` was used before, else the new message: `cancelled` at once when the
    number opted out or is a landline. Raises DomainError for a malformed phone, an unknown
    template or a missing placeholder, and then writes nothing.
    """
    if not (phone or "").strip():
        return None
    number = normalize_phone(phone)
    if idempotency_key is not None:
        idempotency_key = idempotency_key.strip()
        if not idempotency_key or len(idempotency_key) > 200:
            raise DomainError("invalid_idempotency_key", _("幂等键须为 1 至 200 个字符"))
        existing = OutboxMessage.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    body = templates.render(template, context)
    phone_index = blind_index_for("phone", number)
    # A landline is a valid contact number for a case but cannot take an SMS: the message is
    # kept, cancelled with the reason, rather than failing the caller's business change.
    if not is_mobile(number):
        cancel_reason = NOT_MOBILE_REASON
    elif OptOut.objects.filter(phone_index=phone_index).exists():
        cancel_reason = OPTED_OUT_REASON
    else:
        cancel_reason = ""
    message = OutboxMessage(
        phone=number,
        body=body,
        template_code=template,
        idempotency_key=idempotency_key or f"sms-{uuid.uuid4().hex}",
        status=OutboxMessage.CANCELLED if cancel_reason else OutboxMessage.PENDING,
        last_error=cancel_reason,
    )
    if related is not None:
        message.content_type = ContentType.objects.get_for_model(related)
        message.object_id = str(related.pk)
    try:
        # A savepoint, so a concurrent insert of the same key leaves the caller's transaction
        # usable; that insert's row is then the answer.
        with transaction.atomic():
            message.save()
    except IntegrityError:
        if idempotency_key is None:
            raise
        return OutboxMessage.objects.get(idempotency_key=idempotency_key)
    if not cancel_reason:
        _deliver_after_commit(message.pk)
    return message


def outbox_retry(*, message: OutboxMessage, actor) -> OutboxMessage:
    """Send a failed message again: a fresh round of attempts, with the same idempotency key
    (so a gateway that did take an earlier attempt still sends it only once)."""
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if not locked.can_retry():
            raise DomainError(
                "invalid_transition",
                _("当前状态（%(status)s）不能重新发送") % {"status": locked.get_status_display()},
                status=409,
            )
        old_status = locked.status
        locked.status = OutboxMessage.PENDING
        locked.attempts = 0
        locked.next_attempt_at = timezone.now()
        locked.claimed_at = None
        locked.save(update_fields=["status", "attempts", "next_attempt_at", "claimed_at"])
        if locked.batch_id:
            count_on_batches(Counter({locked.batch_id: 1}), OutboxMessage.FAILED, step=-1)
        audit.record(
            "update",
            locked,
            actor=actor,
            changes={"status": [old_status, locked.status]},
            reason="retry",
        )
        _deliver_after_commit(locked.pk)
    return locked


def opt_out(*, phone: str, source: str) -> OptOut:
    """Stop messages to `phone` (idempotent). Queued messages to it are cancelled when the
    worker reaches them."""
    number = normalize_phone(phone)
    if source not in OptOut.Source.values:
        raise DomainError("invalid_source", _("退订来源不正确"))
    phone_index = blind_index_for("phone", number)
    existing = OptOut.objects.filter(phone_index=phone_index).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return OptOut.objects.create(
                phone_index=phone_index, phone_masked=mask_phone(number), source=source
            )
    except IntegrityError:
        return OptOut.objects.get(phone_index=phone_index)


def _deliver_after_commit(message_id: int) -> None:
    # robust: the business change is already committed when this runs; failing to write the
    # task row must not turn that into an error, since the sweep delivers the message anyway.
    transaction.on_commit(partial(_enqueue_delivery, message_id), robust=True)


def _enqueue_delivery(message_id: int) -> None:
    from pingan.notify.tasks import deliver_message

    deliver_message.enqueue(message_id)
